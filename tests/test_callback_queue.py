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


def test_held_number_is_replaced_on_correction_and_moved_into_the_request(queue):
    queue.hold_phone("c1", "+358401110001", now=NOW)
    queue.hold_phone("c1", "+358507654321", now=NOW)  # corrected
    assert queue.held_phone("c1") == "+358507654321" and queue.held_phone("c2") is None
    queue.submit("c1", queue.held_phone("c1"), "housing", "fi", DAY, "morning", now=NOW)
    assert queue.held_phone("c1") is None  # deleted in the commit that stored the request
    assert [r.phone for r in queue.open_requests()] == ["+358507654321"]


def test_held_number_is_deleted_when_the_form_is_dropped_or_abandoned(queue):
    queue.hold_phone("stopped", "+358401110001", now=NOW)
    queue.drop_phone("stopped")
    assert queue.held_phone("stopped") is None
    queue.hold_phone("abandoned", "+358401110002", now=NOW - timedelta(days=2))
    queue.hold_phone("open", "+358401110003", now=NOW - timedelta(hours=1))
    queue.purge(now=NOW)
    assert queue.held_phone("abandoned") is None
    assert queue.held_phone("open") == "+358401110003"  # a form still being filled


def test_held_number_of_a_conversation_with_an_open_request_is_deleted_too(queue):
    submit(queue, "c1")
    queue.hold_phone("c1", "+358401110004", now=NOW)
    assert not submit(queue, "c1").new
    assert queue.held_phone("c1") is None


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


def test_a_request_is_cancelled_in_its_conversation(queue):
    submitted = queue.submit("conv-c", "+358401110301", "housing", "fi", date(2026, 11, 24), "morning")
    assert queue.cancel_open("conv-c") == submitted.reference
    assert all(r.reference != submitted.reference for r in queue.open_requests())
    assert queue.cancel_open("conv-c") is None  # nothing open any more


def test_a_request_is_cancelled_by_its_reference_and_last_digits_only(queue):
    submitted = queue.submit("conv-d", "+358401110302", "housing", "fi", date(2026, 11, 24), "morning")
    assert not queue.cancel(submitted.reference, "0303")  # wrong digits
    assert not queue.cancel("K-AAAAAA", "0302")  # wrong code
    assert not queue.cancel(submitted.reference, "302")
    assert any(r.reference == submitted.reference for r in queue.open_requests())
    assert queue.cancel(submitted.reference.lower(), "0302")
    assert all(r.reference != submitted.reference for r in queue.open_requests())
    assert not queue.cancel(submitted.reference, "0302")  # already cancelled


def test_a_queue_made_before_cancelling_existed_gets_the_column(tmp_path):
    import sqlite3
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE callback_requests (id INTEGER PRIMARY KEY, reference VARCHAR(12) "
                   "UNIQUE NOT NULL, open_conversation VARCHAR(255) UNIQUE, phone VARCHAR(20) NOT NULL, "
                   "line VARCHAR(40) NOT NULL, language VARCHAR(2) NOT NULL, day DATE NOT NULL, "
                   "window VARCHAR(10) NOT NULL, created_at DATETIME NOT NULL, done_at DATETIME)")
    queue = CallbackQueue(f"sqlite:///{path}", 5, 30)
    submitted = queue.submit("conv-e", "+358401110303", "housing", "fi", date(2026, 11, 24), "morning")
    assert queue.cancel(submitted.reference, "0303")
