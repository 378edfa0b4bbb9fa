"""Public channels (issue 16): which channels are public, and that a request
there which would ask for personal data gets the private ways instead. The
board end to end is in tests/test_jodel.py."""
from rasa.shared.nlu.training_data.message import Message

from common.visibility import PUBLIC_VARIABLE, is_public, marked
from bot.components.public_channel_guard import INTENT_NAME, PublicChannelGuard
from tests.conftest import variation


def test_the_board_is_always_public_and_a_setting_marks_others():
    assert marked("jodel", {}, environ={}) == {"public": True}
    assert marked("telegram", None, environ={}) == {"public": False}
    assert marked("telegram", {}, environ={PUBLIC_VARIABLE: "jodel, Telegram"})["public"] is True
    assert marked("socketio", {"topic": "students"}, environ={}) == {"topic": "students",
                                                                     "public": False}


def test_a_client_cannot_unmark_a_public_channel_or_fake_one():
    assert marked("jodel", {"public": False}, environ={})["public"] is True
    assert marked("socketio", {"public": "yes"}, environ={})["public"] is False
    assert not is_public({"public": "true"}) and not is_public(None) and is_public({"public": True})


def parsed(intent, metadata):
    message = Message({"text": "soittakaa mulle", "metadata": metadata,
                       "intent": {"name": intent, "confidence": 0.9}})
    [message] = PublicChannelGuard().process([message])
    return message.get("intent")["name"]


def test_guard_turns_call_back_requests_on_public_channels_only():
    assert parsed("request_callback", {"public": True}) == INTENT_NAME
    assert parsed("cancel_callback", {"public": True}) == INTENT_NAME
    assert parsed("request_callback", {"public": False}) == "request_callback"
    assert parsed("request_callback", None) == "request_callback"
    assert parsed("faq", {"public": True}) == "faq"


def test_call_back_on_a_public_channel_names_the_private_ways(chat, domain):
    reply = chat.texts("voisitteko soittaa mulle huomenna aamupäivällä", metadata={"public": True})
    assert reply == [variation(domain, "utter_private_matter_in_public", "fi")]
    assert chat.slot("requested_slot") is None


def test_the_same_request_in_the_widget_starts_the_form(chat, domain):
    reply = chat.texts("voisitteko soittaa mulle huomenna aamupäivällä", metadata={"public": False})
    assert chat.slot("requested_slot") == "callback_line"
    assert reply[-1] == variation(domain, "utter_ask_callback_line", "fi")
