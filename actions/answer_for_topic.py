"""Answer "miten haen?" / "hur ansöker jag?" for the topic in context, or ask which benefit."""
from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from common.content import apply_answers
from actions.conversation_topic import current_topic


class ActionAnswerForTopic(Action):
    def name(self) -> str:
        return "action_answer_for_topic"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        topic = current_topic(tracker)
        if topic is None:
            dispatcher.utter_message(response="utter_ask_which_benefit")
            return []
        # The Rasa server renders the answer, so its language variation applies.
        dispatcher.utter_message(response=f"utter_faq/{apply_answers()[topic]}")
        return [SlotSet("topic", topic)]
