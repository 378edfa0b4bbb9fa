"""The action server answers the Rasa server only: calls without its token get
401, it listens on this machine unless told otherwise, and it refuses to listen
beyond it without a token. (That Rasa's own calls carry the token is proven by
every conversation test that runs a custom action through scripts/run.sh.)"""
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.servers import ROOT, ActionServer, free_port

TOKEN = "access-test-token"


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.fixture(scope="module")
def action_server(tmp_path_factory):
    # ACTIONS_INTERFACE empty: the default interface
    server = ActionServer(tmp_path_factory.mktemp("access"),
                          {"NEUVO_ACTIONS_TOKEN": TOKEN, "ACTIONS_INTERFACE": ""})
    yield server.base
    server.stop()


def test_calls_without_the_token_are_refused(action_server):
    assert get(action_server + "/actions")[0] == 401
    status, body = get(action_server + "/actions?token=wrong")
    assert status == 401 and "Rasa server only" in body["error"]


def test_calls_with_the_token_are_answered(action_server):
    status, body = get(action_server + f"/actions?token={TOKEN}")
    assert status == 200
    assert {"name": "action_submit_callback"} in body


def test_health_stays_open_for_start_up_checks(action_server):
    assert get(action_server + "/health")[0] == 200


def test_listens_on_this_machine_only_by_default(action_server):
    port = int(action_server.rsplit(":", 1)[1])
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True,
                               text=True).stdout
    # the fourth column is the local address the socket is bound to
    assert [line.split()[3] for line in listening.splitlines()] == [f"127.0.0.1:{port}"]


def test_refuses_to_listen_beyond_this_machine_without_a_token():
    done = subprocess.run([sys.executable, "-m", "actions.server", "--port", str(free_port())],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NEUVO_ACTIONS_TOKEN": "",
                               "ACTIONS_INTERFACE": "0.0.0.0"})
    assert done.returncode == 2
    assert "set NEUVO_ACTIONS_TOKEN" in done.stderr
