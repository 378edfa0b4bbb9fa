""""Did you mean": close answers become buttons; a pressed or typed choice is answered."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from common.content import answer_titles, other_kela_topics
from actions.did_you_mean import ActionChooseAnswer, candidates, offer, typed_choice
from actions.not_understood import ActionNotUnderstood
from bot.components.uncertain_answer import UncertainAnswer, is_uncertain
from tests.conftest import ROOT

import yaml

DOMAIN = {"responses": yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]}


def parse(*ranking):
    return {"text": "lapsiraha", "intent": {"name": "nlu_fallback"},
            "response_selector": {"faq": {"ranking": [
                {"intent_response_key": f"faq/{k}", "confidence": p} for k, p in ranking]}}}


def tracker(latest, slots=None, language="fi"):
    return Tracker("t", {"language": language, **(slots or {})}, latest, [], False, None, {}, None)


def test_every_answer_has_a_short_title_in_both_languages():
    from content_review.catalogue import answers
    keys = {t.key for t in answers()}
    assert set(answer_titles()) == keys
    for key, titles in answer_titles().items():
        assert set(titles) == {"fi", "sv"} and titles["fi"] != titles["sv"], key
        assert all(0 < len(t) <= 40 for t in titles.values()), key
    fi_titles = [t["fi"] for t in answer_titles().values()]
    assert len(fi_titles) == len(set(fi_titles)), "two answers with one title"


def test_close_answers_are_offered_and_a_far_third_is_not():
    latest = parse(("child_benefit", 0.40), ("parental_allowances", 0.35), ("maternity_grant", 0.02))
    assert candidates(latest) == ["child_benefit", "parental_allowances"]


def test_a_single_candidate_is_no_choice():
    assert candidates(parse(("child_benefit", 0.9), ("maternity_grant", 0.01))) == []
    assert candidates({"text": "ghjk", "intent": {"name": "nlu_fallback"}}) == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_offer_has_titles_in_the_users_language_and_something_else(language):
    dispatcher = CollectingDispatcher()
    events = offer(dispatcher, DOMAIN, ["child_benefit", "parental_allowances"], language)
    [message] = dispatcher.messages
    titles = [b["title"] for b in message["buttons"]]
    assert titles[:2] == [answer_titles()["child_benefit"][language],
                          answer_titles()["parental_allowances"][language]]
    assert titles[2] == {"fi": "Jotain muuta", "sv": "Något annat"}[language]
    assert message["text"].endswith("?")
    assert events[0]["value"] == ["child_benefit", "parental_allowances"]


def test_not_understood_offers_the_candidates_instead_of_a_plain_fallback():
    dispatcher = CollectingDispatcher()
    latest = parse(("child_benefit", 0.40), ("parental_allowances", 0.35))
    ActionNotUnderstood().run(dispatcher, tracker(latest), DOMAIN)
    assert len(dispatcher.messages[0]["buttons"]) == 3


@pytest.mark.parametrize("text,expected", [
    ("se ensimmäinen", "child_benefit"), ("toka", "parental_allowances"),
    ("den andra", "parental_allowances"), ("vaihtoehto 3", "maternity_grant"),
    ("det sista alternativet tack", "maternity_grant"), ("en tiedä", None),
])
def test_a_typed_choice_picks_the_offered_answer_in_that_place(text, expected):
    assert typed_choice(text, ["child_benefit", "parental_allowances", "maternity_grant"]) == expected


def chosen(latest, offered):
    dispatcher = CollectingDispatcher()
    events = ActionChooseAnswer().run(dispatcher, tracker(latest, {"offered_answers": offered}),
                                      DOMAIN)
    return dispatcher.messages, events


def test_a_pressed_choice_is_answered_and_sets_the_topic():
    latest = {"text": '/choose_answer{"answer_key": "maternity_grant"}',
              "entities": [{"entity": "answer_key", "value": "maternity_grant"}]}
    messages, events = chosen(latest, ["child_benefit", "maternity_grant"])
    assert messages[0]["response"] == "utter_faq/maternity_grant"
    assert {"event": "slot", "timestamp": None, "name": "topic", "value": "families"} in events


def test_something_else_gets_the_honest_fallback():
    latest = {"text": "/choose_answer", "entities": [{"entity": "answer_key",
                                                      "value": "something_else"}]}
    messages, _ = chosen(latest, ["child_benefit", "maternity_grant"])
    assert messages[0]["response"] == "utter_default"


def test_a_typed_choice_without_an_offer_is_not_guessed():
    messages, _ = chosen({"text": "se toinen", "entities": []}, [])
    assert messages[0]["response"] == "utter_default"


def test_uncertain_answers_become_the_fallback_with_their_ranking():
    from rasa.shared.nlu.training_data.message import Message
    ranking = [{"intent_response_key": "faq/a", "confidence": 0.40},
               {"intent_response_key": "faq/b", "confidence": 0.35}]
    close = Message(data={"text": "x", "intent": {"name": "faq", "confidence": 0.9},
                          "response_selector": {"faq": {"ranking": ranking}}})
    clear = Message(data={"text": "y", "intent": {"name": "faq", "confidence": 0.9},
                          "response_selector": {"faq": {"ranking": [
                              {"intent_response_key": "faq/a", "confidence": 0.9}, ranking[1]]}}})
    UncertainAnswer({**UncertainAnswer.get_default_config(), "min_ratio": 2.2}).process([close, clear])
    assert close.get("intent")["name"] == "nlu_fallback" and close.get("response_selector")
    assert clear.get("intent")["name"] == "faq"
    assert is_uncertain(ranking, 1.2) and not is_uncertain(ranking, 1.1)


def test_a_close_call_between_two_unlikely_answers_is_uncertain_too():
    # 0.06 against 0.03: far apart as a ratio, though only 0.03 apart
    assert not is_uncertain([{"confidence": 0.06}, {"confidence": 0.03}], 1.5)
    # 0.30 against 0.20: a close call, though 0.1 apart
    assert is_uncertain([{"confidence": 0.30}, {"confidence": 0.20}], 2.2)
    assert not is_uncertain([{"confidence": 0.9}], 2.2)  # one answer: nothing to compare


def test_an_unlikely_top_answer_is_uncertain_however_far_ahead():
    ranking = [{"confidence": 0.15}, {"confidence": 0.02}]
    assert is_uncertain(ranking, 2.2, min_top=0.2) and not is_uncertain(ranking, 2.2)


def naming_other_matter(other_share):
    """A question on the initial deductible of medicines (a matter Neuvo does not
    cover) whose likeliest answer is the Kela card at the pharmacy."""
    return {"text": "tammikuussa apteekki veloitti lääkkeistä kaiken, johtuuko se alkuomavastuusta",
            "intent": {"name": "nlu_fallback"},
            "intent_ranking": [{"name": "faq", "confidence": 1 - other_share},
                               {"name": "ask_other_kela_topic", "confidence": other_share}],
            "response_selector": {"faq": {"ranking": [
                {"intent_response_key": "faq/kela_card_pharmacy", "confidence": 0.87},
                {"intent_response_key": "faq/social_assistance_medicine", "confidence": 0.03}]}}}


@pytest.mark.parametrize("language,title", [("fi", "Lääkekorvaukset"),
                                            ("sv", "Läkemedelsersättningar")])
def test_a_question_naming_a_matter_neuvo_does_not_cover_is_offered_that_matter(language, title):
    latest = naming_other_matter(0.2)
    assert candidates(latest) == ["kela_card_pharmacy", "other_kela:medicine_reimbursements"]
    dispatcher = CollectingDispatcher()
    ActionNotUnderstood().run(dispatcher, tracker(latest, language=language), DOMAIN)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles == [answer_titles()["kela_card_pharmacy"][language], title,
                      {"fi": "Jotain muuta", "sv": "Något annat"}[language]]


def test_a_matter_the_intent_model_all_but_rules_out_is_not_offered():
    # "sairauspäiväraha" in a jobseeker's question is the unemployment answer's
    assert candidates(naming_other_matter(0.03)) == []


@pytest.mark.parametrize("latest", [
    {"text": '/choose_answer{"answer_key": "other_kela:medicine_reimbursements"}',
     "entities": [{"entity": "answer_key", "value": "other_kela:medicine_reimbursements"}]},
    {"text": "se jälkimmäinen", "entities": []},
])
def test_choosing_the_offered_matter_gets_kelas_page_and_line(latest):
    messages, events = chosen(latest, ["kela_card_pharmacy", "other_kela:medicine_reimbursements"])
    assert messages[0]["response"] == "utter_other_kela_topic"
    assert messages[0]["url"] == other_kela_topics()["medicine_reimbursements"]["url"]["fi"]
    assert len(messages) >= 2  # then the phone line with its hours
    assert {"event": "slot", "timestamp": None, "name": "offered_answers", "value": None} in events


def test_a_clear_answer_to_a_question_naming_an_uncovered_matter_is_uncertain():
    from rasa.shared.nlu.training_data.message import Message

    def message(other_share):
        latest = naming_other_matter(other_share)
        return Message(data={**latest, "intent": {"name": "faq", "confidence": 1 - other_share}})
    named, ruled_out = message(0.2), message(0.02)
    UncertainAnswer(UncertainAnswer.get_default_config()).process([named, ruled_out])
    assert named.get("intent")["name"] == "nlu_fallback"
    assert ruled_out.get("intent")["name"] == "faq"


def test_a_typed_choice_the_model_did_not_understand_still_picks_the_offered_answer():
    dispatcher = CollectingDispatcher()
    latest = {"text": "no se viimeinen sitten", "intent": {"name": "nlu_fallback"}, "entities": []}
    ActionNotUnderstood().run(dispatcher, tracker(latest, {"offered_answers": [
        "child_benefit", "maternity_grant"]}), DOMAIN)
    assert dispatcher.messages[0]["response"] == "utter_faq/maternity_grant"


def situation_without_a_keyword(not_ours_share, top_answer=0.45, intent="ask_other_kela_topic"):
    """A question on returning to work half-time after depression (partial
    sickness allowance, which Neuvo does not cover) that names no keyword of
    the table; its likeliest answer is reporting earnings, well ahead of the next."""
    return {"text": "työterveyslääkäri ehdotti että tekisin aluksi puolta päivää masennuksen jälkeen",
            "intent": {"name": "faq", "confidence": 1 - not_ours_share},
            "intent_ranking": [{"name": "faq", "confidence": 1 - not_ours_share},
                               {"name": intent, "confidence": not_ours_share}],
            "response_selector": {"faq": {"ranking": [
                {"intent_response_key": "faq/reporting_earnings", "confidence": top_answer},
                {"intent_response_key": "faq/rehabilitative_psychotherapy", "confidence": 0.05}]}}}


@pytest.mark.parametrize("intent", ["ask_other_kela_topic", "out_of_scope"])
def test_an_unsure_answer_to_what_may_not_be_neuvos_question_is_uncertain(intent):
    from rasa.shared.nlu.training_data.message import Message

    def outcome(share, top):
        message = Message(data=situation_without_a_keyword(share, top, intent))
        UncertainAnswer(UncertainAnswer.get_default_config()).process([message])
        return message.get("intent")["name"]
    assert outcome(0.25, 0.45) == "nlu_fallback"
    assert outcome(0.25, 0.8) == "faq"      # the answer selector is sure of it
    assert outcome(0.1, 0.45) == "faq"      # the intent model all but rules the rest out


@pytest.mark.parametrize("language,title", [("fi", "Muu Kelan asia"), ("sv", "Annat FPA-ärende")])
def test_another_kela_matter_is_offered_beside_a_single_answer_when_none_is_named(language, title):
    latest = {**situation_without_a_keyword(0.25), "intent": {"name": "nlu_fallback"}}
    assert candidates(latest) == ["reporting_earnings", "other_kela:general"]
    dispatcher = CollectingDispatcher()
    ActionNotUnderstood().run(dispatcher, tracker(latest, language=language), DOMAIN)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles == [answer_titles()["reporting_earnings"][language], title,
                      {"fi": "Jotain muuta", "sv": "Något annat"}[language]]


def test_a_question_out_of_scope_gets_no_kela_matter_button():
    latest = {**situation_without_a_keyword(0.25, intent="out_of_scope"),
              "intent": {"name": "nlu_fallback"}}
    assert candidates(latest) == []  # one answer is no choice: the honest fallback


def test_choosing_another_kela_matter_gets_kelas_list_of_benefits():
    messages, events = chosen({"text": '/choose_answer{"answer_key": "other_kela:general"}',
                               "entities": [{"entity": "answer_key", "value": "other_kela:general"}]},
                              ["reporting_earnings", "other_kela:general"])
    assert [m["response"] for m in messages] == ["utter_other_kela_general"]
    assert {"event": "slot", "timestamp": None, "name": "offered_answers", "value": None} in events
