"""The tracker store's database unavailable: the message is refused (the
channel's polite "something went wrong, try again", bot/channels/polite.py)
instead of being answered as if the conversation had just begun.

Why: Rasa 3.6 wraps every tracker store in FailSafeTrackerStore, which
swallows a failed read (the conversation starts afresh: a call-back form in
progress is forgotten and the reply may not fit) and a failed write (kept
in memory only, and lost: the next message reads the older stored state).
RedactingSQLTrackerStore raises TrackerStoreUnavailable on a database
error; the two patched error handlers below let that one through, so it
reaches the channel, whose handler turns it into the refusal. Any other
error is left to Rasa's handling. Installed by bot/rasa_patches.py before
Rasa starts.
"""
from __future__ import annotations

from typing import Callable

from rasa.core.tracker_store import FailSafeTrackerStore


class TrackerStoreUnavailable(Exception):
    """The conversation could not be read or written: the message is refused."""


def _letting_through_unavailable(handler: Callable) -> Callable:
    if getattr(handler, "lets_unavailable_through", False):
        return handler  # installed already

    def on_error(self: FailSafeTrackerStore, error: Exception) -> None:
        if isinstance(error, TrackerStoreUnavailable):
            raise error
        handler(self, error)

    on_error.lets_unavailable_through = True
    return on_error


def install() -> None:
    """Idempotent."""
    FailSafeTrackerStore.on_tracker_store_error = _letting_through_unavailable(
        FailSafeTrackerStore.on_tracker_store_error)
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _letting_through_unavailable(
        FailSafeTrackerStore.on_tracker_store_retrieve_error)
