"""Personal data in free text: Finnish identity codes and phone numbers.

One place that says what counts as personal data, so every channel (and
later the logs and the tracker) can refuse or redact the same things. Each
finding has its span, so a caller can cut it out without ever repeating it.
"""
from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberType

from bot.privacy.personal_id import personal_id_spans

PERSONAL_ID = "personal_id"
PHONE_NUMBER = "phone_number"

# Numbers of organisations, not of people: Kela's own lines are 020 numbers
# (UAN), and a user quoting one ("soitin 020 692 201") shares nothing personal.
_SERVICE_NUMBER_TYPES = {
    PhoneNumberType.UAN,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.PREMIUM_RATE,
}


@dataclass(frozen=True)
class PersonalData:
    kind: str  # PERSONAL_ID or PHONE_NUMBER
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


def find_personal_data(text: str) -> list[PersonalData]:
    """Every identity code and personal phone number in `text`, in text order."""
    text = text or ""
    found = [PersonalData(PERSONAL_ID, s, e) for s, e in personal_id_spans(text)]
    found += [
        PersonalData(PHONE_NUMBER, s, e)
        for s, e in _phone_number_spans(text)
        # an identity code's digits are never also reported as a phone number
        if not any(p.start < e and s < p.end for p in found)
    ]
    return sorted(found, key=lambda p: p.start)


def contains_personal_data(text: str) -> bool:
    return bool(find_personal_data(text))


def without_personal_data(text: str, replacement: str = "") -> str:
    """`text` with every finding replaced, e.g. for language detection or a log line."""
    text = text or ""
    for found in reversed(find_personal_data(text)):
        text = text[: found.start] + replacement + text[found.end :]
    return text
