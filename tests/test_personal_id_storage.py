"""Personal data typed into any channel (REST, socket.io, the Jodel-style
board) never reaches the tracker store or the server's log: the stored
conversation holds markers instead, and the call-back number is kept only in
the call-back queue's database."""
import json
import re

from actions.callback_queue import CallbackQueue
from bot.channels.jodel import PRIVACY_REPLY
from common.privacy.personal_id import REDACTED
from tests.conftest import variation
from tests.socketio_client import Widget, sender
from tests.personal_samples import EMAIL, IBAN, MARKERS_IN_ORDER, MESSAGE, PERSONAL_ID, PHONE, leaks
from tests.test_jodel import deliver, new_post, reply_texts

# The same data without the identity code: not refused, answered as usual
WITHOUT_ID = f"Voitteko soittaa {PHONE} tai laittaa postia {EMAIL}? Tilini on {IBAN}."


TURN_END = "moi"


def socketio_say(base, session_id, text, domain):
    """The replies to `text` in the widget's conversation `session_id`. A
    greeting typed after it marks the end of its turn: a conversation's
    messages are handled in order, so what comes before the greeting is the
    whole reply, without waiting for more to come."""
    greeting = variation(domain, "utter_greet", "fi")
    widget = Widget(base, session=session_id)
    try:
        widget.say(text)
        widget.say(TURN_END)
        widget.wait_until(lambda: greeting in widget.replies)
        replies = widget.replies
        return replies[:replies.index(greeting)] if greeting in replies else replies
    finally:
        widget.close()


def stored_user_texts(servers, user):
    """The user's messages as stored, without socketio_say's turn ends."""
    texts = [json.loads(data)["text"] for _, kind, data in servers.tracker_events(user)
             if kind == "user"]
    return [text for text in texts if text != TURN_END]


def test_code_sent_over_rest_and_socketio_is_refused_and_not_stored(channel_servers, domain):
    from tests.conftest import variation

    server = channel_servers.server
    rest_user, widget_user = sender("rest"), sender("widget")
    assert server.rest(rest_user, f"mun hetu on {PERSONAL_ID}, saanko asumistukea?") == [
        variation(domain, "utter_no_personal_id", "fi")]
    assert socketio_say(server.base, widget_user, f"min personbeteckning är {PERSONAL_ID}",
                        domain) == [
        variation(domain, "utter_no_personal_id", "sv")]

    for user in (rest_user, widget_user):
        assert any(REDACTED in text for text in stored_user_texts(channel_servers, user))
    everything = " ".join(data for _, _, data in channel_servers.tracker_events())
    assert PERSONAL_ID not in everything and PERSONAL_ID.replace("-", "") not in everything
    assert PERSONAL_ID not in server.log_text()


def test_identity_code_phone_email_and_iban_are_stored_nowhere_from_any_channel(
        channel_servers, domain):
    server = channel_servers.server
    rest_user, widget_user = sender("rest"), sender("widget")
    for text in (MESSAGE, WITHOUT_ID):
        assert server.rest(rest_user, text)
        assert socketio_say(server.base, widget_user, text, domain)
    post, mark = new_post(MESSAGE), len(channel_servers.jodel.calls)
    assert deliver(channel_servers, post)[0] == 200
    assert reply_texts(channel_servers, mark, post["thread_id"]) == [PRIVACY_REPLY["fi"]]

    # the messages were stored, with a marker where each piece of data was
    for user in (rest_user, widget_user):
        texts = stored_user_texts(channel_servers, user)
        assert len(texts) == 2, user
        assert all(marker in texts[0] for marker in MARKERS_IN_ORDER), texts[0]
        assert texts[1] == ("Voitteko soittaa [puhelinnumero poistettu] tai laittaa postia "
                            "[sähköposti poistettu]? Tilini on [tilinumero poistettu].")
    assert channel_servers.tracker_events(post["thread_id"]) == []  # refused before the assistant
    everything = " ".join(data for _, _, data in channel_servers.tracker_events())
    assert leaks(everything) == []
    assert leaks(server.log_text()) == []


def test_call_back_number_is_kept_only_in_the_queue(channel_servers):
    server, user = channel_servers.server, sender("callback")
    queue = CallbackQueue(channel_servers.callback_db_url, 40, 30)
    first, corrected = "050 765 4399", "050 765 4398"
    server.messages(user, "soita minulle")
    server.messages(user, '/inform{"phone_line": "housing"}')
    server.messages(user, '/inform{"call_language": "fi"}')
    times = server.messages(user, first)[-1]["buttons"]
    assert queue.held_phone(user) == "+358507654399"  # held while the form is open
    server.messages(user, times[0]["payload"])
    replies = server.rest(user, f"väärä numero, oikea on {corrected}")
    assert "korjasin numeroksi +358507654398" in replies[0]  # the user sees the number
    [confirmation] = server.rest(user, "/affirm")

    [request] = [r for r in queue.open_requests() if r.open_conversation == user]
    assert confirmation.startswith("Soittopyyntö on tallennettu. Tunnus: " + request.reference)
    assert request.phone == "+358507654398"
    assert queue.held_phone(user) is None  # moved into the request
    # neither number, in any form, is in the stored conversation or the log
    stored = " ".join(data for _, _, data in channel_servers.tracker_events(user))
    log = server.log_text()
    for number in (first, corrected):
        digits = number.replace(" ", "")[1:]  # "507654399" is in both 050... and +35850...
        assert digits not in re.sub(r"\D", "", stored)
        assert digits not in re.sub(r"\D", "", log)
    assert "[puhelinnumero poistettu]" in stored
