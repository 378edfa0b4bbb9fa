"""Settings from the environment, with .env read by python-dotenv."""
from __future__ import annotations

import os
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent.parent
# NEUVO_ENV_FILE names another settings file; set but empty, none is read (tests).
ENV_FILE = os.environ.get("NEUVO_ENV_FILE", str(ROOT / ".env"))
if ENV_FILE:
    load_dotenv(ENV_FILE)


def callback_db_url() -> str:
    return os.environ.get("NEUVO_CALLBACK_DB_URL") or f"sqlite:///{ROOT / 'var' / 'callbacks.db'}"


def callback_daily_capacity() -> int:
    """Call-back requests one line can take per day (Kela offers them in limited numbers)."""
    return int(os.environ.get("NEUVO_CALLBACK_DAILY_CAPACITY", "40"))


def callback_retention_days() -> int:
    return int(os.environ.get("NEUVO_CALLBACK_RETENTION_DAYS", "30"))


def purge_interval_minutes() -> int:
    """Minutes between the action server's retention rounds (actions/retention.py);
    0 turns them off, for deployments where the CronJob runs them instead."""
    return int(os.environ.get("NEUVO_PURGE_INTERVAL_MINUTES", "60"))


def tracker_db_url() -> str:
    """The tracker store's database, whose old conversations the retention job
    deletes: by default the embedded profile's (endpoints.yml, var/tracker.db);
    in production endpoints.prod.yml's PostgreSQL, e.g.
    postgresql+psycopg2://DB_USER:DB_PASSWORD@DB_HOST:DB_PORT/DB_DATABASE."""
    return os.environ.get("NEUVO_TRACKER_DB_URL") or f"sqlite:///{ROOT / 'var' / 'tracker.db'}"


def conversation_retention_days() -> int:
    """Days after its last message that a conversation is deleted from the tracker store."""
    return int(os.environ.get("NEUVO_CONVERSATION_RETENTION_DAYS", "30"))


def staff_token() -> str:
    """Bearer token for the staff HTTP endpoint; empty means the endpoint stays off."""
    return os.environ.get("NEUVO_STAFF_TOKEN", "")


def staff_port() -> int:
    return int(os.environ.get("NEUVO_STAFF_PORT", "5056"))
