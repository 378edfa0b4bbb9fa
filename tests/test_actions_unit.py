"""Unit tests of the custom actions that had none: the answer for the topic in
context, the phone line, the service hours, and storing or stopping a
call-back request. Trackers are built here (rasa_sdk.Tracker), replies are
collected by a CollectingDispatcher: no Rasa server, no action server, no
trained model.

The action server's clock (common/clock.py, NEUVO_NOW) is pinned to moments
computed from today, the Finnish public holidays (the `holidays` package) and
Kela's special days (content/phone_lines.yml), so the tests mean the same
whatever day they run. The call-back queue is a SQLite file under tmp_path,
reached the way the action server reaches it (NEUVO_CALLBACK_DB_URL and
actions.callback_queue.default_queue)."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays
import pytest
import yaml
from dateutil.easter import easter
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_for_topic import ActionAnswerForTopic
from actions.callback_form import (FORM_SLOTS, PHONE_HELD, ActionCancelCallback,
                                   ActionSubmitCallback)
from actions.callback_queue import default_queue
from actions.phone_actions import ActionPhoneLine, ActionServiceHours
from actions.rendering import render
from common.content import apply_answers, phone_lines
from tests.clock_days import HELSINKI, at, day_label

ROOT = Path(__file__).resolve().parent.parent
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: a second faster


def load(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=LOADER)


DOMAIN = load(ROOT / "domain.yml")
ANSWERS = {name: variations
           for path in sorted((ROOT / "data" / "responses").glob("*.yml"))
           for name, variations in (load(path)["responses"] or {}).items()}
LINES = phone_lines()["lines"]

# --- the calendar, from today ------------------------------------------------

TODAY = datetime.now(HELSINKI).date()
PUBLIC_HOLIDAYS = holidays.Finland(years=[TODAY.year, TODAY.year + 1, TODAY.year + 2])


def maundy_thursday(year: int) -> date:
    return easter(year) - timedelta(days=3)


def special_closing(day: date):
    """(True, closes) when `day` is one of Kela's special days, else (False, None)."""
    for special in phone_lines()["special_days"]:
        if special.get("rule") == "maundy_thursday":
            if day == maundy_thursday(day.year):
                return True, special["closes"]
        elif day.strftime("%m-%d") == special["date"]:
            return True, special["closes"]
    return False, None


def is_plain_weekday(day: date) -> bool:
    """Mon-Fri, no public holiday and no special day: the weekly hours apply."""
    return day.weekday() < 5 and day not in PUBLIC_HOLIDAYS and not special_closing(day)[0]


def is_open_day(day: date) -> bool:
    special, closes = special_closing(day)
    return day.weekday() < 5 and day not in PUBLIC_HOLIDAYS and not (special and closes is None)


def next_open_day(after: date) -> date:
    day = after + timedelta(days=1)
    while not is_open_day(day):
        day += timedelta(days=1)
    return day


def quiet(weekday: int) -> date:
    """The next such weekday (0 = Monday) after today with no holiday or special
    day from the day before it to nine days after: the weekly hours only."""
    day = TODAY + timedelta(days=(weekday - TODAY.weekday()) % 7 or 7)
    while not all(d.weekday() >= 5 or is_plain_weekday(d)
                  for d in (day + timedelta(days=n) for n in range(-1, 10))):
        day += timedelta(days=7)
    return day


def next_weekday_holiday() -> date:
    """The next Finnish public holiday on a weekday (a weekend is closed anyway)."""
    return next(day for day in sorted(PUBLIC_HOLIDAYS) if day > TODAY and day.weekday() < 5)


def next_special() -> date:
    """The next weekday special day that shortens the hours (not a holiday)."""
    for offset in range(1, 3 * 366):
        day = TODAY + timedelta(days=offset)
        special, closes = special_closing(day)
        if special and closes and day.weekday() < 5 and day not in PUBLIC_HOLIDAYS:
            return day
    raise AssertionError("no shortened day within three years")


# How a day is said, relative to the day it is said on (an oracle of our own).
WEEKDAY_WORDS = {"fi": ["maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
                        "lauantaina", "sunnuntaina"],
                 "sv": ["på måndag", "på tisdag", "på onsdag", "på torsdag", "på fredag",
                        "på lördag", "på söndag"],
                 "en": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
                        "on Saturday", "on Sunday"]}


def said_day(target: date, today: date, language: str) -> str:
    delta = (target - today).days
    if delta == 0:
        return {"fi": "tänään", "sv": "i dag", "en": "today"}[language]
    if delta == 1:
        return {"fi": "huomenna", "sv": "i morgon", "en": "tomorrow"}[language]
    name = WEEKDAY_WORDS[language][target.weekday()]
    return name if delta < 7 else f"{name} {target.day}.{target.month}."


@pytest.fixture
def now_at(monkeypatch):
    """Pins the action server's clock: now_at(day, hour[, minute])."""
    def pin(day: date, hour: int, minute: int = 0) -> date:
        monkeypatch.setenv("NEUVO_NOW", at(day, hour, minute))
        return day
    return pin


# --- trackers and replies ----------------------------------------------------

def user_turn(text, intent, entities=(), metadata=None, answer_key=None):
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.9},
             "entities": [{"entity": e, "value": v} for e, v in entities]}
    if answer_key:
        parse["response_selector"] = {intent: {"response": {
            "intent_response_key": f"{intent}/{answer_key}"}}}
    return {"event": "user", "text": text, "parse_data": parse, "metadata": metadata or {}}


def answered(key):
    """The events of an earlier turn in which the assistant gave answer `key`."""
    return [user_turn("aiempi kysymys", "faq", answer_key=key),
            {"event": "action", "name": "action_answer"},
            {"event": "bot", "text": "...", "metadata": {"utter_action": f"utter_faq/{key}"}}]


def topic_chosen(topic):
    return [user_turn("aihe", "choose_topic", [("topic", topic)]),
            {"event": "slot", "name": "topic", "value": topic}]


TOPICS = DOMAIN["slots"]["topic"]["values"]


def tracker(text, intent, *, language="fi", entities=(), earlier=(), metadata=None,
            sender="conv-1", active_loop=None, **slots):
    """The tracker the Rasa 3.6 server sends: the user's turn, the slots its
    entities filled (the topic slot maps from the topic entity), and the
    policy's user_featurization event last (processor.py runs the action on a
    tracker updated with the prediction's events)."""
    turn = user_turn(text, intent, entities, metadata)
    latest = {**turn["parse_data"], "metadata": turn["metadata"]}
    filled = {value: None for entity, value in entities if entity == "topic" and value in TOPICS}
    slot_events = [{"event": "slot", "name": "topic", "value": topic} for topic in filled]
    slots = {"language": language, **{"topic": topic for topic in filled}, **slots}
    events = [*earlier, turn, *slot_events,
              {"event": "user_featurization", "use_text_for_featurization": False}]
    return Tracker(sender, slots, latest, events, False, None, active_loop or {}, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker_, DOMAIN)
    for message in dispatcher.messages:  # every response the action names exists
        assert message["response"] in DOMAIN["responses"] or message["response"] in ANSWERS, message
    return dispatcher.messages, events


def responses(messages):
    return [m["response"] for m in messages]


def shown(message, language):
    """The text the user sees: the domain's variation in that language, filled."""
    values = {k: v for k, v in message.items() if k not in ("response", "buttons", "elements",
                                                          "attachment", "image", "custom", "text")}
    return render(DOMAIN, message["response"], language).format(**values)


def slots_set(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def variation_text(variations, language):
    for v in variations:
        if ({c["value"] for c in v.get("condition") or []} or {"fi"}) == {language}:
            return v["text"]
    raise KeyError(language)


def line_fields(key, language):
    line = LINES[key]
    own = language == "sv" and bool(line.get("sv"))
    hours = phone_lines()["hours"][line["hours"]]
    return {"line_name": line["name"][language],
            "number": line["sv"] if own else line["fi"],
            "opens": str(int(hours["opens"].split(":")[0])),
            "closes": str(int(hours["closes"].split(":")[0]))}


def line_message(messages):
    [line] = [m for m in messages if m["response"].startswith("utter_phone_line")]
    return {k: line[k] for k in ("line_name", "number", "opens", "closes")}


# --- ActionAnswerForTopic ----------------------------------------------------

VAGUE_FI = "miten tällaista oikein haetaan?"
VAGUE_SV = "hur gör man ansökan om det här?"


@pytest.mark.parametrize("topic,language", [("students", "fi"), ("kela_card", "sv"),
                                            ("social_assistance", "fi"), ("families", "sv")])
def test_a_topic_button_gets_that_topics_application_answer(topic, language):
    payload = f'/ask_how_to_apply{{"topic": "{topic}"}}'
    messages, events = run(ActionAnswerForTopic(), tracker(
        payload, "ask_how_to_apply", language=language, entities=[("topic", topic)],
        earlier=answered("general_housing_allowance")))  # the button wins over the context
    key = apply_answers()[topic]
    assert responses(messages) == [f"utter_faq/{key}"]
    assert events == [{"event": "slot", "timestamp": None, "name": "topic", "value": topic}]
    # the Rasa server renders it in the user's language: that variation exists
    assert variation_text(ANSWERS[f"utter_faq/{key}"], language)


@pytest.mark.parametrize("language,text", [("fi", VAGUE_FI), ("sv", VAGUE_SV)])
def test_a_typed_topic_earlier_gives_its_answer_to_a_vague_question(language, text):
    messages, events = run(ActionAnswerForTopic(), tracker(
        text, "ask_how_to_apply", language=language, earlier=topic_chosen("unemployment")))
    assert responses(messages) == [f"utter_faq/{apply_answers()['unemployment']}"]
    assert slots_set(events) == {"topic": "unemployment"}


def test_the_topic_of_the_last_answer_given_is_used():
    earlier = answered("child_benefit") + answered("study_grant")
    messages, events = run(ActionAnswerForTopic(), tracker(VAGUE_FI, "ask_how_to_apply",
                                                           earlier=earlier))
    assert responses(messages) == [f"utter_faq/{apply_answers()['students']}"]
    assert slots_set(events) == {"topic": "students"}


def test_the_partner_pages_topic_is_used_when_the_conversation_has_none():
    messages, events = run(ActionAnswerForTopic(), tracker(
        VAGUE_SV, "ask_how_to_apply", language="sv", metadata={"topic": "rehabilitation"}))
    assert responses(messages) == [f"utter_faq/{apply_answers()['rehabilitation']}"]
    assert slots_set(events) == {"topic": "rehabilitation"}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_without_a_topic_the_user_is_asked_which_benefit(language):
    # a topic that is not one of the assistant's ("pensions") does not count either
    messages, events = run(ActionAnswerForTopic(), tracker(
        VAGUE_FI, "ask_how_to_apply", language=language, entities=[("topic", "pensions")]))
    assert responses(messages) == ["utter_ask_which_benefit"] and events == []
    titles = {"fi": "Opintotuki", "sv": "Studiestöd"}[language]
    buttons = [v for v in DOMAIN["responses"]["utter_ask_which_benefit"]
               if ({c["value"] for c in v.get("condition") or []} or {"fi"}) == {language}][0]
    assert titles in [b["title"] for b in buttons["buttons"]]


# --- ActionPhoneLine ---------------------------------------------------------

@pytest.fixture
def wednesday(now_at):
    return now_at(quiet(2), 10)


def test_a_line_button_gives_that_lines_number_and_that_it_is_open(wednesday):
    messages, events = run(ActionPhoneLine(), tracker(
        '/ask_phone_number{"phone_line": "students"}', "ask_phone_number",
        entities=[("phone_line", "students")]))
    assert responses(messages) == ["utter_phone_line", "utter_line_open"]
    assert line_message(messages) == line_fields("students", "fi")
    assert shown(messages[1], "fi") == "Linja on nyt auki ja sulkeutuu tänään klo 16."
    assert slots_set(events) == {"topic": "students"}  # the line's benefit becomes the topic


def test_the_conversations_topic_picks_the_line(wednesday):
    messages, events = run(ActionPhoneLine(), tracker(
        "mihin mun kannattaa soittaa tästä?", "ask_phone_number",
        earlier=answered("general_housing_allowance")))
    assert line_message(messages) == line_fields("housing", "fi")
    assert slots_set(events) == {"topic": "housing"}


def test_a_question_naming_another_benefit_gets_that_benefits_line(wednesday):
    messages, events = run(ActionPhoneLine(), tracker(
        "entäs numero opintotukea koskeviin kysymyksiin?", "ask_phone_number",
        earlier=answered("general_housing_allowance")))
    assert line_message(messages) == line_fields("students", "fi")
    assert slots_set(events) == {"topic": "students"}  # the next vague question is about it


def test_a_line_for_no_single_benefit_keeps_the_conversations_topic(wednesday):
    messages, events = run(ActionPhoneLine(), tracker(
        "olen sosiaaliohjaaja, mikä on teidän viranomaisnumero?", "ask_phone_number",
        earlier=answered("general_housing_allowance")))
    assert line_message(messages) == line_fields("authority", "fi")
    assert slots_set(events) == {"topic": "housing"}


def test_a_misspelt_line_name_is_understood(wednesday):
    messages, _ = run(ActionPhoneLine(), tracker("numero kuntotus asioihin", "ask_phone_number"))
    assert line_message(messages) == line_fields("rehabilitation", "fi")


def test_a_professional_gets_the_authority_line_whatever_the_topic(wednesday):
    messages, _ = run(ActionPhoneLine(), tracker(
        "olen sosiaaliohjaaja, mistä numerosta saan apua?", "ask_phone_number",
        earlier=answered("general_housing_allowance")))
    assert line_message(messages) == line_fields("authority", "fi")
    assert messages[1]["closes"] == "15"


def test_swedish_gets_the_swedish_number_where_the_line_has_one(wednesday):
    messages, _ = run(ActionPhoneLine(), tracker(
        "vilket nummer gäller för fpa-kortet?", "ask_phone_number", language="sv"))
    assert responses(messages) == ["utter_phone_line", "utter_line_open"]
    assert line_message(messages) == line_fields("kela_card", "sv")
    assert messages[0]["number"] == LINES["kela_card"]["sv"]
    assert shown(messages[1], "sv") == "Linjen är öppen nu och stänger i dag kl. 16."


def test_swedish_gets_the_finnish_number_and_a_note_where_the_line_has_none(wednesday):
    messages, _ = run(ActionPhoneLine(), tracker(
        "vart ringer jag i så fall?", "ask_phone_number", language="sv",
        earlier=answered("general_housing_allowance")))
    assert responses(messages) == ["utter_phone_line_swedish_service", "utter_line_open"]
    assert line_message(messages) == line_fields("housing", "sv")
    assert messages[0]["number"] == LINES["housing"]["fi"]
    assert "service på svenska" in shown(messages[0], "sv")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_in_the_evening_the_line_is_closed_until_tomorrow_morning(now_at, language):
    day = now_at(quiet(1), 17, 30)  # a Tuesday after closing time
    messages, _ = run(ActionPhoneLine(), tracker(
        '/ask_phone_number{"phone_line": "families"}', "ask_phone_number", language=language,
        entities=[("phone_line", "families")]))
    assert responses(messages)[1] == "utter_line_closed"
    assert messages[1]["when"] == said_day(day + timedelta(days=1), day, language)
    assert messages[1]["opens"] == "9"
    expected = {"fi": "Linja on nyt kiinni. Se avautuu huomenna klo 9.",
                "sv": "Linjen är stängd nu. Den öppnar i morgon kl. 9."}[language]
    assert shown(messages[1], language).startswith(expected)


def test_at_the_weekend_the_line_opens_on_monday(now_at):
    saturday = now_at(quiet(5), 11)
    messages, _ = run(ActionPhoneLine(), tracker(
        "anna työttömyysasioiden numero", "ask_phone_number", language="sv"))
    assert line_message(messages) == line_fields("unemployment", "sv")
    assert messages[1]["response"] == "utter_line_closed"
    assert messages[1]["when"] == said_day(saturday + timedelta(days=2), saturday, "sv") == "på måndag"


def test_without_any_line_in_sight_the_user_is_asked_which(wednesday):
    messages, events = run(ActionPhoneLine(), tracker("annatko numeron?", "ask_phone_number"))
    assert responses(messages) == ["utter_ask_which_line"] and events == []


def test_on_a_shortened_day_social_assistance_is_still_open_when_the_others_close(now_at):
    day = now_at(next_special(), 14)  # after the shortened day's 13:00
    urgent, _ = run(ActionPhoneLine(), tracker(
        '/ask_phone_number{"phone_line": "social_assistance"}', "ask_phone_number",
        entities=[("phone_line", "social_assistance")]))
    assert responses(urgent)[1] == "utter_line_open" and urgent[1]["closes"] == "16"
    other, _ = run(ActionPhoneLine(), tracker(
        '/ask_phone_number{"phone_line": "housing"}', "ask_phone_number",
        entities=[("phone_line", "housing")]))
    assert responses(other)[1] == "utter_line_closed"
    assert other[1]["when"] == said_day(next_open_day(day), day, "fi")


# --- ActionServiceHours ------------------------------------------------------

def hours(text="/ask_opening_hours", language="fi"):
    return run(ActionServiceHours(), tracker(text, "ask_opening_hours", language=language))


@pytest.mark.parametrize("language,status", [
    ("fi", "Linja on nyt auki ja sulkeutuu tänään klo 16."),
    ("sv", "Linjen är öppen nu och stänger i dag kl. 16."),
])
def test_on_a_weekday_morning_the_service_is_open_now(now_at, language, status):
    now_at(quiet(0), 10)  # a Monday
    messages, events = hours("onko teillä puhelimet auki juuri nyt" if language == "fi"
                             else "kan jag ringa er just nu", language)
    assert responses(messages) == ["utter_service_hours", "utter_line_open"]
    assert (messages[0]["opens"], messages[0]["closes"]) == ("9", "16")
    assert shown(messages[1], language) == status
    assert events == []


def test_before_opening_it_opens_later_today(now_at):
    now_at(quiet(3), 8, 15)
    messages, _ = hours()
    assert responses(messages) == ["utter_service_hours", "utter_line_closed"]
    assert (messages[1]["when"], messages[1]["opens"]) == ("tänään", "9")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_on_friday_evening_it_opens_on_monday(now_at, language):
    friday = now_at(quiet(4), 19)
    messages, _ = hours(language=language)
    assert responses(messages) == ["utter_service_hours", "utter_line_closed"]
    assert messages[1]["when"] == said_day(friday + timedelta(days=3), friday, language)
    assert messages[1]["when"] == {"fi": "maanantaina", "sv": "på måndag"}[language]


def test_on_sunday_it_opens_tomorrow(now_at):
    sunday = now_at(quiet(6), 12)
    messages, _ = hours("saako teihin yhteyttä puhelimitse tänään")
    assert responses(messages)[1] == "utter_line_closed"
    assert messages[1]["when"] == said_day(sunday + timedelta(days=1), sunday, "fi") == "huomenna"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_on_a_public_holiday_it_is_closed_until_the_next_working_day(now_at, language):
    holiday = now_at(next_weekday_holiday(), 10)
    messages, _ = hours(language=language)
    assert responses(messages) == ["utter_service_hours", "utter_line_closed"]
    assert messages[1]["when"] == said_day(next_open_day(holiday), holiday, language)
    assert messages[1]["opens"] == "9"


@pytest.mark.parametrize("language,template", [
    ("fi", "vastaako puhelinpalvelu {d}.{m}.?"), ("sv", "svarar telefontjänsten den {d}.{m}.?")])
def test_a_public_holiday_named_by_its_date_is_closed_that_day(now_at, language, template):
    holiday = next_weekday_holiday()
    today = holiday - timedelta(days=1)
    while not is_plain_weekday(today):
        today -= timedelta(days=1)
    now_at(today, 11)
    messages, _ = hours(template.format(d=holiday.day, m=holiday.month), language)
    [closed] = messages
    name = said_day(holiday, today, language)
    assert closed["response"] == "utter_closed_on_day"
    assert closed["day"] == name[0].upper() + name[1:]
    assert closed["next_day"] == said_day(next_open_day(holiday), today, language)
    assert closed["opens"] == "9"


@pytest.mark.parametrize("language,text,day", [
    ("fi", "entäpä tulevana lauantaina, voiko silloin soittaa?", "Lauantaina"),
    ("sv", "går det att ringa på lördag?", "På lördag"),
])
def test_a_named_weekend_day_is_closed_and_monday_is_the_next_opening(wednesday, language, text,
                                                                     day):
    messages, _ = hours(text, language)
    assert responses(messages) == ["utter_closed_on_day"]
    assert messages[0]["day"] == day
    assert messages[0]["next_day"] == WEEKDAY_WORDS[language][0]
    assert messages[0]["opens"] == "9"


def test_a_named_working_day_gets_that_days_hours(wednesday):
    messages, _ = hours("palvellaanko puhelimessa ensi perjantaina")
    assert responses(messages) == ["utter_hours_on_day"]
    assert (messages[0]["day"], messages[0]["opens"], messages[0]["closes"]) == (
        "Perjantaina", "9", "16")
    assert shown(messages[0], "fi").startswith(
        "Perjantaina Kelan puhelinpalvelu on auki klo 9–16.")


def test_christmas_eve_named_is_closed_all_day(now_at):
    eve = next(d for d in (date(y, 12, 24) for y in (TODAY.year, TODAY.year + 1)) if d > TODAY)
    today = eve - timedelta(days=10)
    while not is_plain_weekday(today):
        today -= timedelta(days=1)
    now_at(today, 10)
    messages, _ = hours("onko kelan linja auki jouluaattona ollenkaan")
    assert responses(messages) == ["utter_closed_on_day"]
    assert messages[0]["next_day"] == said_day(next_open_day(eve), today, "fi")


def test_a_named_line_gives_that_lines_hours(wednesday):
    messages, _ = hours("milloin viranomaislinja palvelee")
    # the line itself, not Kela's general service with the line's hours
    assert messages[0]["response"] == "utter_phone_line"
    assert messages[0]["line_name"] == LINES["authority"]["name"]["fi"]
    assert (messages[0]["opens"], messages[0]["closes"]) == ("9", "15")
    assert messages[1]["response"] == "utter_line_open" and messages[1]["closes"] == "15"


def test_a_named_line_on_a_named_day_gets_that_lines_hours_that_day(wednesday):
    messages, _ = hours("onko viranomaislinja auki ensi perjantaina")
    assert responses(messages) == ["utter_line_hours_on_day"]
    assert shown(messages[0], "fi") == (
        f"{LINES['authority']['name']['fi']}: {LINES['authority']['fi']}. Perjantaina linja on "
        "auki klo 9–15. Kaikki Kelan numerot: kela.fi/soita-kelaan")


@pytest.mark.parametrize("language,text,day", [
    ("fi", "entä opiskelijoiden linja lauantaina?", "Lauantaina"),
    ("sv", "är studerandelinjen öppen på lördag?", "På lördag"),
])
def test_a_named_line_on_a_weekend_day_is_closed_with_its_next_opening(wednesday, language, text,
                                                                      day):
    messages, _ = hours(text, language)
    line = LINES["students"]
    # the students' line has no Swedish number: a Swedish user is told service in Swedish is there
    assert responses(messages) == ["utter_line_closed_on_day" if language == "fi"
                                   else "utter_line_closed_on_day_swedish_service"]
    closed = "linja on kiinni" if language == "fi" else "är linjen stängd"
    assert shown(messages[0], language).startswith(
        f"{line['name'][language]}: {line.get(language) or line['fi']}. {day} {closed}.")
    assert messages[0]["next_day"] == WEEKDAY_WORDS[language][0]


def test_on_maundy_thursday_the_service_closes_early(now_at):
    year = TODAY.year if maundy_thursday(TODAY.year) > TODAY else TODAY.year + 1
    now_at(maundy_thursday(year), 10)
    messages, _ = hours()
    assert responses(messages) == ["utter_service_hours", "utter_line_open"]
    assert messages[1]["closes"] == "13"


# --- the call-back queue -----------------------------------------------------

@pytest.fixture
def queue(tmp_path, monkeypatch):
    """The action server's own queue (default_queue), on a database of this test."""
    monkeypatch.setenv("NEUVO_CALLBACK_DB_URL", f"sqlite:///{tmp_path / 'callbacks.db'}")
    monkeypatch.setenv("NEUVO_CALLBACK_DAILY_CAPACITY", "2")
    monkeypatch.setenv("NEUVO_CALLBACK_RETENTION_DAYS", "30")
    default_queue.cache_clear()
    queue = default_queue()
    yield queue
    queue.engine.dispose()
    default_queue.cache_clear()


def queue_goes_down(tmp_path, monkeypatch):
    """From now on the queue's database cannot be opened."""
    monkeypatch.setenv("NEUVO_CALLBACK_DB_URL", f"sqlite:///{tmp_path / 'gone' / 'callbacks.db'}")
    default_queue.cache_clear()


PHONE = "+358401234567"
PHONE_DIGITS = "401234567"


def form_done(sender="conv-cb", language="fi", call_language=None, day=None, part="morning",
              line="housing", consent=True, **slots):
    return tracker("kyllä sopii", "affirm", language=language, sender=sender,
                   callback_line=line, callback_language=call_language or language,
                   callback_phone=PHONE_HELD, callback_time=f"{day}|{part}",
                   callback_consent=consent, callback_phone_failures=0,
                   callback_gave_up=False, requested_slot=None, **slots)


def stored(queue):
    return [(r.open_conversation, r.phone, r.line, r.language, r.day, r.window)
            for r in queue.open_requests()]


def reset_events(events):
    return slots_set(events) == {**{slot: None for slot in FORM_SLOTS},
                                 "callback_phone_failures": 0, "callback_gave_up": False}


def never_echoed(messages, events):
    everything = repr(messages) + repr(events)
    return PHONE_DIGITS not in everything and "040 123" not in everything


# --- ActionSubmitCallback ----------------------------------------------------

@pytest.mark.parametrize("language,part,when,window", [
    ("fi", "morning", "huomenna", "9–12"),
    ("sv", "afternoon", "i morgon", "12–16"),
])
def test_a_complete_form_stores_one_request_and_confirms_with_its_reference(
        queue, wednesday, language, part, when, window):
    thursday = wednesday + timedelta(days=1)
    queue.hold_phone("conv-cb", PHONE)
    messages, events = run(ActionSubmitCallback(), form_done(language=language, day=thursday,
                                                             part=part))
    assert stored(queue) == [("conv-cb", PHONE, "housing", language, thursday, part)]
    [confirmed] = messages
    assert confirmed["response"] == "utter_callback_confirmed"
    assert confirmed["reference"] == queue.open_requests()[0].reference
    assert re.fullmatch(r"K-[A-HJ-NP-Z2-9]{6}", confirmed["reference"])
    assert confirmed["when"] == f"{when} ({day_label(thursday, language)})"
    assert confirmed["window"] == window
    assert confirmed["reference"] in shown(confirmed, language)
    assert queue.held_phone("conv-cb") is None  # moved into the request
    assert reset_events(events) and never_echoed(messages, events)


def test_an_english_request_is_confirmed_in_english(queue, now_at):
    friday = now_at(quiet(4), 10)
    monday = friday + timedelta(days=3)
    queue.hold_phone("conv-en", PHONE)
    messages, _ = run(ActionSubmitCallback(), form_done(
        sender="conv-en", language="en", call_language="en", day=monday))
    assert messages[0]["when"] == f"on Monday ({day_label(monday, 'en')})"
    assert shown(messages[0], "en").startswith("Your call-back request is stored.")
    assert stored(queue)[0][3] == "en"


def test_submitting_twice_keeps_one_request_and_the_same_reference(queue, wednesday):
    thursday = wednesday + timedelta(days=1)
    queue.hold_phone("conv-cb", PHONE)
    first, _ = run(ActionSubmitCallback(), form_done(day=thursday))
    queue.hold_phone("conv-cb", PHONE)
    again, _ = run(ActionSubmitCallback(), form_done(day=thursday, part="afternoon"))
    assert again[0]["reference"] == first[0]["reference"]
    assert len(stored(queue)) == 1
    # the user is told what stands (Thursday morning), not the afternoon just chosen
    assert again[0]["response"] == "utter_callback_already_open"
    assert (again[0]["when"], again[0]["window"]) == (first[0]["when"], "9–12")
    assert "uutta ei tallennettu" in shown(again[0], "fi")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_full_line_gives_the_full_reply_and_the_phone_line(queue, wednesday, language):
    thursday = wednesday + timedelta(days=1)
    for n in range(queue.daily_capacity):
        queue.submit(f"other-{n}", f"+35840111000{n}", "housing", "fi", thursday, "morning")
    queue.hold_phone("conv-cb", PHONE)
    messages, events = run(ActionSubmitCallback(), form_done(language=language, day=thursday))
    assert responses(messages) == ["utter_callback_full",
                                   {"fi": "utter_phone_line",
                                    "sv": "utter_phone_line_swedish_service"}[language],
                                   "utter_line_open"]
    assert line_message(messages) == line_fields("housing", language)
    assert [r[0] for r in stored(queue)] == ["other-0", "other-1"]  # nothing of this user
    assert queue.held_phone("conv-cb") is None  # not kept for a request that was not made
    assert reset_events(events) and never_echoed(messages, events)


def test_the_queue_down_gives_the_failed_reply_and_the_phone_line(queue, wednesday, tmp_path,
                                                                 monkeypatch):
    queue.hold_phone("conv-cb", PHONE)
    queue_goes_down(tmp_path, monkeypatch)
    messages, events = run(ActionSubmitCallback(), form_done(
        day=wednesday + timedelta(days=1), line="students"))
    assert responses(messages) == ["utter_callback_failed", "utter_phone_line", "utter_line_open"]
    assert line_message(messages) == line_fields("students", "fi")
    assert stored(queue) == []
    assert reset_events(events) and never_echoed(messages, events)


def test_a_number_purged_while_the_form_was_open_is_not_stored(queue, wednesday):
    messages, events = run(ActionSubmitCallback(), form_done(day=wednesday + timedelta(days=1)))
    assert responses(messages)[0] == "utter_callback_failed"
    assert stored(queue) == [] and reset_events(events)


def test_no_consent_stores_nothing_and_forgets_the_number(queue, wednesday):
    queue.hold_phone("conv-cb", PHONE)
    messages, events = run(ActionSubmitCallback(), form_done(
        language="sv", day=wednesday + timedelta(days=1), consent=False))
    assert responses(messages) == ["utter_callback_not_stored"]
    assert shown(messages[0], "sv").startswith("Okej, jag sparar inte ditt nummer.")
    assert stored(queue) == [] and queue.held_phone("conv-cb") is None
    assert reset_events(events)


def test_after_giving_up_nothing_more_is_said_or_stored(queue, wednesday):
    queue.hold_phone("conv-cb", PHONE)
    tracker_ = form_done(day=wednesday + timedelta(days=1))
    tracker_.slots.update(callback_gave_up=True, callback_phone=None, callback_time=None)
    messages, events = run(ActionSubmitCallback(), tracker_)
    assert messages == [] and stored(queue) == [] and queue.held_phone("conv-cb") is None
    assert reset_events(events)


# --- ActionCancelCallback ----------------------------------------------------

def stop_form(sender="conv-cb", language="fi"):
    return tracker("antaa olla, en halua sittenkään" if language == "fi" else "strunt i det",
                   "stop", language=language, sender=sender, callback_line="housing",
                   callback_phone=PHONE_HELD, requested_slot=None)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_stopping_the_form_forgets_the_number_and_stores_nothing(queue, language):
    queue.hold_phone("conv-cb", PHONE)
    messages, events = run(ActionCancelCallback(), stop_form(language=language))
    assert responses(messages) == ["utter_callback_cancelled"]
    assert shown(messages[0], language).startswith(
        {"fi": "Soittopyyntö peruttiin", "sv": "Begäran om uppringning avbröts"}[language])
    assert queue.held_phone("conv-cb") is None and stored(queue) == []
    assert reset_events(events) and never_echoed(messages, events)


def test_stopping_leaves_other_conversations_alone(queue):
    tomorrow = next_open_day(TODAY)
    queue.hold_phone("someone-else", "+358501112233")
    reference = queue.submit("third", "+358409998877", "students", "sv", tomorrow,
                             "afternoon").reference
    queue.hold_phone("conv-cb", PHONE)
    run(ActionCancelCallback(), stop_form())
    assert queue.held_phone("someone-else") == "+358501112233"
    assert [r.reference for r in queue.open_requests()] == [reference]


def test_stopping_with_the_queue_down_still_confirms_and_resets(queue, tmp_path, monkeypatch):
    queue.hold_phone("conv-cb", PHONE)
    queue_goes_down(tmp_path, monkeypatch)
    messages, events = run(ActionCancelCallback(), stop_form())
    assert responses(messages) == ["utter_callback_cancelled"] and reset_events(events)


def test_cancelling_during_a_new_form_also_cancels_the_stored_request(queue):
    # "peru soittopyyntö" in a second form: the user means the request they have
    reference = queue.submit("conv-cb", "+358409998877", "housing", "fi",
                             next_open_day(TODAY), "morning").reference
    queue.hold_phone("conv-cb", PHONE)
    cancel = tracker("peru se soittopyyntö", "cancel_callback", sender="conv-cb",
                     requested_slot="callback_time", active_loop={"name": "callback_form"})
    messages, events = run(ActionCancelCallback(), cancel)
    assert responses(messages) == ["utter_callback_request_cancelled"]
    assert messages[0]["reference"] == reference and queue.open_requests() == []
    assert queue.held_phone("conv-cb") is None and reset_events(events)


@pytest.mark.parametrize("text", ["vilket nummer ska jag ringa då?", "mihin soitan kun tarvitsen tukea?",
                                  "hur länge har ni öppet", "asun kämppiksen kanssa, mihin soitan",
                                  "bor i Finland under sommaren"])
def test_everyday_words_in_answer_titles_name_no_line(text):
    # titles hold words like "vilket", "länge", "kanssa", "Finland": a question
    # with them goes by the conversation's topic, never to an unrelated line
    from actions.named_line import line_named

    assert line_named(text) is None


@pytest.mark.parametrize("text, line", [("asumistki", "housing"), ("opintotki", "students"),
                                        ("toimentulotuki", "social_assistance")])
def test_a_misspelt_benefit_still_names_its_line(text, line):
    from actions.named_line import line_named

    assert line_named(text) == line


def test_a_form_without_a_chosen_time_stores_nothing_and_gives_the_line(queue):
    queue.hold_phone("conv-cb", PHONE)
    done = form_done(day=None)
    done.slots["callback_time"] = None
    messages, events = run(ActionSubmitCallback(), done)
    assert responses(messages)[0] == "utter_callback_failed" and line_message(messages)
    assert stored(queue) == [] and queue.held_phone("conv-cb") is None
    assert reset_events(events) and never_echoed(messages, events)
