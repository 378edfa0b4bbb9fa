"""English messages get the English reply; Finnish and Swedish ones never do."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components.english_message import EnglishMessage
from bot.language.detect import is_english
from tests.conftest import variation


@pytest.mark.parametrize("text", [
    "how can I apply for housing allowance",
    "my kela card is lost",
    "i need help with money",
    "can you speak english",
])
def test_english_is_recognised(text):
    assert is_english(text)


@pytest.mark.parametrize("text", [
    "miten voin hakea asumistukea", "hur ansöker jag om bostadsbidrag", "ok thanks",
    "hi", "Kela card", "asdfgh qwerty zxcv", "mulla ei oo rahaa", "kela kortti hukas", "what is yleistuki",
])
def test_finnish_swedish_and_short_messages_are_not_english(text):
    assert not is_english(text)


def parsed(text, intent):
    message = Message.build(text=text)
    message.set("intent", {"name": intent, "confidence": 0.9})
    return message


def test_an_english_question_gets_the_english_intent_over_a_guessed_answer():
    [message] = EnglishMessage().process([parsed("I got a letter I cannot read", "faq/child_benefit")])
    assert message.get("intent")["name"] == "english_message"


@pytest.mark.parametrize("intent", ["request_callback", "thank", "switch_language"])
def test_short_exchanges_keep_their_intent(intent):
    [message] = EnglishMessage().process([parsed("thank you so much indeed", intent)])
    assert message.get("intent")["name"] == intent


def test_button_payloads_are_not_read_as_english():
    [message] = EnglishMessage().process([parsed('/choose_answer{"answer_key": "the first one"}', "faq/x")])
    assert message.get("intent")["name"] == "faq/x"


@pytest.mark.parametrize("text", [
    "Where can I find help for paying my electricity bill?",
    "My son starts university next year, what can he get?",
])
def test_english_question_gets_the_english_reply_and_language_stays(chat, domain, text):
    assert chat.texts(text) == [variation(domain, "utter_english", "fi")]
    assert "https://www.kela.fi/web/en" in chat.texts(text)[0]
    assert chat.slot("language") == "fi"


def language_entities(message):
    return [e["value"] for e in message.get("entities", []) if e["entity"] == "language"]


def test_an_english_call_back_request_switches_the_replies_to_english():
    message = parsed("could you phone me tomorrow", "request_callback")
    message.set("entities", [{"entity": "language", "value": "fi"}])
    [message] = EnglishMessage().process([message])
    assert message.get("intent")["name"] == "request_callback"
    assert language_entities(message) == ["en"]


@pytest.mark.parametrize("text,intent", [
    ("soittakaa minulle huomenna", "request_callback"),  # Finnish: no change
    ("What benefits can my daughter get", "faq/child_benefit"),  # English, not a call-back
])
def test_other_messages_do_not_switch_the_replies_to_english(text, intent):
    [message] = EnglishMessage().process([parsed(text, intent)])
    assert language_entities(message) == []
