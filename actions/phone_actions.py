"""Actions that compute the right phone line and whether it is open now."""
from __future__ import annotations

from datetime import datetime, time
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from common import clock
from common.clock import HELSINKI
from common.content import phone_lines
from actions.conversation_topic import current_topic
from common.opening_hours import hours_on, line_status, parse_time
from actions.named_line import line_named
from common.phone_line import PhoneLine, line_for, phone_line
from actions.typed_day import day_in
from common.wording import clock as clock_time
from common.wording import day as day_words
from common.wording import when


def language_of(tracker: Tracker) -> str:
    return "sv" if tracker.get_slot("language") == "sv" else "fi"


def utter_status(dispatcher: CollectingDispatcher, weekly: dict, language: str) -> None:
    now = clock.now()
    status = line_status(weekly, phone_lines()["special_days"], now)
    if status.open_now:
        dispatcher.utter_message(response="utter_line_open", closes=clock_time(status.closes_at))
    elif status.next_opening:
        dispatcher.utter_message(
            response="utter_line_closed",
            when=when(status.next_opening, now, language),
            opens=clock_time(status.next_opening),
        )


def utter_line(dispatcher: CollectingDispatcher, key: str, language: str) -> None:
    """The line's number and hours, then whether it is open now."""
    line: PhoneLine = phone_line(key, language)
    dispatcher.utter_message(
        response="utter_phone_line" if line.has_own_language_number
        else "utter_phone_line_swedish_service",
        line_name=line.name, number=line.number,
        opens=clock_time_of(line.weekly_hours["opens"]),
        closes=clock_time_of(line.weekly_hours["closes"]),
    )
    utter_status(dispatcher, line.weekly_hours, language)


class ActionPhoneLine(Action):
    def name(self) -> Text:
        return "action_phone_line"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        requested = next(tracker.get_latest_entity_values("phone_line"), None)
        topic = current_topic(tracker)
        text = tracker.latest_message.get("text", "")
        # named in the question (also misspelt: "asumistki"), else the topic
        key = requested if requested in phone_lines()["lines"] else (
            line_named(text) or line_for("", topic))
        if key is None:
            dispatcher.utter_message(response="utter_ask_which_line")
            return []
        utter_line(dispatcher, key, language)
        # a line that serves one benefit moves the conversation to it: the
        # next vague question ("miten haen?") is about that benefit
        served = phone_lines()["lines"][key]["topics"]
        topic = served[0] if len(served) == 1 else topic
        return [SlotSet("topic", topic)] if topic else []


class ActionServiceHours(Action):
    """The phone service's hours: on the day the question names ("onks auki
    lauantaina?", "ringer ni på julafton?"), else the weekly hours and whether
    it is open now; for a line the question names, that line with its number
    (its hours can differ from the service's: the authority line closes at 15)."""

    def name(self) -> Text:
        return "action_service_hours"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        text = tracker.latest_message.get("text", "")
        key = line_for(text, None)
        line = phone_line(key, language) if key else None
        weekly = line.weekly_hours if line else phone_lines()["hours"]["service"]
        today = clock.now().date()
        named = None if text.startswith("/") else day_in(text, today)
        if named is not None and named != today:
            utter_day(dispatcher, weekly, named, today, language, line)
            return []
        if key:  # a line's hours: that line named, its number, open now or not
            utter_line(dispatcher, key, language)
            return []
        dispatcher.utter_message(
            response="utter_service_hours",
            opens=clock_time_of(weekly["opens"]), closes=clock_time_of(weekly["closes"]),
        )
        utter_status(dispatcher, weekly, language)
        return []


def utter_day(dispatcher: CollectingDispatcher, weekly: dict, day, today, language: str,
              line: Optional[PhoneLine] = None) -> None:
    """The hours on a named day: of Kela's phone service, or of `line` with its
    name and number when the question named one."""
    special = phone_lines()["special_days"]
    hours = hours_on(day, weekly, special)
    name = day_words(day, today, language)
    name = name[0].upper() + name[1:]
    of_line = {"line_name": line.name, "number": line.number} if line else {}
    prefix = "utter_line" if line else "utter"
    # a Swedish user given a line's Finnish number is told service in Swedish is there
    suffix = "_swedish_service" if line and not line.has_own_language_number else ""
    if hours:
        dispatcher.utter_message(response=f"{prefix}_hours_on_day{suffix}", day=name,
                                 opens=clock_time(hours[0]), closes=clock_time(hours[1]), **of_line)
        return
    # closed all that day: when the line opens next, seen from its start
    opening = line_status(weekly, special, datetime.combine(day, time.min, tzinfo=HELSINKI)).next_opening
    dispatcher.utter_message(response=f"{prefix}_closed_on_day{suffix}", day=name,
                             next_day=day_words(opening.date(), today, language),
                             opens=clock_time(opening), **of_line)


def clock_time_of(text: str) -> str:
    return clock_time(parse_time(text))
