"""Kela matters Neuvo does not cover (sickness allowance, pensions, ...): say so
honestly and give Kela's page and the phone line (actions/other_kela_reply.py),
unless the message is a short follow-up within the conversation's topic
("men jag är pensionär, gäller det samma då?" after a housing answer)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.follow_up import answer_follow_up
from actions.other_kela_reply import tell_other_topic
from actions.phone_actions import language_of
from common.other_kela import topic_for


class ActionOtherKelaTopic(Action):
    def name(self) -> Text:
        return "action_other_kela_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        follow_up = answer_follow_up(dispatcher, tracker, domain)
        if follow_up is not None:
            return follow_up
        tell_other_topic(dispatcher, topic_for(tracker.latest_message.get("text", "")),
                         language_of(tracker))
        return []
