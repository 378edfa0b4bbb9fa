"""The words of a text, lower case, without digits or punctuation: what the
language checks (bot/language/detect.py), the unknown-words fallback and the
follow-up rule (actions/follow_up.py) count."""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
