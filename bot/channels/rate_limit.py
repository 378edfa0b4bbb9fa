"""A per-sender rate limit for the channels: a token bucket per sender.

Each sender may send NEUVO_RATE_LIMIT_MESSAGES messages in a burst, and one
more every NEUVO_RATE_LIMIT_SECONDS / NEUVO_RATE_LIMIT_MESSAGES seconds after
that (default 10 messages per 10 s). A message over the limit is not
processed: the assistant's work (NLU, a conversation lock, the tracker store)
is what a flood would use up. The sender is told once per stretch of refused
messages; replying to each would let a flood make the bot flood a chat.

The buckets live in the Rasa process and are bounded: the least recently
active senders are forgotten first. A forgotten sender starts again with a
full bucket, which is what an idle sender would have anyway. This limits a
single conversation; many made-up sender ids from one address are the reverse
proxy's to limit (per IP), as only it sees the address.
"""
from __future__ import annotations

import enum
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Hashable, Mapping

DEFAULT_MESSAGES = 10
DEFAULT_SECONDS = 10.0
MAX_SENDERS = 100_000


class Decision(enum.Enum):
    ALLOW = "allow"
    REFUSE = "refuse"  # the first refused message: tell the sender
    REFUSE_QUIETLY = "refuse quietly"  # already told

    @property
    def allowed(self) -> bool:
        return self is Decision.ALLOW


@dataclass
class _Bucket:
    tokens: float
    updated: float
    told: bool = False


class RateLimiter:
    def __init__(self, messages: int = DEFAULT_MESSAGES, seconds: float = DEFAULT_SECONDS,
                 max_senders: int = MAX_SENDERS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if messages < 0 or seconds <= 0 or max_senders < 1:
            raise ValueError("a rate limit needs messages >= 0 and seconds > 0")
        self.capacity = messages
        self.per_second = messages / seconds
        self.max_senders = max_senders
        self.clock = clock
        self._buckets: "OrderedDict[Hashable, _Bucket]" = OrderedDict()

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> "RateLimiter":
        """The limit set in .env (see .env.example); 0 messages turns it off."""
        raw_messages = environ.get("NEUVO_RATE_LIMIT_MESSAGES") or str(DEFAULT_MESSAGES)
        raw_seconds = environ.get("NEUVO_RATE_LIMIT_SECONDS") or str(DEFAULT_SECONDS)
        try:
            return cls(int(raw_messages), float(raw_seconds))
        except ValueError:
            raise ValueError(
                "NEUVO_RATE_LIMIT_MESSAGES must be a whole number >= 0 and "
                f"NEUVO_RATE_LIMIT_SECONDS a number > 0, not {raw_messages!r} and {raw_seconds!r}"
            ) from None

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def check(self, sender: Hashable) -> Decision:
        """Whether `sender` may send a message now; a yes uses up one token.

        No await inside: concurrent messages of one sender cannot both take
        the last token."""
        if not self.enabled:
            return Decision.ALLOW
        now = self.clock()
        bucket = self._buckets.get(sender)
        if bucket is None:
            bucket = self._buckets[sender] = _Bucket(tokens=self.capacity, updated=now)
            if len(self._buckets) > self.max_senders:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(sender)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.per_second)
            bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.told = False
            return Decision.ALLOW
        if bucket.told:
            return Decision.REFUSE_QUIETLY
        bucket.told = True
        return Decision.REFUSE

    def __len__(self) -> int:
        return len(self._buckets)
