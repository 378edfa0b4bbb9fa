"""Clock times and days in the user's language: "klo 9", "maanantaina" / "kl. 9", "på måndag"."""
from __future__ import annotations

from datetime import date, datetime

WEEKDAYS = {
    "fi": ["maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
           "lauantaina", "sunnuntaina"],
    "en": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
           "on Saturday", "on Sunday"],
    "sv": ["på måndag", "på tisdag", "på onsdag", "på torsdag", "på fredag",
           "på lördag", "på söndag"],
}
TODAY = {"fi": "tänään", "sv": "i dag", "en": "today"}
TOMORROW = {"fi": "huomenna", "sv": "i morgon", "en": "tomorrow"}


def clock(moment) -> str:
    """9:00 -> "9", 15:30 -> "15.30" (Finnish and Finland-Swedish style)."""
    return f"{moment.hour}" if moment.minute == 0 else f"{moment.hour}.{moment.minute:02d}"


def day(target: date, today: date, language: str) -> str:
    language = language if language in WEEKDAYS else "fi"
    delta = (target - today).days
    if delta == 0:
        return TODAY[language]
    if delta == 1:
        return TOMORROW[language]
    name = WEEKDAYS[language][target.weekday()]
    return name if delta < 7 else f"{name} {target.day}.{target.month}."


def when(moment: datetime, now: datetime, language: str) -> str:
    return day(moment.date(), now.date(), language)


SHORT_WEEKDAYS = {"fi": ["ma", "ti", "ke", "to", "pe", "la", "su"],
                  "sv": ["mån", "tis", "ons", "tors", "fre", "lör", "sön"],
                  "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


def short_date(target: date, language: str) -> str:
    """ "ti 24.11." / "tis 24.11." / "Tue 24.11." """
    names = SHORT_WEEKDAYS.get(language, SHORT_WEEKDAYS["fi"])
    return f"{names[target.weekday()]} {target.day}.{target.month}."
