"""Days for pinning the action server's clock (NEUVO_NOW), computed from
today so a test means the same whatever day it runs: an ordinary weekday
with no Finnish holiday or Kela special day near it, and the labels a user
sees for such a day."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")
DAY_NAMES = {"fi": ["ma", "ti", "ke", "to", "pe", "la", "su"],
             "sv": ["mån", "tis", "ons", "tors", "fre", "lör", "sön"],
             "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


def next_weekday(weekday: int, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


def weekday_not_near_holidays(weekday: int, after: date | None = None) -> date:
    """The next such weekday with no Finnish holiday or Kela special day in the
    week after it (Christmas, Easter and Midsummer move the answers)."""
    import holidays

    day = next_weekday(weekday, after or date.today())
    while any(day + timedelta(days=n) in holidays.Finland(years=[day.year, day.year + 1])
              or (day + timedelta(days=n)).strftime("%m-%d") in ("12-24", "12-31")
              or (day + timedelta(days=n)).month == 4 for n in range(9)):
        day = next_weekday(weekday, day)
    return day


def at(day: date, hour: int = 10, minute: int = 0) -> str:
    """`day` at `hour`:`minute` in Helsinki, as NEUVO_NOW takes it (the offset of that day)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI).isoformat()


def day_label(day: date, language: str) -> str:
    """'ti 24.11.', 'tis 24.11.', 'Tue 24.11.': how the form names a day."""
    return f"{DAY_NAMES[language][day.weekday()]} {day.day}.{day.month}."
