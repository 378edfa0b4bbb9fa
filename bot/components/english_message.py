"""NLU component: a question written in English gets the intent
`english_message`, whatever answer the Finnish and Swedish models guessed for
it, so the assistant says in English what it covers and where Kela serves in
English (issue 14 item 4) instead of a confident answer to a question it
could not read.

Short exchanges keep their own intent ("thank you", "call me back", "speak
Swedish please"): they need no English answer. An English "call me back"
also sets the `language` entity to en, so the call-back form asks in English
and presets the call language (actions/callback_form.py); other English
messages leave the conversation's language as it was, because Neuvo's answers
exist in Finnish and Swedish only. Runs after the fallbacks and before
PersonalIdGuard, which still wins over everything.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_override import override_intent
from bot.language.detect import is_english

INTENT_NAME = "english_message"
# The intent whose English form switches the replies to English.
CALLBACK_INTENT = "request_callback"
# Intents whose reply an English writer understands without an English answer,
# and the call-back form's own answers.
KEPT_INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "stop", "switch_language",
    "request_callback", "inform", "choose_answer", "share_personal_id", INTENT_NAME,
}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EnglishMessage(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def required_packages() -> List[Text]:
        return ["lingua"]

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
            if text.startswith("/") or not is_english(text):
                continue
            if intent == CALLBACK_INTENT:
                self._set_language_english(message, text)
            if intent in KEPT_INTENTS:
                continue
            override_intent(message, INTENT_NAME)
        return messages

    def _set_language_english(self, message: Message, text: Text) -> None:
        entities = [e for e in message.get(ENTITIES, []) if e.get("entity") != "language"]
        english = {"entity": "language", "value": "en", "start": 0, "end": len(text),
                   "confidence": 1.0}
        message.set(ENTITIES, entities + self.add_extractor_name([english]), add_to_output=True)
