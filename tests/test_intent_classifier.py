"""IntentClassifier: out_of_scope examples weigh more, so a question that shares
words with both a Kela answer and another organisation's business leans to
the hand-off; training data without out_of_scope examples still trains."""
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_classifier import IntentClassifier

EXAMPLES = {
    "faq": ["kelan työttömyysetuus", "peruspäiväraha kelasta", "työmarkkinatuki kela",
            "miten haen työttömyysetuutta kelasta"],
    "out_of_scope": ["työttömyyskassan jäsenmaksu", "liityn työttömyyskassaan",
                     "ansiosidonnainen kassasta", "kassan jäsenyys"],
    "greet": ["moi", "hei", "terve", "huomenta"],
}
BORDERLINE = "työttömyyskassa vai kela"


def trained(tmp_path, examples, **config):
    tmp_path.mkdir(parents=True, exist_ok=True)
    storage = LocalModelStorage(tmp_path)
    component = IntentClassifier.create(
        {**IntentClassifier.get_default_config(), **config}, storage,
        Resource(f"intent_{len(config)}_{len(examples)}"),
        ExecutionContext(GraphSchema({}), "test"))
    messages = [Message(data={"text": t, "intent": intent})
                for intent, texts in examples.items() for t in texts]
    component.train(TrainingData(messages))
    return component


def confidence_of(component, text, intent):
    [message] = component.process([Message(data={"text": text})])
    return {r["name"]: r["confidence"] for r in message.get("intent_ranking")}[intent]


def test_out_of_scope_weight_moves_a_borderline_question_to_the_hand_off(tmp_path):
    plain = trained(tmp_path / "plain", EXAMPLES, out_of_scope_weight=1.0)
    weighted = trained(tmp_path / "weighted", EXAMPLES)
    assert (confidence_of(weighted, BORDERLINE, "out_of_scope")
            > confidence_of(plain, BORDERLINE, "out_of_scope"))


def test_trains_without_out_of_scope_examples(tmp_path):
    examples = {k: v for k, v in EXAMPLES.items() if k != "out_of_scope"}
    component = trained(tmp_path, examples)
    [message] = component.process([Message(data={"text": "moi moi"})])
    assert message.get("intent")["name"] == "greet"


def test_ranking_probabilities_are_scikit_learns(tmp_path):
    # bot/components/text_classifier.py computes predict_proba itself (speed):
    # the figures must be the same.
    import numpy as np
    from scipy.sparse import hstack

    from bot.components.text_classifier import ranked

    component = trained(tmp_path / "m", EXAMPLES)
    union, model = component.classifier.steps[0][1], component.classifier.steps[-1][1]
    for text in ["kelan työttömyysetuus", "hej", "sää huomenna"]:
        features = hstack([v.transform([text]) for _, v in union.transformer_list]).tocsr()
        expected = dict(zip(model.classes_, model.predict_proba(features)[0]))
        for label, probability in ranked(component.classifier, text):
            assert np.isclose(probability, expected[label], atol=1e-12)
