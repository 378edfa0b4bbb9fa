"""Personal data in free text: Finnish identity codes, personal phone numbers,
e-mail addresses, IBANs, people's names and street addresses.

One place that says what counts as personal data, so every channel, the
tracker store and the logs refuse or redact the same things. Each finding has
its span, so a caller can cut it out without ever repeating it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType
from stdnum import iban

from common.privacy.person_names import person_name_spans
from common.privacy.personal_id import REDACTED as PERSONAL_ID_MARKER
from common.privacy.personal_id import personal_id_spans
from common.privacy.street_addresses import street_address_spans

PERSONAL_ID = "personal_id"
PHONE_NUMBER = "phone_number"
EMAIL = "email"
IBAN = "iban"
PERSON_NAME = "person_name"
STREET_ADDRESS = "street_address"
# What identifies or reaches a person by itself: a public post holding one is
# refused outright (bot/channels/jodel.py); names and addresses are redacted.
CONTACT_KINDS = frozenset({PERSONAL_ID, PHONE_NUMBER, EMAIL, IBAN})

# What a redacted finding becomes. No digits, no '@': a marker is never itself
# found again, so redacting twice changes nothing. The identity code's marker
# is the one conversations stored before this module already hold.
MARKERS = {
    PERSONAL_ID: PERSONAL_ID_MARKER,
    PHONE_NUMBER: "[puhelinnumero poistettu]",
    EMAIL: "[sähköposti poistettu]",
    IBAN: "[tilinumero poistettu]",
    PERSON_NAME: "[nimi poistettu]",
    STREET_ADDRESS: "[osoite poistettu]",
}

# Numbers of organisations, not of people: Kela's own lines are 020 numbers
# (UAN), and a user quoting one ("soitin 020 692 201") shares nothing personal.
_SERVICE_NUMBER_TYPES = {
    PhoneNumberType.UAN,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.PREMIUM_RATE,
}

# local part @ domain with at least one dot; \w also takes ä/ö, which people use
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

# A country code, check digits, then blocks of letters/digits as people type
# them: "FI21 1234 5600 0007 85", "FI2112345600000785", "fi21-1234-...".
_IBAN_START = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{2}\d{2}")
_IBAN_BLOCK = re.compile(r"[ -]?([0-9A-Za-z]+)")
_IBAN_MAX_CHARS = 34


@dataclass(frozen=True)
class PersonalData:
    kind: str  # PERSONAL_ID, PHONE_NUMBER, EMAIL, IBAN, PERSON_NAME or STREET_ADDRESS
    start: int
    end: int


def _phone_number_spans(text: str) -> list[tuple[int, int]]:
    # Region FI: users write local formats ("040 123 4567"); the matcher's
    # default leniency (VALID) skips amounts, dates and other digit runs.
    return [
        (match.start, match.end)
        for match in phonenumbers.PhoneNumberMatcher(text, "FI")
        if phonenumbers.number_type(match.number) not in _SERVICE_NUMBER_TYPES
    ]


def _email_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _EMAIL.finditer(text)]


def _iban_at(text: str, start: int) -> int | None:
    """End of the longest valid IBAN starting at `start`, or None.

    The blocks after the check digits are taken one by one, and the longest
    run that stdnum accepts wins: a following word ("FI21 ... 85 KIITOS")
    is never swallowed, and an invalid run is not reported at all."""
    ends, length, position = [], 0, start
    while (block := _IBAN_BLOCK.match(text, position)) is not None:
        length += len(block.group(1))
        if length > _IBAN_MAX_CHARS:
            break
        position = block.end()
        ends.append(position)
    for end in reversed(ends):
        if iban.is_valid(text[start:end]):
            return end
    return None


def _iban_spans(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    while (candidate := _IBAN_START.search(text, position)) is not None:
        end = _iban_at(text, candidate.start())
        if end:
            spans.append((candidate.start(), end))
        position = end or candidate.end()
    return spans


# Earlier kinds win: each detector sees the text with what the earlier ones
# found blanked out, so an identity code's or IBAN's digits are never also a
# phone number, and a number right after an IBAN is still seen on its own.
_DETECTORS = (
    (PERSONAL_ID, personal_id_spans),
    (IBAN, _iban_spans),
    (EMAIL, _email_spans),
    (PHONE_NUMBER, _phone_number_spans),
    (STREET_ADDRESS, street_address_spans),
    (PERSON_NAME, person_name_spans),
)


def find_personal_data(text: str) -> list[PersonalData]:
    """Every identity code, IBAN, e-mail address, personal phone number,
    street address and person's name in `text`, in text order."""
    return list(_find(text or ""))


# The tracker store checks every event of a conversation at every save, and
# the same texts come back each time: remembered, not searched again.
@lru_cache(maxsize=8192)
def _find(text: str) -> tuple[PersonalData, ...]:
    remaining = text
    found: list[PersonalData] = []
    for kind, spans in _DETECTORS:
        for start, end in spans(remaining):
            found.append(PersonalData(kind, start, end))
            remaining = remaining[:start] + " " * (end - start) + remaining[end:]
    return tuple(sorted(found, key=lambda p: p.start))


def contains_personal_data(text: str, kinds=None) -> bool:
    """Whether `text` holds personal data (of `kinds` only, when given)."""
    return any(kinds is None or found.kind in kinds for found in find_personal_data(text))


def without_personal_data(text: str, replacement: str = "") -> str:
    """`text` with every finding replaced, e.g. for language detection."""
    text = text or ""
    for found in reversed(find_personal_data(text)):
        text = text[: found.start] + replacement + text[found.end :]
    return text


def redact_personal_data(text: str) -> str:
    """`text` with every finding replaced by a marker naming its kind, e.g.
    "soita [puhelinnumero poistettu]": what is stored and logged."""
    text = text or ""
    for found in reversed(find_personal_data(text)):
        text = text[: found.start] + MARKERS[found.kind] + text[found.end :]
    return text
