"""A form keeps the language it was asked in.

An answer typed inside a form ("suomeksi", "to 3.12. klo 12–16", "K-ABC234
4567") is not a wish to change the conversation's language, but the language
detector reads every message on its own. A form's validation puts the
language of the message before back, unless the user asked to switch
("puhu ruotsia") at a step where that is not itself the answer."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet


def language_before_latest_message(tracker: Tracker) -> Text:
    """The conversation's language before the user's latest message set it."""
    latest = max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=0)
    language = "fi"  # the slot's initial value
    for event in tracker.events[:latest]:
        if event.get("event") == "slot" and event.get("name") == "language" and event.get("value"):
            language = event["value"]
    return language


def kept_language(tracker: Tracker, switch_is_an_answer: bool = False) -> Optional[Dict[Text, Any]]:
    """The SlotSet that puts the form's language back, or None when it stands."""
    if not tracker.get_slot("requested_slot"):
        return None  # the form starts: the request's own language counts
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent == "switch_language" and not switch_is_an_answer:
        return None
    before = language_before_latest_message(tracker)
    return SlotSet("language", before) if tracker.get_slot("language") != before else None


def with_kept_language(events: List[Dict[Text, Any]], tracker: Tracker,
                       switch_is_an_answer: bool = False) -> List[Dict[Text, Any]]:
    kept = kept_language(tracker, switch_is_an_answer)
    return events + [kept] if kept else events
