"""Kela matters Neuvo does not cover (sickness allowance, pensions, ...): say so
honestly and give Kela's page and the phone line, from content/other_kela_topics.yml."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from common.content import other_kela_topics
from actions.phone_actions import language_of, utter_line


def topic_for(text: str) -> Optional[str]:
    """The table entry whose keywords the question names (the first one listed wins)."""
    lowered = (text or "").lower()
    for key, topic in other_kela_topics().items():
        if any(word in lowered for word in topic["keywords"]):
            return key
    return None


class ActionOtherKelaTopic(Action):
    def name(self) -> Text:
        return "action_other_kela_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        key = topic_for(tracker.latest_message.get("text", ""))
        if key is None:
            dispatcher.utter_message(response="utter_other_kela_general")
            return []
        topic = other_kela_topics()[key]
        dispatcher.utter_message(response="utter_other_kela_topic",
                                 topic_name=topic["name"][language], url=topic["url"][language])
        utter_line(dispatcher, topic["phone_line"], language)
        return []
