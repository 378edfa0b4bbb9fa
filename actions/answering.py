"""Give one pre-written answer and remember its topic for the questions that follow."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from common.content import answer_topics


def give(dispatcher: CollectingDispatcher, key: str) -> List[Dict[Text, Any]]:
    dispatcher.utter_message(response=f"utter_faq/{key}")
    events = [SlotSet("offered_answers", None)]
    topic = answer_topics().get(key)
    # services answers (OmaKela, phone) belong to every topic: the topic stays
    if topic and topic != "services":
        events.append(SlotSet("topic", topic))
    return events
