"""Telegram end to end: scripts/run.sh with TELEGRAM_TOKEN set registers the
webhook on the configured Bot API server (a local fake), and updates posted to
/webhooks/telegram/webhook are answered with sendMessage in the user's language,
buttons as an inline keyboard, a pressed button acknowledged and answered."""
import itertools
import time

import pytest

from tests.channel_servers import (TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_SECRET,
                                   TELEGRAM_WEBHOOK_URL)
from tests.conftest import answer, variation

WEBHOOK = "/webhooks/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_ids = itertools.count(int(time.time()))  # update ids, chat ids: unique per run


def user(chat_id, language_code="fi"):
    return {"id": chat_id, "is_bot": False, "first_name": "Testi", "language_code": language_code}


def message_update(chat_id, text, language_code="fi"):
    return {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": int(time.time()), "text": text,
        "chat": {"id": chat_id, "type": "private", "first_name": "Testi"},
        "from": user(chat_id, language_code)}}


def button_update(chat_id, data):
    """What Telegram sends when the user presses an inline button."""
    return {"update_id": next(_ids), "callback_query": {
        "id": f"cbq-{next(_ids)}", "from": user(chat_id), "chat_instance": "42", "data": data,
        "message": {"message_id": next(_ids), "date": int(time.time()), "text": "...",
                    "chat": {"id": chat_id, "type": "private", "first_name": "Testi"},
                    "from": {"id": 123, "is_bot": True, "first_name": "Neuvo",
                             "username": TELEGRAM_BOT_NAME}}}}


def deliver(servers, update, secret=TELEGRAM_WEBHOOK_SECRET):
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return servers.server.post(WEBHOOK, update, headers)


def new_chat():
    return next(_ids)


def paragraphs(text):
    # Rasa's Telegram output sends each paragraph as its own message
    return text.strip().split("\n\n")


def test_webhook_is_registered_on_the_configured_api_server(channel_servers):
    telegram = channel_servers.telegram
    [call] = telegram.wait_for(lambda c: telegram.method(c) == "setWebhook")
    assert call["data"] == {"url": TELEGRAM_WEBHOOK_URL, "secret_token": TELEGRAM_WEBHOOK_SECRET}
    assert telegram.wait_for(lambda c: telegram.method(c) == "getMe")


@pytest.mark.parametrize("greeting, language", [("hei", "fi"), ("hej", "sv")])
def test_message_is_answered_in_its_language(channel_servers, domain, greeting, language):
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    assert deliver(channel_servers, message_update(chat, greeting)) == (200, "success")
    sent = channel_servers.telegram.sent(mark, chat)
    assert [m["text"] for m in sent] == paragraphs(variation(domain, "utter_greet", language))


def unescaped(payload):
    """A payload as the user's client gets it: domain.yml doubles its braces."""
    return payload.replace("{{", "{").replace("}}", "}")


def test_buttons_are_an_inline_keyboard_and_a_press_is_answered(channel_servers, domain):
    telegram, chat = channel_servers.telegram, new_chat()
    mark = len(telegram.calls)
    assert deliver(channel_servers, message_update(chat, "miten haen?"))[0] == 200
    [question] = telegram.sent(mark, chat)
    assert question["text"] == variation(domain, "utter_ask_which_benefit", "fi")
    buttons = next(v for v in domain.responses["utter_ask_which_benefit"] if not v.get("condition"))
    # one button per row: Telegram allows at most 8 in a row
    assert question["reply_markup"] == {"inline_keyboard": [
        [{"text": b["title"], "callback_data": unescaped(b["payload"])}]
        for b in buttons["buttons"]]}

    housing = next(row[0] for row in question["reply_markup"]["inline_keyboard"]
                   if row[0]["text"] == "Yleinen asumistuki")
    press = button_update(chat, housing["callback_data"])
    mark = len(telegram.calls)
    assert deliver(channel_servers, press) == (200, "success")
    acknowledged = [c for c in telegram.since(mark) if telegram.method(c) == "answerCallbackQuery"]
    assert [c["data"]["callback_query_id"] for c in acknowledged] == [press["callback_query"]["id"]]
    assert [m["text"] for m in telegram.sent(mark, chat)] == paragraphs(
        answer("general_housing_allowance", "fi"))


@pytest.mark.parametrize("language_code, language", [("sv", "sv"), ("fi", "fi"), ("en", "fi")])
def test_start_greets_in_the_apps_language(channel_servers, domain, language_code, language):
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    assert deliver(channel_servers, message_update(chat, "/start", language_code))[0] == 200
    sent = channel_servers.telegram.sent(mark, chat)
    assert [m["text"] for m in sent] == paragraphs(variation(domain, "utter_greet", language))


@pytest.mark.parametrize("secret", [None, "wrong"])
def test_update_without_the_webhook_secret_is_refused(channel_servers, secret):
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    status, _ = deliver(channel_servers, message_update(chat, "hei"), secret=secret)
    assert status == 401
    assert channel_servers.telegram.since(mark) == []
    assert channel_servers.tracker_events(str(chat)) == []


def test_redelivered_update_is_answered_once(channel_servers, domain):
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    update = message_update(chat, "moi")
    assert deliver(channel_servers, update) == (200, "success")
    assert deliver(channel_servers, update) == (200, "duplicate")
    assert len(channel_servers.telegram.sent(mark, chat)) == len(
        paragraphs(variation(domain, "utter_greet", "fi")))


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"text"', b'{"message": "hei"}'])
def test_malformed_update_is_a_400(channel_servers, body):
    mark = len(channel_servers.telegram.calls)
    status, _ = deliver(channel_servers, body)
    assert status == 400
    assert channel_servers.telegram.since(mark) == []


def test_update_with_nothing_to_answer_is_acknowledged(channel_servers):
    # e.g. the user blocked the bot: a 2xx, or Telegram would redeliver it again and again
    chat, mark = new_chat(), len(channel_servers.telegram.calls)
    update = {"update_id": next(_ids), "my_chat_member": {
        "chat": {"id": chat, "type": "private"}, "from": user(chat), "date": int(time.time()),
        "old_chat_member": {"status": "member", "user": user(123)},
        "new_chat_member": {"status": "kicked", "user": user(123), "until_date": 0}}}
    assert deliver(channel_servers, update) == (200, "ignored")
    assert channel_servers.telegram.since(mark) == []
