"""Street addresses in chat messages, Finnish and Swedish: a street with its
number, staircase and flat ("Koivukuja 4 A 5", "Rantapolku 2 as. 12",
"Ängsvägen 12 bst. 5"), and the postal code and town when they follow
("…, 90100 Oulu").

A street is a word with a street ending (-katu, -tie, -gatan, -vägen …) or
any capitalised word after "osoite"/"adress"/"bor på". A street without a
number ("asun Hämeenkadulla"), a town or a postal code alone is not an
address. Neither is an organisation's public address: Kela's head office,
which people ask about, is left as written.
"""
from __future__ import annotations

import re

from common.privacy.spans import merged

_UPPER = "A-ZÅÄÖ"
_LOWER = "a-zåäöé"
_STREET_ENDINGS = (
    "katu|tie|kuja|polku|rinne|väylä|kaari|tori|raitti|puistikko|mäki|ranta|piha|aukio"
    "|kujanen|penger|tanhua|kierros|portti|niitty|kumpu|ahde|esplanadi|bulevardi"
    "|gatan|vägen|gränd|stigen|backen|allén|torget|esplanaden|plan|kajen|strand"
)
_STREET = rf"[{_UPPER}][{_LOWER}]*(?:-[{_UPPER}]?[{_LOWER}]+)*(?:{_STREET_ENDINGS})"
_NAMED_AFTER = r"osoite(?:eni|ni|)?(?: on| är)?:?|osoitteessa|osoitteeseen|adress(?:en)?(?: är)?:?|bor på|på adressen"
# the number, then a staircase letter and a flat ("4 A 5", "3 a 7", "2 as. 12", "12 bst. 5", "9 B")
_NUMBER = (r"\d{1,4}[a-zA-Z]?(?![\d:])"
           r"(?:\s+(?:as\.?|asunto|bst\.?|lgh\.?|lägenhet)\s*\d{1,4}"
           r"|\s+[A-Ha-h](?:\s*\d{1,4})?(?![\w]))?")
_POSTAL = rf"(?:,?\s+\d{{5}}\s+[{_UPPER}][{_LOWER}]+)?"

# The street after a trigger word: any capitalised word ("bor på Esplanaden 3")
_AFTER_TRIGGER = re.compile(
    rf"(?i:{_NAMED_AFTER})\s+(?P<address>[{_UPPER}][{_LOWER}]+(?:\s+[{_UPPER}][{_LOWER}]+)?\s+{_NUMBER}{_POSTAL})")
_STREET_ADDRESS = re.compile(rf"(?<![\w])(?P<address>{_STREET}\s+{_NUMBER}{_POSTAL})")

# Organisations' public addresses (Kela's head office): not personal data.
PUBLIC_ADDRESSES = ("nordenskiöldinkatu 12", "nordenskiöldsgatan 12")


def street_address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every street address found in `text`."""
    text = text or ""
    spans = []
    for pattern in (_STREET_ADDRESS, _AFTER_TRIGGER):
        for match in pattern.finditer(text):
            found = match.group("address")
            if found.lower().startswith(PUBLIC_ADDRESSES):
                continue
            spans.append((match.start("address"), match.end("address")))
    return merged(spans)
