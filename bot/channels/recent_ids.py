"""Remember the most recent message ids a channel has seen, to drop redeliveries.

Webhook senders (Telegram, a Jodel-style board) deliver again when an answer
is slow or lost, and a redelivered message must not be answered twice.
Redeliveries come within minutes, so only recent ids matter: the memory is
bounded (least recently seen ids are forgotten first) and stays the same size
however long the server runs. It lives in the Rasa process, which is the only
one serving the channel; after a restart a redelivery may be answered again,
which is harmless compared with a lost message.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Hashable


class RecentIds:
    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._ids: OrderedDict[Hashable, None] = OrderedDict()

    def seen_before(self, message_id: Hashable) -> bool:
        """True when `message_id` was already seen; otherwise remembers it.

        Check and remember happen together, with no await in between, so two
        concurrent deliveries of one message cannot both pass."""
        if message_id in self._ids:
            self._ids.move_to_end(message_id)
            return True
        self._ids[message_id] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return False

    def forget(self, message_id: Hashable) -> None:
        """Let a message whose processing failed be processed when redelivered."""
        self._ids.pop(message_id, None)

    def __len__(self) -> int:
        return len(self._ids)
