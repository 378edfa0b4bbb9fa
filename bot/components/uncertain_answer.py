"""NLU component: a question whose likeliest answer is not clearly ahead of the
next one gets `nlu_fallback` instead of that answer, so the assistant asks
"did you mean ...?" (actions/did_you_mean.py) rather than risk a wrong one.

A citizen cannot tell a wrong answer from a right one: when the answer
selector's top two answers are within `margin` of each other, the answer ranking
stays in the message (`response_selector.faq`) for the action to offer as
buttons. The margin was set on the held-out phrasings (docs/answer-quality.md).
Runs after FallbackClassifier: a message it already sent to the fallback keeps
its ranking too.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.components.answer_selector import RETRIEVAL_INTENT


def is_uncertain(ranking: List[Dict[str, Any]], margin: float) -> bool:
    if len(ranking) < 2:
        return False
    return ranking[0]["confidence"] - ranking[1]["confidence"] < margin


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UncertainAnswer(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"margin": 0.2}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UncertainAnswer":
        return cls(config)

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.margin = float(config["margin"])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != RETRIEVAL_INTENT:
                continue
            ranking = ((message.get("response_selector") or {}).get(RETRIEVAL_INTENT)
                       or {}).get("ranking") or []
            if is_uncertain(ranking, self.margin):
                message.set(INTENT, {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
                                     PREDICTED_CONFIDENCE_KEY: intent.get(PREDICTED_CONFIDENCE_KEY)},
                            add_to_output=True)
        return messages
