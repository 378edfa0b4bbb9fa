"""The call-back queue a person at Kela works from.

One request per conversation while it is open (submitting twice returns the
first), a daily capacity per line, and handled requests deleted after the
retention period. The phone number is the only personal data kept, and only
here: while the form is still open it waits in its own table (PendingPhone),
keyed by the conversation, because the conversation itself (the tracker store)
must not hold it; submitting the request moves it into the request.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import List, Optional

from sqlalchemy import (Column, Date, DateTime, Integer, String, create_engine, delete, func,
                        inspect, select, text)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()

# no 0/O or 1/I: the code is read aloud on the phone
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CallbackRequest(Base):
    __tablename__ = "callback_requests"
    id = Column(Integer, primary_key=True)
    reference = Column(String(12), unique=True, nullable=False)
    # the conversation's id while the request is open; cleared when handled
    open_conversation = Column(String(255), unique=True, nullable=True)
    phone = Column(String(20), nullable=False)  # E.164
    line = Column(String(40), nullable=False)
    language = Column(String(2), nullable=False)
    day = Column(Date, nullable=False)
    window = Column(String(10), nullable=False)  # morning | afternoon
    created_at = Column(DateTime(timezone=True), nullable=False)
    done_at = Column(DateTime(timezone=True), nullable=True)
    # set (with done_at) when the user cancelled the request: nobody calls
    cancelled_at = Column(DateTime(timezone=True), nullable=True)


class PendingPhone(Base):
    """The number a user gave while the form is still open: one per conversation."""
    __tablename__ = "callback_pending_phones"
    conversation = Column(String(255), primary_key=True)
    phone = Column(String(20), nullable=False)  # E.164
    created_at = Column(DateTime(timezone=True), nullable=False)


# A form left open is abandoned well within a day; its number is then deleted.
PENDING_LIFETIME = timedelta(days=1)


class QueueFull(Exception):
    """The line has no call-back capacity left for that day."""


@dataclass(frozen=True)
class Submitted:
    reference: str
    day: date
    window: str
    new: bool


class CallbackQueue:
    def __init__(self, url: str, daily_capacity: int, retention_days: int):
        # hide_parameters: a database error's message (which gets logged) would
        # otherwise quote the row, phone number included
        self.engine = create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True)
        Base.metadata.create_all(self.engine)
        self._add_missing_columns()
        self.daily_capacity = daily_capacity
        self.retention = timedelta(days=retention_days)

    def _add_missing_columns(self) -> None:
        # create_all makes new tables only: a queue created before requests
        # could be cancelled gets the column here (one nullable column, so no
        # migration tool is needed yet)
        columns = {c["name"] for c in inspect(self.engine).get_columns("callback_requests")}
        if "cancelled_at" not in columns:
            kind = DateTime(timezone=True).compile(dialect=self.engine.dialect)
            with self.engine.begin() as connection:
                connection.execute(text(f"ALTER TABLE callback_requests ADD COLUMN cancelled_at {kind}"))

    def hold_phone(self, conversation: str, phone: str, now: Optional[datetime] = None) -> None:
        """Keep the number the form accepted until the request is submitted or
        dropped; a corrected number replaces the earlier one."""
        with Session(self.engine) as session:
            session.merge(PendingPhone(conversation=conversation, phone=phone,
                                       created_at=now or datetime.now(timezone.utc)))
            session.commit()

    def held_phone(self, conversation: str) -> Optional[str]:
        with Session(self.engine) as session:
            pending = session.get(PendingPhone, conversation)
            return pending.phone if pending else None

    def drop_phone(self, conversation: str) -> None:
        """Forget the held number: the form was stopped, refused or given up."""
        with Session(self.engine) as session:
            session.execute(delete(PendingPhone).where(PendingPhone.conversation == conversation))
            session.commit()

    def submit(self, conversation: str, phone: str, line: str, language: str,
               day: date, window: str, now: Optional[datetime] = None) -> Submitted:
        """Store the request (committed before this returns) or return the open one.
        Either way the conversation's held number is deleted in the same commit."""
        now = now or datetime.now(timezone.utc)
        with Session(self.engine) as session:
            session.execute(delete(PendingPhone).where(PendingPhone.conversation == conversation))
            existing = self._open_for(session, conversation)
            if existing:
                session.commit()
                return Submitted(existing.reference, existing.day, existing.window, False)
            taken = session.scalar(select(func.count()).select_from(CallbackRequest)
                                   .where(CallbackRequest.line == line, CallbackRequest.day == day,
                                          CallbackRequest.cancelled_at.is_(None)))
            if taken >= self.daily_capacity:
                raise QueueFull(line)
            request = CallbackRequest(
                reference=self._new_reference(), open_conversation=conversation, phone=phone,
                line=line, language=language, day=day, window=window, created_at=now)
            session.add(request)
            try:
                session.commit()
            except IntegrityError:  # the same conversation submitted concurrently
                session.rollback()
                session.execute(delete(PendingPhone)
                                .where(PendingPhone.conversation == conversation))
                session.commit()
                existing = self._open_for(session, conversation)
                return Submitted(existing.reference, existing.day, existing.window, False)
            return Submitted(request.reference, day, window, True)

    def open_requests(self) -> List[CallbackRequest]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.scalars(
                select(CallbackRequest).where(CallbackRequest.done_at.is_(None))
                .order_by(CallbackRequest.line, CallbackRequest.day, CallbackRequest.window,
                          CallbackRequest.created_at)))

    def mark_done(self, reference: str, now: Optional[datetime] = None) -> bool:
        with Session(self.engine) as session:
            request = session.scalar(select(CallbackRequest).where(
                CallbackRequest.reference == reference.upper(), CallbackRequest.done_at.is_(None)))
            if request is None:
                return False
            request.done_at = now or datetime.now(timezone.utc)
            request.open_conversation = None
            session.commit()
            return True

    def cancel_open(self, conversation: str, now: Optional[datetime] = None) -> Optional[str]:
        """Cancel this conversation's open request; its reference, or None."""
        with Session(self.engine) as session:
            request = self._open_for(session, conversation)
            if request is None:
                return None
            self._cancel(request, now)
            session.commit()
            return request.reference

    def cancel(self, reference: str, last_digits: str, now: Optional[datetime] = None) -> bool:
        """Cancel an open request by its reference and the last four digits of
        its number (from another conversation). False when either does not
        match: the caller cannot tell which, so nothing is revealed."""
        with Session(self.engine) as session:
            request = session.scalar(select(CallbackRequest).where(
                CallbackRequest.reference == reference.upper(), CallbackRequest.done_at.is_(None)))
            if request is None or len(last_digits) != 4 or not request.phone.endswith(last_digits):
                return False
            self._cancel(request, now)
            session.commit()
            return True

    @staticmethod
    def _cancel(request: CallbackRequest, now: Optional[datetime]) -> None:
        request.cancelled_at = request.done_at = now or datetime.now(timezone.utc)
        request.open_conversation = None

    def purge(self, now: Optional[datetime] = None) -> int:
        """Delete handled requests older than the retention period, and numbers
        held for forms abandoned over PENDING_LIFETIME ago; returns how many
        handled requests were deleted."""
        now = now or datetime.now(timezone.utc)
        cutoff = now - self.retention
        with Session(self.engine) as session:
            old = list(session.scalars(select(CallbackRequest).where(
                CallbackRequest.done_at.is_not(None), CallbackRequest.done_at < cutoff)))
            for request in old:
                session.delete(request)
            session.execute(delete(PendingPhone)
                            .where(PendingPhone.created_at < now - PENDING_LIFETIME))
            session.commit()
            return len(old)

    @staticmethod
    def _open_for(session: Session, conversation: str) -> Optional[CallbackRequest]:
        return session.scalar(select(CallbackRequest)
                              .where(CallbackRequest.open_conversation == conversation))

    @staticmethod
    def _new_reference() -> str:
        return "K-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))


@lru_cache(maxsize=1)
def default_queue() -> CallbackQueue:
    from actions import settings

    return CallbackQueue(settings.callback_db_url(), settings.callback_daily_capacity(),
                         settings.callback_retention_days())
