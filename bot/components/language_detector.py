"""NLU component: adds a `language` entity (fi/sv) to every message whose language is clear.

The domain maps that entity onto the `language` slot, and every response has
a Swedish variation conditioned on the slot, so replies follow the user. A
message with no clear language adds nothing, so the slot (default fi) keeps
its value. An explicit request ("puhu ruotsia", "på finska tack") wins over
the language the request itself is written in.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.detect import detect_language
from bot.language.request import requested_language


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class LanguageDetector(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def required_packages() -> List[Text]:
        return ["lingua"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"entity": "language"}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageDetector":
        return cls(config)

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.entity = config["entity"]

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            language = self.language_of(message.get(TEXT) or "")
            if language is None:
                continue
            entity = {
                "entity": self.entity,
                "value": language,
                # the whole message is the evidence for its language
                "start": 0,
                "end": len(message.get(TEXT)),
                "confidence": 1.0,
            }
            message.set(
                ENTITIES,
                message.get(ENTITIES, []) + self.add_extractor_name([entity]),
                add_to_output=True,
            )
        return messages

    @staticmethod
    def language_of(text: Text) -> Optional[Text]:
        # "/intent{...}" payloads come from buttons, not from a person typing
        if text.startswith("/"):
            return None
        return requested_language(text) or detect_language(text)
