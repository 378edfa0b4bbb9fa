"""An honest "I am not sure": the likeliest answers of the conversation's topic for a
short follow-up (actions/follow_up.py), else the likeliest answers to choose from when there are
some (actions/did_you_mean.py), else "I did not understand"; the second time in a
row, an offer to call back. A message that asks to be called and gives a valid
number ("soita mulle numeroon 040 555 6677 asumistuesta") starts the call-back
form even when the model was unsure: the form reads the number and the matter
from it. On a public channel neither is offered: the private ways are named
instead (bot/components/public_channel_guard.py says why)."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import give
from actions.conversation_topic import topic_of_conversation
from actions.did_you_mean import ActionChooseAnswer, candidates, offer, typed_choice
from actions.follow_up import within_topic
from actions.phone_actions import language_of
from actions.phone_number import check_phone
from common.visibility import is_public
from common.privacy.personal_id import contains_personal_id

# "soita", "soittakaa", "ring mig", "ringa upp", "call me"
CALL_ME = re.compile(r"\bsoit|\bring|\bcall\b", re.IGNORECASE)


def asks_to_be_called(text: str) -> bool:
    return (bool(CALL_ME.search(text)) and not contains_personal_id(text)
            and check_phone(text).e164 is not None)


def _user_intents(tracker: Tracker) -> List[str]:
    return [((e.get("parse_data") or {}).get("intent") or {}).get("name")
            for e in tracker.events if e.get("event") == "user"]


class ActionNotUnderstood(Action):
    def name(self) -> Text:
        return "action_not_understood"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        public = is_public(tracker.latest_message.get("metadata"))
        if asks_to_be_called(tracker.latest_message.get("text") or ""):
            if public:
                dispatcher.utter_message(response="utter_private_matter_in_public")
                return []
            return [FollowupAction("callback_form")]
        # "den sista" after an offer, which the intent model did not read as a choice
        if typed_choice(tracker.latest_message.get("text") or "",
                        tracker.get_slot("offered_answers") or []):
            return ActionChooseAnswer().run(dispatcher, tracker, domain)
        # a short follow-up the model was unsure of: the conversation's topic decides
        choice = within_topic(tracker.latest_message, topic_of_conversation(tracker))
        if choice and choice.answer:
            return give(dispatcher, choice.answer)
        if choice:
            return offer(dispatcher, domain, choice.options, language_of(tracker))
        keys = candidates(tracker.latest_message)
        if keys:
            return offer(dispatcher, domain, keys, language_of(tracker))
        intents = _user_intents(tracker)
        twice = len(intents) >= 2 and intents[-2] == "nlu_fallback"
        if twice:
            dispatcher.utter_message(
                response="utter_private_matter_in_public" if public else "utter_offer_callback")
        else:
            dispatcher.utter_message(response="utter_default")
        return []
