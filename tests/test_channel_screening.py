"""The checks every channel makes before the assistant sees a message, without
a server: text cleaning, the length limit, the rate limit, the REST body and
the socket.io origin setting. tests/test_hostile_input.py drives the same
through the running server."""
import json

import pytest

from bot.channels import polite
from bot.channels.rate_limit import Decision, RateLimiter
from bot.channels.rest import MAX_BODY_BYTES, BadBody, parse_body
from bot.channels.screening import MAX_MESSAGE_CHARS, Gate, clean_text, is_valid_sender
from bot.channels.socketio import OriginCheck, allowed_origins


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_control_characters_go_and_writing_stays():
    assert clean_text("a\x00b\x1b[31mc\u202e\ud800") == "ab[31mc"
    assert clean_text(" kysyn\ttukea\r\nasumiseen ") == "kysyn tukea  asumiseen"
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # one emoji, joined by ZWJ
    assert clean_text(f"{family} Привет 你好 hej") == f"{family} Привет 你好 hej"


def test_empty_and_too_long_messages_get_a_polite_reply_not_the_assistant():
    gate = Gate()
    for nothing in ("", "   ", "\n\t", "\x00\x07", "\u200b"):
        screening = gate.screen("s", nothing)
        assert screening.text is None and screening.replies == polite.replies(polite.EMPTY)
    screening = gate.screen("s", "Miten voin hakea asumistukea? " * 500)
    assert screening.text is None
    assert screening.replies == [f"Viestisi on liian pitkä (yli {MAX_MESSAGE_CHARS} merkkiä). "
                                 "Kysy lyhyemmin, yksi asia kerrallaan."]
    assert gate.screen("s", "x" * MAX_MESSAGE_CHARS).text == "x" * MAX_MESSAGE_CHARS


def test_polite_replies_follow_the_message_language_or_give_both():
    assert polite.replies(polite.RATE_LIMITED, "Hur ansöker jag om bostadsbidrag?") == [
        "Du skickade många meddelanden på kort tid – vänta en stund."]
    assert polite.replies(polite.RATE_LIMITED, "Miten voin hakea asumistukea?") == [
        "Lähetit paljon viestejä lyhyessä ajassa – odota hetki."]
    assert polite.replies(polite.RATE_LIMITED, "👍") == [
        "Lähetit paljon viestejä lyhyessä ajassa – odota hetki.",
        "Du skickade många meddelanden på kort tid – vänta en stund."]


def test_rate_limit_refuses_a_burst_tells_once_and_refills():
    clock = Clock()
    limiter = RateLimiter(messages=3, seconds=3, clock=clock)
    assert [limiter.check("a") for _ in range(5)] == [
        Decision.ALLOW] * 3 + [Decision.REFUSE, Decision.REFUSE_QUIETLY]
    assert limiter.check("b") is Decision.ALLOW  # per sender
    clock.now = 1.0  # one message per second comes back
    assert limiter.check("a") is Decision.ALLOW
    assert limiter.check("a") is Decision.REFUSE  # a new stretch: told again
    clock.now = 100.0
    assert [limiter.check("a") for _ in range(4)] == [Decision.ALLOW] * 3 + [Decision.REFUSE]


def test_rate_limit_memory_is_bounded():
    limiter = RateLimiter(messages=1, seconds=60, max_senders=100, clock=Clock())
    for n in range(1000):
        limiter.check(f"sender-{n}")
    assert len(limiter) == 100
    assert limiter.check("sender-999") is Decision.REFUSE  # recent ones are remembered
    assert limiter.check("sender-0") is Decision.ALLOW  # the oldest were forgotten


def test_rate_limit_settings():
    limiter = RateLimiter.from_environ({"NEUVO_RATE_LIMIT_MESSAGES": "5",
                                        "NEUVO_RATE_LIMIT_SECONDS": "60"})
    assert (limiter.capacity, limiter.per_second) == (5, 5 / 60)
    assert RateLimiter.from_environ({}).capacity == 10  # the default: 10 per 10 s
    off = RateLimiter.from_environ({"NEUVO_RATE_LIMIT_MESSAGES": "0"})
    assert all(off.check("a").allowed for _ in range(100))
    with pytest.raises(ValueError, match="NEUVO_RATE_LIMIT_MESSAGES"):
        RateLimiter.from_environ({"NEUVO_RATE_LIMIT_MESSAGES": "ten"})


def test_gate_refuses_over_the_limit_before_looking_at_the_text():
    gate = Gate(RateLimiter(messages=1, seconds=60, clock=Clock()))
    assert gate.screen("s", "hei").text == "hei"
    over = gate.screen("s", "hei taas")
    assert over.rate_limited and over.tell_user and over.text is None
    assert over.replies == ["Lähetit paljon viestejä lyhyessä ajassa – odota hetki."]
    assert not gate.screen("s", "").tell_user


@pytest.mark.parametrize("body, status, reason", [
    (b"\xff\xfe{}", 400, "body is not valid UTF-8"),
    (b"{not json", 400, "body is not JSON"),
    (b"[" * 50_000, 400, "body is not JSON"),  # nested deeper than json can go
    (b"[]", 400, "body must be a JSON object"),
    (b'"hei"', 400, "body must be a JSON object"),
    (b'{"message": "hei"}', 400, "sender must be"),
    (b'{"sender": 5, "message": "hei"}', 400, "sender must be"),
    (b'{"sender": "  ", "message": "hei"}', 400, "sender must be"),
    (b'{"sender": "a\\u0000b", "message": "hei"}', 400, "sender must be"),
    (json.dumps({"sender": "x" * 129, "message": "hei"}).encode(), 400, "sender must be"),
    (b'{"sender": "me"}', 400, "message must be a string"),
    (b'{"sender": "me", "message": null}', 400, "message must be a string"),
    (b'{"sender": "me", "message": ["hei"]}', 400, "message must be a string"),
    (b'{"sender": "me", "message": "hei", "metadata": "x"}', 400, "metadata must be"),
    (b" " * (MAX_BODY_BYTES + 1), 413, "larger than"),
])
def test_rest_body_that_is_not_a_message_is_refused_with_a_reason(body, status, reason):
    with pytest.raises(BadBody) as refused:
        parse_body(body)
    assert refused.value.status == status and reason in refused.value.reason


def test_rest_body_unknown_fields_are_ignored():
    assert parse_body(b'{"sender": "me", "message": "hei", "input_channel": "telegram", '
                      b'"x": [1, {}]}') == {"sender": "me", "message": "hei", "metadata": None}


def test_allowed_origins_setting():
    assert allowed_origins({}) == []
    assert allowed_origins({"NEUVO_ALLOWED_ORIGINS": " https://a.fi/, http://b.fi:8080 ,"}) == [
        "https://a.fi", "http://b.fi:8080"]
    assert allowed_origins({"NEUVO_ALLOWED_ORIGINS": "*"}) == "*"
    check = OriginCheck(["https://a.fi"])
    rasa = {"wsgi.url_scheme": "http", "HTTP_HOST": "127.0.0.1:5005"}
    assert check("https://a.fi", rasa) and check("http://127.0.0.1:5005", rasa)  # partner, own
    for stranger in ("https://evil.example", "https://a.fi.evil.example", "null", "http://127.0.0.1:5006"):
        assert not check(stranger, rasa)


def test_sender_ids():
    assert is_valid_sender("widget-3f2a") and is_valid_sender("ä" * 128)
    for bad in (None, 7, "", " ", "a\nb", "x" * 129, "\ud800"):
        assert not is_valid_sender(bad)
