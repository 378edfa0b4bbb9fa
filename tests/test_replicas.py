"""Scale-out end to end: two Rasa servers (replicas) in the production profile
share one PostgreSQL database (conversations, call-back queue) and Redis (locks),
with one action server, all started by scripts/run.sh. A conversation may hop
between replicas at every message, also in the middle of the call-back form, and
messages arriving at once are taken one at a time, none lost.

Each replica costs about 10 s to start and 1 GB of memory, so both are
started once, side by side, for the whole module."""
import json
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

import pytest

from actions.callback_queue import CallbackQueue
from tests.clock_days import day_label
from tests.conftest import FROZEN_NOW, ROOT, TUESDAY
from tests.personal_samples import MARKERS_IN_ORDER, MESSAGE, leaks
from tests.servers import Server
from tests.shared_services import (fresh_postgres_database, own_redis_prefix,
                                   production_profile_env)


@pytest.fixture(scope="module")
def database():
    with fresh_postgres_database("neuvo_replicas") as database:
        yield database


@pytest.fixture(scope="module")
def replicas(tmp_path_factory, database):
    with own_redis_prefix("neuvoreplicas") as redis:
        workdir = tmp_path_factory.mktemp("replicas")
        env = {
            **production_profile_env(database, redis, "replicas-actions-token"),
            # the action server's clock: Monday morning, the phone lines are open
            "NEUVO_NOW": FROZEN_NOW,
            # REST and socket.io only, whatever .env enables
            "RASA_CREDENTIALS": str(ROOT / "credentials.yml"),
        }
        started = []
        try:
            # A starts the action server; B uses it. Both load their models at once.
            a = Server(workdir, env, "replica-a.log", widget=False, wait=False)
            started.append(a)
            b = Server(workdir, env, "replica-b.log", actions_url=a.actions_url, widget=False,
                       wait=False)
            started.append(b)
            a.wait_ready()
            b.wait_ready()
            yield a, b
        finally:
            for server in reversed(started):
                server.stop()


def events(database, sender):
    """The conversation's events as stored, in the order they were stored."""
    with closing(database.connect()) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id",
                       (sender,))
        return [(kind, json.loads(data)) for kind, data in cursor.fetchall()]


def joined(texts):
    # Rasa's REST channel sends a text with blank lines as several messages
    return "\n\n".join(text.strip() for text in texts if text)


def test_call_back_form_hops_between_replicas_and_is_stored_once(replicas, database):
    a, b = replicas
    sender = f"replicas-form-{uuid.uuid4().hex[:8]}"
    assert a.messages(sender, "soita minulle")[-1]["buttons"], "asks which matter"
    b.messages(sender, '/inform{"phone_line": "housing"}')
    assert "040 123 4567" in a.messages(sender, '/inform{"call_language": "fi"}')[-1]["text"]
    times = b.messages(sender, "040 111 0001")[-1]["buttons"]
    assert times[2]["title"] == f"{day_label(TUESDAY, 'fi')} klo 9–12"
    assert "tallentaa" in a.messages(sender, times[2]["payload"])[-1]["text"]
    [confirmation] = b.rest(sender, "/affirm")

    queue = CallbackQueue(database.sqlalchemy_url, 40, 30)
    try:
        [request] = [r for r in queue.open_requests() if r.open_conversation == sender]
    finally:
        queue.engine.dispose()  # the database is dropped after the module
    assert (request.phone, request.line, request.language, request.window) == (
        "+358401110001", "housing", "fi", "morning")
    assert confirmation.startswith("Soittopyyntö on tallennettu. Tunnus: " + request.reference)
    # the number is in the queue only, not in the conversation PostgreSQL keeps
    stored = json.dumps(events(database, sender))
    assert "401110001" not in re.sub(r"\D", "", stored)


def all_stored_events(database):
    with closing(database.connect()) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT data FROM events")
        return " ".join(data for (data,) in cursor.fetchall())


def test_personal_data_is_not_stored_in_postgresql(replicas, database):
    a, b = replicas
    sender = f"replicas-privacy-{uuid.uuid4().hex[:8]}"
    assert a.rest(sender, MESSAGE)
    assert b.rest(sender, MESSAGE.replace("Hetu", "Hej, min personbeteckning är"))
    [first, second] = [data["text"] for kind, data in events(database, sender) if kind == "user"]
    assert [marker for marker in MARKERS_IN_ORDER if marker in first] == MARKERS_IN_ORDER
    assert second.startswith("Hej, min personbeteckning är [henkilötunnus poistettu]")
    assert leaks(all_stored_events(database)) == []
    assert leaks(a.log_text()) == []
    assert leaks(b.log_text()) == []


# Twenty different messages, so each stored turn can be matched to its reply.
MESSAGES = [
    "moi", "hej", "kiitos paljon", "tack för hjälpen idag", "ootko botti", "är du en riktig människa",
    "mitä kaikkea sä osaat", "vad kan du hjälpa mig med", "millainen sää on huomenna",
    "blir det regn i morgon", "mihin voin soittaa asumistuesta", "hjälp", "hei",
    "hejsan", "kiitos", "tack", "näkemiin", "hej då", "moikka", "tack för hjälpen idag",
]


def test_messages_sent_at_once_to_both_replicas_are_all_kept_in_turn(replicas, database):
    a, b = replicas
    sender = f"replicas-burst-{uuid.uuid4().hex[:8]}"
    start = threading.Barrier(len(MESSAGES))

    def send(n, text):
        start.wait()  # all twenty leave together
        # waits for the messages before it (one at a time): longer than one turn
        return text, [m.get("text") for m in (a, b)[n % 2].messages(sender, text, timeout=300)]

    began = time.time()
    with ThreadPoolExecutor(len(MESSAGES)) as pool:
        replies = dict(pool.map(lambda args: send(*args), enumerate(MESSAGES)))
    took = time.time() - began
    assert all(replies.values()), f"unanswered: {[t for t, r in replies.items() if not r]}"

    stored = events(database, sender)
    user_turns = [i for i, (kind, _) in enumerate(stored) if kind == "user"]
    assert sorted(stored[i][1]["text"] for i in user_turns) == sorted(MESSAGES), \
        "every message stored once"
    assert [kind for kind, _ in stored].count("session_started") == 1
    # Each message's turn is complete (its bot replies, then action_listen) before the
    # next message's user event: the lock let one message in at a time.
    for start_at, end in zip(user_turns, user_turns[1:] + [len(stored)]):
        text = stored[start_at][1]["text"]
        turn = stored[start_at + 1:end]
        said = [data.get("text") for kind, data in turn if kind == "bot"]
        actions = [data["name"] for kind, data in turn if kind == "action"]
        assert joined(said) == joined(replies[text]), f"turn of {text!r}"
        assert actions and actions[-1] == "action_listen", f"turn of {text!r}: {actions}"
    print(f"20 concurrent messages over 2 replicas answered in {took:.1f} s")
