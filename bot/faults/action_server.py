"""The action server down, failing or slow: the user gets an apology and a
phone line (bot/faults/replies.py) instead of silence, and the conversation
goes on; once the action server answers again, the next custom action runs
as usual.

Why a patch of Rasa's RemoteAction.run: Rasa 3.6 calls the action server
there and, when it cannot connect or gets an error status, raises
RasaException; MessageProcessor._run_action logs it and carries on with no
events, so the user gets no reply at all. Its call also waits up to
DEFAULT_REQUEST_TIMEOUT (5 minutes, not configurable in endpoints.yml), so a
hung action server held the user (and the conversation's lock) that long.
Rasa has no hook for either; wrapping this one method covers every custom
action, also a form's validation and its "ask" actions (rasa/core/actions/forms.py
creates RemoteActions too). install() is called by bot/rasa_patches.py, with
every other patch, before Rasa starts.

An action that the action server refuses on purpose (HTTP 400,
ActionExecutionRejection, e.g. a form that cannot fill its slot) is left to
Rasa, which tries another action.
"""
from __future__ import annotations

import asyncio
import inspect
import logging
import os
from typing import Any, List

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

from bot.faults.replies import action_server_apology

logger = logging.getLogger(__name__)

# Long enough for the slowest action (the call-back queue's database), short
# enough that a user is not left waiting at a dead chat.
DEFAULT_TIMEOUT_SECONDS = 10.0
TIMEOUT_VARIABLE = "NEUVO_ACTIONS_TIMEOUT"
# in the apology's BotUttered metadata: one apology per user message is enough
FAULT_MARK = "neuvo_fault"

_rasa_run = RemoteAction.run
_RASA_RUN_SIGNATURE = inspect.signature(_rasa_run)


def timeout_seconds() -> float:
    """NEUVO_ACTIONS_TIMEOUT (seconds, > 0), else DEFAULT_TIMEOUT_SECONDS."""
    value = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    try:
        seconds = float(value) if value else DEFAULT_TIMEOUT_SECONDS
    except ValueError:
        seconds = 0
    if not 0 < seconds < float("inf"):
        logger.warning("%s=%r is not a number of seconds; using %s",
                       TIMEOUT_VARIABLE, value, DEFAULT_TIMEOUT_SECONDS)
        seconds = DEFAULT_TIMEOUT_SECONDS
    return seconds


def apologised_this_turn(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(FAULT_MARK):
            return True
    return False


def apology_events(tracker: DialogueStateTracker) -> List[Event]:
    texts = action_server_apology(
        tracker.get_slot("language"), tracker.latest_message.text or "",
        tracker.get_slot("topic"), tracker.get_slot("callback_line"))
    return [BotUttered(text, metadata={FAULT_MARK: "action_server"}) for text in texts]


async def run_or_apologise(self: RemoteAction, *args: Any, **kwargs: Any) -> List[Event]:
    """RemoteAction.run within the time limit; on failure the apology events.
    Whatever Rasa passes goes through unchanged; only the tracker is read."""
    tracker = _RASA_RUN_SIGNATURE.bind(self, *args, **kwargs).arguments["tracker"]
    limit = timeout_seconds()
    try:
        return await asyncio.wait_for(_rasa_run(self, *args, **kwargs), limit)
    except ActionExecutionRejection:
        raise
    except asyncio.TimeoutError:
        logger.error("custom action %r: no answer from the action server in %s s; "
                     "the user gets an apology and a phone line", self.name(), limit)
    except (RasaException, aiohttp.ClientError) as error:
        logger.error("custom action %r failed (%s); the user gets an apology and a phone line",
                     self.name(), error)
    return [] if apologised_this_turn(tracker) else apology_events(tracker)


def install() -> None:
    """Idempotent."""
    RemoteAction.run = run_or_apologise
