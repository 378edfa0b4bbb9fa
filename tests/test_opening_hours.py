"""Kela's phone service hours with a frozen clock (Europe/Helsinki)."""
from datetime import datetime

import pytest
import yaml

from common.clock import HELSINKI
from common.opening_hours import line_status
from common.wording import clock, when
from tests.conftest import ROOT

LINES = yaml.safe_load((ROOT / "content" / "phone_lines.yml").read_text())
SERVICE = LINES["hours"]["service"]
SPECIAL = LINES["special_days"]


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def status(moment):
    return line_status(SERVICE, SPECIAL, at(moment))


@pytest.mark.parametrize(
    "moment,closes",
    [("2026-11-23 09:00", "2026-11-23 16:00"),   # Monday, opening minute
     ("2026-11-23 15:59", "2026-11-23 16:00"),
     ("2026-12-31 12:59", "2026-12-31 13:00"),   # New Year's Eve: 9-13
     ("2026-04-02 12:00", "2026-04-02 13:00")],  # Maundy Thursday 2026: 9-13
)
def test_open(moment, closes):
    s = status(moment)
    assert s.open_now and s.closes_at == at(closes)


@pytest.mark.parametrize(
    "moment,next_opening",
    [("2026-11-23 08:59", "2026-11-23 09:00"),   # Monday before opening: today
     ("2026-11-23 16:00", "2026-11-24 09:00"),   # Monday at closing: Tuesday
     ("2026-11-27 16:00", "2026-11-30 09:00"),   # Friday evening: Monday
     ("2026-11-28 12:00", "2026-11-30 09:00"),   # Saturday
     ("2026-06-19 10:00", "2026-06-22 09:00"),   # Midsummer Eve (Friday)
     ("2026-12-24 10:00", "2026-12-28 09:00"),   # Christmas Eve, then Christmas
     ("2026-12-25 10:00", "2026-12-28 09:00"),   # Christmas Day
     ("2026-12-31 13:00", "2027-01-04 09:00"),   # NYE after 13, New Year's Day Friday
     ("2026-04-02 13:00", "2026-04-07 09:00"),   # Maundy Thursday to Easter Tuesday
     ("2027-01-05 16:30", "2027-01-07 09:00")],  # Epiphany (Wednesday) is closed
)
def test_closed(moment, next_opening):
    s = status(moment)
    assert not s.open_now and s.next_opening == at(next_opening)


SOCIAL_ASSISTANCE = LINES["hours"][LINES["lines"]["social_assistance"]["hours"]]


@pytest.mark.parametrize(
    "moment,closes",
    [("2026-12-31 15:59", "2026-12-31 16:00"),   # NYE: urgent social assistance until 16
     ("2026-04-02 14:00", "2026-04-02 16:00"),   # Maundy Thursday the same
     ("2026-11-23 15:00", "2026-11-23 16:00")],  # an ordinary Monday
)
def test_social_assistance_line_keeps_its_hours_on_shortened_days(moment, closes):
    s = line_status(SOCIAL_ASSISTANCE, SPECIAL, at(moment))
    assert s.open_now and s.closes_at == at(closes)


def test_social_assistance_line_is_closed_on_christmas_eve():
    s = line_status(SOCIAL_ASSISTANCE, SPECIAL, at("2026-12-24 10:00"))
    assert not s.open_now and s.next_opening == at("2026-12-28 09:00")


def test_utc_clock_is_read_in_helsinki_time():
    # 07:00 UTC in November is 09:00 in Helsinki
    assert line_status(SERVICE, SPECIAL, datetime.fromisoformat("2026-11-23T07:00:00+00:00")).open_now


@pytest.mark.parametrize(
    "moment,language,expected",
    [("2026-11-27 17:00", "fi", "maanantaina"), ("2026-11-27 17:00", "sv", "på måndag"),
     ("2026-11-23 17:00", "fi", "huomenna"), ("2026-11-23 17:00", "sv", "i morgon"),
     ("2026-11-23 07:00", "fi", "tänään"), ("2026-12-23 17:00", "fi", "maanantaina")],
)
def test_next_opening_in_the_users_words(moment, language, expected):
    now = at(moment)
    assert when(status(moment).next_opening, now, language) == expected


def test_clock_times_are_written_the_finnish_way():
    assert clock(at("2026-11-23 09:00")) == "9" and clock(at("2026-11-23 15:30")) == "15.30"
