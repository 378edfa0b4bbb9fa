"""Tell Finnish from Swedish in one chat message.

Returns "fi", "sv" or None. None means "not enough to tell" (ok, 👍, a bare
number, English): the conversation then keeps the language it already has.

lingua does the statistics; it is restricted to Finnish, Swedish and English
because those are the only languages users write to Kela's chatbot in, and
English must be able to win so that "ok thanks" does not flip the language.
A short lexicon settles one-word greetings, where lingua is unsure.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from lingua import Language, LanguageDetectorBuilder

from common.words import words

FI = "fi"
SV = "sv"

# Whole messages that need no statistics. Ambiguous ones map to None:
# "ja" is Finnish "and" and Swedish "yes"; "ok" and "no" are everyone's.
WHOLE_MESSAGE = {
    **dict.fromkeys(
        "moi moikka moro morjens hei heippa terve kiitos kiitti kiitoksia joo juu "
        "kyllä ei apua selvä okei huomenta näkemiin nähdään".split(),
        FI,
    ),
    **dict.fromkeys(
        "hej hejsan tjena tjenare hallå tack tackar nej jo javisst hejdå adjö "
        "hjälp okej fpa".split(),
        SV,
    ),
    **dict.fromkeys("ok okay ja no hi hello thanks kela yes".split(), None),
}
WHOLE_PHRASES = {
    "moi moi": FI, "hei hei": FI, "hyvää päivää": FI, "hyvää huomenta": FI,
    "hej hej": SV, "hej då": SV, "god morgon": SV, "god dag": SV,
    "god kväll": SV, "tack så mycket": SV, "tusen tack": SV,
}

# Words that only one of the two languages uses, as spelt in chat.
# They break ties when lingua's margin is thin.
FINNISH_WORDS = set(
    "mä mää minä mie sä sää sinä mun mulla mulle mua sun on ei mitä mikä miten "
    "kuinka voi voinko voiko saako saanko pitää kun jos että tai myös kela kelan "
    "kelasta kelaan kelalta haen hakea hakemus tuki tukea tuen onko olen oon".split()
)
SWEDISH_WORDS = set(
    "jag och är det hur vad kan på för inte om min mitt mina har ska får till "
    "med som ett du vi mig när vilken vem fpa fpas ansöka ansöker stöd bidrag "
    "hjälp tack hej".split()
)

# lingua must be at least this sure, and ahead of the other language by the
# margin, before a message changes the conversation's language.
MIN_CONFIDENCE = 0.55
MIN_MARGIN = 0.2

@lru_cache(maxsize=1)
def _lingua():
    return LanguageDetectorBuilder.from_languages(
        Language.FINNISH, Language.SWEDISH, Language.ENGLISH
    ).build()


# An English message: lingua ahead of Finnish and Swedish by a clear margin,
# with an English function word, or two such words with none of Finnish or Swedish, over two words
# ("ok thanks" or "hello" alone stays with the conversation's language).
# Names (Kela, FPA, OmaKela) are left out: they pull towards Finnish.
ENGLISH_MIN_MARGIN = 0.25
ENGLISH_MIN_WORDS = 3
ENGLISH_WORDS = set(
    "i my me you your is are am do does did can could what how where when why "
    "the a an of to for with please want need get lost apply help call back "
    "would should there this it".split()
)
NAMES = {"kela", "kelan", "fpa", "omakela", "mittfpa"}


def is_english(text: str) -> bool:
    """True when a whole message is clearly written in English."""
    tokens = [t for t in words(text or "") if t not in NAMES]
    if len(tokens) < ENGLISH_MIN_WORDS or any(c in text.lower() for c in "åäö"):
        return False
    if any(t in FINNISH_WORDS or t in SWEDISH_WORDS for t in tokens):
        return False
    scores = {v.language: v.value for v in _lingua().compute_language_confidence_values(" ".join(tokens))}
    english = scores.get(Language.ENGLISH, 0.0)
    others = max(scores.get(Language.FINNISH, 0.0), scores.get(Language.SWEDISH, 0.0))
    known = sum(t in ENGLISH_WORDS for t in tokens)
    # gibberish ("asdfgh qwerty") can look English to lingua: an English word is needed too
    if known and english - others >= ENGLISH_MIN_MARGIN:
        return True
    return known >= 2 and english > others


def detect_language(text: str) -> Optional[str]:
    """The language of one message, or None when it cannot be told."""
    tokens = words(text or "")
    if not tokens:
        return None
    joined = " ".join(tokens)
    if joined in WHOLE_PHRASES:
        return WHOLE_PHRASES[joined]
    if len(tokens) == 1 and tokens[0] in WHOLE_MESSAGE:
        return WHOLE_MESSAGE[tokens[0]]
    if "å" in joined:  # Finnish spelling never uses å
        return SV
    if len(joined) < 3:
        return None

    scores = {FI: 0.0, SV: 0.0, "en": 0.0}
    for value in _lingua().compute_language_confidence_values(joined):
        code = {Language.FINNISH: FI, Language.SWEDISH: SV}.get(value.language, "en")
        scores[code] = value.value
    fi_votes = sum(t in FINNISH_WORDS for t in tokens)
    sv_votes = sum(t in SWEDISH_WORDS for t in tokens)

    best = max((FI, SV), key=scores.get)
    other = SV if best == FI else FI
    if scores[best] >= MIN_CONFIDENCE and scores[best] - scores[other] >= MIN_MARGIN:
        return best
    if fi_votes != sv_votes:
        return FI if fi_votes > sv_votes else SV
    return None
