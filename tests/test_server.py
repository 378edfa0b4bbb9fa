"""`make run` end to end: the script it runs starts both servers, the REST and
socket.io channels answer, conversations survive a restart, Ctrl-C stops all."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import socketio

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workdir):
        self.rasa_port, self.actions_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.rasa_port}"
        self.log = open(workdir / "server.log", "ab")
        self.proc = subprocess.Popen(
            ["bash", "scripts/run.sh"], cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
            env={**os.environ, "RASA_PORT": str(self.rasa_port),
                 "ACTIONS_PORT": str(self.actions_port)},
            start_new_session=True,
        )
        deadline = time.time() + 300
        while time.time() < deadline:
            assert self.proc.poll() is None, (workdir / "server.log").read_text()[-3000:]
            try:
                urllib.request.urlopen(self.base + "/", timeout=2)
                urllib.request.urlopen(f"http://127.0.0.1:{self.actions_port}/health", timeout=2)
                return
            except OSError:
                time.sleep(1)
        raise AssertionError("servers did not start in 300 s")

    def rest(self, sender, message):
        request = urllib.request.Request(
            self.base + "/webhooks/rest/webhook",
            data=json.dumps({"sender": sender, "message": message}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return [m.get("text") for m in json.load(response)]

    def stop(self):
        # what Ctrl-C in `make run` does: SIGINT to the script
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=60)
        self.log.close()


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("server")


def test_rest_socketio_restart_and_ctrl_c(workdir, domain):
    from tests.conftest import variation

    server = Server(workdir)
    try:
        assert server.rest("rest-user", "hej") == [variation(domain, "utter_greet", "sv")]
        # a custom action: Rasa must reach the action server on its (non-default) port
        line = server.rest("action-user", "mihin numeroon soitan asumistuesta")
        assert line[0].startswith("Asumisen tuet: 020 692 201")

        # the web widget's channel: socket.io with session persistence
        client = socketio.Client()
        replies = []
        client.on("bot_uttered", lambda data: replies.append(data))
        client.connect(server.base, socketio_path="/socket.io", transports=["websocket"])
        client.emit("session_request", {"session_id": "widget-session-1"})
        client.emit("user_uttered", {"message": "moi", "session_id": "widget-session-1"})
        deadline = time.time() + 60
        while not replies and time.time() < deadline:
            time.sleep(0.2)
        client.disconnect()
        assert [r.get("text") for r in replies] == [variation(domain, "utter_greet", "fi")]
    finally:
        server.stop()
    assert not port_open(server.rasa_port) and not port_open(server.actions_port)

    # a restart keeps the conversation: the SQLite tracker store remembers Swedish
    server = Server(workdir)
    try:
        assert server.rest("rest-user", "ok") == [variation(domain, "utter_affirm", "sv")]
    finally:
        server.stop()
