"""The Jodel-style board end to end: scripts/run.sh with JODEL_SECRET set
answers signed posts in their thread through the reply API (a local fake),
refuses unsigned ones, answers a redelivered post once, keeps personal data
away from the assistant, and turns malformed bodies into 4xx."""
import hashlib
import hmac
import itertools
import json
import time

import pytest

from bot.channels import signature
from bot.channels.jodel import PRIVACY_REPLY
from bot.channels.recent_ids import RecentIds
from tests.channel_servers import JODEL_API_TOKEN, JODEL_SECRET
from tests.conftest import variation

WEBHOOK = "/webhooks/jodel/webhook"
_ids = itertools.count(int(time.time()))


def new_post(text, thread=None):
    n = next(_ids)
    return {"post_id": f"post-{n}", "thread_id": thread or f"thread-{n}",
            "channel": "kela", "text": text}


def deliver(servers, body, sign=True, header=None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {}
    if sign:
        headers["X-Jodel-Signature"] = header or (
            "sha256=" + hmac.new(JODEL_SECRET.encode(), raw, hashlib.sha256).hexdigest())
    return servers.server.post(WEBHOOK, raw, headers)


def reply_texts(servers, mark, thread):
    return [json.loads(c["raw"])["text"] for c in servers.jodel.replies(mark, thread)]


# --- the pieces, without a server ---------------------------------------------

def test_signature_is_checked_in_constant_time_and_never_raises():
    body = b'{"text": "hei"}'
    good = signature.sign("secret", body)
    assert signature.is_valid("secret", body, good)
    assert not signature.is_valid("secret", body + b" ", good)
    assert not signature.is_valid("other", body, good)
    for bad in (None, "", "sha256=", good.upper(), "sha256=ää", "md5=" + good[7:]):
        assert not signature.is_valid("secret", body, bad)


def test_recent_ids_are_bounded_and_forgettable():
    recent = RecentIds(size=3)
    assert not recent.seen_before("a") and recent.seen_before("a")
    for key in "bcd":
        recent.seen_before(key)
    assert len(recent) == 3 and not recent.seen_before("a")  # the oldest was dropped
    recent.forget("a")
    assert not recent.seen_before("a")


# --- through the server -----------------------------------------------------

@pytest.mark.parametrize("greeting, language", [("hei", "fi"), ("hej", "sv")])
def test_signed_post_is_answered_in_its_thread_and_language(channel_servers, domain,
                                                            greeting, language):
    post, mark = new_post(greeting), len(channel_servers.jodel.calls)
    assert deliver(channel_servers, post) == (200, "success")
    [reply] = channel_servers.jodel.replies(mark)
    assert reply["path"] == f"/threads/{post['thread_id']}/replies"
    assert json.loads(reply["raw"]) == {"text": variation(domain, "utter_greet", language),
                                        "in_reply_to": post["post_id"]}
    # the board can tell the reply is ours: our signature and the API token
    assert signature.is_valid(JODEL_SECRET, reply["raw"], reply["headers"]["X-Jodel-Signature"])
    assert reply["headers"]["Authorization"] == f"Bearer {JODEL_API_TOKEN}"


def test_a_thread_is_one_conversation_and_buttons_become_a_list(channel_servers, domain):
    first = new_post("hej")
    deliver(channel_servers, first)
    mark = len(channel_servers.jodel.calls)
    # another anonymous poster in the same thread: the conversation (Swedish) goes on
    assert deliver(channel_servers, new_post("hur gör jag för att ansöka?", first["thread_id"]))[0] == 200
    swedish = next(v for v in domain.responses["utter_ask_which_benefit"] if v.get("condition"))
    assert reply_texts(channel_servers, mark, first["thread_id"]) == [
        swedish["text"] + "\n" + "\n".join(f"- {b['title']}" for b in swedish["buttons"])]


@pytest.mark.parametrize("header", [None, "sha256=" + "0" * 64, "sha256=nonsense"])
def test_post_without_a_valid_signature_is_refused(channel_servers, header):
    post, mark = new_post("hei"), len(channel_servers.jodel.calls)
    status, _ = deliver(channel_servers, post, sign=header is not None, header=header)
    assert status == 401
    assert channel_servers.jodel.since(mark) == []
    assert channel_servers.tracker_events(post["thread_id"]) == []


def test_redelivered_post_is_answered_once(channel_servers):
    post, mark = new_post("moi"), len(channel_servers.jodel.calls)
    assert deliver(channel_servers, post) == (200, "success")
    assert deliver(channel_servers, post) == (200, "duplicate")
    assert len(channel_servers.jodel.replies(mark)) == 1


@pytest.mark.parametrize("text, data, language", [
    ("Mun hetu on 131052-308T, miten haen asumistukea?", "131052-308T", "fi"),
    ("Hur ansöker jag om bostadsbidrag? Ring mig på 040 123 4567", "040 123 4567", "sv"),
    ("soittakaa +358401234567 kiitos", "401234567", "fi"),
    ("hetu 131052 308t, miten haen opintotukea", "131052 308t", "fi"),  # no century sign
])
def test_post_with_personal_data_gets_the_privacy_reply_only(channel_servers, text, data,
                                                             language):
    post, mark = new_post(text), len(channel_servers.jodel.calls)
    assert deliver(channel_servers, post)[0] == 200
    assert reply_texts(channel_servers, mark, post["thread_id"]) == [PRIVACY_REPLY[language]]
    assert all(data not in c["raw"].decode() for c in channel_servers.jodel.calls)
    # the assistant never saw the post: no conversation, and the data is nowhere in the store
    assert channel_servers.tracker_events(post["thread_id"]) == []
    digits = "".join(ch for ch in data if ch.isdigit())
    assert not any(data in row[2] or digits in row[2] for row in channel_servers.tracker_events())


@pytest.mark.parametrize("text, language", [
    ("Voisitteko soittaa minulle takaisin?", "fi"),
    ("voisko joku kelalta soittaa mulle huomenna", "fi"),
    ("Kan någon från FPA ringa upp mig?", "sv"),
])
def test_call_back_asked_on_the_board_points_to_the_private_ways(channel_servers, domain, text,
                                                                  language):
    # The board is public: the call-back form would ask for a phone number in
    # the thread (and then refuse the post that gives it).
    post, mark = new_post(text), len(channel_servers.jodel.calls)
    assert deliver(channel_servers, post) == (200, "success")
    assert reply_texts(channel_servers, mark, post["thread_id"]) == [
        variation(domain, "utter_private_matter_in_public", language)]
    # no form was started: nothing in the thread waits for a phone number
    loops = [json.loads(data).get("name") for _, kind, data
             in channel_servers.tracker_events(post["thread_id"]) if kind == "active_loop"]
    assert "callback_form" not in loops


def test_service_number_is_not_personal_data(channel_servers):
    # Kela's own lines (020 ...) belong to no person: the question is answered
    post, mark = new_post("soitin numeroon 020 692 201 mutta ei vastattu"), len(channel_servers.jodel.calls)
    assert deliver(channel_servers, post)[0] == 200
    texts = reply_texts(channel_servers, mark, post["thread_id"])
    assert texts and PRIVACY_REPLY["fi"] not in texts


GOOD = new_post("hei")
MALFORMED = {
    "not JSON": b"{post_id: 1",
    "not an object": b'["hei"]',
    "missing text": {k: v for k, v in GOOD.items() if k != "text"},
    "empty text": {**GOOD, "text": "  "},
    "number as post_id": {**GOOD, "post_id": 17},
    "object as thread_id": {**GOOD, "thread_id": {"id": "t"}},
    "null channel": {**GOOD, "channel": None},
    "oversize body": {**GOOD, "text": "hei " * 5000},
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_body_is_a_4xx_with_a_reason(channel_servers, name):
    mark = len(channel_servers.jodel.calls)
    status, reason = deliver(channel_servers, MALFORMED[name])
    assert 400 <= status < 500 and reason
    assert channel_servers.jodel.since(mark) == []
