"""NLU component: picks the answer inside the `faq` retrieval intent
(faq/child_benefit, faq/kela_card_lost, ...), in place of Rasa's ResponseSelector.

Why not ResponseSelector: with about 20 examples per answer and 43 answers, a
linear model on TF-IDF character n-grams, words and lemmas generalised better
to unseen phrasings, in Finnish most of all (inflection: the lemma of
"asumistuesta" is "asumistuki"), and it trains in seconds instead of minutes.
Measured 2026-11-23 on the held-out answers: see docs/answer-quality.md.
With 167 answers the model picks the topic first, then the answer within it
(topic_answer_model.py); each answer's topic is its response's metadata.topic.

It writes its prediction where ResponseSelector does (`response_selector.faq`),
so `utter_faq/<key>` responses (actions/answer.py) and the rest of the assistant work unchanged.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, INTENT_RESPONSE_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.answer_sentences import answer_sentences
from bot.components.linear_text_component import LinearTextComponent
from bot.components.text_classifier import text_with_lemmas
from bot.components.topic_answer_model import TopicThenAnswer
from common.other_kela import share_of

RETRIEVAL_INTENT = "faq"
# Enough answers that a follow-up can still find its conversation's topic
# among them (actions/follow_up.py) when the model leans to another topic.
RANKING_LENGTH = 30


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class AnswerSelector(LinearTextComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # "balanced": every answer weighs the same whatever its number of
        # phrasings, so a new answer with 16 is not drowned by an old one with 60
        # (held-out, 107 answers: top answer right +1.7 points fi, +1.5 sv).
        # min_share: a message the intent classifier took for something else
        # is ranked too when it gives the answers at least this share, so a
        # short follow-up it read as out of scope ("milloin se maksetaan?")
        # can still be answered within the conversation's topic (actions/follow_up.py).
        return {"C": 20.0, "learn_from_answer_texts": True, "class_weight": None, "min_df": 1,
                "min_share": 0.05}

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples
                    if m.get(INTENT) == RETRIEVAL_INTENT and m.get(INTENT_RESPONSE_KEY)]
        texts = [text_with_lemmas(m) for m in examples]
        labels = [m.get(INTENT_RESPONSE_KEY) for m in examples]
        if self.config["learn_from_answer_texts"]:
            # The answer texts never pass the tokenizer, so they count by their
            # words and n-grams only, without lemmas.
            for sentence, key in answer_sentences(training_data.responses, RETRIEVAL_INTENT):
                texts.append(sentence)
                labels.append(key)
        if len(set(labels)) < 2:  # no answers to tell apart: no classifier (see the base class)
            return self.resource
        topic_of = answer_topics(training_data.responses, RETRIEVAL_INTENT)
        model = TopicThenAnswer(self.config["C"], self.config["class_weight"],
                                int(self.config["min_df"]))
        model.fit(texts, labels, [topic_of.get(label, "") for label in labels])
        return self.keep(model)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.classifier is None:
            return messages
        for message in messages:
            # Only a question the intent classifier (before us) took for an
            # answer, or left the answers a fair share, needs one: the rest
            # never read it, and it costs a quarter of the NLU's time per message.
            if (message.get(INTENT) or {}).get("name") != RETRIEVAL_INTENT and share_of(
                    {"intent_ranking": message.get(INTENT_RANKING_KEY)},
                    RETRIEVAL_INTENT) < self.config["min_share"]:
                continue
            ranking = self.classifier.ranked(text_with_lemmas(message))
            key, confidence = ranking[0]
            selector = message.get("response_selector") or {}
            selector["all_retrieval_intents"] = [RETRIEVAL_INTENT]
            selector[RETRIEVAL_INTENT] = {
                "response": {"responses": [], "confidence": float(confidence),
                             "intent_response_key": key, "utter_action": f"utter_{key}"},
                "ranking": [{"id": i, "confidence": float(p), "intent_response_key": k}
                            for i, (k, p) in enumerate(ranking[:RANKING_LENGTH])],
            }
            message.set("response_selector", selector, add_to_output=True)
        return messages


def answer_topics(responses: Dict[Text, List[Dict[Text, Any]]], retrieval_intent: str) -> Dict[str, str]:
    """faq/child_benefit -> families, from each answer's first variation's metadata."""
    prefix = f"utter_{retrieval_intent}/"
    return {name[len("utter_"):]: ((variations[0].get("metadata") or {}).get("topic") or "")
            for name, variations in responses.items() if name.startswith(prefix)}
