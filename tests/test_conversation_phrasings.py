"""Conversation tests type what a person would, not what the model trained on.

A test that sends a training phrasing verbatim passes even when the model has
only memorised it, so it proves nothing about the next person's wording. Every
message of three words or more that a test sends (any string in tests/*.py,
and the user turns of tests/stories/) must differ from every phrasing in
data/nlu/ after lower-casing and dropping punctuation. Messages of one or
two words ("hei", "kiitos paljon") are left out, as they have few other
natural wordings, and so are digits (a phone number is typed as it is).
Payloads ("/affirm") are not typed text."""
import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MIN_WORDS = 3
# Modules that train small models of their own on their own phrasings: a
# phrasing there that is also in data/nlu/ is a coincidence, not a reuse.
OWN_TRAINING_DATA = {"tests/test_answer_selector.py", "tests/test_component_contract.py"}
# Strings that are asserted, not typed
NOT_TYPED = {"Stöd för boende"}  # a button's title (tests/test_conversation.py)
# [text](entity) and [text]{"entity": ...} keep their text
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def normalised(text: str) -> str:
    text = ANNOTATION.sub(r"\1", text).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def training_phrasings():
    found = {}
    for path in sorted((ROOT / "data" / "nlu").rglob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.setdefault(normalised(line[2:]), path.relative_to(ROOT))
    return found


def typed_in_test_code():
    """(where, text) of every string constant in the test modules."""
    for path in sorted((ROOT / "tests").glob("*.py")):
        if str(path.relative_to(ROOT)) in OWN_TRAINING_DATA:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and node.value not in NOT_TYPED:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def typed_in_test_stories():
    for path in sorted((ROOT / "tests" / "stories").glob("*.yml")):
        for story in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("stories", []):
            for step in story.get("steps", []):
                if "user" in step:
                    yield f"{path.relative_to(ROOT)}: {story.get('story')}", step["user"].strip()


def words(text: str):
    return [w for w in normalised(text).split() if any(c.isalpha() for c in w)]


def reused(typed, training):
    return [(where, text, str(training[normalised(text)])) for where, text in typed
            if not text.startswith("/") and len(words(text)) >= MIN_WORDS
            and normalised(text) in training]


@pytest.fixture(scope="module")
def training():
    phrasings = training_phrasings()
    assert len(phrasings) > 5000  # the loader found the training data
    return phrasings


def test_conversation_tests_type_no_training_phrasing(training):
    assert reused(typed_in_test_code(), training) == []


def test_story_tests_type_no_training_phrasing(training):
    assert reused(typed_in_test_stories(), training) == []


def test_the_check_finds_a_training_phrasing_however_it_is_typed(training):
    phrasing = next(p for p in training if len(words(p)) >= MIN_WORDS)
    typed = [("here", phrasing.upper() + "?"), ("there", "hei"), ("payload", "/" + phrasing),
             ("number", "040 123 4567")]
    assert reused(typed, training) == [("here", phrasing.upper() + "?", str(training[phrasing]))]
