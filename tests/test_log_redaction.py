"""Log lines lose their personal data on the way out, whoever wrote them
(bot/privacy/log_redaction.py)."""
import io
import logging

from bot.privacy import log_redaction
from tests.personal_samples import MESSAGE, leaks


def test_messages_arguments_and_tracebacks_are_redacted():
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger = logging.getLogger("test_log_redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        log_redaction.install()
        log_redaction.install()  # twice: still one filter
        assert len(handler.filters) == 1
        logger.info("rest.message.received.timeout text=%r", MESSAGE)
        try:
            raise ValueError(f"could not store {MESSAGE}")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    written = out.getvalue()
    assert leaks(written) == []
    assert "[puhelinnumero poistettu]" in written and "ValueError: could not store" in written
