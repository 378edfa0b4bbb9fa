"""Notice when the user asks for the other language ("puhu ruotsia", "på finska tack").

Only a request to *speak* a language counts: "saako Kelasta palvelua
ruotsiksi?" asks about Kela's service and must not switch the chat.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.language.detect import FI, SV

_SWEDISH = r"(ruotsi\w*|svenska|swedish)"
_FINNISH = r"(suome\w*|suomi|finska|finnish)"
# verbs of speaking/writing/switching, in Finnish, Swedish and English
_SPEAK = (
    r"(puhu\w*|vasta\w*|kirjoit\w*|vaihd\w*|käytä|kieli\w*|"
    r"prata\w*|tala\w*|skriv\w*|svara\w*|byt\w*|ta det|kör|"
    r"speak|talk|write|answer|reply|switch|change)"
)
_POLITE = r"(kiitos|kiitti|kiitoksia|tack|please|pliis|plz)"


def _patterns(lang: str) -> list[re.Pattern]:
    return [
        re.compile(rf"\b{_SPEAK}\b.{{0,25}}\b{lang}\b"),
        re.compile(rf"^\W*(på |in )?{lang}\W*({_POLITE}\W*)?$"),
        re.compile(rf"\b(på|in) {lang}\W*{_POLITE}\b"),
        re.compile(rf"\b{lang},? {_POLITE}\b"),
    ]


_REQUESTS = {SV: _patterns(_SWEDISH), FI: _patterns(_FINNISH)}


def requested_language(text: str) -> Optional[str]:
    """The language the user explicitly asks the assistant to use, if any."""
    lowered = (text or "").lower().strip()
    hits = [lang for lang, patterns in _REQUESTS.items() if any(p.search(lowered) for p in patterns)]
    return hits[0] if len(hits) == 1 else None
