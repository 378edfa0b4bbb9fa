"""AnswerSelector: the topic first, then the answer within it. Trained here on
a handful of phrasings: the topic comes from each answer's metadata, the
probabilities over all answers sum to one, a topic with a single answer
works, and the persisted model loads and answers the same."""
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.answer_selector import AnswerSelector, answer_topics

PHRASINGS = {
    "faq/child_benefit_apply": ["miten haen lapsilisää", "lapsilisän hakeminen", "hur ansöker jag om barnbidrag"],
    "faq/child_benefit_payment": ["milloin lapsilisä maksetaan", "lapsilisän maksupäivä", "när betalas barnbidraget"],
    "faq/general_housing_allowance": ["asumistuki vuokraan", "yleinen asumistuki", "bostadsbidrag för hyran"],
    "faq/study_grant": ["opintoraha korkeakouluopiskelijalle", "opintorahan saaminen", "studiepenning"],
}
TOPICS = {"faq/child_benefit_apply": "families", "faq/child_benefit_payment": "families",
          "faq/general_housing_allowance": "housing", "faq/study_grant": "students"}
RESPONSES = {f"utter_{key}": [{"text": "...", "metadata": {"topic": topic}}]
             for key, topic in TOPICS.items()}


def training_data():
    messages = [Message(data={"text": text, "intent": "faq", "intent_response_key": key})
                for key, texts in PHRASINGS.items() for text in texts]
    return TrainingData(messages, responses=RESPONSES)


@pytest.fixture
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


def trained(storage, resource):
    component = AnswerSelector.create(
        {**AnswerSelector.get_default_config(), "learn_from_answer_texts": False}, storage,
        resource, ExecutionContext(GraphSchema({}), "test"))
    component.train(training_data())
    return component


def ranking(component, text):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq"}})])
    return message.get("response_selector")["faq"]["ranking"]


def test_each_answers_topic_is_its_metadata():
    assert answer_topics(RESPONSES, "faq") == TOPICS


def test_the_answer_is_picked_within_the_likeliest_topic(storage):
    component = trained(storage, Resource("answers"))
    assert ranking(component, "lapsilisä maksetaan milloin")[0]["intent_response_key"] == \
        "faq/child_benefit_payment"
    assert ranking(component, "bostadsbidrag hyra")[0]["intent_response_key"] == \
        "faq/general_housing_allowance"  # housing has one answer: p(answer | topic) = 1
    full = ranking(component, "opintoraha")
    assert full[0]["intent_response_key"] == "faq/study_grant"
    assert sum(r["confidence"] for r in full) == pytest.approx(1.0)


def test_a_loaded_model_answers_as_the_trained_one(storage):
    resource = Resource("persisted")
    component = trained(storage, resource)
    loaded = AnswerSelector.load(AnswerSelector.get_default_config(), storage, resource,
                                 ExecutionContext(GraphSchema({}), "test"))
    for text in ["lapsilisän haku", "asumistuki", "studiepenning för studerande"]:
        assert ranking(loaded, text) == ranking(component, text)


def test_a_message_of_another_intent_is_left_alone(storage):
    component = trained(storage, Resource("other"))
    [message] = component.process([Message(data={"text": "moi", "intent": {"name": "greet"}})])
    assert message.get("response_selector") is None


def test_features_computed_once_per_text_are_scikit_learns(storage):
    # text_classifier.tfidf shares a text's n-grams between the models: the
    # features must equal the vectorizers' own transform
    import numpy as np

    from bot.components.text_classifier import tfidf

    model = trained(storage, Resource("features")).classifier
    pipelines = [model.topic_model] + list(model.answer_models.values())
    for text in ["miten haen lapsilisää", "lapsilisä lapsilisä maksupäivä", "xyzzy", ""]:
        grams = {}
        for pipeline in pipelines:
            for _, vectorizer in pipeline.steps[0][1].transformer_list:
                expected = vectorizer.transform([text]).toarray()
                assert np.allclose(tfidf(vectorizer, text, grams).toarray(), expected, atol=1e-12)
