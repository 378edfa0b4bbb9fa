"""Alternatives to the answer selector's model, measured on the held-out
phrasings (issue 14 item 8): `python -m benchmarks.answer_models`.

Every variant trains on what AnswerSelector trains on (the faq/* phrasings of
data/nlu/ with their lemmas, plus the answer texts' sentences) and is scored on
tests/heldout/ per language, as the assistant would act on its ranking: the
top answer when it leads the next by at least the margin, "did you mean" with
the top three otherwise. Printed per variant and language: top answer right,
right or among the offered three, outright wrong, offered, and the training
time; then the same at the margin that keeps "did you mean" at or under 15 %
(issue 14's bar), which compares variants at equal helpfulness.

Answer-level only: the intent classifier before it and the fallbacks after it
are left out (tests/nlu_heldout_eval.py measures the whole pipeline). Not part
of `make test`: it trains every variant (minutes).
"""
from __future__ import annotations

import argparse
import pickle
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "results" / "answer_models_lemmas.pkl"
MARGIN = 0.2
MAX_OFFERED = 0.15
LANGUAGES = ("fi", "sv")


def _lemmatiser():
    import spacy

    nlp = spacy.load("spacy_fi_experimental_web_md")
    cache = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}

    def with_lemmas(texts: Sequence[str]) -> List[str]:
        # as SpacyNLP (case_sensitive: false) and text_with_lemmas do it
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        for text, doc in zip(missing, nlp.pipe([t.lower() for t in missing])):
            lemmas = " ".join(token.lemma_ for token in doc if token.lemma_)
            cache[text] = f"{text} | {lemmas}".lower()
        if missing:
            CACHE.parent.mkdir(exist_ok=True)
            CACHE.write_bytes(pickle.dumps(cache))
        return [cache[t] for t in texts]

    return with_lemmas


def training_data() -> Tuple[List[str], List[str], List[str], List[str], Dict[str, str]]:
    """(phrasings, their keys, answer sentences, their keys, topic of each key)."""
    from rasa.shared.importers.importer import TrainingDataImporter

    from bot.components.answer_sentences import answer_sentences

    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")])
    data = importer.get_nlu_data()
    examples = [m for m in data.intent_examples
                if m.get("intent") == "faq" and m.get("intent_response_key")]
    sentences = list(answer_sentences(data.responses, "faq"))
    topics = {}
    for name, variations in data.responses.items():
        if name.startswith("utter_faq/"):
            topics[name[len("utter_"):]] = (variations[0].get("metadata") or {}).get("topic", "?")
    return ([m.get("text") for m in examples], [m.get("intent_response_key") for m in examples],
            [s for s, _ in sentences], [k for _, k in sentences], topics)


def heldout(language: str) -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    pairs = []
    for path in sorted((ROOT / "tests" / "heldout").glob(f"*_{language}.yml")):
        for message in load_data(str(path)).intent_examples:
            key = message.get("intent_response_key")
            if key and key.startswith("faq/"):
                pairs.append((message.get("text"), key))
    return pairs


# --- the variants: each returns a function text-with-lemmas -> (labels, probabilities)

_FITTED = {}


def linear(c: float = 20.0, min_df: int = 1, char=(2, 5), word=(1, 2)):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    def fit(texts, labels):
        # a blend reuses the fit of its part made earlier in the same run
        key = (c, min_df, char, word, len(texts), tuple(sorted(set(labels))))
        if key not in _FITTED:
            _FITTED[key] = _fit(texts, labels)
        return _FITTED[key]

    def _fit(texts, labels):
        model = make_pipeline(
            make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=char, sublinear_tf=True,
                                       min_df=min_df),
                       TfidfVectorizer(analyzer="word", ngram_range=word, sublinear_tf=True,
                                       min_df=min_df)),
            LogisticRegression(C=c, max_iter=5000, class_weight="balanced"))
        model.fit(texts, labels)
        classes = model.classes_
        return lambda batch: (classes, model.predict_proba(batch))
    return fit


def topic_then_answer(topics: Dict[str, str], min_df: int = 1):
    """p(topic) x p(answer | topic): bot/components/topic_answer_model.py, as
    AnswerSelector trains it."""
    from bot.components.topic_answer_model import TopicThenAnswer

    def fit(texts, labels):
        model = TopicThenAnswer(20.0, "balanced", min_df).fit(
            texts, labels, [topics.get(k, "?") for k in labels])
        keys = sorted(set(labels))
        column = {k: i for i, k in enumerate(keys)}

        def predict(batch):
            out = np.zeros((len(batch), len(keys)))
            for row, text in enumerate(batch):
                for key, p in model.ranked(text):
                    out[row, column[key]] = p
            return np.array(keys), out
        return predict
    return fit


def blended(first, second, weight: float = 0.5):
    """The mean of two variants' probabilities."""
    def fit(texts, labels):
        a, b = first(texts, labels), second(texts, labels)

        def predict(batch):
            classes_a, p_a = a(batch)
            classes_b, p_b = b(batch)
            order = {k: i for i, k in enumerate(classes_b)}
            p_b = p_b[:, [order[k] for k in classes_a]]
            return classes_a, weight * p_a + (1 - weight) * p_b
        return predict
    return fit


def neighbours(k: int = 10, temperature: float = 0.05):
    """Nearest training phrasings by TF-IDF cosine, votes softened into probabilities."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    def fit(texts, labels):
        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True))
        matrix = features.fit_transform(texts)
        norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1 + 1e-9
        classes = np.array(sorted(set(labels)))
        column = {c: i for i, c in enumerate(classes)}
        label_index = np.array([column[l] for l in labels])

        def predict(batch):
            q = features.transform(batch)
            q_norm = np.sqrt(q.multiply(q).sum(axis=1)).A1 + 1e-9
            sims = (q @ matrix.T).toarray() / np.outer(q_norm, norms)
            out = np.zeros((len(batch), len(classes)))
            for row in range(len(batch)):
                best = np.argsort(-sims[row])[:k]
                for j in best:
                    out[row, label_index[j]] += np.exp(sims[row, j] / temperature)
                out[row] /= out[row].sum()
            return classes, out
        return predict
    return fit


# --- scoring

def decide(classes, probabilities, gold: Sequence[str], margin: float) -> Dict[str, float]:
    order = np.argsort(-probabilities, axis=1)
    right = wrong = offered = right_offered = top1 = 0
    for row, key in enumerate(gold):
        first, second = order[row, 0], order[row, 1]
        top1 += classes[first] == key
        if probabilities[row, first] - probabilities[row, second] < margin:
            offered += 1
            right_offered += key in set(classes[order[row, :3]])
        elif classes[first] == key:
            right += 1
        else:
            wrong += 1
    n = len(gold)
    return {"top1": top1 / n, "right": right / n, "r|o": (right + right_offered) / n,
            "wrong": wrong / n, "offered": offered / n}


def margin_for(classes, probabilities, gold, max_offered: float) -> float:
    """The largest margin (0.01 steps) that offers "did you mean" at most max_offered."""
    best = 0.0
    for margin in np.arange(0.0, 0.61, 0.01):
        if decide(classes, probabilities, gold, margin)["offered"] <= max_offered:
            best = float(margin)
    return best


def variants(topics) -> Dict[str, Callable]:
    return {
        "one flat model (before)": linear(),
        "one flat model, min_df=2": linear(min_df=2),
        "one flat model, C=50": linear(c=50.0),
        "topic then answer (AnswerSelector)": topic_then_answer(topics),
        "topic then answer, min_df=2": topic_then_answer(topics, 2),
        "neighbours k=10": neighbours(),
        "flat + neighbours": blended(linear(), neighbours()),
        "flat + topic then answer": blended(linear(), topic_then_answer(topics)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", default=[], help="variant names to run")
    parser.add_argument("--no-sentences", action="store_true",
                        help="leave the answer texts' sentences out of training")
    args = parser.parse_args()

    with_lemmas = _lemmatiser()
    texts, labels, sentences, sentence_keys, topics = training_data()
    train_x = with_lemmas(texts) + ([] if args.no_sentences else sentences)
    train_y = labels + ([] if args.no_sentences else sentence_keys)
    tests = {language: heldout(language) for language in LANGUAGES}
    batches = {language: with_lemmas([t for t, _ in pairs]) for language, pairs in tests.items()}
    print(f"{len(set(labels))} answers, {len(train_x)} training texts, "
          + ", ".join(f"{l} {len(p)} held-out" for l, p in tests.items()))
    print(f"{'variant':52} {'lang':4} {'train s':>7} {'top1':>6} {'right':>6} {'r|o':>6} "
          f"{'wrong':>6} {'offer':>6} | at offered<=15%: {'margin':>6} {'r|o':>6} {'wrong':>6}")
    rows = defaultdict(dict)
    for name, make in variants(topics).items():
        if args.only and name not in args.only:
            continue
        started = time.perf_counter()
        predict = make(train_x, train_y)
        seconds = time.perf_counter() - started
        for language, pairs in tests.items():
            gold = [k for _, k in pairs]
            classes, p = predict(batches[language])
            at = decide(classes, p, gold, MARGIN)
            m = margin_for(classes, p, gold, MAX_OFFERED)
            tuned = decide(classes, p, gold, m)
            rows[name][language] = (at, m, tuned)
            print(f"{name:52} {language:4} {seconds:7.1f} {at['top1']:6.3f} {at['right']:6.3f} "
                  f"{at['r|o']:6.3f} {at['wrong']:6.3f} {at['offered']:6.3f} | "
                  f"{m:6.2f} {tuned['r|o']:6.3f} {tuned['wrong']:6.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
