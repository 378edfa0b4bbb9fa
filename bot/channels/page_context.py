"""The context a web client sends about the partner page the chat sits on
(its topic, its language), read the same way whichever client sent it.

Neuvo's own widget sends it as Rasa's `metadata` with every message;
rasa-webchat sends its `customData` prop instead, with every message and,
with some of its transports, with the session request. A client may send a
JSON string instead of an object (Rasa accepts one). Anything that is not an
object, or is larger than a page's context can be, counts as no context:
the message is still answered, only without the page's help.

What the keys mean is decided downstream (actions/conversation_topic.py
ignores a topic it does not know); here only the page's language is used, to
give a payload with no language of its own (rasa-webchat's `initPayload`,
"/greet") the page's: a payload has no words to detect a language from.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterable, Mapping, Optional, Text

# Where clients put it, weakest first: Rasa's own key wins when both are sent.
CUSTOM_DATA_KEY = "customData"
# A topic and a language take a few dozen bytes; more is not a page's context.
MAX_CONTEXT_BYTES = 2048
PAGE_LANGUAGES = ("fi", "sv")

# "/greet" or "/greet@0.9", but not "/greet{...}": one with entities says its own
_BARE_PAYLOAD = re.compile(r"^/[A-Za-z0-9_]+(?:@[0-9.]+)?$")


def _as_object(value: Any) -> Dict[Text, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return {}
    return value if isinstance(value, dict) else {}


def context_of(data: Mapping[Text, Any], keys: Iterable[Text]) -> Dict[Text, Any]:
    """The page context in a client's event `data`, from `keys` (later keys win)."""
    context: Dict[Text, Any] = {}
    for key in keys:
        context.update(_as_object(data.get(key)))
    try:
        size = len(json.dumps(context))
    except (TypeError, ValueError, RecursionError):
        return {}
    return context if size <= MAX_CONTEXT_BYTES else {}


def page_language(context: Mapping[Text, Any]) -> Optional[Text]:
    language = context.get("language")
    return language if language in PAGE_LANGUAGES else None


def in_page_language(text: Text, context: Mapping[Text, Any]) -> Text:
    """A bare payload with the page's language as its entity ("/greet" on a
    Swedish page: '/greet{"language": "sv"}'); any other text unchanged."""
    language = page_language(context)
    if language is None or not _BARE_PAYLOAD.match(text.strip()):
        return text
    return text.strip() + json.dumps({"language": language})
