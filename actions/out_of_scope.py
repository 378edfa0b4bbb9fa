"""A question about another organisation's business (tax, weather, the
employment services) gets the hand-off reply, unless it is a short follow-up
within the conversation's topic ("milloin se maksetaan?" after a housing
answer, which the intent model alone reads as out of scope)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.follow_up import answer_follow_up


class ActionOutOfScope(Action):
    def name(self) -> Text:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        follow_up = answer_follow_up(dispatcher, tracker, domain)
        if follow_up is not None:
            return follow_up
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
