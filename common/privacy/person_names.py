"""People's names in chat messages, Finnish and Swedish.

A name is found where people put one: after an introduction ("nimeni on",
"mä oon", "jag heter", "det är … här"), after a relation or a client
("asiakkaani", "tyttäreni", "min klient", "min son"), in a sign-off
("Terveisin", "t.", "Mvh", "/Anders") and as a message's last line on its
own. Capitalised words elsewhere are not names: a benefit, a town, Kela or a
word at the start of a sentence stays as written.

Why patterns and not the Finnish spaCy pipeline's NER: on the labelled
development set (tests/data/names_addresses.yml) the NER found Finnish names
about as well, but took ~12 ms a message (this takes well under 1 ms) and,
being Finnish-only, mislabelled Swedish sentence starts ("Mitt", "Vilket")
and towns as people (README "Security and reliability" has the figures).
"""
from __future__ import annotations

import re

from common.privacy.spans import merged

_UPPER = "A-ZÅÄÖÜÉ"
_LOWER = "a-zåäöüé"
# "Anna-Liisa", "Ylä-Outinen", "Öhman"; lower case only where a trigger says a name follows
_CAPITALISED = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_ANY_CASE = rf"[{_UPPER}{_LOWER}][{_LOWER}]+(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)?"

# Capitalised words that are never a person here.
_NOT_NAMES = {
    "kela", "kelan", "kelalle", "kelalla", "kelasta", "kelaan", "fpa", "fpa:s", "omakela", "mittfpa",
    "neuvo", "hei", "moi", "moro", "terve", "hej", "tack", "kiitos", "jag", "ja", "minä", "mä",
    "olen", "oon", "en", "ei", "nyt", "vielä", "uudestaan", "igen", "här", "tässä", "täällä",
    "och", "eli", "mutta", "men", "det", "hon", "han",
}
# Words a lower-case name does not run on into ("mun nimi on matti ja ...").
_STOP = _NOT_NAMES | {"on", "är", "e", "bor", "asun", "kan", "voinko", "saanko", "från",
                      "sekä", "som", "joka", "ku", "kun", "får"}
# Inflected words follow "olen" too ("olen Helsingistä", "olen Kelalla"): not
# names; only long words, and not -lla/-lle, as names end so too (Ville, Gunilla).
_CASE_ENDING = re.compile(r"(?:sta|stä|ssa|ssä|lta|ltä|llä)$")

_INTRODUCTIONS_ANY_CASE = (
    r"nimeni on|mun nimi on|mun nimeni on|minun nimeni on|minun nimi on|nimi on|nimi:"
    r"|hänen nimensä on|hänen nimi on|sen nimi on"
    r"|jag heter|ja heter|jag hetter|han heter|hon heter|heter"
    r"|mitt namn är|mitt namn e|namn:"
)
_INTRODUCTIONS_CAPITALISED = (
    r"olen|oon|mä oon|mä olen|minä olen|tässä|täällä|täs on|tässä on"
    r"|jag är|ja e|jag e|det är|det här är|här är"
)
_RELATIONS = (
    r"asiakkaani|asiakkaamme|asiakas|asiakkaan|tyttäreni|poikani|mieheni|vaimoni|äitini|isäni"
    r"|veljeni|siskoni|sisareni|puolisoni|avopuolisoni|kämppikseni|poikaystäväni|tyttöystäväni"
    r"|mummoni|mummo|mummi|ukki|pappani|lapseni|lähettäjänä|lähettäjä:"
    r"|min klient|vår klient|klienten|min son|min dotter|min sambo|min man|min fru|min mamma"
    r"|min pappa|min bror|min syster|min mormor|min farmor|min morfar|min farfar|avsändare:"
)
_SIGN_OFFS = (
    r"ystävällisin terveisin|terveisin|terkuin|kiittäen|t\.|t:"
    r"|vänliga hälsningar|med vänlig hälsning|hälsningar|mvh"
)

_FLAGS = re.IGNORECASE
# a name stays on one line: "Satu Öhman\nOsoite: ..." is a name and a label
_AFTER_ANY_CASE = re.compile(
    rf"\b(?:{_INTRODUCTIONS_ANY_CASE})\s+(?P<name>{_ANY_CASE}(?:[ \t]+{_ANY_CASE}){{0,2}})", _FLAGS)
_AFTER_CAPITALISED = re.compile(
    rf"(?:^|(?<=[\s,.!?]))(?i:{_INTRODUCTIONS_CAPITALISED}|{_RELATIONS}|{_SIGN_OFFS})"
    rf"[\s,]+(?P<name>{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{0,2}})")
# "Henna-Riikka tässä", "tiina laine-korhonen täällä", "det är Linnea här"
_BEFORE_HERE = re.compile(
    rf"^(?:(?:moi|hei|moro|terve|eli|hej)[,!]?\s+)?(?P<name>{_ANY_CASE}(?:[ \t]+{_ANY_CASE})?)"
    r"\s+(?:tässä|täällä|här)\b", _FLAGS)
# "-Eetu", "- Mikko", "/Anders", "//Pia" at the end
_DASH_SIGNATURE = re.compile(rf"(?:^|\s)(?:-|–|/|//)\s?(?P<name>{_CAPITALISED}(?:[ \t]+{_CAPITALISED})?)\s*$")
# a last line that is only a name (a sign-off word alone is not one)
_NAME_LINE = re.compile(rf"\n\s*(?!(?i:{_SIGN_OFFS})(?![{_LOWER}]))"
                        rf"(?P<name>{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{0,2}})\s*$")


def _trimmed(text: str, start: int, end: int, lower_case_allowed: bool) -> tuple[int, int] | None:
    """The span of the name's words, stopping at a word that is not part of a name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    kept = []
    for word in words:
        bare = word.group(0).lower()
        if bare in (_STOP if lower_case_allowed or kept else _NOT_NAMES):
            break
        if len(bare) >= 7 and _CASE_ENDING.search(bare) and not kept and not lower_case_allowed:
            return None
        kept.append(word)
    if not kept:
        return None
    return start + kept[0].start(), start + kept[-1].end()


def person_name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every person's name found in `text`."""
    text = text or ""
    spans = []
    for pattern, any_case in ((_AFTER_ANY_CASE, True), (_AFTER_CAPITALISED, False),
                              (_BEFORE_HERE, True), (_DASH_SIGNATURE, False),
                              (_NAME_LINE, False)):
        for match in pattern.finditer(text):
            span = _trimmed(text, match.start("name"), match.end("name"), any_case)
            if span:
                spans.append(span)
    return merged(spans)

