"""Hostile input on every channel, end to end (the shared `channel_servers`
start of scripts/run.sh): empty and whitespace-only messages, 10 000
characters, control characters, emoji only, mixed scripts, invalid JSON,
wrong types, missing and unknown fields, oversized bodies, invalid UTF-8.
Each gets a clear 4xx or a polite reply, never a 5xx or a hang, and the
next normal message is answered. Also: the per-sender rate limit, and the
socket.io origin allow-list."""
import json
import time
import urllib.error
import urllib.request

import pytest
import socketio

from bot.channels import polite
from bot.channels.socketio import origin_required
from tests.channel_servers import RATE_LIMIT_MESSAGES, RATE_LIMIT_REFILL_S
from tests.conftest import variation
from tests.socketio_client import Widget, sender
from tests.test_jodel import deliver as jodel_deliver, new_post, reply_texts
from tests.test_telegram import deliver as telegram_deliver, message_update, new_chat, paragraphs

REST = "/webhooks/rest/webhook"
LONG = "Miten voin hakea asumistukea? " * 334  # 10 020 characters
EMPTY_REPLY = polite.replies(polite.EMPTY)
TOO_LONG_FI = polite.replies(polite.TOO_LONG, "Miten voin hakea asumistukea?", max_chars=2000)
RATE_LIMITED_FI = polite.replies(polite.RATE_LIMITED, "Miten voin hakea asumistukea?")
EMOJI = "🙂🙂🙂👍"
MIXED = "Привет 你好 مرحبا hej moi"
# a greeting in control characters: NUL, bell, escape, right-to-left override
CONTROL = "\x00hei\x07\x1b\u202e"
ODD_TEXT_IDS = ["control-characters", "emoji", "mixed-scripts"]


def greeting(domain):
    return variation(domain, "utter_greet", "fi")


# --- REST ----------------------------------------------------------------------

def rest(server, body, timeout=30):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    status, text = server.post(REST, raw, timeout=timeout)
    return status, json.loads(text) if text else None


def rest_texts(reply):
    return [m.get("text") for m in reply]


@pytest.mark.parametrize("message, expected", [
    ("", EMPTY_REPLY),
    ("   \n\t ", EMPTY_REPLY),
    ("\x00\x07\x1b", EMPTY_REPLY),
    (LONG, TOO_LONG_FI),
], ids=["empty", "whitespace", "only-control-characters", "10000-characters"])
def test_rest_empty_or_long_message_gets_a_polite_reply(channel_servers, domain, message, expected):
    server, user = channel_servers.server, sender("rest")
    started = time.time()
    status, reply = rest(server, {"sender": user, "message": message})
    assert (status, rest_texts(reply)) == (200, expected)
    assert time.time() - started < 5  # no NLU on 10 000 characters
    assert [kind for _, kind, _ in channel_servers.tracker_events(user)] == []
    assert server.rest(user, "hei") == [greeting(domain)]


@pytest.mark.parametrize("message", [CONTROL, EMOJI, MIXED], ids=ODD_TEXT_IDS)
def test_rest_odd_text_is_answered(channel_servers, domain, message):
    server, user = channel_servers.server, sender("rest")
    status, reply = rest(server, {"sender": user, "message": message})
    assert status == 200 and rest_texts(reply) and all(rest_texts(reply))
    if message == CONTROL:  # the control characters were taken out, the greeting kept
        assert rest_texts(reply) == [greeting(domain)]
        [stored] = [json.loads(d)["text"] for _, kind, d in channel_servers.tracker_events(user)
                    if kind == "user"]
        assert stored == "hei"
    assert server.rest(user, "hei") == [greeting(domain)]


@pytest.mark.parametrize("body, status, reason", [
    (b"{\"sender\": \"x\", \"message\": ", 400, "body is not JSON"),
    (b"\xff\xfe\x00h\x00e\x00i", 400, "body is not valid UTF-8"),
    (b'{"sender": "x", "message": "\xe4"}', 400, "body is not valid UTF-8"),  # Latin-1 ä
    (b"[1, 2]", 400, "body must be a JSON object"),
    (b"", 400, "body is not JSON"),
    (b'{"message": "hei"}', 400, "sender must be"),
    (b'{"sender": ["x"], "message": "hei"}', 400, "sender must be"),
    (b'{"sender": "x"}', 400, "message must be a string"),
    (b'{"sender": "x", "message": 42}', 400, "message must be a string"),
    (b'{"sender": "x", "message": {"text": "hei"}}', 400, "message must be a string"),
    (b'{"sender": "x", "message": "hei", "metadata": [1]}', 400, "metadata must be"),
    (json.dumps({"sender": "x", "message": "a" * 70_000}).encode(), 413, "larger than 65536"),
], ids=["invalid-json", "utf-16", "latin-1", "array", "empty-body", "no-sender",
        "sender-list", "no-message", "message-number", "message-object", "metadata-list",
        "oversized"])
def test_rest_malformed_body_is_a_4xx_with_a_reason(channel_servers, domain, body, status, reason):
    server = channel_servers.server
    got, reply = rest(server, body)
    assert got == status and reason in reply["error"]
    assert server.rest(sender("rest"), "hei") == [greeting(domain)]


def test_rest_unknown_fields_are_ignored(channel_servers, domain):
    server, user = channel_servers.server, sender("rest")
    status, reply = rest(server, {"sender": user, "message": "hei", "input_channel": "telegram",
                                  "stream": True, "extra": {"a": [1, None]}})
    assert (status, rest_texts(reply)) == (200, [greeting(domain)])
    [stored] = [json.loads(d) for _, kind, d in channel_servers.tracker_events(user) if kind == "user"]
    assert stored["input_channel"] == "rest"  # a client cannot pose as another channel


# --- socket.io -------------------------------------------------------------------

@pytest.fixture
def widget(channel_servers):
    client = Widget(channel_servers.server.base)
    yield client
    client.close()


@pytest.mark.parametrize("payload, expected", [
    ({"message": ""}, EMPTY_REPLY),
    ({"message": " \n "}, EMPTY_REPLY),
    ({"message": LONG}, TOO_LONG_FI),
    ({}, EMPTY_REPLY),  # no message
    ({"message": 42}, EMPTY_REPLY),
    ({"message": ["hei"]}, EMPTY_REPLY),
], ids=["empty", "whitespace", "10000-characters", "no-message", "message-number",
        "message-list"])
def test_socketio_empty_long_or_non_text_message_gets_a_polite_reply(widget, domain,
                                                                     payload, expected):
    widget.send({**payload, "session_id": widget.session})
    widget.say("hei")
    assert widget.wait_for(len(expected) + 1) == expected + [greeting(domain)]


@pytest.mark.parametrize("args", [
    ("hei",), ([1, 2],), (None,), (), (42,),
    ({"message": "hei"},),  # no session_id
    ({"message": "hei", "session_id": {"id": 1}},),
    ({"message": "hei", "session_id": ""},),
    ({"message": "hei", "session_id": "x" * 1000},),
    ({"message": "hei"}, "an extra argument"),
], ids=["string", "list", "null", "nothing", "number", "no-session", "session-object",
        "session-empty", "session-long", "extra-argument"])
def test_socketio_payload_without_a_conversation_is_ignored(widget, domain, args):
    widget.send(*args)
    widget.say("hei")
    widget.say("moi")
    # a reply to the ignored payload would come before the second greeting
    assert widget.wait_for(2) == [greeting(domain)] * 2


@pytest.mark.parametrize("text", [CONTROL, EMOJI, MIXED], ids=ODD_TEXT_IDS)
def test_socketio_odd_text_is_answered(widget, domain, text):
    widget.client.emit("user_uttered", {"message": text, "session_id": widget.session,
                                        "metadata": "{not json"})
    assert widget.wait_for(1) and all(widget.replies)
    if text == CONTROL:
        assert widget.replies == [greeting(domain)]
    count = len(widget.replies)
    widget.say("hei")
    assert widget.wait_for(count + 1)[-1] == greeting(domain)


@pytest.mark.parametrize("request_data", ["a string", [1], 5, {"session_id": {"a": 1}}, None])
def test_socketio_odd_session_request_starts_a_new_session(channel_servers, domain, request_data):
    client = Widget(channel_servers.server.base)
    try:
        client.client.emit("session_request", request_data)
        confirmed = client.wait_confirmed(2)
        assert len(confirmed) == 2 and isinstance(confirmed[1], str)
        client.say("hei")
        assert client.wait_for(1) == [greeting(domain)]
    finally:
        client.close()


# --- Telegram (through the fake Bot API) ---------------------------------------

def telegram_texts(servers, mark, chat):
    return [m["text"] for m in servers.telegram.sent(mark, chat)]


def wait_sent(servers, mark, chat, count, timeout=30):
    servers.telegram.wait_until(lambda: len(telegram_texts(servers, mark, chat)) >= count, timeout)
    return telegram_texts(servers, mark, chat)


@pytest.mark.parametrize("text, expected", [
    ("   ", EMPTY_REPLY), ("\x00\x1b", EMPTY_REPLY), (LONG[:4096], TOO_LONG_FI)],
    ids=["whitespace", "only-control-characters", "4096-characters"])
def test_telegram_empty_or_long_text_gets_a_polite_reply(channel_servers, domain, text, expected):
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    assert telegram_deliver(channel_servers, message_update(chat, text)) == (200, "answered")
    assert telegram_texts(channel_servers, mark, chat) == expected
    assert telegram_deliver(channel_servers, message_update(chat, "hei"))[0] == 200
    assert wait_sent(channel_servers, mark, chat, len(expected) + 1)[len(expected):] == paragraphs(
        greeting(domain))


@pytest.mark.parametrize("text", [CONTROL, EMOJI, MIXED], ids=ODD_TEXT_IDS)
def test_telegram_odd_text_is_answered(channel_servers, domain, text):
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    assert telegram_deliver(channel_servers, message_update(chat, text)) == (200, "success")
    sent = telegram_texts(channel_servers, mark, chat)
    assert sent and all(sent)
    if text == CONTROL:
        assert sent == paragraphs(greeting(domain))


@pytest.mark.parametrize("body, status", [
    (b"\xff\xfe{}", 400),
    (b'{"update_id": 1, "message": {"message_id": "x\xe4"}}', 400),
    (b'{"update_id": "1"}', 400),
    (b'{"update_id": 1, "message": "hei"}', 400),
    (b'{"update_id": 1, "message": {"text": 5, "chat": "x"}}', 400),
    (b"[" * 100_000, 400),
    (b'{"update_id": 1, "x": "' + b"a" * (1024 * 1024) + b'"}', 413),
], ids=["utf-16", "latin-1", "update-id-string", "message-string", "chat-string",
        "nested-too-deep", "oversized"])
def test_telegram_malformed_update_is_a_4xx(channel_servers, domain, body, status):
    mark = len(channel_servers.telegram.calls)
    assert telegram_deliver(channel_servers, body)[0] == status
    assert channel_servers.telegram.since(mark) == []
    chat = new_chat()
    assert telegram_deliver(channel_servers, message_update(chat, "hei")) == (200, "success")


def test_telegram_unknown_fields_and_non_text_updates_are_no_error(channel_servers, domain):
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    update = message_update(chat, "hei")
    update["message"]["brand_new_field"] = {"x": 1}
    update["another_new_field"] = [1]
    assert telegram_deliver(channel_servers, update) == (200, "success")
    sticker = message_update(chat, None)
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {"file_id": "x", "file_unique_id": "y", "width": 1,
                                     "height": 1, "is_animated": False}
    assert telegram_deliver(channel_servers, sticker) == (200, "ignored")
    assert telegram_texts(channel_servers, mark, chat) == paragraphs(greeting(domain))


# --- Jodel-style board -------------------------------------------------------------

def jodel_normal_post_is_answered(servers, domain):
    post, mark = new_post("hei"), len(servers.jodel.calls)
    assert jodel_deliver(servers, post) == (200, "success")
    assert reply_texts(servers, mark, post["thread_id"]) == [greeting(domain)]


@pytest.mark.parametrize("text, expected", [
    ("\x00\x07", EMPTY_REPLY), (LONG[:3000], TOO_LONG_FI)],
    ids=["only-control-characters", "3000-characters"])
def test_jodel_empty_or_long_text_gets_a_polite_reply(channel_servers, domain, text, expected):
    post, mark = new_post(text), len(channel_servers.jodel.calls)
    assert jodel_deliver(channel_servers, post) == (200, "answered")
    assert reply_texts(channel_servers, mark, post["thread_id"]) == expected
    jodel_normal_post_is_answered(channel_servers, domain)


@pytest.mark.parametrize("text", [CONTROL, EMOJI, MIXED], ids=ODD_TEXT_IDS)
def test_jodel_odd_text_is_answered(channel_servers, domain, text):
    post, mark = new_post(text), len(channel_servers.jodel.calls)
    assert jodel_deliver(channel_servers, post) == (200, "success")
    replies = reply_texts(channel_servers, mark, post["thread_id"])
    assert replies and all(replies)
    if text == CONTROL:
        assert replies == [greeting(domain)]


@pytest.mark.parametrize("body, status", [
    (b"{not json", 400),
    (b"\xff\xfe{}", 400),
    (b"[" * 10_000, 400),
    (b'["post_id"]', 400),
    ({"post_id": "p", "thread_id": "t", "channel": "kela"}, 400),  # no text
    ({"post_id": "p", "thread_id": "t", "channel": "kela", "text": "   "}, 400),
    ({"post_id": 1, "thread_id": "t", "channel": "kela", "text": "hei"}, 400),
    ({"post_id": "p", "thread_id": "t\ud800", "channel": "kela", "text": "hei"}, 400),
    ({"post_id": "p", "thread_id": "t", "channel": "kela", "text": LONG}, 400),
    (json.dumps({"text": "a" * 20_000}).encode(), 413),
], ids=["invalid-json", "utf-16", "nested-too-deep", "array", "no-text", "whitespace-text",
        "id-number", "id-surrogate", "10000-characters", "oversized"])
def test_jodel_malformed_post_is_a_4xx(channel_servers, domain, body, status):
    mark = len(channel_servers.jodel.calls)
    assert jodel_deliver(channel_servers, body)[0] == status
    assert channel_servers.jodel.since(mark) == []
    jodel_normal_post_is_answered(channel_servers, domain)


def test_jodel_unknown_fields_are_ignored(channel_servers, domain):
    post, mark = {**new_post("hei"), "votes": 3, "user": {"karma": 1}}, len(channel_servers.jodel.calls)
    assert jodel_deliver(channel_servers, post) == (200, "success")
    assert reply_texts(channel_servers, mark, post["thread_id"]) == [greeting(domain)]


# --- the rate limit (tests/channel_servers.py sets it) ---------------------------

def retried(attempt, until, timeout=RATE_LIMIT_REFILL_S * 5):
    """attempt() again until until(its result) holds, the sender's bucket
    refilling meanwhile (RATE_LIMIT_REFILL_S); its last result. A refused try
    uses up nothing, so trying often does not delay the refill."""
    deadline = time.monotonic() + timeout
    while True:
        result = attempt()
        if until(result) or time.monotonic() > deadline:
            return result
        time.sleep(0.2)  # the pace of the tries, not a wait for an event

def test_rest_sender_over_the_rate_limit_gets_429_and_a_polite_reply(channel_servers, domain):
    server, user = channel_servers.server, sender("rest")
    # empty messages: answered at once, without the assistant
    for _ in range(RATE_LIMIT_MESSAGES):
        assert rest(server, {"sender": user, "message": ""})[0] == 200
    status, reply = rest(server, {"sender": user, "message": "Miten voin hakea asumistukea?"})
    assert (status, reply) == (429, [{"recipient_id": user, "text": RATE_LIMITED_FI[0]}])
    status, reply = rest(server, {"sender": user, "message": "Hur ansöker jag om bostadsbidrag?"})
    assert status == 429 and rest_texts(reply) == polite.replies(
        polite.RATE_LIMITED, "Hur ansöker jag om bostadsbidrag?")
    assert [kind for _, kind, _ in channel_servers.tracker_events(user)] == []  # not processed
    assert server.rest(sender("rest"), "hei") == [greeting(domain)]  # others are not limited
    # a message comes back after RATE_LIMIT_REFILL_S: retried until it does
    assert retried(lambda: rest(server, {"sender": user, "message": "hei"}),
                   until=lambda answer: answer[0] == 200) == (200, [
                       {"recipient_id": user, "text": greeting(domain)}])


def test_socketio_sender_over_the_rate_limit_is_told_once(widget, domain):
    for _ in range(RATE_LIMIT_MESSAGES + 3):
        widget.say("")
    told = EMPTY_REPLY * RATE_LIMIT_MESSAGES + polite.replies(polite.RATE_LIMITED)
    assert widget.wait_for(len(told)) == told
    # retried until a message comes back; the refused tries get no reply at all
    retried(lambda: widget.say("hei"), until=lambda _: widget.wait_for(len(told) + 1, timeout=0.5)[len(told):])
    assert widget.wait_for(len(told) + 1) == told + [greeting(domain)]


def test_telegram_chat_over_the_rate_limit_is_told_once(channel_servers, domain):
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    for _ in range(RATE_LIMIT_MESSAGES):
        telegram_deliver(channel_servers, message_update(chat, " "))
    statuses = [telegram_deliver(channel_servers, message_update(chat, "Miten voin hakea asumistukea?"))
                for _ in range(3)]
    assert statuses == [(200, "rate limited")] * 3  # a 2xx: Telegram must not redeliver
    assert telegram_texts(channel_servers, mark, chat) == EMPTY_REPLY * RATE_LIMIT_MESSAGES + RATE_LIMITED_FI
    assert retried(lambda: telegram_deliver(channel_servers, message_update(chat, "hei")),
                   until=lambda answer: answer != (200, "rate limited")) == (200, "success")


# --- socket.io origins -----------------------------------------------------------

def test_socketio_accepts_the_widget_page_and_refuses_other_origins(channel_servers, domain):
    server = channel_servers.server
    widget_origin = server.widget  # scripts/run.sh's default: the demo page's own origin
    client = Widget(server.base, origin=widget_origin)
    try:
        client.say("hei")
        assert client.wait_for(1) == [greeting(domain)]
    finally:
        client.close()
    for stranger in ("https://evil.example", f"http://127.0.0.1:{server.rasa_port + 1}", "null"):
        with pytest.raises(socketio.exceptions.ConnectionError):
            Widget(server.base, origin=stranger)

    # the HTTP side (long-polling): a 400 for a stranger, CORS headers only for the page
    def poll(origin):
        request = urllib.request.Request(server.base + "/socket.io/?EIO=4&transport=polling",
                                         headers={"Origin": origin})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.headers.get("Access-Control-Allow-Origin")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Access-Control-Allow-Origin")
    assert poll(widget_origin) == (200, widget_origin)
    assert poll("https://evil.example") == (400, None)


def test_socketio_client_without_an_origin_is_refused_in_production(channel_servers):
    # channel_servers runs with NEUVO_SOCKETIO_REQUIRE_ORIGIN=on, production's default
    with pytest.raises(socketio.exceptions.ConnectionError):
        Widget(channel_servers.server.base, no_origin=True)


@pytest.mark.parametrize("environ, required", [
    ({}, False),  # development: test clients and scripts connect
    ({"NEUVO_PROFILE": "prod"}, True),
    ({"NEUVO_PROFILE": "prod", "NEUVO_SOCKETIO_REQUIRE_ORIGIN": "off"}, False),
    ({"NEUVO_SOCKETIO_REQUIRE_ORIGIN": "on"}, True),
])
def test_origin_is_required_in_production_unless_set_otherwise(environ, required):
    assert origin_required(environ) is required
