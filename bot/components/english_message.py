"""NLU component: a question written in English gets the intent
`english_message`, whatever answer the Finnish and Swedish models guessed for
it, so the assistant says in English what it covers and where Kela serves in
English (issue 14 item 4) instead of a confident answer to a question it
could not read.

Short exchanges keep their own intent ("thank you", "call me back", "speak
Swedish please"): they need no English answer. Runs after the fallbacks and
before PersonalIdGuard, which still wins over everything.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.detect import is_english

INTENT_NAME = "english_message"
# Intents whose reply an English writer understands without an English answer,
# and the call-back form's own answers.
KEPT_INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "stop", "switch_language",
    "request_callback", "inform", "choose_answer", "share_personal_id", INTENT_NAME,
}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EnglishMessage(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EnglishMessage":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            # "/intent{...}" payloads come from buttons, not from a person typing
            if text.startswith("/") or intent in KEPT_INTENTS or not is_english(text):
                continue
            english = {INTENT_NAME_KEY: INTENT_NAME, "confidence": 1.0}
            message.set(INTENT, english, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [english], add_to_output=True)
        return messages
