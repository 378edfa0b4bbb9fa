"""The partner page's context (topic, language) as web clients send it:
Neuvo's widget as Rasa's `metadata`, rasa-webchat as `customData`, in a
message or in the session request. Unit tests of bot/channels/page_context.py,
then the socket.io channel end to end (the shared `channel_servers` start)."""
import json

import pytest

from bot.channels.page_context import (CUSTOM_DATA_KEY, MAX_CONTEXT_BYTES, context_of,
                                       in_page_language)
from tests.conftest import answer, variation
from tests.socketio_client import Widget

KEYS = (CUSTOM_DATA_KEY, "metadata")


@pytest.mark.parametrize("data, expected", [
    ({"metadata": {"topic": "students"}}, {"topic": "students"}),
    ({"customData": {"topic": "students", "language": "sv"}}, {"topic": "students", "language": "sv"}),
    ({"customData": '{"topic": "housing"}'}, {"topic": "housing"}),  # a JSON string, as Rasa takes
    ({"customData": {"topic": "housing"}, "metadata": {"topic": "students"}}, {"topic": "students"}),
    ({"customData": {"language": "sv"}, "metadata": {"topic": "students"}},
     {"language": "sv", "topic": "students"}),
    ({"customData": "not json"}, {}),
    ({"customData": ["students"]}, {}),
    ({"customData": 7, "metadata": None}, {}),
    ({"message": "hei"}, {}),
    ({"customData": {"topic": "x" * MAX_CONTEXT_BYTES}}, {}),  # more than a page's context
], ids=["metadata", "customData", "json-string", "metadata-wins", "both-merged", "bad-json",
        "a-list", "not-objects", "none", "too-large"])
def test_context_is_read_from_either_key(data, expected):
    assert context_of(data, KEYS) == expected


def test_context_nested_too_deep_is_no_context():
    deep = "[" * 100_000 + "]" * 100_000
    assert context_of({"customData": deep}, KEYS) == {}


@pytest.mark.parametrize("text, context, expected", [
    ("/greet", {"language": "sv"}, '/greet{"language": "sv"}'),
    (" /greet ", {"language": "fi"}, '/greet{"language": "fi"}'),
    ("/greet", {"language": "en"}, "/greet"),  # answers are in Finnish and Swedish only
    ("/greet", {"topic": "students"}, "/greet"),
    ('/choose_topic{"topic": "housing"}', {"language": "sv"}, '/choose_topic{"topic": "housing"}'),
    ("hej", {"language": "fi"}, "hej"),  # words say their own language
    ("/ei komento", {"language": "sv"}, "/ei komento"),
])
def test_only_a_bare_payload_takes_the_pages_language(text, context, expected):
    assert in_page_language(text, context) == expected


# --- the socket.io channel ---------------------------------------------------------

@pytest.fixture
def client(channel_servers):
    widget = Widget(channel_servers.server.base)
    yield widget
    widget.close()


def test_custom_data_in_a_message_gives_the_pages_topic(client):
    client.send({"message": "mitenkäs sitä haetaan", "session_id": client.session,
                 CUSTOM_DATA_KEY: {"topic": "students"}})
    assert client.wait_for(1) == [answer("student_applying", "fi")]


def test_custom_data_of_the_session_request_holds_for_its_messages(channel_servers, domain):
    widget = Widget(channel_servers.server.base)
    try:
        widget.client.emit("session_request", {"session_id": widget.session,
                                               CUSTOM_DATA_KEY: json.dumps({"language": "sv"})})
        widget.say("/greet")
        assert widget.wait_for(1) == [variation(domain, "utter_greet", "sv")]
    finally:
        widget.close()
