"""Link lint: every link the assistant shows or cites is a well-formed https
address on an allowed site, Swedish texts link Swedish pages, and no crawl
artefacts; every phone number carries its evidence and points to the list."""
import re

import pytest
import yaml

from content_review import catalogue
from content_review.links import (answer_hosts, host_of, links_in, no_swedish_page, problems,
                                  source_hosts)
from content_review.report import today_in_helsinki
from tests.conftest import ROOT

ANSWERS = catalogue.answers()
REPLIES = catalogue.replies()
BY_ANSWER = catalogue.by_answer(ANSWERS)


def place(t):
    return f"{t.kind} {t.key} ({t.language})"


@pytest.mark.parametrize("link,expected", [
    ("https://www.kela.fi/lapsilisa", []),
    ("kela.fi/soita-kelaan", []),
    ("http://www.kela.fi/lapsilisa", ["not https"]),
    ("http://mailto:kirjaamo@kela.fi/x", ["mailto", "not https", "user@host"]),
    ("https://tilastot@kela.fi/x", ["user@host"]),
    ("https://www.kela.fi/web/sv/x?p_p_col_count=2", ["p_p_", "query string"]),
    ("https://www.kela.fi/pl/kela-kortti", ["locale prefix /pl/"]),
    ("https://www.kela.fi/sv_SE/aitiysavustus", ["sv_SE", "locale prefix"]),
    ("https://www.kela.fi/fi_FI/web/sv/x", ["fi_FI", "locale prefix"]),
    ("https://www.kela.fi/kuntoutus-ja-sopeutumisvalmennuskurssit_nain-haet-", ["hyphen"]),
    ("https://www.example.com/kela", ["not in content/link_allowlist.yml"]),
])
def test_the_lint_finds_each_kind_of_bad_link(link, expected):
    found = " ".join(problems(link, answer_hosts()))
    for part in expected:
        assert part in found, (link, found)
    assert bool(found) == bool(expected)


def test_a_source_may_cite_an_old_slug_ending_in_a_hyphen():
    old_page = "https://www.kela.fi/web/sv/arbetsloshetsforman-fran-fpa-"
    assert problems(old_page, source_hosts(), shown=False) == []
    assert problems(old_page, source_hosts()) == ["slug ends with a hyphen"]


def test_links_are_found_in_text_as_people_write_them():
    text = ("Soita: kela.fi/soita-kelaan. Lue https://www.kela.fi/lapsilisa, tai kirjoita "
            "saame@kela.fi. Kirjaudu Suomi.fi-tunnistuksella tai suomi.fi-valtuuksilla.")
    assert links_in(text) == ["kela.fi/soita-kelaan", "https://www.kela.fi/lapsilisa"]


@pytest.mark.parametrize("t", ANSWERS + REPLIES, ids=place)
def test_links_users_see_are_canonical_and_on_allowed_sites(t):
    shown = links_in(t.text) + ([t.metadata["url"]] if t.metadata.get("url") else [])
    for link in shown:
        assert not problems(link, answer_hosts()), (link, problems(link, answer_hosts()))


@pytest.mark.parametrize("t", ANSWERS + catalogue.sourced_replies(), ids=place)
def test_sources_are_canonical_addresses(t):
    assert str(t.metadata.get("source", "")).strip(), f"{place(t)} has no source"
    for field in ("source", "source_note"):
        for link in links_in(str(t.metadata.get(field, ""))):
            found = problems(link, source_hosts(), shown=False)
            assert not found, (field, link, found)


def canonical(link):
    return "https://www." + re.sub(r"^(https://)?(www\.)?", "", link)


# Kela's pages the Finnish texts link (other sites serve both languages at one address).
FINNISH_PAGES = {canonical(link) for t in ANSWERS + REPLIES if t.language == "fi"
                 for link in links_in(t.text) + [t.metadata.get("url", "")]
                 if link and host_of(link) == "kela.fi"}


@pytest.mark.parametrize("key", sorted(BY_ANSWER))
def test_swedish_answer_links_a_swedish_page(key):
    fi, sv = BY_ANSWER[key]["fi"], BY_ANSWER[key]["sv"]
    exceptions = no_swedish_page()
    assert sv.metadata["url"] != fi.metadata["url"] or sv.metadata["url"] in exceptions
    for link in links_in(sv.text) + [sv.metadata["url"]]:
        assert canonical(link) not in FINNISH_PAGES or canonical(link) in exceptions, \
            f"{key}: the Swedish text links {link}, a page the Finnish texts link"


@pytest.mark.parametrize("t", [t for t in REPLIES if t.language == "sv"], ids=place)
def test_swedish_replies_link_swedish_pages(t):
    for link in links_in(t.text):
        assert canonical(link) not in FINNISH_PAGES or canonical(link) in no_swedish_page(), link


def test_no_swedish_page_exceptions_are_used_and_explained():
    used = {canonical(link) for t in ANSWERS + REPLIES if t.language == "sv"
            for link in links_in(t.text) + [t.metadata.get("url", "")] if link}
    for page, reason in yaml.safe_load(
            (ROOT / "content" / "link_allowlist.yml").read_text())["no_swedish_page"].items():
        assert page in used, f"{page} is listed but no Swedish text links it"
        assert len(reason) > 20


@pytest.mark.parametrize("n", catalogue.numbers(), ids=lambda n: f"{n.line}-{n.language}")
def test_every_phone_number_carries_its_evidence(n):
    if n.verified:
        source = n.evidence["verified_by"]
        assert source.startswith("../shared/") or not problems(source, source_hosts())
        assert n.verified_on <= today_in_helsinki()
    else:
        assert len(n.evidence.get("unverified", "")) > 20, "say what is known of the number"


def test_every_reply_that_gives_a_number_points_to_the_list():
    templates = [t.text for t in REPLIES]
    templates += [text for group in yaml.safe_load(
        (ROOT / "content" / "fault_replies.yml").read_text()).values() for text in group.values()]
    giving = [t for t in templates if "{number}" in t]
    assert len(giving) >= 4
    for text in giving:
        assert "kela.fi/soita-kelaan" in text, text
