"""Which channels are public: what is written there can be read by anyone.

The Jodel-style board always is; NEUVO_PUBLIC_CHANNELS (comma-separated
channel names, e.g. "jodel,telegram" for a bot that sits in group chats) can
mark others. Every channel marks each message's metadata with `public`, over
whatever a client sent, and the NLU turns a request that would ask for
personal data into a pointer to the private ways
(bot/components/public_channel_guard.py).
"""
from __future__ import annotations

import os
from typing import Any, Dict, Mapping, Optional, Text

PUBLIC_VARIABLE = "NEUVO_PUBLIC_CHANNELS"
ALWAYS_PUBLIC = {"jodel"}
METADATA_KEY = "public"


def public_channels(environ: Mapping[str, str] = os.environ) -> set:
    named = {name.strip().lower() for name in environ.get(PUBLIC_VARIABLE, "").split(",")}
    return ALWAYS_PUBLIC | {name for name in named if name}


def marked(channel: Text, metadata: Optional[Mapping[Text, Any]] = None,
           environ: Mapping[str, str] = os.environ) -> Dict[Text, Any]:
    """`metadata` with `public` set for `channel`: a client cannot unset it."""
    return {**(metadata or {}), METADATA_KEY: channel in public_channels(environ)}


def is_public(metadata: Optional[Mapping[Text, Any]]) -> bool:
    return bool(metadata) and metadata.get(METADATA_KEY) is True
