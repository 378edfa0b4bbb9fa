"""NLU component: a message with no word the training data knows gets `nlu_fallback`.

A classifier can be confidently wrong on nonsense (with DIET, "ghjk" got a benefit answer with
confidence 1.0). If not one word of a message, nor its first five letters
(Finnish inflects: asumistuesta / asumistukea), occurs in any training
example, the honest reply is "I did not understand". Messages with digits
(phone numbers), button payloads and words under three letters ("ok") are
left alone.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.linear_text_component import source_hash
from common.words import words

STEM = 5
# "ok", "k", "no": too short to judge, left to the classifier
MIN_WORD = 3


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        # the vocabulary is what common.words makes of the training data
        return source_hash(("common.words", cls.__module__))

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UnknownWordsFallback":
        return cls(model_storage, resource)

    def __init__(self, model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Set[str]] = None) -> None:
        self.model_storage, self.resource = model_storage, resource
        self.vocabulary = vocabulary or set()
        self.stems = {w[:STEM] for w in self.vocabulary if len(w) >= STEM}

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary = {w for m in training_data.training_examples for w in words(m.get(TEXT) or "")}
        with self.model_storage.write_to(self.resource) as path:
            (path / "vocabulary.json").write_text(json.dumps(sorted(vocabulary)))
        return self.resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "UnknownWordsFallback":
        with model_storage.read_from(resource) as path:
            vocabulary = set(json.loads((path / "vocabulary.json").read_text()))
        return cls(model_storage, resource, vocabulary)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def knows(self, text: str) -> bool:
        found = [w for w in words(text) if len(w) >= MIN_WORD]
        return not found or any(w in self.vocabulary or w[:STEM] in self.stems for w in found)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/") or re.search(r"\d", text) or self.knows(text):
                continue
            intent = {"name": "nlu_fallback", "confidence": 1.0}
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent] + (message.get(INTENT_RANKING_KEY) or []),
                        add_to_output=True)
            # nothing in it was understood, so no answer is likely enough to
            # offer as "did you mean" either
            if message.get("response_selector"):
                message.set("response_selector", {}, add_to_output=True)
        return messages
