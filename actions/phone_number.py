"""Finnish phone numbers in any common format, normalised to E.164."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import phonenumbers


@dataclass(frozen=True)
class PhoneCheck:
    e164: Optional[str]  # set when valid
    problem: Optional[str] = None  # "foreign" | "invalid"


def check_phone(text: str) -> PhoneCheck:
    for match in phonenumbers.PhoneNumberMatcher(text or "", "FI", leniency=phonenumbers.Leniency.VALID):
        number = match.number
        if phonenumbers.region_code_for_number(number) != "FI":
            return PhoneCheck(None, "foreign")
        return PhoneCheck(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return PhoneCheck(None, "invalid")
