"""The action server's clock. Tests pin it with NEUVO_NOW (ISO 8601, with offset)."""
from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


def now() -> datetime:
    pinned = os.environ.get("NEUVO_NOW")
    if pinned:
        return datetime.fromisoformat(pinned).astimezone(HELSINKI)
    return datetime.now(HELSINKI)
