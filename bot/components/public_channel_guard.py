"""NLU component: on a public channel (the message's metadata says so:
common/visibility.py) a request whose conversation would ask for
personal data, a call-back (a phone number) or cancelling one (a reference
and the number's last digits), gets the intent `private_matter_in_public`.
Its rule points to the private ways (OmaKela's call-back request, the phone
line, the chat widget) in the user's language; nothing asks the poster to
write personal data where anyone can read it."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_override import override_intent
from common.visibility import is_public

INTENT_NAME = "private_matter_in_public"
ASKS_FOR_PERSONAL_DATA = {"request_callback", "cancel_callback"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PublicChannelGuard(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "PublicChannelGuard":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent in ASKS_FOR_PERSONAL_DATA and is_public(message.get("metadata")):
                override_intent(message, INTENT_NAME)
        return messages
