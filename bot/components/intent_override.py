"""What the guard components (PersonalIdGuard, PublicChannelGuard,
EnglishMessage) do to a message they take over: one intent, certain, and
nothing else in the ranking, so no policy or fallback reads another."""
from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def override_intent(message: Message, name: str) -> None:
    intent = {INTENT_NAME_KEY: name, "confidence": 1.0}
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
