"""The call-back request form: validation of each answer, the time-window
question, and storing the request before it is confirmed.

The phone number never goes into the conversation: the accepted number is
held in the queue's database (CallbackQueue.hold_phone) and the slot gets
PHONE_HELD, a marker with nothing personal in it, so the tracker store, the
event broker and the action server's replies never carry it."""
from __future__ import annotations

import logging
from datetime import date
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import clock
from actions.callback_queue import QueueFull, default_queue
from actions.callback_windows import available_windows, windows_on
from actions.content import phone_lines
from actions.conversation_topic import current_topic
from actions.phone_actions import language_of, utter_line
from actions.phone_line import line_for
from actions.phone_number import check_phone
from actions.rendering import render
from actions.wording import clock as clock_time
from actions.wording import day as day_words
from actions.wording import short_date
from bot.privacy.personal_id import contains_personal_id

logger = logging.getLogger(__name__)

MAX_PHONE_ATTEMPTS = 3
CALL_LANGUAGES = {
    "fi": ("fi", "suomi", "suomeksi", "finska", "finnish", "suomea"),
    "sv": ("sv", "ruotsi", "ruotsiksi", "svenska", "swedish", "ruotsia", "på svenska"),
    "en": ("en", "englanti", "englanniksi", "engelska", "english", "englantia", "på engelska"),
}
PARTS = {
    "morning": ("aamu", "aamupäiv", "aamupaiv", "morning", "förmiddag", "formiddag", "morgon"),
    "afternoon": ("iltapäiv", "iltapaiv", "afternoon", "eftermiddag"),
}
# The slot's value once a number is held: no digits, so nothing a phone matcher
# (bot/privacy/personal_data.py) would find, and the same for every user.
PHONE_HELD = "[numero tallessa soittopyyntöjonossa]"
FORM_SLOTS = ["callback_line", "callback_language", "callback_phone", "callback_time",
              "callback_consent"]


def _weekly(tracker: Tracker) -> dict:
    data = phone_lines()
    line = data["lines"].get(tracker.get_slot("callback_line") or "", {})
    hours = data["hours"][line.get("hours", "service")]
    # The longer hours of shortened days are urgent phone duty, not call-backs.
    return {key: value for key, value in hours.items() if key != "short_days_closes"}


def _windows(tracker: Tracker):
    return available_windows(clock.now(), _weekly(tracker), phone_lines()["special_days"])


def _window_text(window, language: str) -> str:
    unit = "kl." if language == "sv" else "klo"
    return f"{short_date(window.day, language)} {unit} {clock_time(window.starts)}–{clock_time(window.ends)}"


def _is_phone_correction(tracker: Tracker) -> bool:
    """A valid Finnish number typed after the phone question was answered."""
    asked = tracker.get_slot("requested_slot")
    if asked in (None, "callback_phone") or not tracker.get_slot("callback_phone"):
        return False
    text = tracker.latest_message.get("text") or ""
    return not contains_personal_id(text) and check_phone(text).e164 is not None


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_callback_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        # three invalid numbers: the user got the phone line instead; end the form
        return [] if tracker.get_slot("callback_gave_up") else domain_slots

    async def extract_callback_line(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # Pre-fill from the conversation (or partner page) when the form starts.
        if tracker.get_slot("callback_line") or tracker.get_slot("requested_slot"):
            return {}
        topic = current_topic(tracker)
        line = next((key for key, l in phone_lines()["lines"].items() if topic in l["topics"]), None)
        return {"callback_line": line} if line else {}

    async def extract_callback_phone(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # A correction: a valid number typed while another question is open
        # ("väärä numero, oikea on 050 765 4321") replaces the one given earlier.
        if _is_phone_correction(tracker):
            return {"callback_phone": tracker.latest_message.get("text")}
        return {}

    def validate_callback_line(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        lines = phone_lines()["lines"]
        key = value if value in lines else line_for(str(value), None)
        if key and not contains_personal_id(str(value)):
            return {"callback_line": key}
        dispatcher.utter_message(response="utter_callback_line_unknown")
        return {"callback_line": None}

    def validate_callback_language(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if _is_phone_correction(tracker):
            return {"callback_language": None}  # the number was corrected; ask again
        text = str(value).lower().strip()
        for code, words in CALL_LANGUAGES.items():
            if text == code or any(word in text for word in words[1:]):
                return {"callback_language": code}
        dispatcher.utter_message(response="utter_callback_language_unknown")
        return {"callback_language": None}

    def validate_callback_phone(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = str(value)
        if contains_personal_id(text):
            dispatcher.utter_message(response="utter_no_personal_id")
            return {"callback_phone": None}
        result = check_phone(text)
        if result.e164:
            try:
                default_queue().hold_phone(tracker.sender_id, result.e164)
            except SQLAlchemyError:
                # Without the queue the number cannot be kept anywhere: give the line.
                logger.exception("call-back number could not be held")
                dispatcher.utter_message(response="utter_callback_failed")
                utter_line(dispatcher, tracker.get_slot("callback_line") or "housing",
                           language_of(tracker))
                return {"callback_phone": None, "callback_gave_up": True}
            if _is_phone_correction(tracker):
                dispatcher.utter_message(response="utter_callback_phone_corrected",
                                         phone=result.e164)
            return {"callback_phone": PHONE_HELD, "callback_phone_failures": 0}
        failures = int(tracker.get_slot("callback_phone_failures") or 0) + 1
        if failures >= MAX_PHONE_ATTEMPTS:
            dispatcher.utter_message(response="utter_callback_phone_gave_up")
            utter_line(dispatcher, tracker.get_slot("callback_line") or "housing",
                       language_of(tracker))
            return {"callback_phone": None, "callback_phone_failures": 0,
                    "callback_gave_up": True}
        dispatcher.utter_message(response="utter_callback_phone_foreign"
                                 if result.problem == "foreign" else "utter_callback_phone_invalid")
        return {"callback_phone": None, "callback_phone_failures": failures}

    def validate_callback_time(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if _is_phone_correction(tracker):
            return {"callback_time": None}  # the number was corrected; ask again
        windows = _windows(tracker)
        text = str(value).lower()
        chosen = next((w for w in windows if w.value == text), None)
        if chosen is None:
            part = next((p for p, words in PARTS.items() if any(w in text for w in words)), None)
            chosen = next((w for w in windows if w.part == part), None)
        if chosen:
            return {"callback_time": chosen.value}
        dispatcher.utter_message(response="utter_callback_time_unavailable")
        return {"callback_time": None}


class ActionAskCallbackTime(Action):
    """Asks for the time window with buttons for the windows open right now."""

    def name(self) -> Text:
        return "action_ask_callback_time"

    def run(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        buttons = [{"title": _window_text(w, language),
                    "payload": f'/inform{{"callback_window": "{w.value}"}}'}
                   for w in _windows(tracker)]
        dispatcher.utter_message(text=render(domain, "utter_ask_callback_time", language),
                                 buttons=buttons)
        return []


def _drop_held_phone(conversation: str) -> None:
    try:
        default_queue().drop_phone(conversation)
    except SQLAlchemyError:
        # purge deletes it within a day anyway (PENDING_LIFETIME)
        logger.exception("held call-back number could not be deleted")


def reset_form() -> List[Dict[Text, Any]]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [
        SlotSet("callback_phone_failures", 0), SlotSet("callback_gave_up", False)]


class ActionSubmitCallback(Action):
    def name(self) -> Text:
        return "action_submit_callback"

    def run(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        line = tracker.get_slot("callback_line") or "housing"
        if tracker.get_slot("callback_gave_up"):
            _drop_held_phone(tracker.sender_id)
            return reset_form()  # the user already got the phone line
        if not tracker.get_slot("callback_consent"):
            _drop_held_phone(tracker.sender_id)
            dispatcher.utter_message(response="utter_callback_not_stored")
            return reset_form()
        day_text, part = tracker.get_slot("callback_time").split("|")
        day = date.fromisoformat(day_text)
        window = next(w for w in windows_on(day, _weekly(tracker), phone_lines()["special_days"])
                      if w.part == part)
        try:
            queue = default_queue()
            phone = queue.held_phone(tracker.sender_id)
            if phone is None:  # purged: the form was left open for over a day
                dispatcher.utter_message(response="utter_callback_failed")
                utter_line(dispatcher, line, language)
                return reset_form()
            # submit() deletes the held number in the same commit
            submitted = queue.submit(
                conversation=tracker.sender_id, phone=phone,
                line=line, language=tracker.get_slot("callback_language"), day=day, window=part)
        except QueueFull:
            _drop_held_phone(tracker.sender_id)
            dispatcher.utter_message(response="utter_callback_full")
            utter_line(dispatcher, line, language)
            return reset_form()
        except SQLAlchemyError:
            logger.exception("call-back request could not be stored")
            _drop_held_phone(tracker.sender_id)
            dispatcher.utter_message(response="utter_callback_failed")
            utter_line(dispatcher, line, language)
            return reset_form()
        span = f"{clock_time(window.starts)}–{clock_time(window.ends)}"
        dispatcher.utter_message(
            response="utter_callback_confirmed", reference=submitted.reference,
            when=f"{day_words(day, clock.now().date(), language)} ({short_date(day, language)})",
            window=span)
        return reset_form()


class ActionCancelCallback(Action):
    def name(self) -> Text:
        return "action_cancel_callback"

    def run(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        _drop_held_phone(tracker.sender_id)
        dispatcher.utter_message(response="utter_callback_cancelled")
        return reset_form()
