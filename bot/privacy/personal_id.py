"""Finnish personal identity codes (henkilötunnus) in free text.

Neuvo never asks for one. A message that contains a valid one is refused
(the NLU component turns its intent into `share_personal_id`) and the code is
never stored in a slot or the call-back queue, nor repeated back.
"""
from __future__ import annotations

import re

from stdnum.fi import hetu

# DDMMYY, a century sign (- + A-F, and since 2023 U-Y too), 3 digits, a check character
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Ya-y](?![0-9A-Za-z])", re.I)


def personal_id_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every valid identity code, so callers can redact it."""
    return [m.span() for m in _CANDIDATE.finditer(text or "") if hetu.is_valid(m.group(0).upper())]


def find_personal_ids(text: str) -> list[str]:
    return [text[start:end] for start, end in personal_id_spans(text)]


def contains_personal_id(text: str) -> bool:
    return bool(find_personal_ids(text))


REDACTED = "[henkilötunnus poistettu]"


def redact_personal_ids(text: str) -> str:
    """`text` with every valid identity code replaced by a marker."""
    for start, end in reversed(personal_id_spans(text)):
        text = text[:start] + REDACTED + text[end:]
    return text
