"""The Rasa side of faults, without a server: the apology when the action
server is down or slow (bot/faults/action_server.py), and the refusal when
the tracker store's database is locked (bot/faults/tracker_store.py).
End to end over HTTP: tests/test_faults.py."""
import asyncio
import socket
import sqlite3
import time

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.faults import action_server, tracker_store
from bot.faults.tracker_store import TrackerStoreUnavailable
from bot.privacy.redacting_tracker_store import RedactingSQLTrackerStore

from tests.conftest import ROOT

HOUSING_LINE = "Asumisen tuet: 020 692 201, ma–pe klo 9–16. Kaikki Kelan numerot: kela.fi/soita-kelaan"


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def tracker_after(domain, text, **slots):
    tracker = DialogueStateTracker("fault-test", domain.slots)
    for name, value in slots.items():
        tracker.update(SlotSet(name, value))
    tracker.update(UserUttered(text, {"name": "ask_phone_line"}))
    return tracker


def run_action(domain, tracker, url):
    action = RemoteAction("action_phone_line", EndpointConfig(url))
    return asyncio.run(action.run(None, None, tracker, domain))


def texts(events):
    return [event.text for event in events if isinstance(event, BotUttered)]


@pytest.fixture(autouse=True)
def installed(monkeypatch):
    # monkeypatch puts Rasa's own methods back afterwards, for the other test modules
    for cls, method in [(RemoteAction, "run"),
                        (FailSafeTrackerStore, "on_tracker_store_error"),
                        (FailSafeTrackerStore, "on_tracker_store_retrieve_error")]:
        monkeypatch.setattr(cls, method, getattr(cls, method))
    action_server.install()
    tracker_store.install()


@pytest.fixture
def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def test_action_server_down_gives_an_apology_and_the_line_of_the_question(domain, closed_port):
    tracker = tracker_after(domain, "asumistuen puhelinnumero?")
    assert texts(run_action(domain, tracker, f"http://127.0.0.1:{closed_port}/webhook")) == [
        "Pahoittelen, en juuri nyt pystynyt vastaamaan tähän teknisen vian vuoksi. "
        "Yritä hetken päästä uudelleen tai soita Kelaan.", HOUSING_LINE]


def test_the_apology_is_in_swedish_with_the_swedish_number_of_the_topic(domain, closed_port):
    tracker = tracker_after(domain, "hur når jag er?", language="sv", topic="kela_card")
    [apology, line] = texts(run_action(domain, tracker, f"http://127.0.0.1:{closed_port}/webhook"))
    assert apology.startswith("Jag ber om ursäkt")
    assert line == ("FPA-kortet och EU-kortet: 020 692 224, mån–fre kl. 9–16. "
                    "Alla FPA:s nummer: kela.fi/soita-kelaan")


def test_without_a_known_line_the_user_gets_kelas_list_of_numbers(domain, closed_port):
    tracker = tracker_after(domain, "apua")
    assert texts(run_action(domain, tracker, f"http://127.0.0.1:{closed_port}/webhook"))[1] == (
        "Kelan puhelinnumerot aiheittain: kela.fi/soita-kelaan (palvelu ma–pe klo 9–16).")


def test_one_apology_per_message_however_many_actions_fail(domain, closed_port):
    tracker = tracker_after(domain, "asumistuen puhelinnumero?")
    url = f"http://127.0.0.1:{closed_port}/webhook"
    for event in run_action(domain, tracker, url):
        tracker.update(event)
    assert run_action(domain, tracker, url) == []


def test_a_hung_action_server_gets_the_apology_within_the_time_limit(domain, monkeypatch):
    monkeypatch.setenv("NEUVO_ACTIONS_TIMEOUT", "1.5")
    with socket.socket() as hung:  # accepts the connection (backlog), never answers
        hung.bind(("127.0.0.1", 0))
        hung.listen(5)
        started = time.monotonic()
        events = run_action(domain, tracker_after(domain, "asumistuen puhelinnumero?"),
                            f"http://127.0.0.1:{hung.getsockname()[1]}/webhook")
        took = time.monotonic() - started
    assert texts(events)[1] == HOUSING_LINE
    assert 1.5 <= took < 5


@pytest.mark.parametrize("value, seconds", [("", 10), ("3", 3), ("0.5", 0.5), ("0", 10),
                                            ("-1", 10), ("ten", 10), ("inf", 10)])
def test_the_time_limit_is_ten_seconds_unless_set(monkeypatch, value, seconds):
    monkeypatch.setenv("NEUVO_ACTIONS_TIMEOUT", value)
    assert action_server.timeout_seconds() == seconds


def test_a_locked_sqlite_tracker_store_refuses_and_then_recovers(domain, tmp_path):
    db = tmp_path / "tracker.db"
    store = FailSafeTrackerStore(RedactingSQLTrackerStore(domain, dialect="sqlite", db=str(db)))
    tracker = tracker_after(domain, "hei")
    asyncio.run(store.save(tracker))

    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # another process holds the file (5 s busy timeout)
    try:
        # Rasa's FailSafeTrackerStore would start a new conversation and keep
        # it in memory; the error reaches the channel instead
        with pytest.raises(TrackerStoreUnavailable):
            asyncio.run(store.retrieve("fault-test"))
        tracker.update(UserUttered("toinen", {"name": "greet"}))
        with pytest.raises(TrackerStoreUnavailable):
            asyncio.run(store.save(tracker))
    finally:
        locker.execute("COMMIT")
        locker.close()

    stored = asyncio.run(store.retrieve("fault-test"))
    assert [e.text for e in stored.events if isinstance(e, UserUttered)] == ["hei"]
    asyncio.run(store.save(tracker))
    stored = asyncio.run(store.retrieve("fault-test"))
    assert [e.text for e in stored.events if isinstance(e, UserUttered)] == ["hei", "toinen"]


def test_other_tracker_store_errors_are_still_rasas_to_handle(domain, tmp_path):
    class Broken(RedactingSQLTrackerStore):
        async def keys(self):
            raise RuntimeError("not a database error")

    store = FailSafeTrackerStore(Broken(domain, dialect="sqlite", db=str(tmp_path / "t.db")))
    assert asyncio.run(store.keys()) == []
