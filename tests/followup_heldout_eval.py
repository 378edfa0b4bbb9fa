"""Held-out two-turn conversations (tests/heldout_followups/followups_<lang>.yml):
is a short follow-up answered within the conversation's topic?

The first question is parsed and answered as the assistant would; its answer's
topic is the conversation's (when the first got "did you mean", the user is
taken to have pressed the right button). The follow-up then gets what
actions/answer.py and actions/not_understood.py give: within the topic
(actions/follow_up.py), else its own best answer. Reported like the single
questions, next to the same follow-ups read alone (no context).
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import yaml

FOLLOWUPS = Path(__file__).parent / "heldout_followups"


def load(language: str) -> list:
    path = FOLLOWUPS / f"followups_{language}.yml"
    return yaml.safe_load(path.read_text())["conversations"] if path.exists() else []


def in_context(parse: dict, topic: str, alone: Tuple[str, List[str]]) -> Tuple[str, List[str]]:
    from actions.follow_up import follow_up_read_elsewhere, within_topic

    # as action_answer / action_not_understood, and action_out_of_scope /
    # action_other_kela_topic for a follow-up the intent model read so
    if parse["intent"]["name"] in ("faq", "nlu_fallback"):
        choice = within_topic(parse, topic)
    else:
        choice = follow_up_read_elsewhere(parse, topic)
    if choice is None:
        return alone
    if choice.answer:
        return f"faq/{choice.answer}", []
    return "did_you_mean", [f"faq/{k}" for k in choice.options]


def scores(gold: list, outcomes: list) -> dict:
    n = len(gold)
    right = sum(g == p for g, (p, _) in zip(gold, outcomes))
    among = sum(p == "did_you_mean" and g in o for g, (p, o) in zip(gold, outcomes))
    wrong = sum(p.startswith("faq/") and p != g for g, (p, _) in zip(gold, outcomes))
    offered = sum(p == "did_you_mean" for p, _ in outcomes)
    return {"right": right / n, "right_or_among_offered": (right + among) / n,
            "outright_wrong": wrong / n, "did_you_mean_offered": offered / n}


async def evaluate(agent, language: str, outcome) -> Tuple[str, dict]:
    """(the report lines, the in-context scores) for one language."""
    from common.content import answer_topics

    conversations = load(language)
    if not conversations:
        return f"[{language}] follow-ups: no held-out conversations in {FOLLOWUPS}", {}
    gold, with_context, alone = [], [], []
    for c in conversations:
        first, _ = outcome(await agent.parse_message(c["first"]))
        given = first.split("/", 1)[1] if first.startswith("faq/") else c["first_answer"]
        parse = await agent.parse_message(c["follow_up"])
        own = outcome(parse)
        gold.append(f"faq/{c['answer']}")
        alone.append(own)
        with_context.append(in_context(parse, answer_topics().get(given), own))
    line = lambda s: " ".join(f"{k}={v:.3f}" for k, v in s.items())  # noqa: E731
    in_topic = scores(gold, with_context)
    return (f"[{language}] follow-ups={len(gold)} in context: {line(in_topic)}\n"
            f"[{language}] follow-ups read alone:   {line(scores(gold, alone))}"), in_topic
