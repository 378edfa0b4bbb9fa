"""`make run` end to end: the script it runs starts the servers, the REST and
socket.io channels answer, conversations survive a restart, Ctrl-C stops all."""
import time

import pytest
import socketio

from tests.servers import Server, port_open


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("server")


def test_rest_socketio_restart_and_ctrl_c(workdir, domain):
    from tests.conftest import variation

    server = Server(workdir)
    try:
        assert server.rest("rest-user", "hej") == [variation(domain, "utter_greet", "sv")]
        # a custom action: Rasa must reach the action server on its (non-default) port
        line = server.rest("action-user", "mihin voin soittaa asumistuesta")
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
    assert not port_open(server.widget_port)  # the chat widget's static server stops too

    # a restart keeps the conversation: the SQLite tracker store remembers Swedish
    server = Server(workdir)
    try:
        assert server.rest("rest-user", "ok") == [variation(domain, "utter_affirm", "sv")]
    finally:
        server.stop()
