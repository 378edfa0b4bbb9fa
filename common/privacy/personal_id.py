"""Finnish personal identity codes (henkilötunnus) in free text, in the shapes
people type them.

Neuvo never asks for one. A message that contains one is refused (the NLU
component turns its intent into `share_personal_id`) and the code is never
stored in a slot, the tracker store or the call-back queue, nor repeated back.

A code is DDMMYY, a century sign (+ for the 1800s; - and, since 2023, U-Y
for the 1900s; A and, since 2023, B-F for the 2000s), an individual number
and a check character. What counts, and why:
- the exact shape, in any case, with spaces around the parts or a typed
  dash (‐ – −) for the hyphen;
- with a century sign, a real date and any check character: a code whose
  check character is wrong is a typo of somebody's real code, still personal
  data (stdnum's validation would let it through);
- the temporary range (individual numbers 900-999, given by some
  organisations before a permanent code): personal data too;
- without a century sign ("131052308T", "131052 308T"): only when the check
  character is right, or is a letter (nothing else reads as nine digits and
  a letter), and the digits are not a phone number: ten digits with a valid
  date are often a mobile number ("0401234567"), which the call-back form
  must still take.
Dates (13.10.1952), reference codes (K-7QX3PA), amounts and IBANs do not
have this shape.
"""
from __future__ import annotations

import re
from datetime import date

import phonenumbers

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900,
             "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "−": "-"})

_CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<day>\d\d)(?P<month>\d\d)(?P<year>\d\d)"
    r"(?: ?(?P<sign>[-+A-FU-Y‐‑–−]) ?| ?)"
    r"(?P<individual>\d{3}) ?(?P<check>[0-9A-Y])(?![0-9A-Za-z])",
    re.IGNORECASE,
)

REDACTED = "[henkilötunnus poistettu]"


def _real_date(day: str, month: str, year: str, centuries) -> bool:
    for century in centuries:
        try:
            date(century + int(year), int(month), int(day))
            return True
        except ValueError:
            continue
    return False


def _right_check(match: re.Match) -> bool:
    number = int(match["day"] + match["month"] + match["year"] + match["individual"])
    return CHECK_CHARACTERS[number % 31] == match["check"].upper()


def _is_phone_number(text: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, "FI"))
    except phonenumbers.NumberParseException:
        return False


def _is_personal_id(match: re.Match) -> bool:
    sign = (match["sign"] or "").translate(_DASHES).upper()
    if sign:
        return _real_date(match["day"], match["month"], match["year"], [CENTURIES[sign]])
    if not _real_date(match["day"], match["month"], match["year"], [1900, 2000]):
        return False
    if match["check"].isalpha():
        return match["check"].upper() in CHECK_CHARACTERS
    return _right_check(match) and not _is_phone_number(match.group(0))


def personal_id_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every identity code in `text`, so callers can redact it."""
    return [m.span() for m in _CANDIDATE.finditer(text or "") if _is_personal_id(m)]


def find_personal_ids(text: str) -> list[str]:
    return [text[start:end] for start, end in personal_id_spans(text)]


def contains_personal_id(text: str) -> bool:
    return bool(personal_id_spans(text))


def redact_personal_ids(text: str) -> str:
    """`text` with every identity code replaced by a marker."""
    for start, end in reversed(personal_id_spans(text)):
        text = text[:start] + REDACTED + text[end:]
    return text
