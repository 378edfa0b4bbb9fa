"""The SQL tracker store, but a personal identity code in a user message is
replaced by a marker before the conversation is written.

Why here: the NLU pipeline must still see the code (to refuse it, see
bot/components/personal_id_guard.py), so it cannot be removed on the way in;
the tracker store is where the message would otherwise stay for good.
Configured in endpoints.yml as the tracker store's `type`.
"""
from __future__ import annotations

from typing import Iterable

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.personal_id import contains_personal_id, redact_personal_ids


def redact_user_messages(events: Iterable[Event]) -> None:
    """Replace identity codes in user messages, in place (text and parse data)."""
    for event in events:
        if isinstance(event, UserUttered) and event.text and contains_personal_id(event.text):
            event.text = redact_personal_ids(event.text)
            event.parse_data["text"] = event.text


class RedactingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        redact_user_messages(tracker.events)
        await super().save(tracker)
