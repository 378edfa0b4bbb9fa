"""The real servers, started the way `make run` starts them (scripts/run.sh),
for tests that talk to them over HTTP."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def endpoints_with_own_tracker(workdir, tracker_db):
    """A copy of endpoints.yml in `workdir` whose SQLite tracker store is
    `tracker_db`, so a test or benchmark server leaves var/tracker.db alone."""
    endpoints = (ROOT / "endpoints.yml").read_text()
    assert "db: var/tracker.db" in endpoints, \
        "endpoints.yml changed: update tests/servers.endpoints_with_own_tracker"
    path = Path(workdir) / "endpoints.yml"
    path.write_text(endpoints.replace("db: var/tracker.db", f"db: {tracker_db}"))
    return path


class Server:
    """scripts/run.sh on free ports, never reading the developer's .env. `env`
    adds or overrides environment variables.

    A replica of another Server (production profile, tests/test_replicas.py):
    `actions_url=other.actions_url` uses that server's action server instead of
    starting one, `widget=False` starts no widget server, and `wait=False`
    returns at once, so replicas load their models side by side (`wait_ready()`).
    `partner_origins` are web pages allowed to chat besides the widget's demo
    page (a test's own partner page with rasa-webchat)."""

    def __init__(self, workdir, env=None, log_name="server.log", actions_url=None, widget=True,
                 wait=True, partner_origins=()):
        self.rasa_port, self.actions_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.rasa_port}"
        self.starts_actions = actions_url is None
        self.actions_url = actions_url or f"http://127.0.0.1:{self.actions_port}/webhook"
        # the chat widget's static server: a free port too, so servers side by side never clash
        self.widget_port = free_port() if widget else None
        self.widget = f"http://127.0.0.1:{self.widget_port}" if widget else None
        self.log_path = Path(workdir) / log_name
        self.log = open(self.log_path, "ab")
        # the servers' own logs (scripts/run.sh writes them there, not to its output)
        self.log_dir = Path(workdir) / f"{Path(log_name).stem}-logs"
        # Set here, not left to .env: a developer's replica settings must not leak in.
        # No retention rounds: they would delete from the developer's var/ (tests/test_retention.py
        # tests them).
        role = {"NEUVO_PROFILE": "embedded", "NEUVO_WIDGET": "on" if widget else "off",
                "NEUVO_ACTIONS_URL": "" if self.starts_actions else self.actions_url,
                "NEUVO_PURGE_INTERVAL_MINUTES": "0",
                # a developer's .env never reaches a test's servers: each test sets what it needs
                "NEUVO_ENV_FILE": "",
                "NEUVO_LOG_DIR": str(self.log_dir)}
        if widget:
            role["WIDGET_PORT"] = str(self.widget_port)
        if partner_origins:  # scripts/run.sh allows the widget's page only when this is unset
            role["NEUVO_ALLOWED_ORIGINS"] = ",".join(
                ([self.widget] if widget else []) + list(partner_origins))
        self.proc = subprocess.Popen(
            ["bash", "scripts/run.sh"], cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
            env={**os.environ, "RASA_PORT": str(self.rasa_port),
                 "ACTIONS_PORT": str(self.actions_port), **role, **(env or {})},
            start_new_session=True,
        )
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout=300):
        """Return once Rasa (and the action and widget servers it started) answer."""
        urls = [self.base + "/"]
        if self.starts_actions:
            urls.append(f"http://127.0.0.1:{self.actions_port}/health")
        if self.widget:
            urls.append(self.widget + "/demo/")
        deadline = time.time() + timeout
        while time.time() < deadline:
            assert self.proc.poll() is None, self.log_text()[-3000:]
            try:
                for url in urls:
                    urllib.request.urlopen(url, timeout=2)
                return
            except OSError:
                time.sleep(1)
        raise AssertionError(f"servers did not start in {timeout} s")

    def log_text(self):
        """What scripts/run.sh printed and every server's log, as one text."""
        files = [self.log_path] + sorted(self.log_dir.glob("*.log"))
        return "\n".join(f.read_text(errors="replace") for f in files if f.exists())

    def rest(self, sender, message):
        return [m.get("text") for m in self.messages(sender, message)]

    def messages(self, sender, message, timeout=60):
        """The bot's whole replies over REST (text, buttons ...)."""
        request = urllib.request.Request(
            self.base + "/webhooks/rest/webhook",
            data=json.dumps({"sender": sender, "message": message}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)

    def post(self, path, body, headers=None, timeout=60):
        """POST raw bytes (or a JSON-able object) to the Rasa server:
        (status, response text), also for 4xx/5xx answers."""
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path, data=body,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def stop(self):
        # what Ctrl-C in `make run` does: SIGINT to the script
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=60)
        self.log.close()


class ActionServer:
    """The action server alone (`python -m actions.server`, as run.sh starts it)
    on a free port, which it keeps when it is killed and started again or paused.
    `env` adds to the environment (token, clock, queue)."""

    def __init__(self, workdir, env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = self.base + "/webhook"
        self.log = open(workdir / "actions.log", "ab")
        self.env = {**os.environ, "NEUVO_PURGE_INTERVAL_MINUTES": "0", "NEUVO_ENV_FILE": "", **env}
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "actions.server", "--port", str(self.port)],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(self.base + "/health", timeout=2)
                return
            except OSError:
                assert self.proc.poll() is None and time.time() < deadline, \
                    "action server did not start"
                time.sleep(0.5)

    def kill(self):
        self.proc.kill()
        self.proc.wait(timeout=30)

    @contextmanager
    def paused(self):
        """Hung: connections are accepted (the socket is open) but never answered."""
        self.proc.send_signal(signal.SIGSTOP)
        try:
            yield
        finally:
            self.proc.send_signal(signal.SIGCONT)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.log.close()
