"""Rasa's HTTP API (conversations, model parsing, training) is not served:
scripts/run.sh starts Rasa without --enable-api, so only the channel webhooks
answer. Were it on, anyone who reaches the port could read every conversation."""
import urllib.error
import urllib.request

import pytest


@pytest.mark.parametrize("method, path", [
    ("GET", "/conversations/someone/tracker"),
    ("POST", "/conversations/someone/messages"),
    ("POST", "/model/parse"),
    ("GET", "/status"),
    ("POST", "/model/train"),
    ("GET", "/domain"),
])
def test_rasa_http_api_is_not_served(channel_servers, method, path):
    request = urllib.request.Request(channel_servers.server.base + path, method=method,
                                     data=b"{}" if method == "POST" else None,
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code in (404, 405)


def test_the_channel_webhooks_are_served(channel_servers):
    assert channel_servers.server.rest("api-exposure-check", "hei")
