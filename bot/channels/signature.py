"""HMAC-SHA256 signatures of raw request bodies ("sha256=<hex>"), as webhook
senders such as GitHub and Jodel-style boards use them."""
from __future__ import annotations

import hashlib
import hmac
from typing import Optional

PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def is_valid(secret: str, body: bytes, header: Optional[str]) -> bool:
    if not secret or not header:
        return False
    # Compare bytes in constant time: a timing difference would leak how much
    # of a forged signature is right, and str comparison rejects non-ASCII input.
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().encode("utf-8", "replace"))
