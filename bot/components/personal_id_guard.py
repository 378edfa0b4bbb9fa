"""NLU component: a message with a valid Finnish identity code gets the intent
`share_personal_id`, whatever else it says, so the assistant refuses it and
no form takes it as an answer. Runs last in the pipeline."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_override import override_intent
from common.privacy.personal_id import contains_personal_id

INTENT_NAME = "share_personal_id"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PersonalIdGuard(GraphComponent):
    @staticmethod
    def required_packages() -> List[Text]:
        return ["phonenumbers", "stdnum"]

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "PersonalIdGuard":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if contains_personal_id(message.get(TEXT) or ""):
                override_intent(message, INTENT_NAME)
        return messages
