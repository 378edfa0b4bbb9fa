"""Shared fixtures: the trained model, loaded once, and a way to chat with it."""
import asyncio
import uuid
from pathlib import Path

import pytest

from tests.quiet import quiet_rasa

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "neuvo.tar.gz"


@pytest.fixture(scope="session")
def event_loop_():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def agent(event_loop_):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make test`, which trains it first")
    from rasa.core.agent import Agent

    quiet_rasa()
    return Agent.load(str(MODEL))


class Chat:
    """One conversation with the in-process assistant."""

    def __init__(self, agent, loop):
        self.agent, self.loop = agent, loop
        self.sender = f"test-{uuid.uuid4().hex[:8]}"

    def say(self, text):
        return self.loop.run_until_complete(self.agent.handle_text(text, sender_id=self.sender))

    def texts(self, text):
        return [m.get("text") for m in self.say(text)]

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
