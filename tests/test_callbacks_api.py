"""The staff HTTP endpoint: the token is required, and it lists, marks and purges
like the command does."""
import asyncio
from datetime import date, datetime, timedelta, timezone

import pytest
from aiohttp.test_utils import TestClient, TestServer

from actions import callbacks
from actions.callback_queue import CallbackQueue
from actions.callbacks_api import create_app

TOKEN = "s3cret-staff-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def queue(tmp_path):
    queue = CallbackQueue(f"sqlite:///{tmp_path / 'callbacks.db'}", 5, retention_days=30)
    queue.submit("c1", "+358401234567", "housing", "fi", date(2026, 11, 24), "morning")
    return queue


def call(queue, method, path, headers=None):
    """One HTTP request to the endpoint; returns (status, JSON body)."""
    async def run():
        async with TestClient(TestServer(create_app(queue, TOKEN))) as client:
            response = await client.request(method, path, headers=headers or {})
            return response.status, await response.json()
    return asyncio.run(run())


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": TOKEN}])
def test_without_the_token_nothing_is_shown_or_changed(queue, headers):
    assert call(queue, "GET", "/callbacks", headers)[0] == 401
    reference = queue.open_requests()[0].reference
    assert call(queue, "POST", f"/callbacks/{reference}/done", headers)[0] == 401
    assert len(queue.open_requests()) == 1


def test_staff_list_mark_handled_and_purge(queue):
    status, body = call(queue, "GET", "/callbacks", AUTH)
    assert status == 200 and body["count"] == 1
    [request] = body["open"]
    assert (request["line"], request["day"], request["window"], request["phone"]) == (
        "housing", "2026-11-24", "morning", "+358401234567")

    status, body = call(queue, "POST", f"/callbacks/{request['reference'].lower()}/done", AUTH)
    assert (status, body["handled"]) == (200, True)
    assert call(queue, "GET", "/callbacks", AUTH)[1]["count"] == 0
    assert call(queue, "POST", f"/callbacks/{request['reference']}/done", AUTH)[0] == 404

    assert call(queue, "POST", "/callbacks/purge", AUTH)[1] == {"deleted": 0}  # kept 30 days
    old = queue.submit("c2", "+358401234568", "students", "fi", date(2026, 10, 1), "morning")
    queue.mark_done(old.reference, now=datetime.now(timezone.utc) - timedelta(days=31))
    assert call(queue, "POST", "/callbacks/purge", AUTH)[1] == {"deleted": 1}


def test_endpoint_refuses_to_start_without_a_token(queue, monkeypatch, capsys):
    with pytest.raises(ValueError):
        create_app(queue, "")
    monkeypatch.setenv("NEUVO_STAFF_TOKEN", "")
    assert callbacks.main(["serve"]) == 2
    assert "NEUVO_STAFF_TOKEN" in capsys.readouterr().err
