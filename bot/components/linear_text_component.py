"""What our two linear NLU components (IntentClassifier, AnswerSelector) share:
their settings, and the fitted classifier kept as a pickle in the model."""
from __future__ import annotations

import pickle
from typing import Any, Dict, List, Optional, Text, Union

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.pipeline import Pipeline

from bot.components.text_classifier import new_classifier


class LinearTextComponent(GraphComponent):
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
        classifier = new_classifier(self.config["C"], class_weight)
        classifier.fit(texts, labels)
        return self.keep(classifier)

    def keep(self, classifier: Any) -> Resource:
        """Use this fitted classifier and keep it in the model (load() reads it)."""
        with self.model_storage.write_to(self.resource) as path:
            (path / "classifier.pkl").write_bytes(pickle.dumps(classifier))
        self.classifier = classifier
        return self.resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearTextComponent":
        # the pickle is this model's own file, written by keep() above
        with model_storage.read_from(resource) as path:
            classifier = pickle.loads((path / "classifier.pkl").read_bytes())
        return cls(config, model_storage, resource, classifier)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
