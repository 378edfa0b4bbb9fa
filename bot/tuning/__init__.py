"""Rasa 3.6 made cheaper to run, without changing what it answers.

Measured under load (py-spy on the Rasa server, 20 closed-loop users,
2026-11-24; README "Performance"): validating each action server reply
re-checked the JSON schema itself (13 % of the server's time), and the spaCy
pipeline was loaded twice (two graph nodes, each its own copy: seconds at
start and hundreds of MB) and ran its named-entity recogniser, which no
component reads (40 % of spaCy's time per message).

Applied when Rasa imports our NLU components (bot/components/__init__.py),
which it does before it builds the model's graph, in training and serving.
"""
from bot.tuning import action_response_validation, spacy_once

_applied = False


def apply() -> None:
    global _applied
    if not _applied:
        spacy_once.apply()
        action_response_validation.apply()
        _applied = True
