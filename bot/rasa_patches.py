"""Every change Neuvo makes to Rasa's own code, installed from one place, for
the one Rasa version they were written and tested against.

    from bot import rasa_patches; rasa_patches.install()

is what `python -m bot.rasa_cli` (the entry point `make`, scripts/run.sh and
scripts/shell.sh start Rasa with) does before Rasa's own command line runs;
tests that load a model in-process call it too (tests/conftest.py). Each patch
replaces one method and says why in its module; tests/test_rasa_patches.py
proves that Rasa still calls each patched method, so an upgrade that moves
the call fails a test instead of silently dropping the patch.

  bot/tuning/spacy_once.py                SpacyNLP.load_model: one spaCy pipeline per process
  bot/tuning/action_response_validation.py RemoteAction._validate_action_result: schema compiled once
  bot/faults/action_server.py             RemoteAction.run: time limit, apology and phone line
  bot/faults/tracker_store.py             FailSafeTrackerStore.on_tracker_store_error (and _retrieve_):
                                          an unavailable database refuses the message
"""
from __future__ import annotations

from bot.faults import action_server, tracker_store
from bot.tuning import action_response_validation, spacy_once
from common.privacy import log_redaction

PINNED_RASA = "3.6.21"


class WrongRasaVersion(RuntimeError):
    """The patches were not written for the installed Rasa: refuse to start."""


def check_version(installed: str | None = None) -> None:
    if installed is None:
        from rasa.version import __version__ as installed
    if installed != PINNED_RASA:
        raise WrongRasaVersion(
            f"Neuvo's changes to Rasa are for Rasa {PINNED_RASA}, but Rasa {installed} is "
            f"installed: run `make setup` (requirements.txt pins {PINNED_RASA}), or check "
            f"every patch in bot/rasa_patches.py against the new version first.")


def install() -> None:
    """Check the version, then install every patch (idempotent)."""
    check_version()
    spacy_once.apply()
    action_response_validation.apply()
    action_server.install()
    tracker_store.install()
    # not a patch of Rasa: personal data out of every log record, whoever logs it
    log_redaction.install()
