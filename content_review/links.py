"""The links in the assistant's texts and sources, and what is wrong with them.

A link is a full https address or a bare one like kela.fi/soita-kelaan (the
widget and Telegram make those clickable). Crawl artefacts that a copy of a
page left in an address (mailto:, user@host, Liferay query strings, locale
prefixes, a truncated slug) make it a non-canonical address a user or editor
cannot rely on.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, List, Set
from urllib.parse import urlsplit

import yaml

from content_review.catalogue import ROOT

ALLOWLIST = ROOT / "content" / "link_allowlist.yml"

_FULL = r"(?:https?://|mailto:)[^\s\"'<>()\[\]]+"
# Bare addresses are written in lower case; "Suomi.fi-tunnistus" names a service.
_BARE = r"(?<![\w@./-])(?:www\.)?(?:[a-z0-9-]+\.)+(?:fi|ax|eu|com)(?![\w-])(?:/[^\s\"'<>()\[\]]*)?"
LINK = re.compile(f"(?i:{_FULL})|{_BARE}")
EMAIL = re.compile(r"\S+@\S+")
TRAILING = ".,;:!?"
LOCALE_SEGMENT = re.compile(r"^(?:[a-z]{2}|[a-z]{2}_[A-Z]{2})$")
ARTEFACTS = ("mailto:", "p_p_", "/fi_FI/", "/sv_SE/", "/en_US/")


@lru_cache(maxsize=None)
def allowlist() -> dict:
    return yaml.safe_load(ALLOWLIST.read_text())


def links_in(text: str) -> List[str]:
    """The links in `text`, as written, without closing punctuation."""
    cleaned = EMAIL.sub(lambda m: m.group(0) if m.group(0).lower().startswith(("http", "mailto"))
                        else " ", text or "")
    return [m.group(0).rstrip(TRAILING) for m in LINK.finditer(cleaned)]


def absolute(link: str) -> str:
    return link if re.match(r"^[a-z]+:", link, re.I) else "https://" + link


def host_of(link: str) -> str:
    host = (urlsplit(absolute(link)).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def problems(link: str, allowed_hosts: Iterable[str], shown: bool = True) -> List[str]:
    """What keeps `link` from being a well-formed, canonical address on an allowed site.

    `shown`: a link users see. A source may cite an old page by its real
    address even where that slug ends in a hyphen; a user must not get one."""
    found = []
    for artefact in ARTEFACTS:
        if artefact in link:
            found.append(f"crawl artefact {artefact!r}")
    if link.lower().startswith("http://"):
        found.append("not https")
    parts = urlsplit(absolute(link))
    if "@" in parts.netloc:
        found.append("crawl artefact: user@host")
    if parts.query:
        found.append("query string")
    if parts.fragment:
        found.append("fragment")
    if parts.netloc != parts.netloc.lower():
        found.append("upper-case host")
    if host_of(link) not in set(allowed_hosts):
        found.append(f"site {host_of(link)!r} is not in content/link_allowlist.yml")
    segments = [s for s in parts.path.split("/") if s]
    if host_of(link) == "kela.fi" and segments and LOCALE_SEGMENT.match(segments[0]):
        found.append(f"locale prefix /{segments[0]}/")
    if shown and parts.path.endswith("-"):
        found.append("slug ends with a hyphen")
    if re.search(r"\s", link):
        found.append("white space")
    return found


def answer_hosts() -> Set[str]:
    return set(allowlist()["answer_sites"])


def source_hosts() -> Set[str]:
    return answer_hosts() | set(allowlist()["source_sites"])


def no_swedish_page() -> Set[str]:
    return set(allowlist().get("no_swedish_page") or {})
