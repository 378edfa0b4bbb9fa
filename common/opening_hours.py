"""When a Kela phone line is open: weekdays, Finnish public holidays (the
`holidays` package) and Kela's special days from content/phone_lines.yml."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Optional, Tuple

import holidays
from dateutil.easter import easter

from common.clock import HELSINKI


@dataclass(frozen=True)
class LineStatus:
    open_now: bool
    closes_at: Optional[datetime] = None  # when open now
    next_opening: Optional[datetime] = None  # when closed now


def parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.Finland(years=year)


def _is_special(special: dict, day: date) -> bool:
    if special.get("rule") == "maundy_thursday":
        return day == easter(day.year) - timedelta(days=3)
    month, dom = (int(x) for x in special["date"].split("-"))
    return (day.month, day.day) == (month, dom)


def hours_on(day: date, weekly: dict, special_days: list) -> Optional[Tuple[time, time]]:
    """Opening and closing time on `day`, or None when the line is closed all day."""
    if day.weekday() >= 5 or day in _public_holidays(day.year):
        return None
    opens, closes = parse_time(weekly["opens"]), parse_time(weekly["closes"])
    for special in special_days:
        if _is_special(special, day):
            if special["closes"] is None:
                return None
            # A line that keeps longer hours on shortened days (urgent social
            # assistance on New Year's Eve) says so in its hours.
            shortened = weekly.get("short_days_closes") or special["closes"]
            closes = min(closes, parse_time(shortened))
    return opens, closes


def line_status(weekly: dict, special_days: list, now: datetime) -> LineStatus:
    local = now.astimezone(HELSINKI)
    today = hours_on(local.date(), weekly, special_days)
    if today and today[0] <= local.time() < today[1]:
        return LineStatus(True, closes_at=_at(local.date(), today[1]))
    if today and local.time() < today[0]:
        return LineStatus(False, next_opening=_at(local.date(), today[0]))
    for offset in range(1, 15):  # Christmas to Epiphany is the longest gap
        day = local.date() + timedelta(days=offset)
        hours = hours_on(day, weekly, special_days)
        if hours:
            return LineStatus(False, next_opening=_at(day, hours[0]))
    return LineStatus(False)


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=HELSINKI)
