"""PostgreSQL and Redis for the scale-out tests, each run with its own database
and its own Redis key prefix, removed afterwards, so runs side by side (and other
users of the same servers) never meet.

Where they are: NEUVO_TEST_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/postgres, a user that may create databases)
and NEUVO_TEST_REDIS_URL (default redis://127.0.0.1:6379/0). Not reachable: the
test is skipped, except when CI is set: CI machines have both, so there it fails.
"""
import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest

POSTGRES_URL = os.environ.get("NEUVO_TEST_POSTGRES_URL",
                              "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("NEUVO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def unavailable(what, error):
    reason = " ".join(str(error).split())  # psycopg2's message spans lines
    message = f"{what} is not reachable ({reason}); the scale-out tests need it"
    if os.environ.get("CI"):
        pytest.fail(f"{message}, and CI is set, so they must run")
    pytest.skip(message)


@dataclass(frozen=True)
class Database:
    host: str
    port: int
    user: str
    password: str
    name: str

    @property
    def sqlalchemy_url(self):
        auth = quote(self.user, safe="") + (":" + quote(self.password, safe="")
                                           if self.password else "")
        return f"postgresql+psycopg2://{auth}@{self.host}:{self.port}/{self.name}"

    def connect(self):
        import psycopg2

        return psycopg2.connect(host=self.host, port=self.port, user=self.user,
                                password=self.password, dbname=self.name)


@contextmanager
def fresh_postgres_database(stem):
    """A new, empty database `<stem>_<random>`, dropped afterwards."""
    import psycopg2

    url = urlsplit(POSTGRES_URL)
    admin = Database(url.hostname or "127.0.0.1", url.port or 5432, url.username or "postgres",
                     url.password or "", url.path.lstrip("/") or "postgres")
    try:
        connection = admin.connect()
    except psycopg2.OperationalError as error:
        unavailable(f"PostgreSQL at {admin.host}:{admin.port}", error)
    connection.autocommit = True
    database = Database(admin.host, admin.port, admin.user, admin.password,
                        f"{stem}_{uuid.uuid4().hex[:10]}")
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{database.name}"')
        yield database
    finally:
        with connection.cursor() as cursor:
            # FORCE (PostgreSQL 13+): a server that did not stop cleanly keeps no database alive
            cursor.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
        connection.close()


@dataclass(frozen=True)
class RedisPrefix:
    host: str
    port: int
    db: int
    password: str
    prefix: str  # letters and digits: Rasa's lock store ignores any other prefix
    client: object


@contextmanager
def own_redis_prefix(stem):
    """A key prefix `<stem><random>` in NEUVO_TEST_REDIS_URL's database; afterwards
    the keys under it, and only those, are deleted."""
    import redis

    url = urlsplit(REDIS_URL)
    db = int(url.path.lstrip("/") or 0)
    client = redis.StrictRedis(host=url.hostname or "127.0.0.1", port=url.port or 6379, db=db,
                               password=url.password or None, socket_timeout=10)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(f"Redis at {url.hostname}:{url.port or 6379}", error)
    own = RedisPrefix(url.hostname or "127.0.0.1", url.port or 6379, db, url.password or "",
                      f"{stem}{uuid.uuid4().hex[:10]}", client)
    try:
        yield own
    finally:
        for key in client.scan_iter(match=f"{own.prefix}:*"):
            client.delete(key)
        client.close()


def production_profile_env(database, redis, actions_token):
    """What scripts/run.sh needs to run NEUVO_PROFILE=prod on these stores:
    conversations in `database`, locks under `redis`'s prefix, the call-back
    queue in the same database (override NEUVO_CALLBACK_DB_URL for another)."""
    return {
        "NEUVO_PROFILE": "prod",
        "RASA_ENDPOINTS": "",  # empty: the profile's own, endpoints.prod.yml
        "DB_HOST": database.host, "DB_PORT": str(database.port),
        "DB_DATABASE": database.name, "DB_USER": database.user,
        "DB_PASSWORD": database.password,
        "REDIS_HOST": redis.host, "REDIS_PORT": str(redis.port), "REDIS_DB": str(redis.db),
        "REDIS_PASSWORD": redis.password, "REDIS_KEY_PREFIX": redis.prefix,
        "NEUVO_CALLBACK_DB_URL": database.sqlalchemy_url,
        # replicas share one action server, so they share its token
        "NEUVO_ACTIONS_TOKEN": actions_token,
    }
