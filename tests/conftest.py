"""Shared fixtures: the trained model, loaded once, and a way to chat with it."""
import asyncio
import os
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

# Before anything imports actions.settings: a developer's .env must not change
# what the tests see (tests/servers.py does the same for the servers).
os.environ["NEUVO_ENV_FILE"] = ""

from tests.clock_days import at, weekday_not_near_holidays
from tests.quiet import quiet_rasa
from tests.servers import ActionServer, Server, endpoints_with_own_tracker, free_port

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "neuvo.tar.gz"


@pytest.fixture(scope="session")
def event_loop_():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


# The action server's clock in these tests: an ordinary Monday morning, phone
# lines open, computed from today (tests/clock_days.py), never a fixed date.
MONDAY = weekday_not_near_holidays(0)
TUESDAY = MONDAY + timedelta(days=1)
FROZEN_NOW = at(MONDAY)
CALLBACK_CAPACITY = 3
# what the Rasa server sends the action server with every call (actions/server.py)
ACTIONS_TOKEN = "test-actions-token"


@pytest.fixture(scope="session")
def callback_db(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('queue') / 'callbacks.db'}"


@pytest.fixture(scope="session")
def action_server(tmp_path_factory, callback_db):
    """The real action server (rasa-sdk) on a free port, for custom actions."""
    server = ActionServer(tmp_path_factory.mktemp("actions"), {
        "NEUVO_NOW": FROZEN_NOW, "NEUVO_CALLBACK_DB_URL": callback_db,
        "NEUVO_ACTIONS_TOKEN": ACTIONS_TOKEN, "ACTIONS_INTERFACE": "127.0.0.1",
        "NEUVO_CALLBACK_DAILY_CAPACITY": str(CALLBACK_CAPACITY)})
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def agent(event_loop_, action_server):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make test`, which trains it first")
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot import rasa_patches

    quiet_rasa()
    rasa_patches.install()  # as bot/rasa_cli.py does before Rasa starts
    return Agent.load(str(MODEL), action_endpoint=EndpointConfig(action_server,
                                                                  token=ACTIONS_TOKEN))


class Chat:
    """One conversation with the in-process assistant."""

    def __init__(self, agent, loop):
        self.agent, self.loop = agent, loop
        self.sender = f"test-{uuid.uuid4().hex[:8]}"

    def say(self, text, metadata=None):
        from rasa.core.channels.channel import UserMessage

        message = UserMessage(text, sender_id=self.sender, metadata=metadata)
        return self.loop.run_until_complete(self.agent.handle_message(message))

    def texts(self, text, metadata=None):
        return [m.get("text") for m in self.say(text, metadata)]

    def slot(self, name):
        tracker = self.loop.run_until_complete(
            self.agent.processor.get_tracker(self.sender)
        )
        return tracker.get_slot(name)


@pytest.fixture
def chat(agent, event_loop_):
    return Chat(agent, event_loop_)


@pytest.fixture(scope="session")
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


def answer(key, language):
    """The text of answer `key` (data/responses/) in `language`."""
    import yaml

    for path in (ROOT / "data" / "responses").glob("*.yml"):
        variations = yaml.safe_load(path.read_text())["responses"].get(f"utter_faq/{key}")
        if variations:
            return next(v["text"] for v in variations
                        if ({c["value"] for c in v.get("condition", [])} or {"fi"}) == {language})
    raise KeyError(key)


def variation(domain, utter, language, **slots):
    """The text of `utter` that a user with these slot values must get."""
    wanted = {"language": language, **slots}
    fallback = None
    for v in domain.responses[utter]:
        conditions = {c["name"]: c["value"] for c in v.get("condition", [])}
        if not conditions:
            fallback = v
        elif all(wanted.get(k) == val for k, val in conditions.items()):
            return v["text"]
    assert language == "fi", f"{utter} has no Swedish variation"
    return fallback["text"]


@pytest.fixture(scope="session")
def channel_servers(tmp_path_factory):
    """scripts/run.sh with Telegram and the Jodel-style board enabled against
    local fake APIs: started once for tests/test_telegram.py and test_jodel.py."""
    from tests.channel_servers import ChannelServers

    servers = ChannelServers(tmp_path_factory.mktemp("channels"))
    yield servers
    servers.stop()


CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/system-deps.sh), not a download
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def partner_port():
    """Where tests serve a partner page of their own (rasa-webchat's): an allowed origin."""
    return free_port()


@pytest.fixture(scope="session")
def web_server(tmp_path_factory, partner_port):
    """scripts/run.sh with the chat widget's demo pages, for the browser tests
    (tests/test_widget.py, tests/test_rasa_webchat.py), started once. Its
    tracker store and call-back queue are its own, never the developer's var/."""
    workdir = tmp_path_factory.mktemp("web")
    server = Server(workdir, partner_origins=[f"http://127.0.0.1:{partner_port}"], env={
        "RASA_ENDPOINTS": str(endpoints_with_own_tracker(workdir, workdir / "tracker.db")),
        "NEUVO_CALLBACK_DB_URL": f"sqlite:///{workdir / 'callbacks.db'}",
    })
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, headless. Per module: while
    Playwright's sync API is open, its event loop runs in this thread, and
    tests that run one of their own (asyncio.run, the in-process agent) fail."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: run `make setup`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(url[, width, height]): a fresh browser context (its own storage,
    so a new chat session) on `url`; JavaScript errors on any page fail the test."""
    contexts, errors = [], []

    def new_page(url, width=1280, height=800):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        return page

    yield new_page
    for context in contexts:
        context.close()
    assert errors == [], "JavaScript errors on the page"


# The test layers: unit tests need neither a trained model nor a server, and
# run in seconds (`make test-fast`); the rest are marked `servers`, by the
# fixtures they use or, for modules that start their own, by module.
SERVER_FIXTURES = {"agent", "chat", "action_server", "channel_servers", "web_server", "browser"}
SERVER_MODULES = {"test_action_server_access", "test_faults", "test_replicas", "test_run_script",
                  "test_server", "test_shell", "test_nginx_config"}


def pytest_collection_modifyitems(items):
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())) or module in SERVER_MODULES:
            item.add_marker(pytest.mark.servers)
