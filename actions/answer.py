"""The answer to a benefit question, read in the conversation's context: a short
follow-up stays within the topic (actions/follow_up.py), and the answer just
given is not repeated in full: a short note and the related answers instead."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import give
from common.content import answer_titles, answer_topics
from actions.conversation_topic import topic_of_conversation
from actions.did_you_mean import MAX_OPTIONS, offer, ranking_of
from actions.follow_up import Choice, last_answer, within_topic
from actions.phone_actions import language_of


def related(key: str, ranking: List[tuple]) -> List[str]:
    """Other answers of the same topic, likeliest first, for "already answered"."""
    topic = answer_topics().get(key)
    return [k for k, _ in ranking
            if k != key and k in answer_titles() and answer_topics().get(k) == topic][:MAX_OPTIONS]


class ActionAnswer(Action):
    def name(self) -> Text:
        return "action_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        latest = tracker.latest_message
        ranking = ranking_of(latest)
        if not ranking or ranking[0][0] not in answer_titles():
            dispatcher.utter_message(response="utter_default")
            return []
        language = language_of(tracker)
        choice = within_topic(latest, topic_of_conversation(tracker)) or Choice(answer=ranking[0][0])
        if choice.options:
            return offer(dispatcher, domain, choice.options, language)
        if choice.answer == last_answer(tracker.events):
            others = related(choice.answer, ranking)
            if others:
                return offer(dispatcher, domain, others, language, question="utter_already_answered")
            dispatcher.utter_message(response="utter_already_answered")
            return []
        return give(dispatcher, choice.answer)
