"""The apology the Rasa server gives by itself when the custom actions cannot
run, with a phone line, in the conversation's language.

The texts live in content/fault_replies.yml; the line is chosen as the
actions choose it (common/phone_line.py, read from content/phone_lines.yml),
because the action server that would normally name it is what failed.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from common.content import phone_lines
from common.opening_hours import parse_time
from common.phone_line import line_for, phone_line
from common.wording import clock

REPLIES_FILE = Path(__file__).resolve().parents[2] / "content" / "fault_replies.yml"


@lru_cache(maxsize=None)
def _texts() -> Dict[str, Dict[str, str]]:
    return yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8"))


def _hours(weekly: dict) -> Dict[str, str]:
    return {"opens": clock(parse_time(weekly["opens"])),
            "closes": clock(parse_time(weekly["closes"]))}


def line_key(text: str, topic: Optional[str], callback_line: Optional[str]) -> Optional[str]:
    """The line the question names, else the conversation's topic, else the
    line of a call-back form in progress."""
    key = line_for(text, topic)
    if key is None and callback_line in phone_lines()["lines"]:
        key = callback_line
    return key


def action_server_apology(language: Optional[str], text: str = "", topic: Optional[str] = None,
                          callback_line: Optional[str] = None) -> List[str]:
    """The apology and a phone line: two texts in `language` (fi unless sv)."""
    language = "sv" if language == "sv" else "fi"
    texts = _texts()
    key = line_key(text, topic, callback_line)
    if key is None:
        phone = texts["no_line"][language].format(**_hours(phone_lines()["hours"]["service"]))
    else:
        line = phone_line(key, language)
        phone = texts["line"][language].format(name=line.name, number=line.number,
                                               **_hours(line.weekly_hours))
    return [texts["apology"][language], phone]
