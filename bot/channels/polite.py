"""The replies a channel gives by itself, without the assistant: to an empty
or too long message, to one message too many, or when handling failed.

The texts live in content/channel_replies.yml. The reply is in the language
of the user's message; when that cannot be told (an empty message, emoji,
a number) the user gets it in both languages, Finnish first.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List

import yaml

from bot.language.detect import detect_language

REPLIES_FILE = Path(__file__).resolve().parents[2] / "content" / "channel_replies.yml"
# The start of a message tells its language; no need to read 10 000 characters.
LANGUAGE_SAMPLE_CHARS = 500
EMPTY, TOO_LONG, RATE_LIMITED, ERROR = "empty", "too_long", "rate_limited", "error"


@lru_cache(maxsize=None)
def _texts() -> Dict[str, Dict[str, str]]:
    return yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8"))


def replies(kind: str, user_text: str = "", **values: object) -> List[str]:
    """Reply `kind` as one text per language to use (one, or Finnish and Swedish)."""
    texts = _texts()[kind]
    language = detect_language(user_text[:LANGUAGE_SAMPLE_CHARS]) if user_text.strip() else None
    languages = [language] if language in texts else ["fi", "sv"]
    return [texts[lang].format(**values) for lang in languages]
