"""Neuvo's changes to Rasa's code (bot/rasa_patches.py): installed from one
place, only on the pinned Rasa, and still on Rasa's path: each test reads
Rasa's own source to prove it still calls the method a patch replaces, so an
upgrade that moves the call fails here instead of dropping the patch quietly."""
import asyncio
import inspect

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.nlu.utils.spacy_utils import SpacyNLP

from bot import rasa_cli, rasa_patches
from bot.faults import action_server


@pytest.fixture(scope="module", autouse=True)
def installed():
    rasa_patches.install()
    rasa_patches.install()  # idempotent


def calls(function, call):
    return call in inspect.getsource(function)


def test_action_server_patch_is_installed_and_on_rasas_path():
    assert RemoteAction.run is action_server.run_or_apologise
    # MessageProcessor runs every action through action.run(...)
    assert calls(MessageProcessor._run_action, "action.run(")


def test_tracker_store_patch_is_installed_and_on_rasas_path():
    assert getattr(FailSafeTrackerStore.on_tracker_store_error, "lets_unavailable_through", False)
    assert getattr(FailSafeTrackerStore.on_tracker_store_retrieve_error,
                   "lets_unavailable_through", False)
    assert calls(FailSafeTrackerStore.save, "self.on_tracker_store_error(")
    assert calls(FailSafeTrackerStore.retrieve, "self.on_tracker_store_retrieve_error(")


def test_tuning_patches_are_installed_and_on_rasas_path():
    assert getattr(SpacyNLP.load_model, "loads_once", False)
    assert calls(SpacyNLP.create, "load_model(")
    assert getattr(RemoteAction._validate_action_result, "compiled_once", False)
    # Rasa's own RemoteAction.run (wrapped by the action server patch) validates there
    assert calls(action_server._rasa_run, "self._validate_action_result(")


def test_the_action_server_patch_passes_whatever_rasa_passes(monkeypatch):
    received = {}

    async def future_rasa_run(self, output_channel, nlg, tracker, domain, *, new_option=None):
        received.update(tracker=tracker, new_option=new_option)
        return ["events"]

    monkeypatch.setattr(action_server, "_rasa_run", future_rasa_run)
    monkeypatch.setattr(action_server, "_RASA_RUN_SIGNATURE", inspect.signature(future_rasa_run))
    events = asyncio.run(action_server.run_or_apologise(
        object(), "channel", "nlg", tracker="the tracker", domain="domain", new_option=7))
    assert events == ["events"] and received == {"tracker": "the tracker", "new_option": 7}


@pytest.mark.parametrize("version", ["3.6.20", "3.7.0", "3.6.21rc1"])
def test_another_rasa_version_is_refused_with_the_reason(version):
    with pytest.raises(rasa_patches.WrongRasaVersion, match=f"Rasa {version} is installed"):
        rasa_patches.check_version(version)
    rasa_patches.check_version(rasa_patches.PINNED_RASA)


def test_the_entry_point_refuses_to_start_on_another_version(monkeypatch, capsys):
    monkeypatch.setattr(rasa_patches, "PINNED_RASA", "9.9.9")
    assert rasa_cli.main(["run"]) == 2
    assert "are for Rasa 9.9.9" in capsys.readouterr().err
