"""The call-back form's other steps with typed answers (issue 15), as units
with a tracker built here: the topic by a benefit name, a title or a typo; a
number typed at another step; consent in words; a topic change; and the
conversation's language kept while the form asks."""
import asyncio

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.callback_form import ValidateCallbackForm
from actions.form_language import language_before_latest_message
from tests.conftest import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
FORM = ValidateCallbackForm()


def tracker(text, asked, intent="inform", answer=None, events=(), **slots):
    message = {"text": text, "intent": {"name": intent}}
    if answer:
        message["response_selector"] = {"faq": {"response": {"intent_response_key": answer}}}
    return Tracker("t", {"requested_slot": asked, "language": "fi", **slots}, message,
                   list(events), False, None, {"name": "callback_form"}, None)


def run(coroutine):
    return asyncio.run(coroutine) if asyncio.iscoroutine(coroutine) else coroutine


def said(dispatcher):
    return [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize("text,intent,answer,line", [
    ("asumistuki", "faq", "faq/general_housing_allowance", "housing"),
    ("opintotuki", "faq", "faq/study_grant", "students"),
    ("toimeentulotuki", "faq", "faq/social_assistance_basic", "social_assistance"),
    ("lapsilisä", "faq", "faq/child_benefit", "families"),
    ("bostadsbidrag", "faq", "faq/general_housing_allowance", "housing"),
    ("kela-kortti", "faq", "faq/kela_card_new", "kela_card"),
    ("Lapsiperheet", "inform", None, "families"),          # a button's title typed
    ("asumistki", "nlu_fallback", None, "housing"),         # a typo
    ("toimentulotuki", "nlu_fallback", None, "social_assistance"),
    ("se koskee elatustukea", "faq", "faq/maintenance_allowance", "families"),  # the answer's topic
    ("varusmies", "inform", None, "conscripts"),
])
def test_a_typed_topic_fills_the_topic(text, intent, answer, line):
    t = tracker(text, "callback_line", intent, answer)
    dispatcher = CollectingDispatcher()
    extracted = run(FORM.extract_callback_line(dispatcher, t, DOMAIN))
    value = extracted.get("callback_line", text)  # inform: Rasa's from_text mapping gives the text
    assert FORM.validate_callback_line(value, dispatcher, t, DOMAIN) == {"callback_line": line}
    assert said(dispatcher) == []


def test_a_long_question_at_the_topic_step_is_left_to_the_answer_rule():
    t = tracker("saanko asumistukea jos asun kimppakämpässä kaverin kanssa", "callback_line",
                "faq", "faq/general_housing_allowance_household")
    assert run(FORM.extract_callback_line(CollectingDispatcher(), t, DOMAIN)) == {}


def test_an_unknown_topic_is_asked_again_with_an_example():
    t = tracker("en tiedä", "callback_line")
    dispatcher = CollectingDispatcher()
    assert FORM.validate_callback_line("en tiedä", dispatcher, t, DOMAIN) == {"callback_line": None}
    assert said(dispatcher) == ["utter_callback_line_unknown"]


def test_one_typed_request_fills_the_topic_and_the_number_at_once():
    t = tracker("soita mulle numeroon 040 555 6677 asumistuesta", None, "request_callback")
    assert run(FORM.extract_callback_line(CollectingDispatcher(), t, DOMAIN)) == {
        "callback_line": "housing"}
    assert run(FORM.extract_callback_phone(CollectingDispatcher(), t, DOMAIN)) == {
        "callback_phone": "soita mulle numeroon 040 555 6677 asumistuesta"}


@pytest.mark.parametrize("asked", ["callback_line", "callback_language", "callback_time"])
def test_a_number_typed_at_another_step_is_taken_and_the_step_asked_again(asked):
    t = tracker("040 555 6677", asked)
    dispatcher = CollectingDispatcher()
    assert run(FORM.extract_callback_phone(dispatcher, t, DOMAIN)) == {"callback_phone": "040 555 6677"}
    validate = getattr(FORM, f"validate_{asked}")
    assert validate("040 555 6677", dispatcher, t, DOMAIN) == {asked: None}
    assert said(dispatcher) == []  # no "I did not recognise the topic" for a number


def test_a_topic_change_at_a_later_step_changes_the_topic():
    t = tracker("hetkinen, vaihdan aiheen, opintotuki", "callback_time", "faq", "faq/study_grant",
                callback_line="housing")
    dispatcher = CollectingDispatcher()
    assert run(FORM.extract_callback_line(dispatcher, t, DOMAIN)) == {"callback_line": "students"}
    assert said(dispatcher) == ["utter_callback_line_changed"]


@pytest.mark.parametrize("text,answer", [
    ("joo", True), ("kyllä käy", True), ("ok", True), ("ja, det går bra", True),
    ("ei kiitos", False), ("nej", False), ("en halua", False), ("hmm", None),
])
def test_consent_in_words(text, answer):
    t = tracker(text, "callback_consent", intent="inform")
    extracted = run(FORM.extract_callback_consent(CollectingDispatcher(), t, DOMAIN))
    assert extracted == ({} if answer is None else {"callback_consent": answer})


def test_the_language_before_the_latest_message_is_the_forms():
    events = [{"event": "user", "text": "kan ni ringa upp mig"},
              {"event": "slot", "name": "language", "value": "sv"},
              {"event": "bot", "text": "..."},
              {"event": "user", "text": "suomeksi"},
              {"event": "slot", "name": "language", "value": "fi"}]
    t = tracker("suomeksi", "callback_language", events=events)
    assert language_before_latest_message(t) == "sv"


@pytest.mark.parametrize("text,asks", [
    ("soita mulle numeroon 040 555 6677 asumistuesta", True),
    ("ring mig på 050 765 4321", True),
    ("please call me on 040 555 6677", True),
    ("040 555 6677", False),                   # a number alone: no request
    ("soita mulle asumistuesta", False),       # no number: the model decides
    ("soita mulle, hetu 131052-308T, 040 555 6677", False),
])
def test_a_request_to_be_called_with_a_number_starts_the_form(text, asks):
    from actions.not_understood import asks_to_be_called
    assert asks_to_be_called(text) is asks
