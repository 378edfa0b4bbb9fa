"""Rasa's REST channel (POST /webhooks/rest/webhook) with the body checked
before Rasa sees it.

Rasa's own reads request.json and trusts it: a list, a number as the
sender or a body that is not UTF-8 makes it fail with a 500. Here:

    body larger than MAX_BODY_BYTES               413 {"error": reason}
    not UTF-8, not JSON, not a JSON object        400 {"error": reason}
    sender not a non-empty printable string of
      at most 128 characters; message not a
      string; metadata not an object              400 {"error": reason}
    fields other than sender/message/metadata     ignored (Rasa's clients send
                                                  e.g. input_channel; the
                                                  channel is always "rest")
    sender over the rate limit                    429, the polite reply as the
                                                  usual [{"recipient_id", "text"}]
    empty or too long message                     200, a polite reply
    the assistant fails                           200, a polite apology

The message text is cleaned as on every channel (bot/channels/screening.py).
`?stream=true` (Rasa's streamed replies) is not offered: nothing of Neuvo's
uses it, and it would be one more path around these checks.
"""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import polite
from bot.channels.screening import MAX_SENDER_CHARS, Gate, is_valid_sender
from bot.channels.turns import take_turn
from common.visibility import marked

logger = logging.getLogger(__name__)

# A question of 2 000 characters is a few kB even as \u escapes; 64 kB leaves
# room for metadata, and lets a 10 000 character message get a polite answer.
MAX_BODY_BYTES = 64 * 1024


class BadBody(ValueError):
    """A body that is not a message; args: (reason, HTTP status)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason, self.status = reason, status


def parse_body(body: bytes) -> Dict[Text, Any]:
    """The request as {"sender", "message", "metadata"}; BadBody when it is not one."""
    if len(body) > MAX_BODY_BYTES:
        raise BadBody(f"body is larger than {MAX_BODY_BYTES} bytes", 413)
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadBody("body is not valid UTF-8") from None
    except (ValueError, RecursionError):  # RecursionError: [[[[... nested too deep
        raise BadBody("body is not JSON") from None
    if not isinstance(payload, dict):
        raise BadBody("body must be a JSON object")
    if not is_valid_sender(payload.get("sender")):
        raise BadBody(f"sender must be a non-empty printable string of at most "
                      f"{MAX_SENDER_CHARS} characters")
    if not isinstance(payload.get("message"), str):
        raise BadBody("message must be a string")
    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadBody("metadata must be a JSON object")
    return {"sender": payload["sender"], "message": payload["message"], "metadata": metadata}


def reply_json(sender: Text, texts: List[Text], status: int = 200) -> HTTPResponse:
    """Texts in the shape Rasa's REST channel answers with."""
    return response.json([{"recipient_id": sender, "text": text} for text in texts], status=status)


class RestChannel(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"  # keeps the URL /webhooks/rest/webhook

    def __init__(self, gate: Optional[Gate] = None) -> None:
        self.gate = gate if gate is not None else Gate.from_environ()

    async def handle(self, request: Request,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        try:
            message = parse_body(request.body or b"")
        except BadBody as bad:
            return response.json({"error": bad.reason}, status=bad.status)
        sender = message["sender"]
        screening = self.gate.screen(sender, message["message"])
        if screening.text is None:
            return reply_json(sender, screening.replies, 429 if screening.rate_limited else 200)

        collector = CollectingOutputChannel()
        try:
            await take_turn(on_new_message, UserMessage(
                screening.text, collector, sender, input_channel=self.name(),
                metadata=marked(self.name(), message["metadata"]),
            ))
        except (Exception, asyncio.CancelledError):
            # Rasa's channel returns what was collected, often nothing; the user
            # should hear that something went wrong. The text is not logged.
            logger.exception("REST message of %r was not answered", sender)
            return reply_json(sender, polite.replies(polite.ERROR, screening.text))
        return response.json(collector.messages)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint("neuvo_rest", __name__)

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                return await self.handle(request, on_new_message)
            except Exception:
                # a bug of ours must not become a 500 either
                logger.exception("REST request was not handled")
                return reply_json("", polite.replies(polite.ERROR))

        return rest
