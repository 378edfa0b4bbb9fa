"""A short follow-up ("entä jos asun kämppiksen kanssa?", "och om jag byter
utbildning?") is answered within the conversation's topic (issue 14 item 5).

The answer selector reads one message alone, so a follow-up that names no
benefit is often closest to an answer of another benefit. Within a
conversation about housing, the likeliest *housing* answer is meant: it is
given when it is clearly ahead of the next housing answer, and otherwise the
housing answers are offered as "did you mean". A message that names a benefit
("entä opintotuki?") or is long enough to stand alone keeps its own answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import give
from actions.conversation_topic import topic_of_conversation
from actions.did_you_mean import MAX_OPTIONS, offer, ranking_of
from actions.phone_actions import language_of
from common.content import answer_topics
from common.other_kela import OTHER_KELA_INTENT, OUT_OF_SCOPE_INTENT
from common.phone_line import line_for
from common.words import words

# Longer messages carry their own context (measured on the held-out
# two-turn conversations, docs/answer-quality.md).
MAX_WORDS = 7
# The likeliest answer of the topic is given when the next one of the topic is
# at most this share of it; otherwise the topic's answers are offered.
MAX_SHARE_OF_NEXT = 0.3


@dataclass(frozen=True)
class Choice:
    """What to do with a question: give `answer`, or offer `options`."""
    answer: Optional[str] = None
    options: List[str] = field(default_factory=list)


def names_a_benefit(text: str) -> bool:
    """Does a message use the words of a benefit or situation ("asumistuki", "eläke")?"""
    # the phone lines' keywords name every benefit and situation Neuvo knows
    return line_for(text, topic=None) is not None


def is_follow_up(text: str) -> bool:
    return 0 < len(words(text or "")) <= MAX_WORDS and not names_a_benefit(text)


def within_topic(latest_message: Dict[str, Any], topic: Optional[str]) -> Optional[Choice]:
    """The choice inside `topic` for a follow-up, or None to keep the message's own."""
    ranking = ranking_of(latest_message)
    if not topic or not ranking or not is_follow_up(latest_message.get("text", "")):
        return None
    # a confident answer of the topic itself needs no help; a message the
    # intent model was unsure of or read as something else is not one
    sure = (latest_message.get("intent") or {}).get("name") == "faq"
    if sure and answer_topics().get(ranking[0][0]) == topic:
        return None
    same = [(key, p) for key, p in ranking if answer_topics().get(key) == topic]
    if not same:
        return None
    if len(same) == 1 or same[1][1] <= same[0][1] * MAX_SHARE_OF_NEXT:
        return Choice(answer=same[0][0])
    return Choice(options=[key for key, _ in same[:MAX_OPTIONS]])


def follow_up_read_elsewhere(latest_message: Dict[str, Any], topic: Optional[str]) -> Optional[Choice]:
    """within_topic for a follow-up the intent model sent out of scope or to
    another Kela matter ("milloin se maksetaan?": out_of_scope 0.87, the
    answers 0.11). Such a message has an answer ranking only when the intent
    model left the answers a fair share (AnswerSelector's min_share): a
    follow-up about the weather has none and keeps its hand-off."""
    intent = (latest_message.get("intent") or {}).get("name")
    if intent not in (OUT_OF_SCOPE_INTENT, OTHER_KELA_INTENT):
        return None
    return within_topic(latest_message, topic)


def answer_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker,
                     domain: Dict[str, Any]) -> Optional[List[Dict[str, Any]]]:
    """Answer (or offer) a follow-up read elsewhere within the conversation's
    topic; None when the message is not one."""
    choice = follow_up_read_elsewhere(tracker.latest_message, topic_of_conversation(tracker))
    if choice is None:
        return None
    if choice.answer:
        return give(dispatcher, choice.answer)
    return offer(dispatcher, domain, choice.options, language_of(tracker))


def last_answer(events: List[Dict[str, Any]]) -> Optional[str]:
    """The answer the assistant gave last in this conversation, if any."""
    for event in reversed(events):
        if event.get("event") == "bot":
            response = ((event.get("metadata") or {}).get("utter_action")) or ""
            if response.startswith("utter_faq/"):
                return response.split("/", 1)[1]
    return None
