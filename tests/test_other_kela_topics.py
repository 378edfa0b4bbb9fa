"""Kela matters Neuvo does not cover: the honest reply with Kela's page and line."""
import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from common.content import other_kela_topics, phone_lines
from actions.other_kela_topic import ActionOtherKelaTopic
from common.other_kela import topic_for
from content_review.links import answer_hosts, problems
from tests.conftest import ROOT

TOPICS = other_kela_topics()
# Words that name what Neuvo does cover: no routed keyword may match them.
COVERED = ["asumistuki", "lapsilisä", "kotihoidon tuki", "kuntoutusraha", "opintotuki",
           "toimeentulotuki", "yleistuki", "kela-kortti", "sotilasavustus", "omaishoitotuki",
           "bostadsbidrag", "barnbidrag", "hemvårdsstöd", "studiestöd", "utkomststöd",
           "rehabiliteringspenning", "fpa-kortet", "opiskelu ulkomailla", "studier utomlands"]


def run(text, language):
    dispatcher = CollectingDispatcher()
    tracker = Tracker("t", {"language": language}, {"text": text}, [], False, None, {}, None)
    ActionOtherKelaTopic().run(dispatcher, tracker, {})
    return dispatcher.messages


@pytest.mark.parametrize("key", sorted(TOPICS))
def test_each_entry_is_complete_and_its_lines_exist(key):
    topic = TOPICS[key]
    assert set(topic["name"]) == set(topic["url"]) == {"fi", "sv"}
    assert topic["phone_line"] in phone_lines()["lines"]
    for language, url in topic["url"].items():
        assert not problems(url, answer_hosts()), url
    assert topic["url"]["fi"] != topic["url"]["sv"]
    assert topic["source"].startswith("https://") and topic["checked"]


@pytest.mark.parametrize("key", sorted(TOPICS))
def test_every_keyword_leads_to_its_own_entry(key):
    for word in TOPICS[key]["keywords"]:
        assert topic_for(f"kysyisin {word} asiasta") in (key, *_earlier(key)), word


def _earlier(key):
    keys = list(TOPICS)
    return keys[:keys.index(key)]


def test_no_keyword_names_a_benefit_neuvo_covers():
    for text in COVERED:
        assert topic_for(f"mistä haen {text}") is None, text


@pytest.mark.parametrize("text,language,key,line", [
    ("olin kaks viikkoo sairaslomalla, mistä saan rahaa", "fi", "sickness_allowance", "illness"),
    ("kuinka haen takuueläkettä äidilleni", "fi", "guarantee_pension", "pensions"),
    ("min pappa dog, kan mamma få änkepension", "sv", "survivors_pension", "after_death"),
    ("får jag ersättning för tandläkaren", "sv", "dental_care", "illness"),
])
def test_the_reply_names_the_matter_its_page_and_the_line(text, language, key, line):
    [first, number, status] = run(text, language)
    topic = TOPICS[key]
    assert first["response"] == "utter_other_kela_topic"
    assert first["topic_name"] == topic["name"][language] and first["url"] == topic["url"][language]
    assert number["response"].startswith("utter_phone_line")
    expected = phone_lines()["lines"][line]
    assert number["number"] in (expected["fi"], expected.get("sv"))
    assert status["response"] in ("utter_line_open", "utter_line_closed")


def test_an_unnamed_kela_matter_gets_the_general_pointer():
    assert run("kelalta jotain muuta kysyttävää", "fi")[0]["response"] == "utter_other_kela_general"


def test_the_reply_says_neuvo_does_not_cover_it_in_both_languages():
    responses = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
    fi, sv = responses["utter_other_kela_topic"]
    assert "En valitettavasti osaa neuvoa" in fi["text"] and "{url}" in fi["text"]
    assert "Tyvärr kan jag inte ge råd" in sv["text"] and "{url}" in sv["text"]


@pytest.mark.parametrize("text,language,key", [
    ("mun äiti on 80 ja kysyy saako hän takuueläkettä", "fi", "guarantee_pension"),
    ("hur får jag ersättning för taxi till sjukhuset", "sv", "travel_reimbursements"),
])
def test_typed_question_on_another_kela_matter_gets_its_page_and_line(chat, text, language, key):
    first, number, _ = chat.texts(text)
    assert TOPICS[key]["url"][language] in first
    assert first.startswith({"fi": "En valitettavasti osaa neuvoa", "sv": "Tyvärr kan jag inte"}[language])
    assert "kela.fi/soita-kelaan" in number
