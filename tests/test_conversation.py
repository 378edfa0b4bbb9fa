"""The core conversation as a user sees it: the right reply in the user's language."""
import pytest

from tests.conftest import variation

CORE = [
    # (message, language, response the user must get)
    ("moi", "fi", "utter_greet"),
    ("hej", "sv", "utter_greet"),
    ("näkemiin", "fi", "utter_goodbye"),
    ("hej då", "sv", "utter_goodbye"),
    ("kiitos paljon", "fi", "utter_thank"),
    ("tack för hjälpen idag", "sv", "utter_thank"),
    ("ootko botti", "fi", "utter_bot_challenge"),
    ("är du en riktig människa", "sv", "utter_bot_challenge"),
    ("mitä kaikkea sä osaat", "fi", "utter_help"),
    ("vad kan du hjälpa mig med", "sv", "utter_help"),
    ("millainen sää on huomenna", "fi", "utter_out_of_scope"),
    ("blir det regn i morgon", "sv", "utter_out_of_scope"),
]


@pytest.mark.parametrize("message,language,utter", CORE)
def test_core_intent_answered_in_users_language(chat, domain, message, language, utter):
    assert chat.texts(message) == [variation(domain, utter, language)]
    assert chat.slot("language") == language


def test_help_offers_topics_as_buttons_in_swedish(chat):
    [reply] = chat.say("hjälp")
    titles = [b["title"] for b in reply["buttons"]]
    assert "Stöd för boende" in titles and "FPA-kortet" in titles
    assert len(titles) == 8


def test_topic_button_asks_for_the_question_about_that_topic(chat, domain):
    chat.say("hej")
    assert chat.texts('/choose_topic{"topic": "housing"}') == [
        variation(domain, "utter_topic_intro", "sv", topic="housing")
    ]


def test_language_follows_the_user_mid_conversation(chat, domain):
    assert chat.texts("moi") == [variation(domain, "utter_greet", "fi")]
    assert chat.texts("tack för hjälpen idag") == [variation(domain, "utter_thank", "sv")]
    assert chat.texts("kiitos") == [variation(domain, "utter_thank", "fi")]


@pytest.mark.parametrize(
    "request_text,language",
    [("puhu ruotsia", "sv"), ("voitko vastata mulle ruotsiksi", "sv"),
     ("kan du ta det på finska", "fi"), ("kan du tala finska med mig", "fi")],
)
def test_user_can_ask_for_the_other_language(chat, domain, request_text, language):
    other = "fi" if language == "sv" else "sv"
    chat.say("moi" if other == "fi" else "hej")
    assert chat.texts(request_text) == [variation(domain, "utter_language_switched", language)]
    assert chat.slot("language") == language


@pytest.mark.parametrize("unclear", ["ok", "👍", "?"])
def test_unclear_message_keeps_swedish(chat, unclear):
    chat.say("hej")
    chat.say(unclear)
    assert chat.slot("language") == "sv"


def test_default_language_is_finnish(chat, domain):
    # no words to tell the language by: the reply is in Finnish
    assert chat.texts("👍") == [variation(domain, "utter_affirm", "fi")]


def test_gibberish_gets_an_honest_fallback_in_swedish(chat, domain):
    chat.say("hej")
    assert chat.texts("asdfgh qwerty zxcv") == [variation(domain, "utter_default", "sv")]
