"""Messages go through the assistant a few at a time, in the order they came.

Why: a Rasa server is one Python thread. With every waiting message let in at
once, a message whose turn calls the action server waits behind all the others
at each call, so under load a few users waited six times as long as the median
(closed loop, 20 users: p50 193 ms, p95 1342 ms; docs/performance.md). Let in
NEUVO_CONCURRENT_MESSAGES at a time (default 2: one can use the processor while
another waits for the action server or the database), in arrival order, every
message waits about as long as any other.

A message waiting here holds no conversation lock yet, so a slow conversation
cannot block the rest; at most the slots' holders wait for each other's locks,
and a holder of a lock always holds a slot.
"""
from __future__ import annotations

import asyncio
import os
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage

DEFAULT_CONCURRENT_MESSAGES = 2
_slots: Optional[asyncio.Semaphore] = None


def concurrent_messages() -> int:
    """NEUVO_CONCURRENT_MESSAGES (0: no limit), else the default."""
    try:
        return max(0, int(os.environ.get("NEUVO_CONCURRENT_MESSAGES", "").strip() or
                          DEFAULT_CONCURRENT_MESSAGES))
    except ValueError:
        return DEFAULT_CONCURRENT_MESSAGES


async def take_turn(handle: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> Any:
    """`handle(message)` once a slot is free; asyncio's semaphore wakes waiters first in, first out."""
    global _slots
    limit = concurrent_messages()
    if not limit:
        return await handle(message)
    if _slots is None:
        # made here, inside the server's event loop, on the first message
        _slots = asyncio.Semaphore(limit)
    async with _slots:
        return await handle(message)
