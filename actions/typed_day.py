"""The day and the part of the day a person types: "torstaina aamulla",
"3.12. aamupäivä", "i morgon eftermiddag", "friday morning", "jouluaattona",
"to 3.12. klo 12–16" (an offered window's own label).

dateparser reads weekdays, relative days and dates in Finnish, Swedish and
English; the `holidays` package knows the Finnish public holidays by their
Finnish, Swedish and English names; the few words neither knows
("ylihuomenna") and the clock ranges that dateparser would misread as a date
("12–16" as 12.12.2116) are handled here. A text that names no day gives
None: the caller asks again rather than guess another day.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Optional

import holidays
from dateparser.search import search_dates

LANGUAGES = ["fi", "sv", "en"]
# "klo 12–16", "kl. 9-12", "at 9–12", "12.00-16.00": times, not dates
CLOCK_RANGE = re.compile(r"\b(?:klo|kl\.?|at)?\s*\d{1,2}(?:[.:]\d{2})?\s*[–-]\s*\d{1,2}(?:[.:]\d{2})?\b")
DAY_AFTER_TOMORROW = ("ylihuomen", "i övermorgon", "iövermorgon", "day after tomorrow")
TODAY = re.compile(r"\b(?:tänään|tanaan|i\s*dag|today)\b")
# "3.12.", "3.12.2026", "ma 7.12.": dateparser misses some with a weekday before them
NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(?:(\d{4})\b)?")
# Swedish "i morgon" (tomorrow) is not the morning ("morgon" alone, "förmiddag").
TOMORROW_SV = re.compile(r"\bi\s*morgon\b")
# One word of at most three letters names no day (weekday abbreviations such
# as "la" are lost with them; a date after them is still read)
SHORT_WORD = re.compile(r"[^\W\d]{1,3}")
PARTS = {
    "morning": ("aamu", "aamupäiv", "aamupaiv", "morning", "förmiddag", "formiddag", "morgon",
                "forenoon"),
    "afternoon": ("iltapäiv", "iltapaiv", "afternoon", "eftermiddag", "ip.", "em."),
}
# Kela's shortened days are not public holidays, so the package does not name
# them; holidays 0.58 spells the Swedish name of Independence Day
# "Självständigshetsdagen".
MORE_NAMES = {"uudenvuodenaatto": (12, 31), "nyårsafton": (12, 31), "new year's eve": (12, 31),
              "självständighetsdag": (12, 6)}


def part_in(text: str) -> Optional[str]:
    """morning | afternoon | None; a clock range ("klo 12–16") by its start."""
    lowered = TOMORROW_SV.sub(" ", text.lower())
    found = [part for part, words in PARTS.items() if any(w in lowered for w in words)]
    if len(found) == 1:
        return found[0]
    clock = CLOCK_RANGE.search(lowered)
    if clock and not found:
        start = int(re.search(r"\d{1,2}", clock.group()).group())
        return "morning" if start < 12 else "afternoon"
    return None


def day_in(text: str, today: date) -> Optional[date]:
    """The first day the text names, today or later; None when it names none."""
    lowered = " ".join(text.lower().split())
    if any(word in lowered for word in DAY_AFTER_TOMORROW):
        return today + timedelta(days=2)
    if TODAY.search(lowered):
        return today
    holiday = _holiday_in(lowered, today)
    if holiday:
        return holiday
    cleaned = CLOCK_RANGE.sub(" ", lowered)
    numeric = NUMERIC_DATE.search(cleaned)
    if numeric:
        return _numeric_day(numeric, today)
    found = search_dates(cleaned, languages=LANGUAGES, settings={
        "RELATIVE_BASE": datetime.combine(today, datetime.min.time()).replace(hour=12),
        "PREFER_DATES_FROM": "future", "DATE_ORDER": "DMY", "REQUIRE_PARTS": [],
        "STRICT_PARSING": False})
    for fragment, moment in found or []:
        if SHORT_WORD.fullmatch(fragment.strip()):
            continue  # dateparser reads "är", "on", "än" as dates
        day = moment.date()
        if today <= day <= today + timedelta(days=366):
            return day
    return None


def _numeric_day(match: re.Match, today: date) -> Optional[date]:
    dom, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    try:
        day = date(int(year) if year else today.year, month, dom)
        if not year and day < today:
            day = date(today.year + 1, month, dom)  # "2.1." in December: next year
    except ValueError:
        return None  # "31.2."
    return day if day >= today else None


def _holiday_in(lowered: str, today: date) -> Optional[date]:
    for day, names in _holiday_names(today.year):
        if day >= today and any(_stem(name) in lowered for name in names):
            return day
    return None


def _stem(name: str) -> str:
    # inflected Finnish forms keep the name whole or drop its last vowel
    # ("jouluaattona", "joulupäivänä", "pitkäperjantaina")
    return name[:-1] if len(name) > 6 and name[-1] in "aeiouyäö" else name


@lru_cache(maxsize=4)
def _holiday_names(year: int):
    days = {}
    for language in ("fi", "sv_FI", "en_US"):
        for day, name in holidays.Finland(years=[year, year + 1], language=language).items():
            days.setdefault(day, set()).add(name.lower())
    for name, (month, dom) in MORE_NAMES.items():
        for y in (year, year + 1):
            days.setdefault(date(y, month, dom), set()).add(name)
    return sorted(days.items())
