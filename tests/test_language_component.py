"""The Rasa NLU component that turns the detected language into an entity."""
from rasa.shared.nlu.training_data.message import Message

from bot.components.language_detector import LanguageDetector


def run(text):
    component = LanguageDetector(LanguageDetector.get_default_config())
    [message] = component.process([Message(data={"text": text})])
    return message.get("entities", [])


def test_clear_message_gets_a_language_entity_spanning_it():
    [entity] = run("hur ansöker jag om bostadsbidrag")
    assert entity["entity"] == "language" and entity["value"] == "sv"
    assert (entity["start"], entity["end"]) == (0, len("hur ansöker jag om bostadsbidrag"))
    assert entity["extractor"] == "LanguageDetector"


def test_explicit_request_beats_the_language_it_is_written_in():
    [entity] = run("kan du ta det på finska")
    assert entity["value"] == "fi"


def test_unclear_message_and_button_payload_add_nothing():
    assert run("ok") == []
    assert run('/choose_topic{"topic": "housing"}') == []


def guard(text, intent="faq"):
    from bot.components.personal_id_guard import PersonalIdGuard

    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}})
    [message] = PersonalIdGuard().process([message])
    return message.get("intent")["name"]


def test_identity_code_overrides_the_intent():
    assert guard("mikä on päätökseni, hetu 131052-308T") == "share_personal_id"
    # a typo of a real code is somebody's code too (tests/test_personal_id_shapes.py)
    assert guard("mikä on päätökseni, hetu 131052-308A") == "share_personal_id"


def test_without_a_code_the_intent_stays():
    assert guard("mikä on päätökseni, päätös 13.10.2026") == "faq"
    assert guard("040 123 4567", "inform") == "inform"


def unknown_words(texts, vocabulary):
    from bot.components.unknown_words_fallback import UnknownWordsFallback

    component = UnknownWordsFallback(None, None, set(vocabulary))
    messages = [Message(data={"text": t, "intent": {"name": "faq", "confidence": 1.0}})
                for t in texts]
    return [m.get("intent")["name"] for m in component.process(messages)]


def test_nonsense_goes_to_the_fallback_known_words_do_not():
    vocabulary = ["miten", "haen", "asumistukea", "hej"]
    assert unknown_words(
        ["ghjk", "qwerty zxcv", "asumistuesta", "miten", "040 123 4567", "/faq", "👍", "ok"],
        vocabulary,
    ) == ["nlu_fallback", "nlu_fallback", "faq", "faq", "faq", "faq", "faq", "faq"]
