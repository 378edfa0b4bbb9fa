"""`make content-report`: what a content editor should look at, for today.

Every answer text, sourced core reply and phone number with the date it was
checked, oldest first; what was checked more than STALE_DAYS days ago and the
numbers nobody could verify are flagged. Then the answers whose Finnish and
Swedish texts differ much in length (often a fact missing from one), and every
link with where it is used.

    python -m content_review.report [--today YYYY-MM-DD]
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

from content_review import catalogue
from content_review.links import links_in

STALE_DAYS = 180
# sv/fi length ratio outside these bounds: "differ a lot" (Swedish runs a little longer)
LENGTH_RATIO = (0.9, 1.25)
BANDS = ((0, 90, "0-90 days"), (91, STALE_DAYS, f"91-{STALE_DAYS} days"),
         (STALE_DAYS + 1, None, f"over {STALE_DAYS} days"))


def today_in_helsinki() -> date:
    return datetime.now(ZoneInfo("Europe/Helsinki")).date()


@dataclass(frozen=True)
class Dated:
    what: str                 # "answer child_benefit (fi)", "number families fi 020 692 206"
    checked: Optional[date]   # None: never checked / unverified
    note: str = ""

    def age(self, today: date) -> Optional[int]:
        return (today - self.checked).days if self.checked else None


@dataclass(frozen=True)
class Report:
    today: date
    dated: List[Dated]                       # oldest first, undated first of all
    unverified_numbers: List[Dated]
    length_differences: List[Tuple[str, int, int]]
    links: Dict[str, List[str]]

    def stale(self) -> List[Dated]:
        return [d for d in self.dated if d.checked and d.age(self.today) > STALE_DAYS]

    def bands(self) -> Dict[str, int]:
        counts = {label: 0 for _, _, label in BANDS}
        for d in self.dated:
            age = d.age(self.today)
            if age is None:
                continue
            for low, high, label in BANDS:
                if age >= low and (high is None or age <= high):
                    counts[label] += 1
        return counts


def build(today: date) -> Report:
    answers, replies = catalogue.answers(), catalogue.replies()
    texts = answers + catalogue.sourced_replies(replies)
    dated = [Dated(f"{t.kind} {t.key} ({t.language})", t.checked, str(t.metadata.get("source", "")))
             for t in texts]
    numbers = catalogue.numbers()
    dated += [Dated(f"number {n.line} {n.language} {n.number}", n.verified_on,
                    n.evidence.get("verified_by", "")) for n in numbers if n.verified]
    unverified = [Dated(f"number {n.line} {n.language} {n.number}", None,
                        n.evidence.get("unverified", "no evidence recorded"))
                  for n in numbers if not n.verified]
    dated.sort(key=lambda d: (d.checked or date.min, d.what))

    differences = []
    for key, variations in sorted(catalogue.by_answer(answers).items()):
        if {"fi", "sv"} <= set(variations):
            fi, sv = len(variations["fi"].text), len(variations["sv"].text)
            if not LENGTH_RATIO[0] <= sv / fi <= LENGTH_RATIO[1]:
                differences.append((key, fi, sv))

    links: Dict[str, List[str]] = defaultdict(list)
    for t in answers + replies:
        place = f"{t.kind} {t.key} ({t.language})"
        for field, value in (("text", t.text), ("url", t.metadata.get("url", "")),
                             ("source", t.metadata.get("source", "")),
                             ("source_note", t.metadata.get("source_note", ""))):
            for link in links_in(str(value)):
                links[link].append(f"{place} {field}")
    return Report(today, dated, unverified, differences, dict(sorted(links.items())))


def render(report: Report) -> str:
    today = report.today
    bands = report.bands()
    out = [f"Neuvo content report for {today.isoformat()} "
           f"(flagged: checked more than {STALE_DAYS} days ago, or unverified)", "",
           "Summary",
           "  dated facts by age: " + ", ".join(f"{label}: {n}" for label, n in bands.items()),
           f"  flagged as old: {len(report.stale())}",
           f"  phone numbers unverified: {len(report.unverified_numbers)} "
           f"of {len(report.unverified_numbers) + sum(d.what.startswith('number') for d in report.dated)}",
           f"  answers whose fi and sv lengths differ a lot: {len(report.length_differences)}",
           f"  distinct links: {len(report.links)}", "",
           "Checked dates, oldest first"]
    for d in report.dated:
        flag = "OLD " if d.checked and d.age(today) > STALE_DAYS else "    "
        out.append(f"  {flag}{d.checked.isoformat()} {d.age(today):>4} d  {d.what}  {d.note}".rstrip())
    out += ["", "Phone numbers nobody could verify (always also point to kela.fi/soita-kelaan)"]
    out += [f"  UNVERIFIED  {d.what}: {d.note}" for d in report.unverified_numbers] or ["  none"]
    out += ["", f"Answers whose Finnish and Swedish texts differ a lot in length "
                f"(sv/fi outside {LENGTH_RATIO[0]}-{LENGTH_RATIO[1]}): compare the facts"]
    out += [f"  {key}: fi {fi}, sv {sv} characters" for key, fi, sv in report.length_differences] \
        or ["  none"]
    out += ["", "Links"]
    for link, places in report.links.items():
        out.append(f"  {link}")
        out += [f"      {place}" for place in places]
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="the date to measure ages from (default: today in Helsinki)")
    args = parser.parse_args(argv)
    sys.stdout.write(render(build(args.today or today_in_helsinki())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
