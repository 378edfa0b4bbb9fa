"""Settings come from the environment and the settings file (.env by default,
NEUVO_ENV_FILE names another); the tests' own processes read none, so a
developer's .env cannot change what a test sees."""
import os
import subprocess
import sys

from tests.servers import ROOT

READ_PORT = "from actions import settings; print(settings.staff_port())"


def staff_port(env_file):
    env = {k: v for k, v in os.environ.items() if k != "NEUVO_STAFF_PORT"}
    env.update(NEUVO_ENV_FILE=env_file, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", READ_PORT], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_named_settings_file_is_read_and_an_empty_name_reads_none(tmp_path):
    settings = tmp_path / "neuvo.env"
    settings.write_text("NEUVO_STAFF_PORT=6123\n")
    assert staff_port(str(settings)) == "6123"
    assert staff_port("") == "5056"  # the default: nothing was read


def test_this_test_process_reads_no_settings_file():
    assert os.environ["NEUVO_ENV_FILE"] == ""
