"""Every answer is complete: both languages, a source, a checked date, a kela.fi
link that fits the language, short text, and enough training and held-out phrasings."""
import datetime
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from content_review.report import today_in_helsinki

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = {
    name.split("/", 1)[1]: variations
    for path in sorted((ROOT / "data" / "responses").glob("*.yml"))
    for name, variations in yaml.safe_load(path.read_text())["responses"].items()
}
# The answer's own page; tests/test_content_links.py checks every other link.
KELA_LINK = re.compile(r"^https://www\.kela\.fi/[a-z0-9][a-z0-9/_-]*[a-z0-9]$")


def examples(folder, pattern):
    found = defaultdict(list)
    for path in sorted(folder.glob(pattern)):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            found[block["intent"]] += [
                line[2:].strip() for line in block["examples"].splitlines() if line.strip()
            ]
    return found


def by_language(variations):
    out = {}
    for v in variations:
        conditions = {c["name"]: c["value"] for c in v.get("condition", [])}
        out[conditions.get("language", "fi")] = v
    return out


def test_there_are_answers_for_every_topic():
    topics = {v[0]["metadata"]["topic"] for v in ANSWERS.values()}
    assert topics == {"families", "students", "unemployment", "housing", "rehabilitation",
                      "kela_card", "social_assistance", "conscripts", "services"}
    assert len(ANSWERS) >= 40


@pytest.mark.parametrize("key", sorted(ANSWERS))
def test_answer_is_complete_in_both_languages(key):
    variations = by_language(ANSWERS[key])
    assert set(variations) == {"fi", "sv"} and len(ANSWERS[key]) == 2
    for language, v in variations.items():
        meta = v["metadata"]
        text = v["text"]
        assert len(text) <= 600, f"{key}/{language}: {len(text)} characters"
        assert meta["source"].startswith("http") or meta["source"].startswith("../shared")
        checked = datetime.date.fromisoformat(meta["checked"])
        assert checked <= today_in_helsinki(), f"{key}/{language}: checked in the future"
        assert KELA_LINK.match(meta["url"]), meta["url"]
        assert text.endswith(meta["url"]), "the link closes the answer"
        # no invented amounts: the calculator or OmaKela tells the person's own
        assert "€" not in text and not re.search(r"\beuro(?:a|n|t|ja|issa|ina)?\b", text, re.I)
    assert variations["fi"]["text"] != variations["sv"]["text"]
    assert "MittFPA" not in variations["fi"]["text"] and "OmaKela" not in variations["sv"]["text"]


TRAINING = {**examples(ROOT / "data" / "nlu" / "answers", "*_fi.yml")}
TRAINING_SV = examples(ROOT / "data" / "nlu" / "answers", "*_sv.yml")
HELDOUT = {"fi": examples(ROOT / "tests" / "heldout", "*_fi.yml"),
           "sv": examples(ROOT / "tests" / "heldout", "*_sv.yml")}


@pytest.mark.parametrize("key", sorted(ANSWERS))
def test_answer_has_enough_phrasings(key):
    intent = f"faq/{key}"
    assert len(TRAINING[intent]) >= 12 and len(TRAINING_SV[intent]) >= 12
    assert len(HELDOUT["fi"][intent]) >= 4 and len(HELDOUT["sv"][intent]) >= 4


def same_phrasing(text):
    """A phrasing that differs only in case, spacing or end punctuation is the same one."""
    return " ".join(text.lower().split()).strip(" ?.!")


def test_held_out_phrasings_are_not_training_data():
    training = {same_phrasing(t) for texts in examples(ROOT / "data" / "nlu", "**/*.yml").values()
                for t in texts}
    for language, found in HELDOUT.items():
        for texts in found.values():
            overlap = training & {same_phrasing(t) for t in texts}
            assert not overlap, f"held-out {language} phrasings also in training: {overlap}"


def test_enough_out_of_scope_held_out():
    assert len(HELDOUT["fi"]["out_of_scope"]) + len(HELDOUT["sv"]["out_of_scope"]) >= 30


def test_every_topic_has_an_answer_for_how_to_apply():
    apply = yaml.safe_load((ROOT / "content" / "topics.yml").read_text())["apply_answer"]
    for topic, key in apply.items():
        assert key in ANSWERS and ANSWERS[key][0]["metadata"]["topic"] == topic
