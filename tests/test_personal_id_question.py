"""Asked whether it needs one's identity code, Neuvo says plainly that it does
not and why (issue 16), in the asker's language, also during the call-back
form, where the question is then asked again."""
import pytest

from tests.conftest import variation


@pytest.mark.parametrize("text, language", [
    ("tarviitteko mun henkilötunnuksen?", "fi"),
    ("voinko antaa hetun sulle?", "fi"),
    ("pitääks mun laittaa sotu tähän", "fi"),
    ("behöver ni min personbeteckning?", "sv"),
    ("ska jag skicka mitt personnummer till dig?", "sv"),
])
def test_asked_about_the_identity_code_neuvo_says_it_never_needs_it(chat, domain, text, language):
    assert chat.texts(text) == [variation(domain, "utter_personal_id_not_needed", language)]


def test_asked_during_the_call_back_form_the_step_is_asked_again(chat, domain):
    chat.texts("haluan soittopyynnön")
    assert chat.slot("requested_slot") == "callback_line"
    assert chat.texts("tarvitsetteko te mun hetun tähän?") == [
        variation(domain, "utter_personal_id_not_needed", "fi"),
        variation(domain, "utter_ask_callback_line", "fi")]
