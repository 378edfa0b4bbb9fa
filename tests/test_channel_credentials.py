"""The credentials file scripts/run.sh gives Rasa: Telegram and the Jodel-style
board only when their secret is set, and secrets only as ${VAR} references."""
from bot.channels.credentials import credentials_file
from tests.servers import ROOT

BASE = ROOT / "credentials.yml"


def test_without_secrets_the_committed_file_is_used(tmp_path):
    out = tmp_path / "credentials.yml"
    assert credentials_file(out, {"TELEGRAM_TOKEN": "", "JODEL_API_URL": "http://x"}, BASE) == BASE
    assert not out.exists()


def test_enabled_channels_are_read_by_rasa_with_the_secrets_from_the_environment(
        tmp_path, monkeypatch):
    from rasa.core.run import create_http_input_channels

    env = {"TELEGRAM_TOKEN": "123:abc", "TELEGRAM_API_URL": "http://127.0.0.1:9",
           "JODEL_SECRET": "s3cret $x #y", "JODEL_API_URL": "http://127.0.0.1:8"}
    out = credentials_file(tmp_path / "credentials.yml", env, BASE)
    text = out.read_text()
    assert "123:abc" not in text and "s3cret" not in text  # references, not secrets
    assert "TELEGRAM_WEBHOOK_URL" not in text  # unset: no key, or Rasa would refuse to start

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    channels = {c.name(): c for c in create_http_input_channels(None, str(out))}
    assert set(channels) == {"rest", "socketio", "telegram", "jodel"}
    # Neuvo's checked channels, not Rasa's own
    assert type(channels["rest"]).__module__ == "bot.channels.rest"
    assert type(channels["socketio"]).__module__ == "bot.channels.socketio"
    assert channels["telegram"].access_token == "123:abc"
    assert channels["telegram"].api_url == "http://127.0.0.1:9"
    assert channels["telegram"].webhook_url is None
    assert channels["jodel"].secret == "s3cret $x #y"
