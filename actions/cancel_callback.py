"""Cancelling a stored call-back request afterwards (issue 15): "peru
soittopyyntöni" in the conversation that left it cancels it at once; from
another conversation the reference and the last four digits of the number
are asked (cancel_callback_form). A wrong code or wrong digits get the same
reply as an unknown code, so nothing about other people's requests leaks."""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.callback_queue import default_queue
from actions.form_language import with_kept_language

logger = logging.getLogger(__name__)

REFERENCE = re.compile(r"\bK-?([A-Z2-9]{6})\b", re.IGNORECASE)
LAST_DIGITS = re.compile(r"(?<![\d-])(\d{4})(?!\d)")


def details_in(text: str) -> Optional[Tuple[str, str]]:
    """("K-ABC234", "4567") from "K-ABC234 4567" (either order), else None."""
    reference = REFERENCE.search(text or "")
    if not reference:
        return None
    rest = (text[:reference.start()] + " " + text[reference.end():])
    digits = LAST_DIGITS.search(rest)
    return (f"K-{reference.group(1).upper()}", digits.group(1)) if digits else None


def _cancel(dispatcher: CollectingDispatcher, reference: str, digits: str) -> None:
    try:
        cancelled = default_queue().cancel(reference, digits)
    except SQLAlchemyError:
        logger.exception("call-back request could not be cancelled")
        dispatcher.utter_message(response="utter_callback_failed")
        return
    if cancelled:
        dispatcher.utter_message(response="utter_callback_request_cancelled", reference=reference)
    else:
        dispatcher.utter_message(response="utter_callback_request_not_found")


class ActionCancelCallbackRequest(Action):
    def name(self) -> Text:
        return "action_cancel_callback_request"

    def run(self, dispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        given = details_in(tracker.latest_message.get("text") or "")
        if given:
            _cancel(dispatcher, *given)
            return [SlotSet("cancel_needs_details", False)]
        try:
            reference = default_queue().cancel_open(tracker.sender_id)
        except SQLAlchemyError:
            logger.exception("call-back request could not be cancelled")
            dispatcher.utter_message(response="utter_callback_failed")
            return [SlotSet("cancel_needs_details", False)]
        if reference:
            dispatcher.utter_message(response="utter_callback_request_cancelled",
                                     reference=reference)
            return [SlotSet("cancel_needs_details", False)]
        return [SlotSet("cancel_needs_details", True)]  # the form asks for the details


class ValidateCancelCallbackForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_cancel_callback_form"

    async def run(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        # "K-ABC234 4567" has no language of its own: the form's stands
        return with_kept_language(await super().run(dispatcher, tracker, domain), tracker)

    def validate_cancel_details(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if details_in(str(value)):
            return {"cancel_details": str(value)}
        dispatcher.utter_message(response="utter_cancel_details_unreadable")
        return {"cancel_details": None}


class ActionSubmitCancelCallback(Action):
    def name(self) -> Text:
        return "action_submit_cancel_callback"

    def run(self, dispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        given = details_in(tracker.get_slot("cancel_details") or "")
        if given:
            _cancel(dispatcher, *given)
        # the digits are personal data: not kept in the conversation
        return [SlotSet("cancel_details", None), SlotSet("cancel_needs_details", False)]
