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
from actions.other_kela_reply import tell_other_topic
from actions.phone_actions import language_of
from common.content import answer_titles, other_kela_topics
from common.other_kela import GENERAL, other_matter_option
from actions.rendering import render

MAX_OPTIONS = 3
# an option much less likely than the first is noise, not a candidate
MIN_SHARE_OF_FIRST = 0.2
SOMETHING_ELSE = "something_else"
# an offered Kela matter Neuvo does not cover: "other_kela:dental_care"
OTHER_KELA = "other_kela:"
ORDINALS = {
    1: ("1", "eka", "ensimm", "första", "forsta", "först"),
    2: ("2", "toka", "toinen", "toisen", "andra"),
    3: ("3", "kolma", "tredje"),
}
LAST = ("viimei", "jälkimm", "sista", "senare")


def ranking_of(latest_message: Dict[str, Any]) -> List[Tuple[str, float]]:
    """The message's answers as (answer key, confidence), likeliest first."""
    selector = (latest_message.get("response_selector") or {}).get("faq") or {}
    return [(r["intent_response_key"].split("/", 1)[-1], r["confidence"])
            for r in selector.get("ranking") or []]


def candidates(latest_message: Dict[str, Any]) -> List[str]:
    """The likeliest answer keys of the message, when they are worth offering,
    and last the Kela matter Neuvo does not cover that the message may be about
    (the one it names, or "another Kela matter"): with that option one answer
    is a choice too."""
    ranking = ranking_of(latest_message)
    if not ranking:
        return []
    other = other_matter_option(latest_message)
    first = ranking[0][1]
    keys = [key for key, confidence in ranking[:MAX_OPTIONS - bool(other)]
            if confidence >= first * MIN_SHARE_OF_FIRST]
    keys = [k for k in keys if k in answer_titles()]
    if other:
        keys.append(OTHER_KELA + other)
    return keys if len(keys) >= 2 else []


def title(key: str, language: str, domain: Dict[Text, Any]) -> str:
    """A button's title: the answer's short title, or the uncovered matter's name."""
    if key == OTHER_KELA + GENERAL:
        return render(domain, "utter_other_kela_option", language)
    if key.startswith(OTHER_KELA):
        name = other_kela_topics()[key[len(OTHER_KELA):]]["name"][language]
        return name[:1].upper() + name[1:]
    return answer_titles()[key][language]


def offer(dispatcher: CollectingDispatcher, domain: Dict[Text, Any], keys: List[str],
          language: str, question: str = "utter_did_you_mean") -> List[Dict[Text, Any]]:
    buttons = [{"title": title(k, language, domain),
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
        if key and key.startswith(OTHER_KELA):
            tell_other_topic(dispatcher, key[len(OTHER_KELA):], language_of(tracker))
            return [SlotSet("offered_answers", None)]
        if key not in answer_titles():
            dispatcher.utter_message(response="utter_default")
            return [SlotSet("offered_answers", None)]
        return give(dispatcher, key)
