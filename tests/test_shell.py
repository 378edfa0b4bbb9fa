"""`make shell` as staff use it: `rasa shell` in a terminal (a real pseudo-terminal),
with the action server beside it. A greeting is answered in its own language."""
import os
import re

import pexpect
import pytest

from tests.servers import ROOT, free_port

PROMPT = "Your input ->"


def plain(text):
    """Terminal output without colour codes and with line breaks folded,
    so a reply wrapped by the terminal still matches its text."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    log = open(tmp_path_factory.mktemp("shell") / "shell.log", "w")
    child = pexpect.spawn(
        "bash", ["scripts/shell.sh"], cwd=str(ROOT), encoding="utf-8", timeout=300,
        env={**os.environ, "ACTIONS_PORT": str(free_port())}, dimensions=(50, 400),
    )
    child.logfile_read = log
    child.expect_exact(PROMPT)  # the model is loaded
    yield child
    child.sendline("/stop")
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    log.close()


@pytest.mark.parametrize("greeting, language", [("hei", "fi"), ("hej", "sv")])
def test_greeting_is_answered_in_its_language(shell, domain, greeting, language):
    from tests.conftest import variation

    reply = variation(domain, "utter_greet", language)
    shell.sendline(greeting)
    # the reply's first sentence, as printed (a reply in the other language never matches)
    shell.expect_exact(reply.split(".")[0], timeout=120)
    shell.expect_exact(PROMPT, timeout=60)
    assert plain(reply.split(".", 1)[1]) in plain(shell.before)
