"""Faults end to end, in the production profile (scripts/run.sh, PostgreSQL,
Redis): the action server killed, restarted and hung; the tracker store's
database and the call-back queue's database made unavailable mid-conversation
and back. The machine's PostgreSQL server keeps running: only this module's
own databases stop taking connections (ALLOW_CONNECTIONS false, sessions
terminated).

One Rasa server for the whole module (a start costs a minute and 2 GB); its
action server is started by the test itself (NEUVO_ACTIONS_URL), so it can be
killed and paused without run.sh stopping Rasa with it."""
import json
import time
import uuid
from contextlib import closing, contextmanager
from urllib.parse import urlsplit

import pytest

from tests.conftest import FROZEN_NOW, ROOT
from tests.servers import ActionServer, Server
from tests.shared_services import (POSTGRES_URL, fresh_postgres_database, own_redis_prefix,
                                   production_profile_env)

ACTIONS_TOKEN = "faults-actions-token"
TIMEOUT_SECONDS = 3  # NEUVO_ACTIONS_TIMEOUT of the Rasa server (default 10)
APOLOGY_FI = ("Pahoittelen, en juuri nyt pystynyt vastaamaan tähän teknisen vian vuoksi. "
              "Yritä hetken päästä uudelleen tai soita Kelaan.")
APOLOGY_SV = ("Jag ber om ursäkt, jag kunde inte svara på det här just nu på grund av ett "
              "tekniskt fel. Försök igen om en stund eller ring FPA.")
HOUSING_LINE = ("Asumisen tuet: 020 692 201, ma–pe klo 9–16. "
                "Kaikki Kelan numerot: kela.fi/soita-kelaan")
ASK_HOUSING_LINE = "mihin voin soittaa asumistuesta"
HOUSING_LINE_ANSWER = [HOUSING_LINE, "Linja on nyt auki ja sulkeutuu tänään klo 16."]
# the channel's own reply (content/channel_replies.yml); a button's payload
# has no language, so both
REFUSAL = ["Jokin meni vikaan, enkä pystynyt vastaamaan. Yritä hetken päästä uudelleen.",
           "Något gick fel och jag kunde inte svara. Försök igen om en stund."]
NOT_STORED = "Soittopyyntöä ei juuri nyt saatu tallennettua. Pahoittelen! Voit soittaa Kelaan itse:"
CONFIRMED = "Soittopyyntö on tallennettu. Tunnus: "


@contextmanager
def unavailable(database):
    """`database` takes no connections and its open ones are cut, as when its
    server restarts; afterwards it takes them again."""
    import psycopg2

    admin = psycopg2.connect(host=database.host, port=database.port, user=database.user,
                             password=database.password,
                             dbname=urlsplit(POSTGRES_URL).path.lstrip("/") or "postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{database.name}" ALLOW_CONNECTIONS false')
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = %s AND pid <> pg_backend_pid()", (database.name,))
        yield
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{database.name}" ALLOW_CONNECTIONS true')
        admin.close()


@pytest.fixture(scope="module")
def tracker_db():
    with fresh_postgres_database("neuvo_faults_tracker") as database:
        yield database


@pytest.fixture(scope="module")
def queue_db():
    # its own database, so the queue can fail while the conversations are kept
    with fresh_postgres_database("neuvo_faults_queue") as database:
        yield database


@pytest.fixture(scope="module")
def actions(tmp_path_factory, queue_db):
    server = ActionServer(tmp_path_factory.mktemp("faults-actions"), {
        "NEUVO_ACTIONS_TOKEN": ACTIONS_TOKEN, "ACTIONS_INTERFACE": "127.0.0.1",
        "NEUVO_CALLBACK_DB_URL": queue_db.sqlalchemy_url, "NEUVO_NOW": FROZEN_NOW})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, tracker_db, actions):
    with own_redis_prefix("neuvofaults") as redis:
        rasa = Server(tmp_path_factory.mktemp("faults"), {
            # the queue is the action server's own (queue_db); Rasa never reads it
            **production_profile_env(tracker_db, redis, ACTIONS_TOKEN),
            "NEUVO_ACTIONS_TIMEOUT": str(TIMEOUT_SECONDS),
            "RASA_CREDENTIALS": str(ROOT / "credentials.yml"),  # REST and socket.io only
            # the call-back test fills the form three times in a few seconds
            "NEUVO_RATE_LIMIT_MESSAGES": "100",
        }, "rasa.log", actions_url=actions.url, widget=False)
        try:
            yield rasa
        finally:
            rasa.stop()


def new_sender(kind):
    return f"faults-{kind}-{uuid.uuid4().hex[:8]}"


def timed(call, *args):
    started = time.monotonic()
    result = call(*args)
    return result, time.monotonic() - started


def test_action_server_killed_then_restarted(server, actions):
    sender = new_sender("killed")
    assert server.rest(sender, ASK_HOUSING_LINE) == HOUSING_LINE_ANSWER
    actions.kill()
    try:
        assert server.rest(sender, ASK_HOUSING_LINE) == [APOLOGY_FI, HOUSING_LINE]
        # the conversation goes on: a message that needs no custom action
        assert server.rest(sender, "kiitos")
    finally:
        actions.start()
    assert server.rest(sender, ASK_HOUSING_LINE) == HOUSING_LINE_ANSWER


def test_hung_action_server_gets_the_apology_within_the_time_limit(server, actions):
    sender = new_sender("hung")
    with actions.paused():
        replies, took = timed(server.rest, sender,
                              "vilket nummer ska jag ringa om bostadsbidraget")
    assert replies[0] == APOLOGY_SV
    assert replies[1].startswith("Stöd för boende: 020 692 201, mån–fre kl. 9–16.")
    assert took < TIMEOUT_SECONDS + 5  # not Rasa's own 5 minutes
    assert server.rest(sender, ASK_HOUSING_LINE) == HOUSING_LINE_ANSWER


def start_call_back_form(server, sender, phone):
    """The call-back form up to the consent question."""
    assert server.messages(sender, "soita minulle")[-1]["buttons"], "asks which matter"
    server.messages(sender, '/inform{"phone_line": "housing"}')
    server.messages(sender, '/inform{"call_language": "fi"}')
    times = server.messages(sender, phone)[-1]["buttons"]
    assert "tallentaa" in server.messages(sender, times[2]["payload"])[-1]["text"]


def test_tracker_database_unavailable_refuses_then_the_conversation_goes_on(server, tracker_db):
    sender = new_sender("tracker")
    assert server.messages(sender, "soita minulle")[-1]["buttons"], "asks which matter"
    with unavailable(tracker_db):
        (status, body), took = timed(server.post, "/webhooks/rest/webhook", {
            "sender": sender, "message": '/inform{"phone_line": "housing"}'})
        assert (status, [m["text"] for m in json.loads(body)]) == (200, REFUSAL)
        assert took < 15
    # the form is where it was: the next question is the call's language
    assert server.rest(sender, '/inform{"phone_line": "housing"}') == [
        "Millä kielellä haluat, että sinulle soitetaan?"]


def open_requests(queue_db, sender):
    with closing(queue_db.connect()) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT reference FROM callback_requests WHERE open_conversation = %s",
                       (sender,))
        return [reference for (reference,) in cursor.fetchall()]


def test_call_back_is_not_confirmed_while_the_queue_is_down_and_stored_once_after(server, queue_db):
    sender = new_sender("queue")
    start_call_back_form(server, sender, "040 111 0002")
    with unavailable(queue_db):
        replies = server.rest(sender, "/affirm")
    assert replies[:2] == [NOT_STORED, HOUSING_LINE]
    assert not any(reply.startswith(CONFIRMED) for reply in replies)
    assert open_requests(queue_db, sender) == []

    start_call_back_form(server, sender, "040 111 0002")
    [confirmation] = server.rest(sender, "/affirm")
    [reference] = open_requests(queue_db, sender)
    assert confirmation.startswith(CONFIRMED + reference)
    # asking again stores no second one, and says which request stands
    start_call_back_form(server, sender, "040 111 0002")
    again = server.rest(sender, "/affirm")[0]
    assert again.startswith("Sinulla on jo soittopyyntö") and reference in again
    assert open_requests(queue_db, sender) == [reference]
