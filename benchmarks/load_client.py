"""Simulated users over Rasa's REST channel: closed loop (send the next message
as soon as the reply is in) or with think time (one message every N seconds).

Each user runs whole scripted conversations, one after another, each under a
new sender id; a user keeps to one server (as nginx's sticky routing would).
"""
from __future__ import annotations

import asyncio
import itertools
import random
import statistics
import time
import uuid
from dataclasses import dataclass, field

import aiohttp


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds, answered messages
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    # answered with no message at all: not a failure of the server (the starter
    # assistant has no reply for some small talk), but reported
    empty: int = 0
    seconds: float = 0.0

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def summary(self) -> dict:
        return {
            "messages": len(self.latencies), "errors": self.errors, "empty_replies": self.empty,
            "error_kinds": self.error_kinds,
            "msg_per_s": round(self.throughput, 2),
            "p50_ms": round(self.percentile(50) * 1000),
            "p95_ms": round(self.percentile(95) * 1000),
            "p99_ms": round(self.percentile(99) * 1000),
            "mean_ms": round(statistics.fmean(self.latencies) * 1000) if self.latencies else None,
        }


async def send(session: aiohttp.ClientSession, base: str, sender: str, text: str,
               result: Result, timeout: float) -> None:
    started = time.perf_counter()
    try:
        async with session.post(f"{base}/webhooks/rest/webhook",
                                json={"sender": sender, "message": text},
                                timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            body = await response.json(content_type=None)
            if response.status != 200:
                result.error(f"HTTP {response.status}")
            else:
                result.latencies.append(time.perf_counter() - started)
                result.empty += not body
    except asyncio.TimeoutError:
        result.error("timeout")
    except aiohttp.ClientError as error:
        result.error(type(error).__name__)


async def user(number: int, bases: list[str], conversations: list[list[str]], stop_at: float,
               think: float, result: Result, session: aiohttp.ClientSession,
               timeout: float) -> None:
    base = bases[number % len(bases)]
    rng = random.Random(number)
    if think:  # spread the users' first messages over one think time
        await asyncio.sleep(rng.uniform(0, think))
    for script in itertools.cycle(conversations[number % len(conversations):] +
                                  conversations[:number % len(conversations)]):
        sender = f"bench-{number}-{uuid.uuid4().hex[:8]}"
        for text in script:
            if time.monotonic() >= stop_at:
                return
            sent = time.monotonic()
            await send(session, base, sender, text, result, timeout)
            if think:
                # one message every `think` seconds (±20 %), whatever the reply took
                await asyncio.sleep(max(0.0, think * rng.uniform(0.8, 1.2) -
                                        (time.monotonic() - sent)))


async def run_load(bases: list[str], conversations: list[list[str]], users: int, seconds: float,
                   think: float = 0.0, timeout: float = 30.0) -> Result:
    """`users` users for `seconds`; think=0 is the closed loop."""
    result = Result()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.monotonic()
        stop_at = started + seconds
        await asyncio.gather(*(user(n, bases, conversations, stop_at, think, result, session,
                                    timeout) for n in range(users)))
        result.seconds = time.monotonic() - started
    return result
