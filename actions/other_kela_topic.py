"""Kela matters Neuvo does not cover (sickness allowance, pensions, ...): say so
honestly and give Kela's page and the phone line, from content/other_kela_topics.yml."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from common.content import other_kela_topics
from common.other_kela import topic_for
from actions.phone_actions import language_of, utter_line


def tell_other_topic(dispatcher: CollectingDispatcher, key: Optional[str], language: str) -> None:
    """"I cannot advise on this": Kela's page on the matter and its phone line;
    for no entry of the table (None, common.other_kela.GENERAL) Kela's list of
    all its benefits and phone numbers."""
    if key not in other_kela_topics():
        dispatcher.utter_message(response="utter_other_kela_general")
        return
    topic = other_kela_topics()[key]
    dispatcher.utter_message(response="utter_other_kela_topic",
                             topic_name=topic["name"][language], url=topic["url"][language])
    utter_line(dispatcher, topic["phone_line"], language)


class ActionOtherKelaTopic(Action):
    def name(self) -> Text:
        return "action_other_kela_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        tell_other_topic(dispatcher, topic_for(tracker.latest_message.get("text", "")),
                         language_of(tracker))
        return []
