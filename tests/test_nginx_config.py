"""The production nginx example (deploy/nginx/neuvo.conf) run by a real nginx.

The configuration under test is the deploy file's own text, wrapped in
`events {}` and `http {}`, with only what must differ on a test machine
replaced: the Rasa replicas by a fake upstream on a free port, the listen
ports by free ports on 127.0.0.1, the certificate by a throwaway self-signed
one, the widget's directory by a temporary one. The nginx runs with its own
prefix, pid file, logs and temp paths, so a system nginx neither helps nor
collides.

What is proved: the per-address rate limit (5 r/s, bursts of 20, 429) stops a
flood from one address on REST and socket.io, and is not on the Telegram and
Jodel-style webhooks; Rasa's HTTP API paths get nginx's own 404.
"""
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONF = ROOT / "deploy" / "nginx" / "neuvo.conf"

FLOOD = 40   # requests sent as fast as possible from one address
BURST = 20   # the deploy file's burst=20: these always pass

# Each test floods from its own loopback address ($binary_remote_addr is the
# limit's key), so the tests neither share a bucket nor depend on their order.
REST_CLIENT = "127.0.0.2"
SOCKETIO_CLIENT = "127.0.0.3"
WEBHOOK_CLIENTS = {"jodel": "127.0.0.4", "telegram": "127.0.0.5"}
OTHER_CLIENT = "127.0.0.6"

WIDGET_JS = b"/* neuvo widget (test) */\n"


def nginx_binary():
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        pytest.fail("nginx is not installed: run `make setup` "
                    "(scripts/system-deps.sh installs Debian's nginx-light)", pytrace=False)
    return found


def nginx_modules(nginx):
    out = subprocess.run([nginx, "-V"], capture_output=True, text=True, timeout=10)
    return out.stdout + out.stderr


def substitute(pattern, repl, text, what):
    """re.subn that fails the test when the deploy file no longer has `what`."""
    new, n = re.subn(pattern, repl, text, flags=re.MULTILINE)
    assert n >= 1, f"deploy/nginx/neuvo.conf has no {what} any more ({pattern!r}): update this test"
    return new, n


class FakeRasa(BaseHTTPRequestHandler):
    """Answers 200 to any GET or POST, and remembers what reached it."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.seen.append((self.command, self.path))
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


def self_signed_certificate(directory):
    """A throwaway certificate, or None when there is no openssl command."""
    openssl = shutil.which("openssl")
    if not openssl:
        return None
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-nodes", "-newkey", "ec",
         "-pkeyopt", "ec_paramgen_curve:prime256v1", "-days", "1",
         "-subj", "/CN=neuvo.example.fi", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=30)
    return cert, key


def build_config(deploy_text, *, upstream_port, https_port, http_port, tls, http2,
                 widget_root, prefix):
    """The deploy file with the test machine's addresses, inside events/http."""
    text = deploy_text
    # the Rasa replicas -> the fake upstream
    text, _ = substitute(r"^(\s*server\s+)10\.0\.0\.\d+:5005\b",
                         rf"\g<1>127.0.0.1:{upstream_port}", text, "upstream server 10.0.0.x:5005")
    # IPv6 listens: the test listens on 127.0.0.1 only
    text, _ = substitute(r"^\s*listen\s+\[::\]:\d+[^;]*;", "    # (IPv6 listen dropped for the test)",
                         text, "listen [::]:…")
    text, _ = substitute(r"^(\s*listen\s+)443\b", rf"\g<1>127.0.0.1:{https_port}", text, "listen 443")
    text, _ = substitute(r"^(\s*listen\s+)80\b", rf"\g<1>127.0.0.1:{http_port}", text, "listen 80")
    # keep TLS (and http2) when this machine can
    if tls:
        text, _ = substitute(r"^(\s*ssl_certificate\s+)/\S+;", rf"\g<1>{tls[0]};",
                             text, "ssl_certificate")
        text, _ = substitute(r"^(\s*ssl_certificate_key\s+)/\S+;", rf"\g<1>{tls[1]};",
                             text, "ssl_certificate_key")
    else:
        text = _drop_tls(text)
    if not http2:
        text, _ = substitute(r"^(\s*listen\s+[^;]*?)\s+http2\b", r"\g<1>", text, "http2 listen")
    text, _ = substitute(r"\broot\s+/srv/neuvo/widget;", f"root {widget_root};", text,
                         "root /srv/neuvo/widget")

    # nothing of the production machine is left (outside comments)
    directives = re.sub(r"#.*", "", text)
    for leftover in ("10.0.0.", "[::]", "listen 443", "listen 80", "/etc/ssl/", "/srv/neuvo"):
        assert leftover not in directives, f"{leftover!r} still in the test configuration"
    servers = re.findall(r"^\s*server\s+([^\s{]\S*)", directives, flags=re.MULTILINE)
    assert servers and all(s == f"127.0.0.1:{upstream_port}" for s in servers), servers

    # this nginx's own files, never the system nginx's
    temp = "\n".join(f"    {kind}_temp_path {prefix / 'temp' / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers as the current user
    return (f"{user}worker_processes 1;\nerror_log {prefix / 'error.log'} warn;\n"
            f"events {{ worker_connections 256; }}\n"
            f"http {{\n    access_log {prefix / 'access.log'};\n{temp}\n\n"
            f"# ---- deploy/nginx/neuvo.conf ----\n{text}\n}}\n")


def _drop_tls(text):
    """No openssl on this machine: plain HTTP on the HTTPS server's port."""
    text, _ = substitute(r"^(\s*listen\s+[^;]*?)\s+ssl\b", r"\g<1>", text, "ssl listen")
    text, _ = substitute(r"^\s*ssl_\w+\s+[^;]*;", "", text, "ssl_* directives")
    return text


def nginx_command(nginx, prefix, *extra):
    return [nginx, "-p", str(prefix), "-e", str(prefix / "error.log"),
            "-c", str(prefix / "nginx.conf"), *extra]


@pytest.fixture(scope="module")
def upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRasa)
    server.daemon_threads = True
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def test_config(tmp_path_factory, upstream):
    nginx = nginx_binary()
    modules = nginx_modules(nginx)
    assert "--without-http_limit_req_module" not in modules, "this nginx has no limit_req"
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "temp").mkdir()
    widget = prefix / "widget"
    widget.mkdir()
    (widget / "neuvo-widget.js").write_bytes(WIDGET_JS)
    tls = self_signed_certificate(prefix)
    if tls:
        assert "--with-http_ssl_module" in modules, "this nginx has no TLS"
    https_port, http_port = free_port(), free_port()
    (prefix / "nginx.conf").write_text(build_config(
        DEPLOY_CONF.read_text(), upstream_port=upstream.server_address[1],
        https_port=https_port, http_port=http_port, tls=tls,
        http2="--with-http_v2_module" in modules, widget_root=widget, prefix=prefix))
    return {"nginx": nginx, "prefix": prefix, "tls": bool(tls),
            "https_port": https_port, "http_port": http_port}


def pid_option(prefix, daemon_off=False):
    return ["-g", ("daemon off; " if daemon_off else "") + f"pid {prefix / 'nginx.pid'};"]


def test_configuration_passes_nginx_t(test_config):
    prefix = test_config["prefix"]
    result = subprocess.run(nginx_command(test_config["nginx"], prefix, "-t", *pid_option(prefix)),
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, f"nginx -t failed:\n{result.stderr}"
    assert "test is successful" in result.stderr


@pytest.fixture(scope="module")
def proxy(test_config):
    prefix, port = test_config["prefix"], test_config["https_port"]
    proc = subprocess.Popen(
        nginx_command(test_config["nginx"], prefix, *pid_option(prefix, daemon_off=True)),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                log = (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
                pytest.fail(f"nginx exited with {proc.returncode}:\n"
                            f"{proc.stderr.read().decode()}\n{log}", pytrace=False)
            with socket.socket() as s:
                s.settimeout(0.5)
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < deadline, "nginx did not open its port within 10 s"
            time.sleep(0.02)  # polling interval, not synchronisation
        yield test_config
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def connect(proxy, source, *, plain_port=False):
    port = proxy["http_port"] if plain_port else proxy["https_port"]
    if proxy["tls"] and not plain_port:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the throwaway self-signed certificate
        return http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10,
                                           source_address=(source, 0))
    return http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))


def flood(proxy, source, method, path, count=FLOOD):
    """`count` requests back to back from one address; their status codes."""
    body = json.dumps({"sender": "flood", "message": "hei"}).encode() if method == "POST" else None
    headers = {"Host": "neuvo.example.fi"}
    if body:
        headers["Content-Type"] = "application/json"
    conn = connect(proxy, source)
    statuses = []
    try:
        for _ in range(count):
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
    finally:
        conn.close()
    return statuses


def test_rest_flood_from_one_address_gets_429(proxy):
    statuses = flood(proxy, REST_CLIENT, "POST", "/webhooks/rest/webhook")
    print("REST:", statuses.count(429), "of", FLOOD, "got 429")
    assert 429 not in statuses[:BURST], statuses
    assert 429 in statuses, statuses
    assert set(statuses) <= {200, 429}, statuses  # the rest reached the fake Rasa


def test_socketio_flood_from_one_address_gets_429(proxy):
    statuses = flood(proxy, SOCKETIO_CLIENT, "GET", "/socket.io/?EIO=4&transport=polling")
    print("socket.io:", statuses.count(429), "of", FLOOD, "got 429")
    assert 429 not in statuses[:BURST], statuses
    assert 429 in statuses, statuses
    assert set(statuses) <= {200, 429}, statuses


@pytest.mark.parametrize("platform", sorted(WEBHOOK_CLIENTS))
def test_platform_webhooks_are_not_rate_limited(proxy, upstream, platform):
    """Telegram's and the board's posts come from the platform's few servers."""
    path = f"/webhooks/{platform}/webhook"
    before = sum(1 for seen in list(upstream.seen) if seen == ("POST", path))
    statuses = flood(proxy, WEBHOOK_CLIENTS[platform], "POST", path)
    print(f"{platform}:", statuses.count(429), "of", FLOOD, "got 429")
    assert statuses == [200] * FLOOD, statuses
    assert sum(1 for seen in list(upstream.seen) if seen == ("POST", path)) - before == FLOOD


def test_rasa_http_api_is_nginx_404(proxy, upstream):
    conn = connect(proxy, OTHER_CLIENT)
    try:
        conn.request("POST", "/model/parse", body=b'{"text": "hei"}',
                     headers={"Host": "neuvo.example.fi", "Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        assert response.status == 404
        assert response.getheader("Server", "").startswith("nginx")
        # the widget is nginx's own too, from the (substituted) widget root
        conn.request("GET", "/neuvo-widget.js", headers={"Host": "neuvo.example.fi"})
        widget = conn.getresponse()
        assert (widget.status, widget.read()) == (200, WIDGET_JS)
    finally:
        conn.close()
    assert not [seen for seen in list(upstream.seen) if seen[1].startswith("/model")]


def test_plain_http_redirects_to_https(proxy):
    conn = connect(proxy, OTHER_CLIENT, plain_port=True)
    try:
        conn.request("GET", "/webhooks/rest/webhook", headers={"Host": "neuvo.example.fi"})
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    assert response.status == 301
    assert response.getheader("Location") == "https://neuvo.example.fi/webhooks/rest/webhook"
