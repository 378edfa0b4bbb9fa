"""One start of the real servers (scripts/run.sh) with the Telegram and
Jodel-style channels enabled, against local fakes of Telegram's Bot API and
the board's reply API. Starting Rasa takes about 10 s and 1 GB, so
tests/test_telegram.py and tests/test_jodel.py share this start (the
`channel_servers` fixture in conftest.py)."""
import sqlite3

from tests.fake_apis import FakeJodel, FakeTelegram
from tests.servers import Server, endpoints_with_own_tracker

TELEGRAM_TOKEN = "123:abc"
TELEGRAM_BOT_NAME = "neuvo_test_bot"
TELEGRAM_WEBHOOK_URL = "https://neuvo.example/webhooks/telegram/webhook"
TELEGRAM_WEBHOOK_SECRET = "telegram-webhook-secret"
JODEL_SECRET = "jodel-shared-secret"
JODEL_API_TOKEN = "jodel-api-token"
# 10 messages at once, then one every 3 s: a test's burst is surely inside
# the window even on a busy machine (tests/test_hostile_input.py).
RATE_LIMIT_MESSAGES, RATE_LIMIT_SECONDS = 10, 30
RATE_LIMIT_REFILL_S = RATE_LIMIT_SECONDS / RATE_LIMIT_MESSAGES


class ChannelServers:
    def __init__(self, workdir):
        self.telegram = FakeTelegram(TELEGRAM_TOKEN, TELEGRAM_BOT_NAME)
        self.jodel = FakeJodel()
        # a tracker store of its own, to look into (and to leave var/ alone)
        self.tracker_db = workdir / "tracker.db"
        # and a call-back queue of its own (var/callbacks.db is the developer's)
        self.callback_db_url = f"sqlite:///{workdir / 'callbacks.db'}"
        endpoints = endpoints_with_own_tracker(workdir, self.tracker_db)
        try:
            self.server = Server(workdir, log_name="channels.log", env={
                # every channel variable is set, so a developer's .env cannot leak in
                "RASA_CREDENTIALS": "",
                "RASA_ENDPOINTS": str(endpoints),
                "NEUVO_CALLBACK_DB_URL": self.callback_db_url,
                "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
                "TELEGRAM_BOT_NAME": TELEGRAM_BOT_NAME,
                "TELEGRAM_WEBHOOK_URL": TELEGRAM_WEBHOOK_URL,
                "TELEGRAM_API_URL": self.telegram.url,
                "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_WEBHOOK_SECRET,
                "JODEL_SECRET": JODEL_SECRET,
                "JODEL_API_URL": self.jodel.url,
                "JODEL_API_TOKEN": JODEL_API_TOKEN,
                "NEUVO_RATE_LIMIT_MESSAGES": str(RATE_LIMIT_MESSAGES),
                "NEUVO_RATE_LIMIT_SECONDS": str(RATE_LIMIT_SECONDS),
                "NEUVO_ALLOWED_ORIGINS": "",  # scripts/run.sh's default: the widget page
                # as in production: a socket.io client must come from a web page
                "NEUVO_SOCKETIO_REQUIRE_ORIGIN": "on",
            })
        except BaseException:
            self.telegram.close()
            self.jodel.close()
            raise

    def tracker_events(self, sender_id=None):
        """(sender_id, type_name, data) of every stored event, or of one sender's."""
        with sqlite3.connect(self.tracker_db) as db:
            rows = db.execute("SELECT sender_id, type_name, data FROM events").fetchall()
        return [row for row in rows if sender_id is None or row[0] == sender_id]

    def stop(self):
        try:
            self.server.stop()
        finally:
            self.telegram.close()
            self.jodel.close()
