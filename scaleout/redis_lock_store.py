"""Rasa's Redis lock store, made safe for several Rasa servers at once.

Rasa 3.6's `RedisLockStore` changes a conversation's ticket lock by reading it,
changing it in Python and writing it back. Two replicas doing that at the same
moment overwrite each other's tickets (RasaHQ/rasa#9213; the fix,
`ConcurrentRedisLockStore`, went to Rasa Pro only): two messages of one
conversation then run at once, or a message whose ticket was lost waits forever
on an empty lock (seen here with 2 × 10 concurrent messages).

This subclass makes every change of a lock one Redis transaction (WATCH/MULTI,
retried when another replica changed the lock in between), and deletes a lock
once no ticket is left instead of storing it empty. Everything else, including
the endpoint keys (url, port, db, password, key_prefix ...), is Rasa's.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional, Text

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


class TransactionalRedisLockStore(RedisLockStore):
    """endpoints.yml: `lock_store: {type: scaleout.redis_lock_store.TransactionalRedisLockStore, url: ..., port: ..., db: ...}`"""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa builds a lock store named by module path with `endpoint_config` only.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime),
                                create=True)
        except Exception as e:  # as Rasa's: the message fails with LockError
            raise LockError(f"Error while acquiring lock. Error:\n{e}")

    def update_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # Rasa deletes the lock in a second step "if no one is waiting", which can
        # delete a ticket another replica issued in between; `_change` deletes an
        # empty lock in the same transaction instead.
        self.finish_serving(conversation_id, ticket_number)

    def _change(self, conversation_id: Text, change: Callable[[TicketLock], Any],
                create: bool = False) -> Any:
        """Apply `change` to the stored lock atomically; returns what `change` returns."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    if stored is None and not create:
                        pipe.unwatch()
                        return None
                    lock = (TicketLock.from_dict(json.loads(stored)) if stored
                            else self.create_lock(conversation_id))
                    result = change(lock)
                    lock.remove_expired_tickets()
                    pipe.multi()
                    if lock.is_someone_waiting():
                        pipe.set(key, lock.dumps())
                    else:
                        # an empty lock would make a waiter whose ticket expired wait
                        # forever; without a lock it gets a LockError instead
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another replica changed the lock: read it again
