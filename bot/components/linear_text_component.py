"""What our two linear NLU components (IntentClassifier, AnswerSelector) share:
their settings, the fitted classifier kept as a pickle in the model, and the
contract with Rasa's graph:
- required_packages: what Rasa checks is installed before it trains;
- fingerprint_addon: Rasa's training cache keys a component by its config and
  data only, so a change in the feature code (text_classifier.py, ...) would
  reuse a stale cached classifier; the sources' hash is added to the key;
- no training data (or a single label) trains nothing, and a model without a
  classifier loads and passes messages on unchanged."""
from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Union

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.pipeline import Pipeline

from bot.components.text_classifier import new_classifier

CLASSIFIER_FILE = "classifier.pkl"
# The code that turns texts into features and fits the classifier: a change in
# any of them is a change of the trained model.
FEATURE_MODULES = ("bot.components.text_classifier", "bot.components.answer_sentences",
                   "bot.components.topic_answer_model", "bot.components.linear_text_component")


def source_hash(module_names) -> str:
    digest = hashlib.sha256()
    for name in module_names:
        __import__(name)
        digest.update(Path(sys.modules[name].__file__).read_bytes())
    return digest.hexdigest()


class LinearTextComponent(GraphComponent):
    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn", "scipy", "numpy"]

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        return source_hash(FEATURE_MODULES + (cls.__module__,))

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearTextComponent":
        return cls(config, model_storage, resource)

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, classifier: Optional[Pipeline] = None) -> None:
        self.config, self.model_storage, self.resource = config, model_storage, resource
        self.classifier = classifier

    def fit(self, texts: List[str], labels: List[str],
            class_weight: Union[str, Dict[str, float], None] = None) -> Resource:
        """Train on `texts` (see text_with_lemmas) and keep the result in the model."""
        if len(set(labels)) < 2:  # nothing to tell apart: no classifier
            return self.resource
        classifier = new_classifier(self.config["C"], class_weight)
        classifier.fit(texts, labels)
        return self.keep(classifier)

    def keep(self, classifier: Any) -> Resource:
        """Use this fitted classifier and keep it in the model (load() reads it)."""
        with self.model_storage.write_to(self.resource) as path:
            (path / CLASSIFIER_FILE).write_bytes(pickle.dumps(classifier))
        self.classifier = classifier
        return self.resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearTextComponent":
        # the pickle is this model's own file, written by keep() above; none
        # when there was nothing to train on
        try:
            with model_storage.read_from(resource) as path:
                kept = path / CLASSIFIER_FILE
                classifier = pickle.loads(kept.read_bytes()) if kept.exists() else None
        except ValueError:  # Rasa's storage has no folder for a resource never written
            classifier = None
        return cls(config, model_storage, resource, classifier)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
