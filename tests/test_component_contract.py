"""The contract of our trainable NLU components with Rasa's graph (issue 17):
they name the packages they need, their training fingerprint covers the
feature code, they train and load on empty data, and what they persist loads
back to the same predictions, trained twice to the same result."""
import importlib
import sys

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.answer_selector import AnswerSelector
from bot.components.intent_classifier import IntentClassifier
from bot.components.linear_text_component import FEATURE_MODULES, source_hash
from bot.components.unknown_words_fallback import UnknownWordsFallback

PHRASES = {
    "greet": ["hei", "moi moi", "hyvää päivää", "terve vaan", "hej", "god dag"],
    "faq": ["miten haen asumistukea", "kuka saa opintotukea", "paljonko lapsilisä on",
            "hur söker jag bostadsbidrag", "vem får studiepenning", "hur stort är barnbidraget"],
    "stop": ["lopeta", "riittää", "sluta", "det räcker", "ei kiitos", "nej tack"],
}
ANSWERS = {"housing": ["miten haen asumistukea", "hur söker jag bostadsbidrag", "asumistuki hakemus"],
           "study_grant": ["kuka saa opintotukea", "vem får studiepenning", "opintoraha kenelle"],
           "child_benefit": ["paljonko lapsilisä on", "hur stort är barnbidraget", "lapsilisän määrä"]}
TOPICS = {"housing": "housing", "study_grant": "students", "child_benefit": "families"}


def intent_data():
    return TrainingData([Message(data={"text": t, "intent": i})
                         for i, texts in PHRASES.items() for t in texts])


def answer_data():
    examples = [Message(data={"text": t, "intent": "faq", "intent_response_key": f"faq/{k}"})
                for k, texts in ANSWERS.items() for t in texts]
    responses = {f"utter_faq/{k}": [{"text": f"Vastaus {k}.", "metadata": {"topic": topic}}]
                 for k, topic in TOPICS.items()}
    return TrainingData(examples, responses=responses)


def trained(component_class, data, tmp_path, name="component"):
    (tmp_path / name).mkdir()
    storage = LocalModelStorage(tmp_path / name)
    resource = Resource(name)
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**component_class.get_default_config()}
    component = component_class.create(config, storage, resource, context)
    component.train(data)
    return component, component_class.load(config, storage, resource, context)


def predicted(component, texts, key="intent_ranking"):
    messages = [Message(data={"text": t, "intent": {"name": "faq", "confidence": 1.0}})
                for t in texts]
    component.process(messages)
    if key == "response_selector":
        return [m.get(key)["faq"]["ranking"] for m in messages]
    return [m.get(key) for m in messages]


QUESTIONS = ["miten haetaan asumistukea", "vem kan få studiepenning", "moikka", "lopetetaan"]


def test_intent_classifier_persists_loads_and_retrains_the_same(tmp_path):
    fitted, loaded = trained(IntentClassifier, intent_data(), tmp_path, "first")
    assert predicted(loaded, QUESTIONS) == predicted(fitted, QUESTIONS)
    assert [r[0]["name"] for r in predicted(loaded, QUESTIONS)] == ["faq", "faq", "greet", "stop"]
    _, again = trained(IntentClassifier, intent_data(), tmp_path, "second")
    assert predicted(again, QUESTIONS) == predicted(loaded, QUESTIONS)


def test_answer_selector_persists_loads_and_retrains_the_same(tmp_path):
    fitted, loaded = trained(AnswerSelector, answer_data(), tmp_path, "first")
    rankings = predicted(loaded, QUESTIONS[:2], "response_selector")
    assert rankings == predicted(fitted, QUESTIONS[:2], "response_selector")
    assert [r[0]["intent_response_key"] for r in rankings] == ["faq/housing", "faq/study_grant"]
    _, again = trained(AnswerSelector, answer_data(), tmp_path, "second")
    assert predicted(again, QUESTIONS[:2], "response_selector") == rankings


@pytest.mark.parametrize("component_class", [IntentClassifier, AnswerSelector,
                                             UnknownWordsFallback])
def test_empty_training_data_trains_and_loads_and_changes_nothing(component_class, tmp_path):
    _, loaded = trained(component_class, TrainingData(), tmp_path)
    [message] = [Message(data={"text": "hei", "intent": {"name": "greet", "confidence": 0.9}})]
    loaded.process([message])
    if component_class is UnknownWordsFallback:  # nothing is known: the honest fallback
        assert message.get("intent")["name"] == "nlu_fallback"
    else:
        assert message.get("intent") == {"name": "greet", "confidence": 0.9}
        assert message.get("response_selector") is None


def test_the_fingerprint_covers_the_feature_code(tmp_path, monkeypatch):
    assert {"bot.components.text_classifier", "bot.components.answer_sentences",
            "bot.components.topic_answer_model",
            "bot.components.linear_text_component"} <= set(FEATURE_MODULES)
    assert IntentClassifier.fingerprint_addon({}) != AnswerSelector.fingerprint_addon({})
    # a change in a module's source changes the hash
    (tmp_path / "feature_probe.py").write_text("N_GRAMS = (2, 5)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    before = source_hash(["feature_probe"])
    (tmp_path / "feature_probe.py").write_text("N_GRAMS = (1, 4)\n")
    assert source_hash(["feature_probe"]) != before
    sys.modules.pop("feature_probe", None)


def test_components_name_the_packages_they_need():
    assert {"sklearn", "scipy", "numpy"} <= set(IntentClassifier.required_packages())
    assert AnswerSelector.required_packages() == IntentClassifier.required_packages()
