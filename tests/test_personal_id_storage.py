"""An identity code typed into any channel is refused and never written to the
tracker store: the stored conversation holds a marker instead."""
import json
import time
import uuid

import socketio

from bot.privacy.personal_id import REDACTED, redact_personal_ids
from bot.privacy.redacting_tracker_store import redact_user_messages

CODE = "131052-308T"  # a valid identity code (stdnum's example)


def test_codes_are_replaced_in_user_messages_only():
    from rasa.shared.core.events import BotUttered, UserUttered

    user = UserUttered(f"hetuni on {CODE} ok", {"name": "share_personal_id"})
    bot = BotUttered("Älä kirjoita henkilötunnustasi")
    redact_user_messages([user, bot])
    assert user.text == f"hetuni on {REDACTED} ok" and user.parse_data["text"] == user.text
    assert CODE not in str(user.as_dict())
    assert redact_personal_ids("131052-308X") == "131052-308X"  # not a valid code: kept


def socketio_say(base, session_id, text):
    client, replies = socketio.Client(), []
    client.on("bot_uttered", lambda data: replies.append(data.get("text")))
    client.connect(base, socketio_path="/socket.io", transports=["websocket"])
    client.emit("session_request", {"session_id": session_id})
    client.emit("user_uttered", {"message": text, "session_id": session_id})
    deadline = time.time() + 60
    while not replies and time.time() < deadline:
        time.sleep(0.2)
    client.disconnect()
    return replies


def test_code_sent_over_rest_and_socketio_is_refused_and_not_stored(channel_servers, domain):
    from tests.conftest import variation

    server = channel_servers.server
    rest_user, widget_user = f"rest-{uuid.uuid4().hex[:8]}", f"widget-{uuid.uuid4().hex[:8]}"
    assert server.rest(rest_user, f"mun hetu on {CODE}, saanko asumistukea?") == [
        variation(domain, "utter_no_personal_id", "fi")]
    assert socketio_say(server.base, widget_user, f"min personbeteckning är {CODE}") == [
        variation(domain, "utter_no_personal_id", "sv")]

    for sender in (rest_user, widget_user):
        stored = [json.loads(data) for _, kind, data in channel_servers.tracker_events(sender)
                  if kind == "user"]
        assert any(REDACTED in event["text"] for event in stored), sender
    everything = " ".join(data for _, _, data in channel_servers.tracker_events())
    assert CODE not in everything and CODE.replace("-", "") not in everything
    assert CODE not in server.log_path.read_text(errors="replace")
