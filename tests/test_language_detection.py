"""The language detector on labelled chat messages, short ones included."""
from pathlib import Path

import pytest
import yaml

from bot.language.detect import FI, SV, detect_language
from bot.language.request import requested_language

SAMPLES = yaml.safe_load((Path(__file__).parent / "data" / "language_samples.yml").read_text())
LABELLED = [(text, lang) for lang in (FI, SV) for text in SAMPLES[lang]]


def test_sample_set_is_large_enough():
    assert len(LABELLED) >= 100
    assert min(len(SAMPLES[FI]), len(SAMPLES[SV])) >= 50


@pytest.mark.parametrize("text,expected", LABELLED)
def test_labelled_message_gets_its_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", SAMPLES["unclear"])
def test_unclear_message_keeps_the_current_language(text):
    assert detect_language(text) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("puhu ruotsia", SV),
        ("voitko vastata mulle ruotsiksi", SV),
        ("ruotsiksi kiitos", SV),
        ("svara på svenska tack", SV),
        ("kan du prata svenska med mig", SV),
        ("kan du ta det på finska", FI),
        ("kan du skriva på finska", FI),
        ("byt språk till finska", FI),
        ("puhu suomea", FI),
        ("suomeksi", FI),
        ("could you speak swedish", SV),
    ],
)
def test_explicit_request_names_the_language(text, expected):
    assert requested_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "saako Kelasta palvelua ruotsiksi?",  # a question about Kela, not a request
        "får jag service på finska hos FPA?",
        "hei",
        "hej",
        "puhu ruotsia eller finska",  # both named: no clear request
    ],
)
def test_no_request_without_a_clear_one(text):
    assert requested_language(text) is None
