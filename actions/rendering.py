"""A domain response's text in the user's language, for messages whose buttons
an action computes (the Rasa server renders plain responses itself)."""
from __future__ import annotations

from typing import Any, Dict, Text


def render(domain: Dict[Text, Any], response: str, language: str) -> str:
    for variation in domain["responses"][response]:
        conditions = {c["name"]: c["value"] for c in variation.get("condition", [])}
        if conditions.get("language", "fi") == language:
            return variation["text"]
    return domain["responses"][response][0]["text"]
