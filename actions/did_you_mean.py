""""Did you mean ...?": when the likeliest answers are close (bot/components/
uncertain_answer.py), offer them as buttons with their short titles, plus
"something else"; a choice, pressed or typed ("the first", "2"), gets its answer."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import give
from common.content import answer_titles
from actions.rendering import render

MAX_OPTIONS = 3
# an option much less likely than the first is noise, not a candidate
MIN_SHARE_OF_FIRST = 0.2
SOMETHING_ELSE = "something_else"
ORDINALS = {
    1: ("1", "eka", "ensimm", "första", "forsta", "först"),
    2: ("2", "toka", "toinen", "toisen", "andra"),
    3: ("3", "kolma", "tredje"),
}
LAST = ("viimei", "sista")


def ranking_of(latest_message: Dict[str, Any]) -> List[Tuple[str, float]]:
    """The message's answers as (answer key, confidence), likeliest first."""
    selector = (latest_message.get("response_selector") or {}).get("faq") or {}
    return [(r["intent_response_key"].split("/", 1)[-1], r["confidence"])
            for r in selector.get("ranking") or []]


def candidates(latest_message: Dict[str, Any]) -> List[str]:
    """The likeliest answer keys of the message, when they are worth offering."""
    ranking = ranking_of(latest_message)
    if not ranking:
        return []
    first = ranking[0][1]
    keys = [key for key, confidence in ranking[:MAX_OPTIONS]
            if confidence >= first * MIN_SHARE_OF_FIRST]
    keys = [k for k in keys if k in answer_titles()]
    return keys if len(keys) >= 2 else []


def offer(dispatcher: CollectingDispatcher, domain: Dict[Text, Any], keys: List[str],
          language: str, question: str = "utter_did_you_mean") -> List[Dict[Text, Any]]:
    buttons = [{"title": answer_titles()[k][language],
                "payload": f'/choose_answer{{"answer_key": "{k}"}}'} for k in keys]
    buttons.append({"title": render(domain, "utter_something_else", language),
                    "payload": f'/choose_answer{{"answer_key": "{SOMETHING_ELSE}"}}'})
    dispatcher.utter_message(text=render(domain, question, language), buttons=buttons)
    return [SlotSet("offered_answers", keys)]


def typed_choice(text: str, offered: List[str]) -> Optional[str]:
    """"se ensimmäinen" / "den andra" / "2" -> the offered answer in that place."""
    lowered = (text or "").lower()
    if offered and any(word in lowered for word in LAST):
        return offered[-1]
    for place, words in ORDINALS.items():
        if place <= len(offered) and any(re.search(rf"(?<!\w){re.escape(w)}", lowered)
                                         for w in words):
            return offered[place - 1]
    return None


class ActionChooseAnswer(Action):
    def name(self) -> Text:
        return "action_choose_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        offered = tracker.get_slot("offered_answers") or []
        key = next(tracker.get_latest_entity_values("answer_key"), None) or typed_choice(
            tracker.latest_message.get("text", ""), offered)
        if key not in answer_titles():
            dispatcher.utter_message(response="utter_default")
            return [SlotSet("offered_answers", None)]
        return give(dispatcher, key)
