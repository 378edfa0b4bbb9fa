"""`make content-report`: ages from an injected date, flags, fi/sv length hints, links."""
from datetime import timedelta

import pytest

from content_review import catalogue, report
from content_review.report import STALE_DAYS, build, main, render, today_in_helsinki


@pytest.fixture(scope="module")
def today_report():
    return build(today_in_helsinki())


def test_every_text_and_number_is_listed_once(today_report):
    listed = [d.what for d in today_report.dated] + [d.what for d in today_report.unverified_numbers]
    texts = catalogue.answers() + catalogue.sourced_replies()
    assert len(listed) == len(set(listed)) == len(texts) + len(catalogue.numbers())
    assert all(f"answer {t.key} ({t.language})" in listed for t in catalogue.answers())


def test_oldest_first(today_report):
    dates = [d.checked for d in today_report.dated]
    assert dates == sorted(dates)


def test_nothing_is_flagged_on_the_day_it_was_checked():
    newest = max(d.checked for d in build(today_in_helsinki()).dated)
    on_that_day = build(newest)
    assert not [d for d in on_that_day.stale() if d.checked == newest]
    assert "OLD " not in "".join(line for line in render(on_that_day).splitlines()
                                 if newest.isoformat() in line)


def test_what_was_checked_over_180_days_ago_is_flagged():
    newest = max(d.checked for d in build(today_in_helsinki()).dated)
    later = build(newest + timedelta(days=STALE_DAYS + 1))
    assert {d.what for d in later.stale()} == {d.what for d in later.dated}
    assert later.bands()[f"over {STALE_DAYS} days"] == len(later.dated)
    assert sum(later.bands().values()) == len(later.dated)
    assert render(later).count("\n  OLD ") == len(later.dated)


def test_unverified_numbers_are_flagged_with_what_is_known(today_report):
    text = render(today_report)
    unverified = [n for n in catalogue.numbers() if not n.verified]
    assert len(today_report.unverified_numbers) == len(unverified)
    for n in unverified:
        assert f"UNVERIFIED  number {n.line} {n.language} {n.number}" in text
    assert f"phone numbers unverified: {len(unverified)} of {len(catalogue.numbers())}" in text


def test_a_swedish_text_much_shorter_than_the_finnish_is_pointed_out(monkeypatch):
    texts = [catalogue.Text("answer", "short_sv", "fi", "x" * 400, {"checked": "2026-01-01"}),
             catalogue.Text("answer", "short_sv", "sv", "x" * 250, {"checked": "2026-01-01"}),
             catalogue.Text("answer", "alike", "fi", "x" * 400, {"checked": "2026-01-01"}),
             catalogue.Text("answer", "alike", "sv", "x" * 420, {"checked": "2026-01-01"})]
    monkeypatch.setattr(report.catalogue, "answers", lambda: texts)
    built = build(today_in_helsinki())
    assert built.length_differences == [("short_sv", 400, 250)]
    assert "short_sv: fi 400, sv 250 characters" in render(built)


def test_every_answer_link_is_listed_with_where_it_is_used(today_report):
    for t in catalogue.answers():
        assert f"answer {t.key} ({t.language}) url" in today_report.links[t.metadata["url"]]


def test_the_command_takes_the_date_to_measure_from(capsys):
    day = today_in_helsinki() + timedelta(days=1)
    assert main(["--today", day.isoformat()]) == 0
    assert capsys.readouterr().out.startswith(f"Neuvo content report for {day.isoformat()}")
