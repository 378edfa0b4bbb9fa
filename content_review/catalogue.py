"""Everything the assistant states that carries a source: the answers, the core
replies with metadata, and the phone lines, read from the data files."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESPONSES = ROOT / "data" / "responses"
DOMAIN = ROOT / "domain.yml"
PHONE_LINES = ROOT / "content" / "phone_lines.yml"


def language_of(variation: dict) -> str:
    conditions = {c["name"]: c["value"] for c in variation.get("condition") or []}
    return conditions.get("language", "fi")


@dataclass(frozen=True)
class Text:
    """One language's variation of an answer or a core reply."""
    kind: str          # "answer" or "reply"
    key: str           # child_benefit, utter_bot_challenge
    language: str      # fi or sv
    text: str
    metadata: dict = field(default_factory=dict)

    @property
    def checked(self) -> Optional[date]:
        value = self.metadata.get("checked")
        return date.fromisoformat(str(value)) if value else None


@dataclass(frozen=True)
class Number:
    """One phone number of a line, with its evidence."""
    line: str
    language: str
    number: str
    evidence: dict

    @property
    def verified_on(self) -> Optional[date]:
        value = self.evidence.get("verified_on")
        return date.fromisoformat(str(value)) if value else None

    @property
    def verified(self) -> bool:
        return bool(self.evidence.get("verified_by")) and self.verified_on is not None


def answers() -> List[Text]:
    found = []
    for path in sorted(RESPONSES.glob("*.yml")):
        for name, variations in (yaml.safe_load(path.read_text()).get("responses") or {}).items():
            key = name.split("/", 1)[1]
            found += [Text("answer", key, language_of(v), v["text"], v.get("metadata") or {})
                      for v in variations]
    return found


def replies() -> List[Text]:
    """Every text variation of domain.yml, sourced or not (for the link check)."""
    responses = yaml.safe_load(DOMAIN.read_text())["responses"]
    return [Text("reply", name, language_of(v), v.get("text", ""), v.get("metadata") or {})
            for name, variations in responses.items() for v in variations]


def sourced_replies(all_replies: Optional[List[Text]] = None) -> List[Text]:
    """Core replies whose variations carry a source (facts about Kela)."""
    return [t for t in (replies() if all_replies is None else all_replies)
            if t.metadata.get("source")]


def phone_data() -> dict:
    return yaml.safe_load(PHONE_LINES.read_text())


def numbers() -> List[Number]:
    return [Number(key, language, line[language], (line.get("evidence") or {}).get(language) or {})
            for key, line in phone_data()["lines"].items()
            for language in ("fi", "sv") if line.get(language)]


def by_answer(texts: List[Text]) -> Dict[str, Dict[str, Text]]:
    grouped: Dict[str, Dict[str, Text]] = {}
    for t in texts:
        grouped.setdefault(t.key, {})[t.language] = t
    return grouped
