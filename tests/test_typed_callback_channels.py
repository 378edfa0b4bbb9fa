"""The call-back form walked to a stored request by typing only (issue 15):
Finnish over Telegram (the fake Bot API) and Swedish over REST, each with the
phone number typed at the wrong step once and a weekday typed for the time.
The servers run on the real clock, so the weekday typed is that of the next
day the line is open, computed here; the stored request must be on exactly
that day."""
import itertools
import time
from datetime import datetime

from actions.callback_queue import CallbackQueue
from actions.callback_windows import available_windows
from common.clock import HELSINKI
from common.content import phone_lines
from common.wording import WEEKDAYS
from tests.conftest import variation
from tests.test_telegram import deliver, message_update

_chats = itertools.count(int(time.time()) + 500_000)


def next_open_day():
    """The day after today the phone service is next open: always offered."""
    lines = phone_lines()
    now = datetime.now(HELSINKI)
    days = sorted({w.day for w in available_windows(now, lines["hours"]["service"],
                                                    lines["special_days"])})
    return days[-1]


def assert_stored(servers, phone, expected, confirmation, opening):
    """One open request with `phone`: (line, call language, day, window) as
    expected, and the confirmation the user saw names its day."""
    queue = CallbackQueue(servers.callback_db_url, 100, 30)
    [request] = [r for r in queue.open_requests() if r.phone == phone]
    assert (request.line, request.language, request.day, request.window) == expected
    day = expected[2]
    assert confirmation.startswith(opening) and f"{day.day}.{day.month}." in confirmation


def test_finnish_over_telegram_typed_only(channel_servers, domain):
    telegram, chat = channel_servers.telegram, next(_chats)

    def say(text):
        mark = len(telegram.calls)
        assert deliver(channel_servers, message_update(chat, text))[0] == 200
        return [m["text"] for m in telegram.sent(mark, chat)]

    line_question = variation(domain, "utter_ask_callback_line", "fi")
    assert say("pystyttekö soittamaan mulle takaisin")[-1] == line_question
    assert say("040 111 2255")[-1] == line_question  # the number is kept, the topic asked again
    assert say("asumistki")[-1] == variation(domain, "utter_ask_callback_language", "fi")
    day = next_open_day()
    time_question = say("ruotsin kielellä")  # the call in Swedish; the conversation stays Finnish
    assert time_question[-1] == variation(domain, "utter_ask_callback_time", "fi")
    consent = say(f"{WEEKDAYS['fi'][day.weekday()]} iltapäivällä")
    assert consent[-1] == variation(domain, "utter_ask_callback_consent", "fi")
    confirmation = say("kyllä käy")[-1]
    assert_stored(channel_servers, "+358401112255", ("housing", "sv", day, "afternoon"),
                  confirmation, "Soittopyyntö on tallennettu.")
    assert "klo 12–16" in confirmation


def test_swedish_over_rest_typed_only(channel_servers, domain):
    sender = f"typed-sv-{next(_chats)}"

    def say(text):
        return channel_servers.server.rest(sender, text)

    language_question = variation(domain, "utter_ask_callback_language", "sv")
    assert say("kan ni ringa upp mig om bostadsbidraget")[-1] == language_question
    assert say("040 111 2244")[-1] == language_question  # number at the wrong step
    assert say("på svenska")[-1] == variation(domain, "utter_ask_callback_time", "sv")
    day = next_open_day()
    consent = say(f"{WEEKDAYS['sv'][day.weekday()]} förmiddag")
    assert consent[-1] == variation(domain, "utter_ask_callback_consent", "sv")
    confirmation = say("ja, det går bra")[-1]
    assert_stored(channel_servers, "+358401112244", ("housing", "sv", day, "morning"),
                  confirmation, "Din begäran om uppringning är sparad.")
