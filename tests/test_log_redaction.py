"""Log lines lose their personal data on the way out, whoever wrote them
(common/privacy/log_redaction.py)."""
import io
import logging

from common.privacy import log_redaction
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
        log_redaction.install()  # twice: still one redaction, not two wrapped factories
        assert getattr(logging.getLogRecordFactory(), "redacts", False)
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


def test_a_handler_added_after_the_install_is_redacted_too():
    # the servers set up their logging after the patches are installed
    log_redaction.install()
    out = io.StringIO()
    logger = logging.getLogger("test_log_redaction.later")
    logger.addHandler(logging.StreamHandler(out))
    logger.propagate = False
    logger.warning("user said %s", MESSAGE)
    assert leaks(out.getvalue()) == []
