"""What every channel does with a user's text before the assistant sees it.

- Control characters are taken out: they are never meant (a NUL, an escape
  sequence, a right-to-left override that makes logs lie) and can break what
  stores or prints the text. Line breaks and tabs become spaces; lone UTF-16
  surrogates, which JSON allows and no encoder does, are dropped.
- An empty message (also after that cleaning) gets a polite reply.
- A message over MAX_MESSAGE_CHARS gets a polite request for a shorter
  question: the NLU pipeline is not run on 10 000 characters, and no real
  question to Kela's chat is that long.
- A sender over the rate limit (bot/channels/rate_limit.py) gets a polite
  "wait a moment", once; the message is not processed.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Hashable, List, Optional

from bot.channels import polite
from bot.channels.rate_limit import Decision, RateLimiter

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
# Format characters that are part of writing: joiners inside emoji and some scripts.
KEPT_FORMAT_CHARS = {"\u200c", "\u200d"}


def clean_text(text: str) -> str:
    """`text` without control characters, surrogates and invisible format
    characters (except joiners), whitespace at the ends stripped."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            if char.isspace():
                kept.append(" ")
        elif category == "Cs" or (category == "Cf" and char not in KEPT_FORMAT_CHARS):
            continue
        else:
            kept.append(char)
    return "".join(kept).strip()


def is_valid_sender(sender: object) -> bool:
    """A sender (conversation) id a client may choose: a short string with
    something visible in it and nothing unprintable."""
    return (isinstance(sender, str) and 0 < len(sender) <= MAX_SENDER_CHARS
            and bool(sender.strip()) and sender.isprintable())


@dataclass
class Screening:
    """`text` for the assistant, or None and the `replies` to give instead."""
    text: Optional[str]
    replies: List[str] = field(default_factory=list)
    rate_limited: bool = False
    # False when the sender was already told they are over the rate limit:
    # channels that push replies stay quiet, REST still answers its request.
    tell_user: bool = True


class Gate:
    def __init__(self, limiter: Optional[RateLimiter] = None,
                 max_chars: int = MAX_MESSAGE_CHARS) -> None:
        self.limiter = limiter if limiter is not None else RateLimiter(messages=0)
        self.max_chars = max_chars

    @classmethod
    def from_environ(cls) -> "Gate":
        return cls(RateLimiter.from_environ())

    def screen(self, sender: Hashable, text: str) -> Screening:
        decision = self.limiter.check(sender)
        if not decision.allowed:
            return Screening(None, polite.replies(polite.RATE_LIMITED, clean_text(text[:1000])),
                             rate_limited=True, tell_user=decision is Decision.REFUSE)
        cleaned = clean_text(text)
        if not cleaned:
            return Screening(None, polite.replies(polite.EMPTY))
        if len(cleaned) > self.max_chars:
            return Screening(None, polite.replies(polite.TOO_LONG, cleaned,
                                                  max_chars=self.max_chars))
        return Screening(cleaned)
