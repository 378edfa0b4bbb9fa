"""The call-back request form: validation of each answer, the time-window
question, and storing the request before it is confirmed.

The phone number never goes into the conversation: the accepted number is
held in the queue's database (CallbackQueue.hold_phone) and the slot gets
PHONE_HELD, a marker with nothing personal in it, so the tracker store, the
event broker and the action server's replies never carry it."""
from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from common import clock
from actions.callback_queue import QueueFull, default_queue
from actions.callback_windows import available_windows, windows_on
from common.content import phone_lines
from actions.form_language import with_kept_language
from actions.conversation_topic import current_topic
from actions.phone_actions import language_of, utter_line
from actions.named_line import line_named
from common.phone_line import line_for
from actions.phone_number import check_phone
from actions.rendering import render
from actions.typed_day import day_in, part_in
from common.wording import clock as clock_time
from common.wording import day as day_words
from common.wording import short_date
from common.privacy.personal_id import contains_personal_id

logger = logging.getLogger(__name__)

MAX_PHONE_ATTEMPTS = 3
CALL_LANGUAGES = {
    "fi": ("fi", "suomi", "suomeksi", "finska", "finnish", "suomea"),
    "sv": ("sv", "ruotsi", "ruotsiksi", "svenska", "swedish", "ruotsia", "på svenska"),
    "en": ("en", "englanti", "englanniksi", "engelska", "english", "englantia", "på engelska"),
}
# A topic answer is a few words ("asumistuki", "se on opintotuesta"); a longer
# question is answered first and the topic asked again.
MAX_TOPIC_WORDS = 4
# "hetkinen, vaihdan aiheen, opintotuki", "jag byter ämne": a new topic at any step
TOPIC_CHANGE = re.compile(r"vaihd|toisesta asiasta|toinen asia|byter ämne|byta ämne|annat ärende"
                          r"|change the topic|another topic", re.IGNORECASE)
# Consent typed in words when the NLU did not read it as affirm/deny.
WORD = re.compile(r"[\wåäö]+")
YES_WORDS = {"joo", "juu", "jep", "kyllä", "kylla", "kyl", "ok", "okei", "sopii", "käy", "saa",
             "ja", "jo", "jå", "visst", "gärna", "yes", "sure"}
NO_WORDS = {"ei", "en", "älä", "nej", "nä", "no", "nope"}
# The slot's value once a number is held: no digits, so nothing a phone matcher
# (common/privacy/personal_data.py) would find, and the same for every user.
PHONE_HELD = "[numero tallessa soittopyyntöjonossa]"
FORM_SLOTS = ["callback_line", "callback_language", "callback_phone", "callback_time",
              "callback_consent", "callback_day"]


def _weekly(tracker: Tracker) -> dict:
    data = phone_lines()
    line = data["lines"].get(tracker.get_slot("callback_line") or "", {})
    hours = data["hours"][line.get("hours", "service")]
    # The longer hours of shortened days are urgent phone duty, not call-backs.
    return {key: value for key, value in hours.items() if key != "short_days_closes"}


def _windows(tracker: Tracker):
    return available_windows(clock.now(), _weekly(tracker), phone_lines()["special_days"])


def _offered(tracker: Tracker):
    """The windows the buttons show: those of the day the user named, else all."""
    named = tracker.get_slot("callback_day")
    windows = _windows(tracker)
    return [w for w in windows if w.day.isoformat() == named] or windows


def form_language(tracker: Tracker) -> str:
    """The form's prompts are English when the request was ("call me back");
    everything else Neuvo says stays Finnish or Swedish (language_of)."""
    return "en" if tracker.get_slot("language") == "en" else language_of(tracker)


def _window_text(window, language: str) -> str:
    unit = {"sv": "kl.", "en": "at"}.get(language, "klo")
    return f"{short_date(window.day, language)} {unit} {clock_time(window.starts)}–{clock_time(window.ends)}"


def _text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def _number_typed_elsewhere(tracker: Tracker) -> bool:
    """A valid Finnish number typed while another question (or none yet) is
    open: "soita mulle numeroon 040 555 6677", or a correction at a later step
    ("väärä numero, oikea on 050 765 4321")."""
    text = _text(tracker)
    if tracker.get_slot("requested_slot") == "callback_phone" or text.startswith("/"):
        return False
    return not contains_personal_id(text) and check_phone(text).e164 is not None


def _is_phone_correction(tracker: Tracker) -> bool:
    """A number typed elsewhere after one was already given."""
    return bool(tracker.get_slot("callback_phone")) and _number_typed_elsewhere(tracker)


def _answer_key(tracker: Tracker) -> Optional[str]:
    """The answer the NLU picked for the latest message (faq/child_benefit), if any."""
    selector = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
    return (selector.get("response") or {}).get("intent_response_key")


def _yes_or_no(text: str) -> Optional[bool]:
    words = WORD.findall(text.lower())
    if not words:
        return None
    if words[0] in NO_WORDS:
        return False
    if words[0] in YES_WORDS:
        return True
    return None


def _line_name(key: str, language: str) -> str:
    return phone_lines()["lines"][key]["name"]["sv" if language == "sv" else "fi"]


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_callback_form"

    async def run(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        events = await super().run(dispatcher, tracker, domain)
        # at the call-language step "ruotsin kielellä" is the call's language
        return with_kept_language(events, tracker, switch_is_an_answer=(
            tracker.get_slot("requested_slot") == "callback_language"))

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        # three invalid numbers: the user got the phone line instead; end the form
        return [] if tracker.get_slot("callback_gave_up") else domain_slots

    async def extract_callback_line(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        asked = tracker.get_slot("requested_slot")
        text = _text(tracker)
        if asked is None:
            # The form starts: the request's own words ("soita mulle
            # asumistuesta"), else the conversation's (or partner page's) topic.
            if tracker.get_slot("callback_line"):
                return {}
            line = line_for("" if text.startswith("/") else text, current_topic(tracker))
            return {"callback_line": line} if line else {}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if asked == "callback_line" and intent in ("faq", "nlu_fallback") \
                and len(text.split()) <= MAX_TOPIC_WORDS:
            # "asumistuki" reads as a question about it; at this step it is the topic
            return {"callback_line": text}
        if asked != "callback_line" and TOPIC_CHANGE.search(text):
            line = line_named(text, _answer_key(tracker))
            if line and line != tracker.get_slot("callback_line"):
                dispatcher.utter_message(response="utter_callback_line_changed",
                                         line_name=_line_name(line, form_language(tracker)))
                return {"callback_line": line}
        return {}

    async def extract_callback_language(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # An English request ("call me back") is called back in English.
        if (form_language(tracker) == "en" and not tracker.get_slot("callback_language")
                and not tracker.get_slot("requested_slot")):
            return {"callback_language": "en"}
        return {}

    async def extract_callback_phone(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # A number typed at another step fills (or corrects) the number.
        if _number_typed_elsewhere(tracker):
            return {"callback_phone": _text(tracker)}
        return {}

    async def extract_callback_time(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # "huomenna aamulla" reads as a question about the hours ("onks auki
        # huomenna?"); at this step it is the time.
        if tracker.get_slot("requested_slot") != "callback_time":
            return {}
        text = _text(tracker)
        if text.startswith("/") or (day_in(text, clock.now().date()) is None and part_in(text) is None):
            return {}
        return {"callback_time": text}

    async def extract_callback_consent(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "callback_consent":
            return {}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        answer = _yes_or_no(_text(tracker)) if intent not in ("affirm", "deny") else None
        return {} if answer is None else {"callback_consent": answer}

    def validate_callback_line(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = str(value)
        if _number_typed_elsewhere(tracker) and tracker.get_slot("requested_slot"):
            return {"callback_line": None}  # a number, not a topic: the topic is asked again
        key = None if contains_personal_id(text) else line_named(text, _answer_key(tracker))
        if key:
            return {"callback_line": key}
        dispatcher.utter_message(response="utter_callback_line_unknown")
        return {"callback_line": None}

    def validate_callback_language(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if _number_typed_elsewhere(tracker):
            return {"callback_language": None}  # the number was given; ask again
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
        """A button, an offered label typed ("to 3.12. klo 12–16") or words
        ("torstaina aamulla", "i morgon eftermiddag"): booked on exactly the day
        and part named, or asked again; never another day."""
        if _number_typed_elsewhere(tracker):
            return {"callback_time": None}  # the number was given; ask again
        bookable = _windows(tracker)
        text = str(value).lower()
        chosen = next((w for w in bookable if w.value == text), None)
        if chosen:
            return {"callback_time": chosen.value, "callback_day": None}
        named = day_in(text, clock.now().date())
        part = part_in(text)
        if named is None and part is None:
            dispatcher.utter_message(response="utter_callback_time_unavailable")
            return {"callback_time": None}
        if named is None:  # "aamupäivällä": the day being offered, else the first such window
            earlier = tracker.get_slot("callback_day")
            named = date.fromisoformat(earlier) if earlier else None
        on_day = [w for w in bookable if named is None or w.day == named]
        if not on_day:
            dispatcher.utter_message(response="utter_callback_day_unavailable")
            return {"callback_time": None, "callback_day": None}
        matching = [w for w in on_day if part is None or w.part == part]
        if named is not None and part is None and len(matching) > 1:
            return {"callback_time": None, "callback_day": named.isoformat()}  # which part?
        if not matching:
            dispatcher.utter_message(response="utter_callback_time_unavailable")
            return {"callback_time": None, "callback_day": named.isoformat() if named else None}
        return {"callback_time": matching[0].value, "callback_day": None}


class ActionAskCallbackTime(Action):
    """Asks for the time window with buttons for the windows open right now."""

    def name(self) -> Text:
        return "action_ask_callback_time"

    def run(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        language = form_language(tracker)
        windows = _offered(tracker)
        buttons = [{"title": _window_text(w, language),
                    "payload": f'/inform{{"callback_window": "{w.value}"}}'}
                   for w in windows]
        if tracker.get_slot("callback_day") and len({w.day for w in windows}) == 1:
            day = day_words(windows[0].day, clock.now().date(), language)
            text = render(domain, "utter_ask_callback_time_on_day", language).format(day=day)
        else:
            text = render(domain, "utter_ask_callback_time", language)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


def _drop_held_phone(conversation: str) -> None:
    try:
        default_queue().drop_phone(conversation)
    except SQLAlchemyError:
        # purge deletes it within a day anyway (PENDING_LIFETIME)
        logger.exception("held call-back number could not be deleted")


def _not_stored(dispatcher, tracker, response: str, line: str, language: str):
    """Nothing was stored: forget the held number, say why, give the phone line."""
    _drop_held_phone(tracker.sender_id)
    dispatcher.utter_message(response=response)
    utter_line(dispatcher, line, language)
    return reset_form()


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
        chosen = tracker.get_slot("callback_time") or ""
        if "|" not in chosen:  # no time was chosen (a form ended some other way): nothing to store
            return _not_stored(dispatcher, tracker, "utter_callback_failed", line, language)
        day_text, part = chosen.split("|", 1)
        day = date.fromisoformat(day_text)
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
            return _not_stored(dispatcher, tracker, "utter_callback_full", line, language)
        except SQLAlchemyError:
            logger.exception("call-back request could not be stored")
            return _not_stored(dispatcher, tracker, "utter_callback_failed", line, language)
        # What was stored: this request, or the conversation's open one, which
        # submit() returns instead of storing a second (its day and time are said).
        window = next((w for w in windows_on(submitted.day, _weekly(tracker),
                                             phone_lines()["special_days"])
                       if w.part == submitted.window), None)
        span = f"{clock_time(window.starts)}–{clock_time(window.ends)}" if window else ""
        words = form_language(tracker)
        dispatcher.utter_message(
            response="utter_callback_confirmed" if submitted.new else "utter_callback_already_open",
            reference=submitted.reference,
            when=f"{day_words(submitted.day, clock.now().date(), words)} "
                 f"({short_date(submitted.day, words)})",
            window=span)
        return reset_form()


class ActionCancelCallback(Action):
    def name(self) -> Text:
        return "action_cancel_callback"

    def run(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        _drop_held_phone(tracker.sender_id)
        # "peru soittopyyntö" (not just "stop") while a request of this
        # conversation is stored: that one is cancelled too, as the user asked
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        reference = None
        if intent == "cancel_callback":
            try:
                reference = default_queue().cancel_open(tracker.sender_id)
            except SQLAlchemyError:
                logger.exception("call-back request could not be cancelled")
        if reference:
            dispatcher.utter_message(response="utter_callback_request_cancelled",
                                     reference=reference)
        else:
            dispatcher.utter_message(response="utter_callback_cancelled")
        return reset_form()
