"""Which Kela phone line serves a question: named in it, or the conversation's topic."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from common.content import phone_lines


@dataclass(frozen=True)
class PhoneLine:
    key: str
    name: str
    number: str
    has_own_language_number: bool  # False: a Swedish user gets the Finnish number
    weekly_hours: dict


def line_for(text: str, topic: Optional[str]) -> Optional[str]:
    lowered = (text or "").lower()
    lines = phone_lines()["lines"]
    # A professional asking for a client gets the authority line whatever the topic.
    order = ["authority"] + [key for key in lines if key != "authority"]
    for key in order:
        if any(word in lowered for word in lines[key]["keywords"]):
            return key
    return next((key for key, line in lines.items() if topic in line["topics"]), None)


def phone_line(key: str, language: str) -> PhoneLine:
    data = phone_lines()
    line = data["lines"][key]
    own = language == "sv" and bool(line.get("sv"))
    return PhoneLine(
        key=key,
        name=line["name"]["sv" if language == "sv" else "fi"],
        number=line["sv"] if own else line["fi"],
        has_own_language_number=own or language != "sv",
        weekly_hours=data["hours"][line["hours"]],
    )
