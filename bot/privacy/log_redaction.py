"""Personal data is redacted from every log line, as a last line of defence.

Our own code never logs message text or phone numbers, and Rasa's default
level (INFO) logs none either; but Rasa logs the message text when a REST
message fails or times out (rasa.core.channels.rest, via structlog, which
writes through the standard logging handlers), and an exception's text can
quote what it was given. A filter on the handlers redacts the finished line,
whoever wrote it.
"""
from __future__ import annotations

import logging

from bot.privacy.personal_data import redact_personal_data


class RedactingFilter(logging.Filter):
    """Rewrites a record so that its message and traceback are redacted."""

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
    """Add the filter to every handler configured so far (root and named
    loggers); call it after the server has set up its logging. Idempotent."""
    loggers = [logging.getLogger()] + [
        logger for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())
