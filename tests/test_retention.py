"""Deletion on schedule (actions/retention.py): one round on a real call-back
queue and a tracker database Rasa wrote, the scheduler with a fake sleep, the
action server starting and stopping it, and the CronJob's command."""
import asyncio
import logging
import socket
from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic
from sqlalchemy.orm import Session

from actions import retention, server
from actions.callback_queue import CallbackQueue, PendingPhone, default_queue

NOW = datetime.now(timezone.utc)
PHONE = "+358401234567"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """The settings pointed at this test's databases (never .env's or var/)."""
    urls = {"queue": f"sqlite:///{tmp_path / 'callbacks.db'}",
            "tracker": f"sqlite:///{tmp_path / 'tracker.db'}"}
    for name, value in {"NEUVO_CALLBACK_DB_URL": urls["queue"],
                        "NEUVO_TRACKER_DB_URL": urls["tracker"],
                        "NEUVO_CALLBACK_DAILY_CAPACITY": "40",
                        "NEUVO_CALLBACK_RETENTION_DAYS": "30",
                        "NEUVO_CONVERSATION_RETENTION_DAYS": "30",
                        "NEUVO_PURGE_INTERVAL_MINUTES": "60"}.items():
        monkeypatch.setenv(name, value)
    default_queue.cache_clear()
    retention.default_job.cache_clear()
    yield urls
    default_queue.cache_clear()
    retention.default_job.cache_clear()


@pytest.fixture
def queue(env):
    return CallbackQueue(env["queue"], daily_capacity=40, retention_days=30)


def handled_request(queue, conversation, done_ago):
    submitted = queue.submit(conversation, PHONE, "housing", "fi", date.today(), "morning",
                             now=NOW - done_ago)
    assert queue.mark_done(submitted.reference, now=NOW - done_ago)
    return submitted.reference


def write_conversation(tracker_db, sender, *ages):
    """A conversation saved by Rasa's own SQL tracker store, one message per age."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tracker_db))
    events = [UserUttered("hei", timestamp=(NOW - age).timestamp()) for age in ages]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    store.engine.dispose()


def events_by_sender(url):
    engine = sa.create_engine(url, future=True)
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id")).all()
    engine.dispose()
    return dict(rows)


def job(queue, tracker_url):
    return retention.RetentionJob(queue, sa.create_engine(tracker_url, future=True), 30)


def test_a_round_deletes_old_handled_requests_and_abandoned_numbers(queue, env):
    old = handled_request(queue, "c-old", timedelta(days=31))
    recent = handled_request(queue, "c-recent", timedelta(days=1))
    queue.hold_phone("abandoned", PHONE, now=NOW - timedelta(hours=25))
    queue.hold_phone("filling-in", PHONE, now=NOW - timedelta(minutes=5))

    deleted = job(queue, env["tracker"]).run(now=NOW)

    assert deleted.callback_requests == 1
    with Session(queue.engine) as session:
        references = set(session.scalars(sa.text("SELECT reference FROM callback_requests")))
        assert old not in references and recent in references
        assert [p.conversation for p in session.scalars(sa.select(PendingPhone))] == ["filling-in"]


def test_a_round_deletes_whole_conversations_idle_past_the_retention(queue, env, tmp_path):
    write_conversation(tmp_path / "tracker.db", "idle", timedelta(days=40), timedelta(days=31))
    # still in use: its first messages are old, but it keeps them all
    write_conversation(tmp_path / "tracker.db", "in-use", timedelta(days=45), timedelta(hours=1))

    deleted = job(queue, env["tracker"]).run(now=NOW)

    assert (deleted.conversations, deleted.events) == (1, 2)
    assert events_by_sender(env["tracker"]) == {"in-use": 2}
    assert job(queue, env["tracker"]).run(now=NOW).events == 0  # idempotent


def test_no_conversation_yet_deletes_nothing(queue, env, tmp_path):
    missing_file = tmp_path / "no-rasa-yet.db"
    assert job(queue, f"sqlite:///{missing_file}").run(now=NOW).conversations == 0
    assert not missing_file.exists()  # not created either
    sa.create_engine(env["tracker"]).connect().close()  # a database without `events`
    assert retention.delete_conversations(sa.create_engine(env["tracker"]), NOW) == (0, 0)


def test_scheduler_runs_a_round_every_interval_and_outlives_a_failed_one(caplog):
    rounds, sleeps = [], []

    def run_round():
        rounds.append(1)
        if len(rounds) == 2:
            raise sa.exc.OperationalError("DELETE FROM events", None, Exception("db down"))
        return retention.Deleted(1, 2, 5)

    async def scenario():
        parked = asyncio.Event()

        async def fake_sleep(seconds):
            sleeps.append(seconds)
            if len(sleeps) == 3:
                parked.set()
                await asyncio.Event().wait()  # until stop() cancels it

        task = retention.start(90, run_round, fake_sleep)
        waiting = asyncio.ensure_future(parked.wait())
        # a scheduler that died of the failed round ends the wait too, and the test
        await asyncio.wait({task, waiting}, return_when=asyncio.FIRST_COMPLETED)
        assert not task.done(), task.exception()
        # a bound only so a broken stop() fails instead of hanging
        await asyncio.wait_for(retention.stop(task), timeout=10)
        return task

    with caplog.at_level(logging.INFO, logger="actions.retention"):
        task = asyncio.run(scenario())

    assert task.cancelled() and len(rounds) == 3 and sleeps == [5400] * 3
    messages = [r.getMessage() for r in caplog.records]
    assert messages.count(
        "retention: 1 handled call-back requests, 2 conversations (5 events) deleted") == 2
    assert any(m.startswith("retention round failed") for m in messages)


def test_interval_0_starts_no_task():
    async def scenario():
        task = retention.start(0)
        await retention.stop(task)
        return task, asyncio.all_tasks()

    task, running = asyncio.run(scenario())
    assert task is None and len(running) == 1  # only the scenario itself


@pytest.mark.parametrize("interval, started", [("60", True), ("0", False)])
def test_action_server_starts_and_stops_the_scheduler(env, monkeypatch, interval, started):
    monkeypatch.setenv("NEUVO_PURGE_INTERVAL_MINUTES", interval)
    monkeypatch.setattr(Sanic, "test_mode", True)  # one Sanic app per test, same name
    app = server.build_app("")

    async def scenario():
        # a socket of its own: without one Sanic takes port 8000
        http = await app.create_server(sock=listening, return_asyncio_server=True)
        await http.startup()
        await http.after_start()
        task = app.ctx.retention
        await asyncio.wait_for(http.before_stop(), timeout=10)  # fails, not hangs, if broken
        await http.close()
        return task

    with socket.create_server(("127.0.0.1", 0)) as listening:
        task = asyncio.run(scenario())
    assert (task is not None) == started
    assert task is None or task.done()


def test_command_prints_what_it_deleted(queue, env, tmp_path, capsys):
    handled_request(queue, "c-old", timedelta(days=31))
    write_conversation(tmp_path / "tracker.db", "idle", timedelta(days=31), timedelta(days=31))

    assert retention.main([]) == 0

    assert capsys.readouterr().out == (
        "1 handled call-back requests, 1 conversations (2 events) deleted\n")
    assert events_by_sender(env["tracker"]) == {}
