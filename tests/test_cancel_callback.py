"""Cancelling a stored call-back request afterwards (issue 15), as units with
a tracker built here and a queue of the test's own."""
from datetime import date, timedelta

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import cancel_callback
from actions.callback_queue import CallbackQueue
from actions.cancel_callback import (ActionCancelCallbackRequest, ActionSubmitCancelCallback,
                                     ValidateCancelCallbackForm, details_in)

TOMORROW = date.today() + timedelta(days=1)


@pytest.fixture
def queue(tmp_path, monkeypatch):
    queue = CallbackQueue(f"sqlite:///{tmp_path / 'callbacks.db'}", 5, 30)
    monkeypatch.setattr(cancel_callback, "default_queue", lambda: queue)
    return queue


def tracker(sender, text, **slots):
    return Tracker(sender, slots, {"text": text, "intent": {"name": "cancel_callback"}}, [],
                   False, None, {}, None)


def said(dispatcher):
    return [(m.get("response"), m.get("reference")) for m in dispatcher.messages]


@pytest.mark.parametrize("text,expected", [
    ("K-ABC234 4567", ("K-ABC234", "4567")),
    ("tunnus k-abc234, numeron loppu 4567", ("K-ABC234", "4567")),
    ("4567 K-ABC234", ("K-ABC234", "4567")),
    ("KABC234 4567", ("K-ABC234", "4567")),
    ("K-ABC234", None),               # no digits
    ("peru soittopyyntöni", None),
    ("K-ABC234 040 123 4567", ("K-ABC234", "4567")),  # the whole number: its last four
])
def test_the_details_are_read_from_one_message(text, expected):
    assert details_in(text) == expected


def open_request(queue, sender, phone="+358401110401"):
    return queue.submit(sender, phone, "housing", "fi", TOMORROW, "morning").reference


def is_open(queue, reference):
    return any(r.reference == reference for r in queue.open_requests())


def test_in_the_same_conversation_it_is_cancelled_at_once(queue):
    reference = open_request(queue, "conv-1")
    dispatcher = CollectingDispatcher()
    events = ActionCancelCallbackRequest().run(dispatcher, tracker("conv-1", "peru soittopyyntöni"), {})
    assert said(dispatcher) == [("utter_callback_request_cancelled", reference)]
    assert events[-1]["value"] is False and not is_open(queue, reference)


def test_from_another_conversation_the_details_are_asked(queue):
    reference = open_request(queue, "conv-2", "+358401110402")
    dispatcher = CollectingDispatcher()
    events = ActionCancelCallbackRequest().run(dispatcher, tracker("other", "peru soittopyyntö"), {})
    assert events[-1]["value"] is True and dispatcher.messages == []  # the form asks
    form = ValidateCancelCallbackForm()
    check = CollectingDispatcher()
    assert form.validate_cancel_details("en muista", check, tracker("other", ""), {}) == {
        "cancel_details": None}
    assert said(check) == [("utter_cancel_details_unreadable", None)]
    typed = f"{reference} 0402"
    assert form.validate_cancel_details(typed, check, tracker("other", typed), {}) == {
        "cancel_details": typed}
    dispatcher = CollectingDispatcher()
    events = ActionSubmitCancelCallback().run(
        dispatcher, tracker("other", typed, cancel_details=typed), {})
    assert said(dispatcher) == [("utter_callback_request_cancelled", reference)]
    assert not is_open(queue, reference)
    assert {"event": "slot", "name": "cancel_details", "value": None, "timestamp": None} in events


@pytest.mark.parametrize("wrong", ["{reference} 0499", "K-ZZZZZZ 0403"])
def test_a_wrong_code_or_wrong_digits_cancel_nothing_and_say_the_same(queue, wrong):
    reference = open_request(queue, "conv-3", "+358401110403")
    text = wrong.format(reference=reference)
    dispatcher = CollectingDispatcher()
    ActionCancelCallbackRequest().run(dispatcher, tracker("other", text), {})
    assert said(dispatcher) == [("utter_callback_request_not_found", None)]
    assert is_open(queue, reference)
