"""Stand-ins for the outside services the channels call: Telegram's Bot API
and a Jodel-style board's reply API. Each runs in a thread on a free port and
records every call, so a test can check what the assistant sent."""
import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from urllib.parse import parse_qsl


def parse_body(content_type, body):
    """A request body as a dict: JSON, url-encoded or multipart form."""
    content_type = content_type or ""
    if content_type.startswith("application/json"):
        return json.loads(body or b"{}")
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        return {part.get_param("name", header="content-disposition"): part.get_content()
                for part in message.iter_parts()}
    return dict(parse_qsl(body.decode()))


class RecordingAPI:
    """An HTTP server whose `answer(call)` gives (status, JSON) for each call."""

    def __init__(self):
        self.calls = []
        # woken by each call: a test waiting for one needs no sleeps
        self.lock = threading.Condition()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                call = {"path": self.path, "headers": dict(self.headers), "raw": body,
                        "data": parse_body(self.headers.get("Content-Type"), body)}
                with api.lock:
                    api.calls.append(call)
                    api.lock.notify_all()
                status, answer = api.answer(call)
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, call):
        raise NotImplementedError

    def since(self, mark):
        """The calls after the first `mark` ones (mark = len(api.calls) before)."""
        with self.lock:
            return list(self.calls[mark:])

    def wait_for(self, predicate, timeout=30):
        """The calls that match, once there is one (or an AssertionError after `timeout`)."""
        if self.wait_until(lambda: any(predicate(c) for c in self.calls), timeout):
            with self.lock:
                return [c for c in self.calls if predicate(c)]
        raise AssertionError(f"no matching call in {timeout} s; calls: {self.calls}")

    def wait_until(self, condition, timeout=30):
        """Wait (woken by each call) until condition() holds; whether it does."""
        with self.lock:
            return self.lock.wait_for(condition, timeout)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class FakeTelegram(RecordingAPI):
    """Telegram's Bot API (https://core.telegram.org/bots/api) for one bot:
    POST {url}/bot<token>/<method>, answers {"ok": true, "result": ...}."""

    def __init__(self, token, username):
        self.token, self.username = token, username
        self.message_ids = count(1000)
        super().__init__()

    @staticmethod
    def method(call):
        return call["path"].rsplit("/", 1)[-1]

    def answer(self, call):
        prefix, _, method = call["path"].lstrip("/").rpartition("/")
        if prefix != f"bot{self.token}":
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        data = call["data"]
        if method == "getMe":
            return 200, {"ok": True, "result": {
                "id": int(self.token.split(":")[0]), "is_bot": True,
                "first_name": "Neuvo", "username": self.username}}
        if method == "sendMessage":
            return 200, {"ok": True, "result": {
                "message_id": next(self.message_ids), "date": int(time.time()),
                "chat": {"id": int(data["chat_id"]), "type": "private"},
                "from": {"id": int(self.token.split(":")[0]), "is_bot": True,
                         "first_name": "Neuvo", "username": self.username},
                "text": data.get("text", "")}}
        return 200, {"ok": True, "result": True}  # setWebhook, answerCallbackQuery, ...

    def sent(self, mark, chat_id):
        """The sendMessage calls to `chat_id` after `mark`: text and reply_markup."""
        return [{"text": c["data"]["text"],
                 "reply_markup": json.loads(c["data"]["reply_markup"])
                 if c["data"].get("reply_markup") else None}
                for c in self.since(mark)
                if self.method(c) == "sendMessage" and c["data"]["chat_id"] == str(chat_id)]


class FakeJodel(RecordingAPI):
    """A Jodel-style board's reply API: POST {url}/threads/<thread>/replies."""

    def answer(self, call):
        if call["path"].startswith("/threads/") and call["path"].endswith("/replies"):
            return 201, {"ok": True}
        return 404, {"ok": False}

    def replies(self, mark=0, thread=None):
        return [c for c in self.since(mark)
                if thread is None or c["path"] == f"/threads/{thread}/replies"]
