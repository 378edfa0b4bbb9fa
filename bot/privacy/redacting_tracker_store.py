"""The SQL tracker store, but personal data (identity codes, phone numbers,
e-mail addresses, IBANs; common/privacy/personal_data.py) is replaced by markers
in every event before the conversation is written.

Why here: the NLU pipeline and the actions must still see the message as
typed (to refuse an identity code, to read a call-back number), so it cannot
be removed on the way in; the tracker store is where it would otherwise stay
for good. Configured in endpoints.yml and endpoints.prod.yml as the tracker
store's `type`.

The event broker is covered too: Rasa 3.6's SQLTrackerStore.save() first
streams the new events to the broker (TrackerStore.stream_events) and then
writes them, both from the tracker it is given, so handing it a redacted
tracker keeps the data out of both.

The live tracker is left as it is: it is redacted copies that are saved. The
conversation in memory ends with the save, and the next message starts from
the stored (redacted) events.

When the database is unavailable, reading or writing a conversation raises
TrackerStoreUnavailable, and the message is refused (bot/faults/tracker_store.py).
"""
from __future__ import annotations

import copy
from collections import deque
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, List, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs, is_postgresql_url
from rasa.shared.core.events import BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError

from bot.faults.tracker_store import TrackerStoreUnavailable
from common.privacy.personal_data import contains_personal_data, redact_personal_data


def _redact_strings(value: Any) -> Any:
    """`value` with every string in it redacted (lists and dicts walked)."""
    if isinstance(value, str):
        return redact_personal_data(value)
    if isinstance(value, list):
        return [_redact_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _redact_strings(item) for key, item in value.items()}
    return value


def _holds_personal_data(value: Any) -> bool:
    if isinstance(value, str):
        return contains_personal_data(value)
    if isinstance(value, list):
        return any(_holds_personal_data(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_personal_data(item) for item in value.values())
    return False


def _redact_entities(entities: List[dict]) -> List[dict]:
    # an entity's value and its source text ("text") are the user's words
    return [{**entity, **{key: _redact_strings(entity[key])
                          for key in ("value", "text") if key in entity}}
            for entity in entities]


def redacted(event: Event) -> Event:
    """`event` itself when it holds no personal data, else a redacted copy."""
    if isinstance(event, UserUttered):
        # metadata: what a channel passed along with the message
        parts = [event.text, event.parse_data.get("text"), event.entities,
                 event.parse_data.get("entities"), event.metadata]
        if not _holds_personal_data(parts):
            return event
        event = copy.deepcopy(event)
        event.text = redact_personal_data(event.text)
        event.parse_data["text"] = event.text
        event.entities = _redact_entities(event.entities)
        event.parse_data["entities"] = _redact_entities(event.parse_data.get("entities") or [])
        event.metadata = _redact_strings(event.metadata)
        event.parse_data["metadata"] = event.metadata
        return event
    if isinstance(event, BotUttered):
        # text, button titles/payloads, and the metadata, which holds the
        # variables an action filled the response with (e.g. {phone})
        if not _holds_personal_data([event.text, event.data, event.metadata]):
            return event
        event = copy.deepcopy(event)
        event.text = _redact_strings(event.text)
        event.data = _redact_strings(event.data)
        event.metadata = _redact_strings(event.metadata)
        return event
    if isinstance(event, SlotSet) and _holds_personal_data(event.value):
        event = copy.deepcopy(event)
        event.value = _redact_strings(event.value)
        return event
    return event


def redacted_events(events: Iterable[Event]) -> List[Event]:
    return [redacted(event) for event in events]


def redacted_tracker(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """A shallow copy of `tracker` whose events are redacted. SQLTrackerStore.save
    and stream_events read nothing of the tracker but its sender id and events."""
    copied = copy.copy(tracker)
    copied.events = deque(redacted_events(tracker.events), maxlen=tracker.events.maxlen)
    return copied


# A PostgreSQL server that does not answer at all (network down) must not hold
# the whole Rasa server (its SQL calls block) for the operating system's minutes.
CONNECT_TIMEOUT_SECONDS = 5


@contextmanager
def unavailable_on_database_error(doing: str) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as error:
        # the error's text names only the database and the statement (no values)
        raise TrackerStoreUnavailable(f"could not {doing} the conversation: "
                                      f"{type(error).__name__}") from error


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._survive_outages()

    def _survive_outages(self) -> None:
        """Rasa's engine keeps pooled connections that a database restart has
        closed, so the first message after an outage would fail too; a pool
        that tests each connection before use (pool_pre_ping) reconnects."""
        url = self.engine.url
        engine_kwargs = create_engine_kwargs(url)
        if is_postgresql_url(url):
            engine_kwargs["connect_args"] = {**engine_kwargs.get("connect_args", {}),
                                             "connect_timeout": CONNECT_TIMEOUT_SECONDS}
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **engine_kwargs)
        self.sessionmaker.configure(bind=self.engine)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with unavailable_on_database_error("read"):
            return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with unavailable_on_database_error("read"):
            return await super().retrieve_full_tracker(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        with unavailable_on_database_error("write"):
            await super().save(redacted_tracker(tracker))
