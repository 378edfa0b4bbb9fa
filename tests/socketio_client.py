"""A socket.io client like the chat widget, for the server tests: it collects
the bot_uttered texts and wakes waiting tests on each, so no test sleeps."""
import threading
import uuid

import socketio


def sender(channel):
    return f"{channel}-{uuid.uuid4().hex[:8]}"


class Widget:
    """A socket.io client like the widget, collecting bot_uttered texts."""

    def __init__(self, base, origin=None, no_origin=False, session=None):
        # the websocket client sends the Rasa server's own origin unless told another
        options = {"origin": origin} if origin else {}
        if no_origin:
            options = {"suppress_origin": True}  # like a script, not a browser
        self.client = socketio.Client(websocket_extra_options=options)
        self.replies, self.confirmed = [], []
        self.arrived = threading.Condition()  # woken by each reply and confirmation
        self.client.on("bot_uttered", self.on_reply)
        self.client.on("session_confirm", self.on_confirm)
        self.client.connect(base, socketio_path="/socket.io", transports=["websocket"],
                            wait_timeout=10)
        self.session = session or sender("widget")
        self.client.emit("session_request", {"session_id": self.session})

    def send(self, *args):
        """Emit user_uttered with these arguments (none, one or several)."""
        if len(args) > 1:
            self.client.emit("user_uttered", args)  # a tuple: several arguments
        elif args:
            self.client.emit("user_uttered", args[0])
        else:
            self.client.emit("user_uttered")

    def say(self, text):
        self.send({"message": text, "session_id": self.session})

    def on_reply(self, data):
        with self.arrived:
            self.replies.append(data.get("text"))
            self.arrived.notify_all()

    def on_confirm(self, session_id):
        with self.arrived:
            self.confirmed.append(session_id)
            self.arrived.notify_all()

    def wait_until(self, condition, timeout=60):
        """Wait (woken by each reply and confirmation) until condition() holds; whether it does."""
        with self.arrived:
            return self.arrived.wait_for(condition, timeout)

    def wait_confirmed(self, count, timeout=10):
        """The confirmed session ids once there are `count` of them (or the timeout passed)."""
        self.wait_until(lambda: len(self.confirmed) >= count, timeout)
        return list(self.confirmed)

    def wait_for(self, count, timeout=60):
        """The replies once there are `count` of them (or the timeout passed)."""
        self.wait_until(lambda: len(self.replies) >= count, timeout)
        return list(self.replies)

    def close(self):
        self.client.disconnect()
