"""The call-back form's time question with typed answers (issue 15): the
validation and the question itself as units, with a tracker built here and
the action server's clock pinned (NEUVO_NOW) to days computed from today, so
the tests keep meaning the same whatever day they run.

Whatever is typed, the request is booked on exactly the day and part named,
or the question is asked again: never another day."""
from datetime import date, timedelta

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.callback_form import ActionAskCallbackTime, ValidateCallbackForm
from tests.clock_days import at, weekday_not_near_holidays
from tests.conftest import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def tracker(text, language="fi", **slots):
    slots = {"requested_slot": "callback_time", "callback_line": "housing",
             "language": language, **slots}
    return Tracker("t", slots, {"text": text, "intent": {"name": "inform"}}, [], False, None,
                   {"name": "callback_form"}, None)


def validate(text, **slots):
    dispatcher = CollectingDispatcher()
    result = ValidateCallbackForm().validate_callback_time(text, dispatcher, tracker(text, **slots),
                                                           DOMAIN)
    return result, [m.get("response") for m in dispatcher.messages]


@pytest.fixture
def wednesday(monkeypatch):
    day = weekday_not_near_holidays(2)
    monkeypatch.setenv("NEUVO_NOW", at(day))
    return day


@pytest.fixture
def friday(monkeypatch):
    day = weekday_not_near_holidays(4)
    monkeypatch.setenv("NEUVO_NOW", at(day))
    return day


@pytest.mark.parametrize("text,offset,part", [
    ("torstaina aamulla", 1, "morning"),
    ("huomenna iltapäivällä", 1, "afternoon"),
    ("i morgon eftermiddag", 1, "afternoon"),
    ("thursday morning", 1, "morning"),
    ("tänään iltapäivällä", 0, "afternoon"),
])
def test_a_day_and_part_in_words_are_booked_on_exactly_that_day(wednesday, text, offset, part):
    result, said = validate(text)
    assert result["callback_time"] == f"{wednesday + timedelta(days=offset)}|{part}"
    assert said == []


@pytest.mark.parametrize("weekday,unit,hours,part", [
    ("to", "klo", "12–16", "afternoon"), ("tors", "kl.", "9–12", "morning"),
])
def test_an_offered_label_typed_back_is_accepted(wednesday, weekday, unit, hours, part):
    thursday = wednesday + timedelta(days=1)
    result, _ = validate(f"{weekday} {thursday.day}.{thursday.month}. {unit} {hours}")
    assert result["callback_time"] == f"{thursday}|{part}"


def test_a_date_typed_with_a_part_is_that_date(wednesday):
    thursday = wednesday + timedelta(days=1)
    result, _ = validate(f"{thursday.day}.{thursday.month}. aamupäivä")
    assert result["callback_time"] == f"{thursday}|morning"


def test_a_weekend_day_or_a_later_day_is_refused_and_asked_again(friday):
    # call-backs are for the same or the next weekday (../shared/kela-facts.md)
    for text in ("lauantaina aamulla", "huomenna", "på söndag", "tiistaina"):
        result, said = validate(text)
        assert result["callback_time"] is None and said == ["utter_callback_day_unavailable"]


def test_monday_after_the_weekend_is_booked(friday):
    result, _ = validate("maanantaina iltapäivällä")
    assert result["callback_time"] == f"{friday + timedelta(days=3)}|afternoon"


def test_christmas_eve_is_refused_and_the_next_open_day_is_offered(monkeypatch):
    year = date.today().year
    eve = next(date(y, 12, 24) for y in range(year, year + 10) if date(y, 12, 23).weekday() < 4)
    monkeypatch.setenv("NEUVO_NOW", at(eve - timedelta(days=1)))
    result, said = validate("jouluaattona aamulla")
    assert result["callback_time"] is None and said == ["utter_callback_day_unavailable"]
    result, _ = validate("huomenna")  # tomorrow is Christmas Eve
    assert result["callback_time"] is None


def test_a_day_without_its_part_offers_that_days_windows_only(wednesday):
    thursday = wednesday + timedelta(days=1)
    result, said = validate("torstaina")
    assert result == {"callback_time": None, "callback_day": thursday.isoformat()} and said == []

    dispatcher = CollectingDispatcher()
    ActionAskCallbackTime().run(dispatcher, tracker("", callback_day=thursday.isoformat()), DOMAIN)
    [question] = dispatcher.messages
    assert question["text"] == "Kumpi aika sopii huomenna? Valitse:"
    assert [b["payload"] for b in question["buttons"]] == [
        f'/inform{{"callback_window": "{thursday}|morning"}}',
        f'/inform{{"callback_window": "{thursday}|afternoon"}}']

    result, _ = validate("aamulla", callback_day=thursday.isoformat())
    assert result == {"callback_time": f"{thursday}|morning", "callback_day": None}


def test_the_question_is_asked_in_the_forms_language(wednesday):
    for language, words in (("sv", "tors"), ("en", "Thu")):
        dispatcher = CollectingDispatcher()
        ActionAskCallbackTime().run(dispatcher, tracker("", language=language), DOMAIN)
        assert any(b["title"].startswith(words) for b in dispatcher.messages[0]["buttons"])


@pytest.mark.parametrize("text", ["en tiedä", "whenever", "aamulla tai iltapäivällä"])
def test_text_with_no_time_is_asked_again(wednesday, text):
    result, said = validate(text)
    assert result["callback_time"] is None and said == ["utter_callback_time_unavailable"]
