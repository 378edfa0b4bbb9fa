"""The retention job: what Neuvo keeps is deleted on schedule, not when someone
remembers to.

One round deletes
  * handled call-back requests past NEUVO_CALLBACK_RETENTION_DAYS and numbers
    held for forms abandoned over a day ago (CallbackQueue.purge);
  * every event of each conversation in the tracker store whose newest event is
    older than NEUVO_CONVERSATION_RETENTION_DAYS (a conversation still in use
    keeps all of its events, so nobody loses the start of a chat).

It runs in the action server every NEUVO_PURGE_INTERVAL_MINUTES (actions/server.py
starts it), or as a Kubernetes CronJob (deploy/helm/retention-cronjob.yaml):

    python -m actions.retention     one round; prints what it deleted

Rounds are idempotent, so several action servers and the CronJob may all run them.
Only counts are logged, never a phone number or a message.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Awaitable, Callable, Optional

from sqlalchemy import (Column, Float, MetaData, String, Table, create_engine, delete, func,
                        inspect, select)
from sqlalchemy.engine import Engine

from actions import settings
from actions.callback_queue import CallbackQueue, default_queue

logger = logging.getLogger(__name__)

# Only the two columns used here of Rasa 3.6's SQLTrackerStore.SQLEvent (not
# imported: the action server does without Rasa). Never created from here:
# Rasa creates the table.
EVENTS = Table("events", MetaData(), Column("sender_id", String(255)), Column("timestamp", Float))


@dataclass(frozen=True)
class Deleted:
    callback_requests: int
    conversations: int
    events: int

    def __str__(self) -> str:
        return (f"{self.callback_requests} handled call-back requests, "
                f"{self.conversations} conversations ({self.events} events) deleted")


def delete_conversations(engine: Engine, before: datetime) -> tuple[int, int]:
    """Delete the conversations last active before `before`: (conversations, events)."""
    url = engine.url
    # no file yet is no conversation yet; connecting would create an empty one
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        return 0, 0
    stale = (select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
             .having(func.max(EVENTS.c.timestamp) < before.timestamp()))
    with engine.begin() as connection:
        if not inspect(connection).has_table("events"):  # Rasa has had no message yet
            return 0, 0
        conversations = connection.scalar(select(func.count()).select_from(stale.subquery()))
        events = connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(stale)))
        return conversations, events.rowcount


class RetentionJob:
    def __init__(self, queue: CallbackQueue, tracker: Engine, conversation_retention_days: int):
        self.queue = queue
        self.tracker = tracker
        self.conversation_retention = timedelta(days=conversation_retention_days)

    def run(self, now: Optional[datetime] = None) -> Deleted:
        """One round. The real time, not common.clock's NEUVO_NOW: a clock
        pinned in the future would delete what must still be kept."""
        now = now or datetime.now(timezone.utc)
        requests = self.queue.purge(now=now)
        conversations, events = delete_conversations(self.tracker,
                                                     now - self.conversation_retention)
        return Deleted(requests, conversations, events)


@lru_cache(maxsize=1)
def default_job() -> RetentionJob:
    # hide_parameters: a database error's logged message would otherwise quote values
    tracker = create_engine(settings.tracker_db_url(), future=True, pool_pre_ping=True,
                            hide_parameters=True)
    return RetentionJob(default_queue(), tracker, settings.conversation_retention_days())


def run_default_round() -> Deleted:
    return default_job().run()


async def run_every(interval_seconds: float, run_round: Callable[[], Deleted] = run_default_round,
                    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
    """A round now and then every interval, until cancelled. A round that fails
    (database down) is logged and the next one tried: deletion must not stop."""
    while True:
        try:
            # in a thread: the deletes must not hold up the actions' replies
            logger.info("retention: %s", await asyncio.to_thread(run_round))
        except Exception:
            logger.exception("retention round failed; next one in %s s", interval_seconds)
        await sleep(interval_seconds)


def start(interval_minutes: float, run_round: Callable[[], Deleted] = run_default_round,
          sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> Optional[asyncio.Task]:
    """The scheduler as a task of the running loop; None when the interval is 0
    (the CronJob does the rounds)."""
    if interval_minutes <= 0:
        logger.info("retention rounds off here (NEUVO_PURGE_INTERVAL_MINUTES=0)")
        return None
    logger.info("retention rounds every %s minutes", interval_minutes)
    return asyncio.get_running_loop().create_task(
        run_every(interval_minutes * 60, run_round, sleep))


async def stop(task: Optional[asyncio.Task]) -> None:
    if task is None:
        return
    task.cancel()
    # asyncio.wait, not `await task`: the task's CancelledError is not the caller's
    await asyncio.wait({task})


def main(argv=None) -> int:
    argparse.ArgumentParser(prog="python -m actions.retention", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    print(run_default_round())
    return 0


if __name__ == "__main__":
    sys.exit(main())
