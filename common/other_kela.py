"""Kela matters Neuvo does not cover, as a question names them
(content/other_kela_topics.yml): read by the NLU, which does not answer such
a question outright, and by the actions, which say where to go instead."""
from __future__ import annotations

from typing import Any, Dict, Optional

from common.content import other_kela_topics

OTHER_KELA_INTENT = "ask_other_kela_topic"
OUT_OF_SCOPE_INTENT = "out_of_scope"
# A question that names an uncovered matter by its keyword, and that the
# intent model gives at least this chance of being about one, is not answered
# outright: "did you mean" offers the matter beside the likeliest answers.
# Most answer questions that name such a matter ("sairauspäiväraha" in a
# jobseeker's question) leave it under 0.05; the routed questions answered
# outright were at 0.07-0.40. Was 0.1 (2026-12-04); 0.05 offered 3 more fi
# and 1 more sv of 2 700 answer questions and caught "borde söka
# rehabiliteringsstöd" at 0.07 (docs/answer-quality.md).
MIN_OTHER_KELA = 0.05
# Offered when the question may be about another Kela matter but names none:
# the reply lists what Neuvo covers and links Kela's list of all benefits.
GENERAL = "general"


def share_of(parse: Dict[str, Any], *intents: str) -> float:
    """The intent model's probability for these intents together."""
    return sum(r.get("confidence") or 0.0 for r in parse.get("intent_ranking") or []
               if r.get("name") in intents)


def topic_for(text: str) -> Optional[str]:
    """The table entry whose keywords the question names (the first one listed wins)."""
    lowered = (text or "").lower()
    for key, topic in other_kela_topics().items():
        if any(word in lowered for word in topic["keywords"]):
            return key
    return None


def named_other_matter(parse: Dict[str, Any]) -> Optional[str]:
    """The uncovered matter a parsed message names, when the intent model also
    gives "another Kela matter" at least MIN_OTHER_KELA; else None."""
    if share_of(parse, OTHER_KELA_INTENT) < MIN_OTHER_KELA:
        return None
    return topic_for(parse.get("text") or "")


def other_matter_option(parse: Dict[str, Any]) -> Optional[str]:
    """What "did you mean" offers beside the answers for another Kela matter:
    the matter the message names, GENERAL when it may be about one but names
    none, or None when the intent model all but rules that out."""
    if share_of(parse, OTHER_KELA_INTENT) < MIN_OTHER_KELA:
        return None
    return topic_for(parse.get("text") or "") or GENERAL
