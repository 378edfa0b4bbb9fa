"""The production lock store (scaleout/redis_lock_store.py): two Rasa servers'
worth of clients locking one conversation at once take turns, and leave no lock
behind. Rasa's own RedisLockStore fails this: it loses tickets, so messages run
side by side or wait forever (RasaHQ/rasa#9213)."""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.shared_services import own_redis_prefix


@pytest.fixture
def redis_prefix():
    with own_redis_prefix("neuvolocktest") as own:
        yield own


def test_two_replicas_take_turns_on_one_conversation(redis_prefix):
    from scaleout.redis_lock_store import TransactionalRedisLockStore

    guard, inside, overlaps, served = threading.Lock(), [0], [], []

    def replica(name):
        # a store of its own (own Redis connections), as in a separate Rasa server
        store = TransactionalRedisLockStore(
            host=redis_prefix.host, port=redis_prefix.port, db=redis_prefix.db,
            password=redis_prefix.password or None, key_prefix=redis_prefix.prefix)

        async def message(n):
            async with store.lock("conversation", wait_time_in_seconds=0.01):
                with guard:
                    inside[0] += 1
                    overlaps.append(inside[0] > 1)
                await asyncio.sleep(0.01)  # a message being processed
                with guard:
                    inside[0] -= 1
                    served.append(f"{name}{n}")

        async def messages():
            # a lost ticket shows as a wait without end: fail instead
            await asyncio.wait_for(asyncio.gather(*(message(n) for n in range(10))), 60)

        asyncio.run(messages())

    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(replica, name) for name in "ab"]:
            done.result()
    assert len(served) == 20 and not any(overlaps)
    assert not list(redis_prefix.client.scan_iter(match=f"{redis_prefix.prefix}:*"))
