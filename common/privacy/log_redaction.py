"""Personal data is redacted from every log line, as a last line of defence.

Our own code never logs message text or phone numbers, and Rasa's default
level (INFO) logs none either; but Rasa logs the message text when a REST
message fails or times out (rasa.core.channels.rest, via structlog, which
writes through the standard logging handlers), and an exception's text can
quote what it was given. Every log record is redacted as it is made,
whoever wrote it.
"""
from __future__ import annotations

import logging

from common.privacy.personal_data import redact_personal_data


class RedactingFilter(logging.Filter):
    """Rewrites a record so that its message and traceback are redacted (also
    usable as a handler's filter)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler to report
            return True
        record.msg, record.args = redact_personal_data(message), ()
        if record.exc_info and not record.exc_text:
            # the formatter uses exc_text as it is once it is set
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_personal_data(record.exc_text)
        return True


def install() -> None:
    """Redact every log record as it is made, whichever logger or handler
    takes it, so it can be installed before a server sets up its logging
    (bot/rasa_patches.py, actions/__init__.py). Idempotent."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "redacts", False):
        return
    redacting = RedactingFilter()

    def make_redacted_record(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redacting.filter(record)
        return record

    make_redacted_record.redacts = True
    logging.setLogRecordFactory(make_redacted_record)
