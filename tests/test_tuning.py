"""bot/tuning makes Rasa cheaper to run without changing what it does: one
spaCy pipeline per process, without the parts nobody reads, and action
server replies checked against the same schema with the same errors."""
import pytest

from bot import rasa_patches

rasa_patches.install()  # as bot/rasa_cli.py does before Rasa starts


def test_the_spacy_pipeline_is_loaded_once_without_parser_and_ner():
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    first = SpacyNLP.load_model("spacy_fi_experimental_web_md")
    second = SpacyNLP.load_model("spacy_fi_experimental_web_md")
    assert first.model is second.model
    assert "ner" not in first.model.pipe_names and "parser" not in first.model.pipe_names
    # what the tokenizer and featurizers read is still there
    doc = first.model("haen asumistukea")
    assert [t.lemma_ for t in doc] == ["hakea", "asumistuki"]
    assert doc[0].pos_ and doc.vector.any()


def test_a_missing_spacy_model_still_gets_rasas_message():
    from rasa.nlu.utils.spacy_utils import SpacyNLP
    from rasa.nlu.model import InvalidModelError

    with pytest.raises(InvalidModelError, match="available spaCy model"):
        SpacyNLP.load_model("no_such_spacy_model")


def test_action_server_replies_are_checked_as_before():
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    action = RemoteAction("action_service_hours", None)
    good = {"events": [{"event": "slot", "name": "topic", "value": "housing"}],
            "responses": [{"text": "hei"}]}
    assert action._validate_action_result(good)
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"event": "no_such_event"}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})
