"""The linear text classifier both of our NLU classifiers use: logistic
regression on TF-IDF character n-grams inside words (typos, missing ä/ö,
compounds, Swedish) and on words and word pairs, of the text followed by its
lemmas (Finnish inflects: the lemma of "asumistuesta" is "asumistuki").

Measured 2026-11-24 on the held-out phrasings (docs/answer-quality.md): on
this data about as accurate as DIET (Finnish 2.7 points lower, Swedish 2.4
higher), trained in seconds instead of 15 minutes, and loaded in well under a
second instead of about 20 (DIET builds its TensorFlow training graph at
every load).
"""
from __future__ import annotations

from collections import Counter
from typing import Dict, List, Optional, Tuple, Union

import numpy as np
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union


def text_with_lemmas(message: Message) -> str:
    """The message text followed by its lemmas, so both forms count."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    lemmas = " ".join(t.lemma for t in tokens if t.lemma)
    return f"{message.get(TEXT) or ''} | {lemmas}".lower()


def new_features(min_df: int = 1):
    """TF-IDF of character n-grams inside words and of words and word pairs.
    min_df 2 drops n-grams seen in one phrasing only: the answer selector
    trains in half the time with about the same held-out figures (docs/answer-quality.md)."""
    return make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=min_df),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=min_df),
    )


def new_classifier(c: float, class_weight: Union[str, Dict[str, float], None] = None,
                   min_df: int = 1) -> Pipeline:
    return make_pipeline(new_features(min_df), LogisticRegression(C=c, max_iter=5000,
                                                                  class_weight=class_weight))


def ranked(classifier: Pipeline, text: str,
           grams: Optional[Dict[tuple, List[str]]] = None) -> List[Tuple[str, float]]:
    """(label, probability) for one text, most likely first.

    The features are computed directly rather than through the pipeline:
    scikit-learn's FeatureUnion goes through joblib for every call, which for a
    single short message costs more than the features themselves. `grams`
    keeps the text's n-grams for the next classifier with the same analyser
    (the answer selector scores one text with several)."""
    union, model = classifier.steps[0][1], classifier.steps[-1][1]
    grams = {} if grams is None else grams
    features = hstack([tfidf(vectorizer, text, grams)
                       for _, vectorizer in union.transformer_list]).tocsr()
    p = _probabilities(model, features)
    order = np.argsort(-p)
    return [(str(model.classes_[i]), float(p[i])) for i in order]


def tfidf(vectorizer: TfidfVectorizer, text: str, grams: Dict[tuple, List[str]]) -> csr_matrix:
    """vectorizer.transform([text]) for a sublinear, l2-normed TfidfVectorizer,
    with the text's n-grams analysed once per analyser setting (the same
    figures: tests/test_answer_selector.py)."""
    key = (vectorizer.analyzer, vectorizer.ngram_range, vectorizer.lowercase)
    if key not in grams:
        grams[key] = vectorizer.build_analyzer()(text)
    vocabulary = vectorizer.vocabulary_
    counts = Counter(vocabulary[g] for g in grams[key] if g in vocabulary)
    columns = np.array(sorted(counts), dtype=np.int64)
    values = np.array([1.0 + np.log(counts[c]) for c in columns]) * vectorizer.idf_[columns] \
        if len(columns) else np.zeros(0)
    norm = np.sqrt((values ** 2).sum())
    if norm > 0:
        values = values / norm
    return csr_matrix((values, columns, [0, len(columns)]), shape=(1, len(vocabulary)))


def _probabilities(model: LogisticRegression, features) -> np.ndarray:
    """predict_proba of a multinomial model, without its cost per call.

    scikit-learn multiplies by `coef_.T`, a transposed view that scipy copies
    whole (classes x features, 80 MB with 107 answers) for every message: 55 ms
    of the answer selector's 58. The same product with a contiguous copy made
    once gives identical probabilities in 0.2 ms."""
    if len(model.classes_) <= 2 or getattr(model, "multi_class", "auto") == "ovr":
        return model.predict_proba(features)[0]
    coef_t = getattr(model, "_neuvo_coef_t", None)
    if coef_t is None:
        coef_t = model._neuvo_coef_t = np.ascontiguousarray(model.coef_.T)
    return softmax(np.asarray(features @ coef_t) + model.intercept_, axis=1)[0]
