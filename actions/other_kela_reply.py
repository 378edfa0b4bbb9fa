"""The reply for a Kela matter Neuvo does not cover (sickness allowance,
pensions, ...): say so honestly and give Kela's page and the phone line, from
content/other_kela_topics.yml. Used by the matter's own action and by "did you
mean" when the matter is chosen."""
from __future__ import annotations

from typing import Optional

from rasa_sdk.executor import CollectingDispatcher

from common.content import other_kela_topics
from actions.phone_actions import utter_line


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
