"""Time windows a call-back can be asked for: today or the next business day
(Kela's call-backs are "for the same or the next weekday", ../shared/kela-facts.md),
morning (opening-12) or afternoon (12-closing), only while the line is open."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import List

from common.clock import HELSINKI
from common.opening_hours import hours_on

NOON = time(12, 0)
# A window is still offered today if at least this much of it is left.
MIN_LEFT = timedelta(hours=1)


@dataclass(frozen=True)
class Window:
    day: date
    part: str  # morning | afternoon
    starts: time
    ends: time

    @property
    def value(self) -> str:
        return f"{self.day.isoformat()}|{self.part}"


def windows_on(day: date, weekly: dict, special_days: list) -> List[Window]:
    hours = hours_on(day, weekly, special_days)
    if not hours:
        return []
    opens, closes = hours
    parts = [("morning", opens, min(NOON, closes)), ("afternoon", max(NOON, opens), closes)]
    return [Window(day, part, start, end) for part, start, end in parts if start < end]


def available_windows(now: datetime, weekly: dict, special_days: list) -> List[Window]:
    local = now.astimezone(HELSINKI)
    today = [w for w in windows_on(local.date(), weekly, special_days)
             if datetime.combine(w.day, w.ends, tzinfo=HELSINKI) - local >= MIN_LEFT]
    for offset in range(1, 15):
        next_day = windows_on(local.date() + timedelta(days=offset), weekly, special_days)
        if next_day:
            return today + next_day
    return today
