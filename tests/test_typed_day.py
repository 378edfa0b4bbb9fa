"""The day and part of the day a person types (actions/typed_day.py), read
relative to a Wednesday in the coming weeks: weekdays, relative days, dates,
offered labels and holidays, in Finnish, Swedish and English."""
from datetime import date, timedelta

import pytest

from actions.typed_day import day_in, part_in


def next_weekday(weekday: int, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


WEDNESDAY = next_weekday(2, date.today())
THURSDAY, FRIDAY, SATURDAY = (WEDNESDAY + timedelta(days=n) for n in (1, 2, 3))
NEXT_TUESDAY = WEDNESDAY + timedelta(days=6)


def label(day: date, weekday: str) -> str:
    return f"{weekday} {day.day}.{day.month}."


@pytest.mark.parametrize("text,day,part", [
    ("torstaina aamulla", THURSDAY, "morning"),
    ("huomenna aamupäivällä", THURSDAY, "morning"),
    ("huomenna", THURSDAY, None),
    ("ylihuomenna iltapäivällä", FRIDAY, "afternoon"),
    ("tänään iltapäivällä", WEDNESDAY, "afternoon"),
    ("entä lauantaina?", SATURDAY, None),
    ("perjantaina", FRIDAY, None),
    ("tiistaina iltapäivällä", NEXT_TUESDAY, "afternoon"),
    ("i morgon eftermiddag", THURSDAY, "afternoon"),  # "i morgon" is tomorrow, not the morning
    ("i morgon på förmiddagen", THURSDAY, "morning"),
    ("på fredag", FRIDAY, None),
    ("ringer ni på lördag?", SATURDAY, None),
    ("i dag", WEDNESDAY, None),
    ("friday morning", FRIDAY, "morning"),
    ("tomorrow afternoon", THURSDAY, "afternoon"),
    # a short word before the day is not a date of its own (dateparser reads "är" as one)
    ("är studerandelinjen öppen på lördag?", SATURDAY, None),
    ("on ko linja auki perjantaina", FRIDAY, None),
])
def test_days_in_words(text, day, part):
    assert (day_in(text, WEDNESDAY), part_in(text)) == (day, part)


@pytest.mark.parametrize("weekday,unit,hours,part", [
    ("to", "klo", "12–16", "afternoon"), ("tors", "kl.", "9–12", "morning"),
    ("Thu", "at", "12–16", "afternoon"),
])
def test_an_offered_label_typed_back_is_that_window(weekday, unit, hours, part):
    text = f"{label(THURSDAY, weekday)} {unit} {hours}"
    assert (day_in(text, WEDNESDAY), part_in(text)) == (THURSDAY, part)


def test_a_date_names_that_day_and_a_past_date_is_next_year():
    assert day_in(f"{THURSDAY.day}.{THURSDAY.month}. aamupäivä", WEDNESDAY) == THURSDAY
    yesterday = WEDNESDAY - timedelta(days=1)
    assert day_in(f"{yesterday.day}.{yesterday.month}.", WEDNESDAY).year == WEDNESDAY.year + 1
    assert day_in("31.2.", WEDNESDAY) is None


@pytest.mark.parametrize("text,month,dom", [
    ("jouluaattona", 12, 24), ("onks auki joulupäivänä", 12, 25), ("på julafton", 12, 24),
    ("itsenäisyyspäivänä", 12, 6), ("på självständighetsdagen", 12, 6),
    ("uudenvuodenaattona", 12, 31), ("nyårsafton", 12, 31), ("Christmas Eve", 12, 24),
])
def test_holidays_by_name(text, month, dom):
    found = day_in(text, WEDNESDAY)
    assert (found.month, found.day) == (month, dom) and found >= WEDNESDAY


@pytest.mark.parametrize("text", [
    "040 555 6677", "asumistuki", "suomeksi", "kyllä käy", "mihin aikaan kela aukeaa", "9-12",
    "soita mulle numeroon 040 555 6677 asumistuesta",
    "är ni öppna", "än då?",
])
def test_text_that_names_no_day(text):
    assert day_in(text, WEDNESDAY) is None


def test_a_part_alone_and_both_parts_at_once():
    assert part_in("aamupäivällä") == "morning" and part_in("eftermiddag") == "afternoon"
    assert part_in("aamulla tai iltapäivällä") is None  # asked again, not guessed
