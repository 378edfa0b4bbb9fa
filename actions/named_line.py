"""The phone line a short typed answer names at the call-back form's topic
question: "asumistuki", "opintotuki", "kela-kortti", "bostadsbidrag", a line's
own title ("Lapsiperheet"), or a typo of them ("asumistki").

In this order: the line's key (a button), the line keywords of
content/phone_lines.yml, the topic of the answer the NLU picked for the text
(every answer knows its topic, so any benefit name the assistant answers
about works), then the closest word among the line names and answer titles.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Dict, Optional

from common.content import answer_titles, answer_topics, phone_lines
from common.phone_line import line_for

# a typo is at most about one letter in five
SIMILARITY = 0.8
MIN_WORD = 5
# Titles also hold everyday words ("Hur länge …", "… i Finland", "… kanssa"),
# which must not name a line ("vilket nummer ska jag ringa?" is no conscripts
# question): of the titles, only words as long as a benefit's compound name
# count ("asumistuki", "studiestöd"); the lines' own names count from MIN_WORD.
MIN_TITLE_WORD = 8
WORD = re.compile(r"[\wåäö-]+", re.IGNORECASE)


def line_named(text: str, answer_key: Optional[str] = None) -> Optional[str]:
    lines = phone_lines()["lines"]
    if text in lines:
        return text
    by_keyword = line_for(text, None)
    if by_keyword:
        return by_keyword
    topic = answer_topics().get((answer_key or "").split("/", 1)[-1])
    by_answer = line_for("", topic) if topic else None
    if by_answer:
        return by_answer
    vocabulary = _vocabulary()
    for word in WORD.findall(text.lower()):
        if len(word) >= MIN_WORD:
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=SIMILARITY)
            if close:
                return vocabulary[close[0]]
    return None


@lru_cache(maxsize=1)
def _vocabulary() -> Dict[str, str]:
    """Word -> line: the words of the lines' names, then those of the answers'
    titles that belong to one line only ("toimeentulotuki" is a line's name
    even though a housing answer's title has it too)."""
    lines = phone_lines()["lines"]
    by_topic = {topic: key for key, line in lines.items() for topic in line["topics"]}
    topics = answer_topics()
    from_titles: Dict[str, set] = {}
    for answer, titles in answer_titles().items():
        line = by_topic.get(topics.get(answer))
        for title in titles.values() if line else ():
            for word in WORD.findall(title.lower()):
                if len(word) >= MIN_TITLE_WORD:
                    from_titles.setdefault(word, set()).add(line)
    words = {w: next(iter(found)) for w, found in from_titles.items() if len(found) == 1}
    for key, line in lines.items():
        for name in line["name"].values():
            for word in WORD.findall(name.lower()):
                if len(word) >= MIN_WORD:
                    words[word] = key
    return words
