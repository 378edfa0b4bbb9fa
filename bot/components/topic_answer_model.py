"""The answer selector's model: first the topic (families, students, ...), then
the answer within that topic; an answer's probability is
p(topic) x p(answer | topic).

Why: one flat model over 167 answers mixed up answers across benefits that
share words; picking the topic first and then choosing among that topic's
answers only, each with its own TF-IDF vocabulary, is more accurate and
trains faster (each answer model sees one topic's phrasings). Measured on
the held-out phrasings with benchmarks/answer_models.py (2026-12-02,
docs/answer-quality.md): top answer right 0.849 / 0.860 (fi / sv) against 0.827 /
0.841 for one flat model on the same data, and fewer outright wrong answers
at the same share of "did you mean".

Topics whose probability is below MIN_TOPIC are not scored: their answers
could not reach the ranking anyway, and skipping them keeps a message's cost
near one flat model's.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from sklearn.pipeline import Pipeline

from bot.components.text_classifier import new_classifier, ranked

MIN_TOPIC = 0.001


class TopicThenAnswer:
    def __init__(self, c: float, class_weight=None, min_df: int = 1) -> None:
        self.c, self.class_weight, self.min_df = c, class_weight, min_df
        self.topic_model: Optional[Pipeline] = None
        # topic -> its answer model, or the single answer of a one-answer topic
        self.answer_models: Dict[str, Pipeline] = {}
        self.only_answer: Dict[str, str] = {}

    def fit(self, texts: Sequence[str], labels: Sequence[str],
            topics: Sequence[str]) -> "TopicThenAnswer":
        self.topic_model = new_classifier(self.c, self.class_weight, self.min_df)
        self.topic_model.fit(texts, topics)
        for topic in sorted(set(topics)):
            rows = [i for i, t in enumerate(topics) if t == topic]
            answers = {labels[i] for i in rows}
            if len(answers) == 1:
                self.only_answer[topic] = next(iter(answers))
                continue
            model = new_classifier(self.c, self.class_weight, self.min_df)
            self.answer_models[topic] = model.fit([texts[i] for i in rows], [labels[i] for i in rows])
        return self

    def ranked(self, text: str) -> List[Tuple[str, float]]:
        """(answer, probability) for one text, most likely first."""
        scores: List[Tuple[str, float]] = []
        grams: dict = {}  # the text's n-grams, analysed once for all the models
        for topic, p_topic in ranked(self.topic_model, text, grams):
            if p_topic < MIN_TOPIC:
                break
            if topic in self.only_answer:
                scores.append((self.only_answer[topic], p_topic))
                continue
            scores.extend((answer, p_topic * p)
                          for answer, p in ranked(self.answer_models[topic], text, grams))
        scores.sort(key=lambda pair: -pair[1])
        return scores
