"""The tracker store writes every event without personal data, and so does
the event broker it streams to (bot/privacy/redacting_tracker_store.py)."""
import asyncio
import json
import sqlite3

import pytest
from rasa.core.brokers.broker import EventBroker
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.redacting_tracker_store import RedactingSQLTrackerStore, redacted

from tests.personal_samples import EMAIL, MESSAGE, PHONE, leaks


def test_user_message_text_parse_data_and_entities_are_redacted():
    user = UserUttered(MESSAGE, {"name": "share_personal_id"},
                       entities=[{"entity": "phone", "value": PHONE, "start": 25, "end": 37}],
                       metadata={"customData": {"email": EMAIL}})
    stored = redacted(user)
    assert stored.text == ("Hetu [henkilötunnus poistettu], soita [puhelinnumero poistettu] "
                           "tai [sähköposti poistettu], tili [tilinumero poistettu]. "
                           "Saanko asumistukea?")
    assert stored.parse_data["text"] == stored.text
    assert stored.entities[0]["value"] == "[puhelinnumero poistettu]"
    assert leaks(json.dumps(stored.as_dict(), ensure_ascii=False)) == []
    assert stored.intent_name == "share_personal_id"
    assert user.text == MESSAGE  # the live event (what the actions see) is untouched


def test_bot_messages_and_slot_values_are_redacted():
    # as Rasa builds it from an action's response: the response's variables in metadata
    bot = redacted(BotUttered("Selvä, korjasin numeroksi +358401234567.",
                              {"buttons": [{"title": EMAIL, "payload": "/affirm"}]},
                              {"utter_action": "utter_callback_phone_corrected",
                               "phone": "+358401234567"}))
    slot = redacted(SlotSet("callback_phone", PHONE))
    assert bot.text == "Selvä, korjasin numeroksi [puhelinnumero poistettu]."
    assert bot.data["buttons"][0] == {"title": "[sähköposti poistettu]", "payload": "/affirm"}
    assert bot.metadata == {"utter_action": "utter_callback_phone_corrected",
                            "phone": "[puhelinnumero poistettu]"}
    assert slot.value == "[puhelinnumero poistettu]"
    assert redacted(SlotSet("callback_phone_failures", 2)).value == 2


def test_events_without_personal_data_are_stored_as_they_are():
    for event in (UserUttered("soitin numeroon 020 692 201", {"name": "ask_phone_number"}),
                  BotUttered("Kela: 020 692 201"), SlotSet("callback_line", "housing"),
                  ActionExecuted("action_listen")):
        assert redacted(event) is event


class RecordingBroker(EventBroker):
    def __init__(self):
        self.published = []

    def publish(self, event):
        self.published.append(event)


@pytest.mark.parametrize("with_broker", [False, True])
def test_saved_conversation_and_broker_stream_hold_no_personal_data(tmp_path, with_broker):
    broker = RecordingBroker() if with_broker else None
    store = RedactingSQLTrackerStore(Domain.empty(), db=str(tmp_path / "tracker.db"),
                                     event_broker=broker)
    tracker = DialogueStateTracker.from_events("conversation-1", [
        ActionExecuted("action_listen"),
        UserUttered(MESSAGE, {"name": "inform"}),
        SlotSet("callback_phone", PHONE),
        BotUttered("Soitamme numeroon +358401234567"),
    ])
    asyncio.run(store.save(tracker))
    tracker.update(UserUttered(f"vielä {EMAIL}", {"name": "inform"}))  # a second turn
    asyncio.run(store.save(tracker))

    with sqlite3.connect(tmp_path / "tracker.db") as db:
        rows = [data for (data,) in db.execute("SELECT data FROM events ORDER BY id")]
    assert len(rows) == 5  # every event once, none lost or doubled
    assert leaks(" ".join(rows)) == []
    assert json.loads(rows[-1])["text"] == "vielä [sähköposti poistettu]"
    if with_broker:
        assert len(broker.published) == 5
        assert leaks(json.dumps(broker.published, ensure_ascii=False)) == []
    # the live tracker still holds what the user typed: only stored copies are redacted
    assert tracker.get_slot("callback_phone") == PHONE
