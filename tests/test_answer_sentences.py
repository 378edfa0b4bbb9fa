"""The answer texts teach the answer selector: every answer, in both languages,
gives sentences without links, and nothing but `faq` answers is used."""
from collections import defaultdict

from bot.components.answer_sentences import answer_sentences
from tests.test_answer_content import ANSWERS

RESPONSES = {f"utter_faq/{key}": variations for key, variations in ANSWERS.items()}


def test_every_answer_teaches_its_own_key_in_both_languages():
    sentences = defaultdict(list)
    for sentence, key in answer_sentences(RESPONSES, "faq"):
        sentences[key].append(sentence)
    assert set(sentences) == {name[len("utter_"):] for name in RESPONSES}
    for key, found in sentences.items():
        # each answer has a Finnish and a Swedish text of several sentences
        assert len(found) >= 3, (key, found)


def test_links_and_short_fragments_are_left_out():
    responses = {"utter_faq/example": [
        {"text": "Lapsilisää maksetaan jokaisesta Suomessa asuvasta lapsesta. Katso "
                 "https://www.kela.fi/lapsilisa. Soita. Lisätietoa kela.fi/lapsilisa sivulta."}]}
    found = list(answer_sentences(responses, "faq"))
    assert found == [
        ("lapsilisää maksetaan jokaisesta suomessa asuvasta lapsesta.", "faq/example"),
        ("lisätietoa  sivulta.", "faq/example"),
    ]


def test_other_responses_are_not_answers():
    responses = {"utter_greet": [{"text": "Hei! Miten voin auttaa tänään?"}],
                 "utter_faq/child_benefit": [{"text": "Lapsilisä on verotonta tukea lapsesta."}]}
    assert [key for _, key in answer_sentences(responses, "faq")] == ["faq/child_benefit"]
