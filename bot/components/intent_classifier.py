"""NLU component: the intent of a message (greet, faq, ask_phone_number,
out_of_scope, ...), in place of DIET.

The same linear text classifier as the answer selector
(bot/components/text_classifier.py); every question about a benefit is the one
intent `faq`, whose answer AnswerSelector then picks. Why not DIET: on this
data it was no more accurate on held-out phrasings, and it cost 15 of the 18
minutes of training and most of a server's start (it rebuilds its TensorFlow
training graph at every load). Measured 2026-11-24: docs/answer-quality.md
and "Performance".

It sets `intent` and `intent_ranking` as Rasa's classifiers do, so
FallbackClassifier and the dialogue policies work unchanged.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.linear_text_component import LinearTextComponent
from bot.components.text_classifier import ranked, text_with_lemmas

RANKING_LENGTH = 10
OUT_OF_SCOPE = "out_of_scope"
ROUTED = "ask_other_kela_topic"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class IntentClassifier(LinearTextComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # out_of_scope examples count twice: a question about another
        # organisation's business that shares words with a Kela answer
        # ("työttömyyskassan jäsenmaksu") should get the hand-off, not the
        # answer. Measured 2026-11-24 in 5-fold cross-validation: out-of-scope
        # phrasings given an answer 68 -> 56 (fi) and 71 -> 58 (sv), overall
        # accuracy +0.2 / +0.4 points (docs/answer-quality.md).
        # The same for Kela matters Neuvo does not cover (ask_other_kela_topic):
        # "sjukdagpenning" must get Kela's page and line, not an answer about
        # another benefit.
        return {"C": 50.0, "out_of_scope_weight": 2.0, "routed_weight": 2.0}

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(INTENT)]
        labels = [m.get(INTENT) for m in examples]
        weight = {intent: self.config[setting]
                  for intent, setting in ((OUT_OF_SCOPE, "out_of_scope_weight"),
                                          (ROUTED, "routed_weight"))
                  if intent in labels} or None
        return self.fit([text_with_lemmas(m) for m in examples], labels, weight)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.classifier is None:
            return messages
        for message in messages:
            ranking = ranked(self.classifier, text_with_lemmas(message))
            name, confidence = ranking[0]
            message.set(INTENT, {"name": name, PREDICTED_CONFIDENCE_KEY: confidence},
                        add_to_output=True)
            message.set(INTENT_RANKING_KEY,
                        [{"name": n, PREDICTED_CONFIDENCE_KEY: p}
                         for n, p in ranking[:RANKING_LENGTH]], add_to_output=True)
        return messages
