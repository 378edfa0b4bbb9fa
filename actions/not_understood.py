"""An honest "I am not sure": the likeliest answers of the conversation's topic for a
short follow-up (actions/follow_up.py), else the likeliest answers to choose from when there are
some (actions/did_you_mean.py), else "I did not understand"; the second time in a
row, an offer to call back."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import give
from actions.conversation_topic import topic_of_conversation
from actions.did_you_mean import candidates, offer
from actions.follow_up import within_topic
from actions.phone_actions import language_of


def _user_intents(tracker: Tracker) -> List[str]:
    return [((e.get("parse_data") or {}).get("intent") or {}).get("name")
            for e in tracker.events if e.get("event") == "user"]


class ActionNotUnderstood(Action):
    def name(self) -> Text:
        return "action_not_understood"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
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
        dispatcher.utter_message(response="utter_offer_callback" if twice else "utter_default")
        return []
