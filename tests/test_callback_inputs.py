"""What the call-back form accepts: phone numbers, identity codes, time windows."""
from datetime import datetime

import pytest
import yaml

from actions.callback_windows import available_windows
from common.clock import HELSINKI
from actions.phone_number import check_phone
from common.privacy.personal_id import contains_personal_id, find_personal_ids
from tests.conftest import ROOT


@pytest.mark.parametrize("text,e164", [
    ("040 123 4567", "+358401234567"),
    ("0401234567", "+358401234567"),
    ("+358 40 123 4567", "+358401234567"),
    ("00358401234567", "+358401234567"),
    ("050-765 4321", "+358507654321"),
    ("(09) 1234 5678", "+358912345678"),     # Helsinki landline
    ("numeroni on 045 678 9012 kiitos", "+358456789012"),
])
def test_finnish_numbers_are_normalised(text, e164):
    assert check_phone(text).e164 == e164


@pytest.mark.parametrize("text,problem", [
    ("+46 70 123 45 67", "foreign"),   # Swedish mobile
    ("+1 202 555 0143", "foreign"),
    ("040 12", "invalid"),             # too short
    ("kaksi kolme neljä", "invalid"),  # letters
    ("", "invalid"),
])
def test_other_numbers_are_refused(text, problem):
    result = check_phone(text)
    assert result.e164 is None and result.problem == problem


@pytest.mark.parametrize("text", [
    "hetuni on 131052-308T", "131052-308t", "personbeteckning 010101A123N",
])
def test_valid_identity_codes_are_found(text):
    assert contains_personal_id(text)


@pytest.mark.parametrize("text", [
    "13.10.1952",          # a date
    "040 123 4567",
    "asiakasnumero 1310523087",
])
def test_other_text_is_not_an_identity_code(text):
    assert not find_personal_ids(text)


LINES = yaml.safe_load((ROOT / "content" / "phone_lines.yml").read_text())


def windows(moment):
    now = datetime.fromisoformat(moment).replace(tzinfo=HELSINKI)
    return [w.value for w in available_windows(now, LINES["hours"]["service"], LINES["special_days"])]


def test_morning_offers_today_and_the_next_business_day():
    assert windows("2026-11-27 08:00") == [  # Friday
        "2026-11-27|morning", "2026-11-27|afternoon", "2026-11-30|morning", "2026-11-30|afternoon"]


def test_late_afternoon_offers_only_the_next_business_day():
    assert windows("2026-11-23 15:30") == ["2026-11-24|morning", "2026-11-24|afternoon"]


def test_new_years_eve_afternoon_is_short_and_holidays_are_skipped():
    assert windows("2026-12-31 09:30") == [
        "2026-12-31|morning", "2026-12-31|afternoon", "2027-01-04|morning", "2027-01-04|afternoon"]
    assert windows("2026-12-31 12:30") == ["2027-01-04|morning", "2027-01-04|afternoon"]


def _new_years_eves_on_weekdays():
    from content_review.report import today_in_helsinki
    year = today_in_helsinki().year
    eves = [datetime(y, 12, 31).date() for y in range(year, year + 8)]
    return [d for d in eves if d.weekday() < 5][:2]


@pytest.mark.parametrize("eve", _new_years_eves_on_weekdays())
def test_social_assistance_call_backs_keep_to_the_shortened_service_hours(eve):
    # The line answers urgent calls until 16 on New Year's Eve; call-backs end at 13.
    from rasa_sdk import Tracker
    from actions.callback_form import _weekly
    from actions.callback_windows import windows_on

    tracker = Tracker("t", {"callback_line": "social_assistance"}, {}, [], False, None, {}, None)
    windows = windows_on(eve, _weekly(tracker), LINES["special_days"])
    assert windows and max(w.ends for w in windows).hour == 13
