"""The assistant's content files, read once when the action server starts."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESPONSES = ROOT / "data" / "responses"
CONTENT = ROOT / "content"


def _answers():
    """(answer key, its variations) for every answer in data/responses/."""
    for path in sorted(RESPONSES.glob("*.yml")):
        for name, variations in (yaml.safe_load(path.read_text()).get("responses") or {}).items():
            yield name.split("/", 1)[1], variations


@lru_cache(maxsize=None)
def answer_topics() -> Dict[str, str]:
    """Answer key (child_benefit) -> its topic (families), from the responses' metadata."""
    return {key: variations[0]["metadata"]["topic"] for key, variations in _answers()}


@lru_cache(maxsize=None)
def answer_titles() -> Dict[str, Dict[str, str]]:
    """Answer key -> its short button title per language (metadata.title)."""
    titles: Dict[str, Dict[str, str]] = {}
    for key, variations in _answers():
        for variation in variations:
            conditions = {c["name"]: c["value"] for c in variation.get("condition") or []}
            title = (variation.get("metadata") or {}).get("title")
            if title:
                titles.setdefault(key, {})[conditions.get("language", "fi")] = title
    return titles


@lru_cache(maxsize=None)
def apply_answers() -> Dict[str, str]:
    """Topic -> the answer key an ambiguous "how do I apply?" gets (content/topics.yml)."""
    return yaml.safe_load((CONTENT / "topics.yml").read_text())["apply_answer"]


@lru_cache(maxsize=None)
def phone_lines() -> dict:
    """Kela's phone lines, hours and special days (content/phone_lines.yml)."""
    return yaml.safe_load((CONTENT / "phone_lines.yml").read_text())


@lru_cache(maxsize=None)
def other_kela_topics() -> dict:
    """Kela matters Neuvo does not cover, with Kela's page and line (content/other_kela_topics.yml)."""
    return yaml.safe_load((CONTENT / "other_kela_topics.yml").read_text())["topics"]
