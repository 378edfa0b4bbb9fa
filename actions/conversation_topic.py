"""What the conversation is about, for questions that do not name a benefit.

Closest context first: a topic in the message itself (a button), then the
most recent answer or topic choice in this conversation, then the topic of
the partner page the chat sits on (`metadata.topic` sent by the channel).
"""
from __future__ import annotations

from typing import Optional

from rasa_sdk import Tracker

from common.content import answer_topics, apply_answers


def _known(topic) -> Optional[str]:
    return topic if isinstance(topic, str) and topic in apply_answers() else None


def _answer_key(user_event: dict) -> Optional[str]:
    selector = (user_event.get("parse_data") or {}).get("response_selector") or {}
    intent = ((user_event.get("parse_data") or {}).get("intent") or {}).get("name")
    response = (selector.get(intent) or {}).get("response") or {}
    full = response.get("intent_response_key") or ""
    return full.split("/", 1)[1] if "/" in full else None


def topic_in_message(tracker: Tracker) -> Optional[str]:
    return _known(next(tracker.get_latest_entity_values("topic"), None))


def topic_of_conversation(tracker: Tracker) -> Optional[str]:
    # skip the message being answered now: it named no topic
    for event in reversed(tracker.events[:-1] if tracker.events else []):
        if event.get("event") == "user":
            topic = _known(answer_topics().get(_answer_key(event)))
            if topic:
                return topic
        elif event.get("event") == "slot" and event.get("name") == "topic":
            topic = _known(event.get("value"))
            if topic:
                return topic
    return None


def topic_of_channel(tracker: Tracker) -> Optional[str]:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            topic = _known((event.get("metadata") or {}).get("topic"))
            if topic:
                return topic
    return _known((tracker.latest_message.get("metadata") or {}).get("topic"))


def current_topic(tracker: Tracker) -> Optional[str]:
    return topic_in_message(tracker) or topic_of_conversation(tracker) or topic_of_channel(tracker)
