"""Questions get the right answer, in the user's language, with context for vague ones."""
import pytest

from tests.conftest import answer, variation

QUESTIONS = [
    # once a known confusion: this phrasing was mislabelled as the study grant
    ("voiko opiskelija saada asumislisää vuokraan", "fi", "student_housing"),
    ("voiko opiskelija saada asumistukea", "fi", "student_housing"),
    ("får studerande bostadstillägg", "sv", "student_housing"),
    ("mist mä haen lapsilisää", "fi", "child_benefit_apply"),
    # a question about applying gets the how-to-apply answer since it exists (2026-12-02)
    ("var ansöker jag om barnbidrag", "sv", "child_benefit_apply"),
    ("mikä on kotihoidon tuki", "fi", "child_home_care_allowance"),
    ("vad är hemvårdsstöd", "sv", "child_home_care_allowance"),
    ("kelan postiosoite", "fi", "post_address"),
    ("vad är FPA:s postadress", "sv", "post_address"),
]


@pytest.mark.parametrize("question,language,key", QUESTIONS)
def test_question_gets_its_answer_in_the_users_language(chat, question, language, key):
    assert chat.texts(question) == [answer(key, language)]


def test_vague_question_on_a_housing_page_gets_the_housing_answer(chat):
    assert chat.texts("miten haen?", metadata={"topic": "housing"}) == [
        answer("general_housing_allowance", "fi")
    ]


def test_vague_question_follows_the_previous_answer(chat):
    chat.say("hur mycket studiepenning kan man få")
    assert chat.texts("hur gör jag för att ansöka?") == [answer("student_applying", "sv")]


def test_conversation_topic_beats_the_page_topic(chat):
    chat.say("kan en beväring få militärunderstöd", metadata={"topic": "housing"})
    assert chat.texts("hur gör jag för att ansöka?", metadata={"topic": "housing"}) == [
        answer("conscripts_allowance", "sv")
    ]


def test_vague_question_without_context_asks_which_benefit(chat, domain):
    [reply] = chat.say("hur gör jag för att ansöka?")
    assert reply["text"] == variation(domain, "utter_ask_which_benefit", "sv")
    housing = next(b for b in reply["buttons"] if b["title"] == "Allmänt bostadsbidrag")
    assert chat.texts(housing["payload"]) == [answer("general_housing_allowance", "sv")]


def test_unknown_page_topic_is_ignored(chat, domain):
    assert chat.texts("miten haen?", metadata={"topic": "<script>"}) == [
        variation(domain, "utter_ask_which_benefit", "fi")
    ]
