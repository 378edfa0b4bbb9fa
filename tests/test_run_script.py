"""scripts/run.sh (what `make run` starts) never says Neuvo is running when a
server has died: it shows the end of that server's log and exits non-zero."""
import os
import subprocess

from tests.servers import ROOT, free_port


def test_a_server_that_dies_at_start_fails_the_script(tmp_path):
    env = {**os.environ, "RASA_PORT": "not-a-port", "ACTIONS_PORT": str(free_port()),
           "NEUVO_WIDGET": "off", "NEUVO_PROFILE": "embedded", "NEUVO_ACTIONS_URL": "",
           "NEUVO_PURGE_INTERVAL_MINUTES": "0", "NEUVO_CALLBACK_DB_URL": "sqlite://",
           "RASA_CREDENTIALS": str(ROOT / "credentials.yml"),  # nothing generated in var/
           "NEUVO_LOG_DIR": str(tmp_path)}
    done = subprocess.run(["bash", "scripts/run.sh"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Neuvo is running" not in output
    assert "A Neuvo server stopped while starting" in output
    # and what the dead server said last, from its own log
    assert f"the end of {tmp_path}/rasa.log" in output and "not-a-port" in output
