"""The call-back queue and the staff command, on a SQLite file per test."""
from datetime import date, datetime, timedelta, timezone

import pytest

from actions import callbacks
from actions.callback_queue import CallbackQueue, QueueFull

DAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def queue(tmp_path):
    return CallbackQueue(f"sqlite:///{tmp_path / 'callbacks.db'}", daily_capacity=2,
                         retention_days=30)


def submit(queue, conversation, line="housing"):
    return queue.submit(conversation, "+358401234567", line, "fi", DAY, "morning", now=NOW)


def test_request_is_stored_with_a_readable_reference(queue):
    first = submit(queue, "c1")
    assert first.new and first.reference.startswith("K-") and len(first.reference) == 8
    assert not set(first.reference[2:]) & set("01IO")
    [stored] = queue.open_requests()
    assert (stored.reference, stored.phone, stored.line, stored.window) == (
        first.reference, "+358401234567", "housing", "morning")


def test_submitting_twice_from_one_conversation_creates_one_request(queue):
    first, second = submit(queue, "c1"), submit(queue, "c1")
    assert not second.new and second.reference == first.reference
    assert len(queue.open_requests()) == 1


def test_full_line_refuses_and_other_lines_still_take_requests(queue):
    submit(queue, "c1"), submit(queue, "c2")
    with pytest.raises(QueueFull):
        submit(queue, "c3")
    assert submit(queue, "c3", line="students").new
    assert len(queue.open_requests()) == 3


def test_handled_requests_are_purged_after_the_retention_period(queue):
    old, recent = submit(queue, "c1"), submit(queue, "c2")
    assert queue.mark_done(old.reference, now=NOW - timedelta(days=31))
    assert queue.mark_done(recent.reference, now=NOW - timedelta(days=29))
    assert queue.purge(now=NOW) == 1
    assert queue.purge(now=NOW) == 0
    # a handled conversation may ask again
    assert submit(queue, "c1").new


def test_unknown_reference_is_not_marked(queue):
    assert not queue.mark_done("K-NOPE22")


def test_staff_command_lists_marks_and_purges(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEUVO_CALLBACK_DB_URL", f"sqlite:///{tmp_path / 'staff.db'}")
    queue = CallbackQueue(f"sqlite:///{tmp_path / 'staff.db'}", 40, 30)
    ref = submit(queue, "c1").reference
    assert callbacks.main(["list"]) == 0
    out = capsys.readouterr().out
    assert ref in out and "housing" in out and "1 open" in out
    assert callbacks.main(["done", ref.lower()]) == 0
    assert callbacks.main(["done", ref]) == 1  # already handled
    assert callbacks.main(["list"]) == 0 and "0 open" in capsys.readouterr().out
    assert callbacks.main(["purge"]) == 0
