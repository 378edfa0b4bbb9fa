"""Rasa's socket.io channel (the web widget's), limited to the partner sites
and hardened against whatever a client emits.

What differs from rasa.core.channels.socketio, and why:
- Origins: Rasa creates its server with cors_allowed_origins=[], which turns
  python-engineio's Origin check off, so any web page could open a chat in
  its visitor's browser. Here only the origins in NEUVO_ALLOWED_ORIGINS
  (comma-separated, e.g. https://partner.example) and the Rasa server's own
  origin (same-origin, engineio's default) may connect; engineio refuses
  others with a 400 before any socket.io event. `*` allows every origin.
  A client that sends no Origin is not a browser on a web page (a script, a
  bot): in production (NEUVO_PROFILE=prod, or NEUVO_SOCKETIO_REQUIRE_ORIGIN=on)
  it is refused, since the widget's users all come from pages; in
  development it is let in, for test clients and scripts (engineio itself
  lets such clients in, an Origin being only a browser's promise).
  `rasa run --cors` does not change this: it adds CORS headers to HTTP
  answers, and the Origin check comes first.
- Events: a payload that is not an object, a session_id that is not a short
  string, a message that is not a string, metadata that is not an object,
  a missing argument: Rasa's handlers raise on each (and log a warning per
  message); here they are ignored or get a polite reply, never an exception.
- Every message is screened like on the other channels (clean text, length
  limit, per-sender rate limit: bot/channels/screening.py); the polite
  replies go to the socket that sent the message.
- The page's context (topic, language) is read from Rasa's `metadata` and
  from rasa-webchat's `customData`, in messages and in the session request
  (bot/channels/page_context.py): a partner page that already runs
  rasa-webchat gets the same service as one with Neuvo's widget.
"""
from __future__ import annotations

import logging
import os
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text, Union

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.channels import polite
from bot.channels.page_context import CUSTOM_DATA_KEY, context_of, in_page_language
from bot.channels.screening import Gate, is_valid_sender
from bot.channels.turns import take_turn
from common.visibility import marked

logger = logging.getLogger(__name__)

ORIGINS_VARIABLE = "NEUVO_ALLOWED_ORIGINS"
REQUIRE_ORIGIN_VARIABLE = "NEUVO_SOCKETIO_REQUIRE_ORIGIN"
# The widget's messages are short; engineio's default lets one be 1 MB.
MAX_PACKET_BYTES = 64 * 1024

Origins = Union[str, List[str]]


def allowed_origins(environ: Mapping[str, str] = os.environ) -> Origins:
    """The partner origins in NEUVO_ALLOWED_ORIGINS, or "*" for all."""
    origins = [o.strip().rstrip("/") for o in environ.get(ORIGINS_VARIABLE, "").split(",")]
    origins = [o for o in origins if o]
    return "*" if "*" in origins else origins


def origin_required(environ: Mapping[str, str] = os.environ) -> bool:
    """Refuse clients without an Origin: on in production, unless set otherwise."""
    setting = environ.get(REQUIRE_ORIGIN_VARIABLE, "").strip().lower()
    if setting in ("on", "off"):
        return setting == "on"
    return environ.get("NEUVO_PROFILE", "embedded") == "prod"


class OriginCheck:
    """engineio's cors_allowed_origins: the partner origins and the server's own."""

    def __init__(self, origins: List[str]) -> None:
        self.origins = set(origins)

    def __call__(self, origin: str, environ: Mapping[str, Any]) -> bool:
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        return origin == own or origin in self.origins


class SocketIOChannel(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def __init__(self, *args: Any, gate: Optional[Gate] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gate = gate if gate is not None else Gate.from_environ()
        self.origins: Origins = allowed_origins()
        self.require_origin = origin_required()
        # what a socket's session request said of its page, until it disconnects
        self.session_contexts: Dict[Text, Dict[Text, Any]] = {}

    def sender_of(self, sid: Text, data: Dict[Text, Any]) -> Optional[Text]:
        """The conversation a message belongs to; None when it has none."""
        if not self.session_persistence:
            return sid
        session_id = data.get("session_id")
        return session_id if is_valid_sender(session_id) else None

    def metadata_of(self, sid: Text, data: Dict[Text, Any]) -> Dict[Text, Any]:
        """The page context of a message: its own, over its session request's."""
        return {**self.session_contexts.get(sid, {}),
                **context_of(data, (CUSTOM_DATA_KEY, self.metadata_key))}

    async def say(self, sid: Text, texts: List[Text]) -> None:
        for text in texts:
            await self.sio.emit(self.bot_message_evt, {"text": text}, room=sid,
                                namespace=self.namespace)

    async def session_request(self, sid: Text, data: Any = None, *_: Any) -> None:
        session_id = data.get("session_id") if isinstance(data, dict) else None
        if not is_valid_sender(session_id):
            session_id = uuid.uuid4().hex  # a new conversation, as Rasa does without one
        context = context_of(data, (CUSTOM_DATA_KEY, self.metadata_key)) \
            if isinstance(data, dict) else {}
        if context:
            self.session_contexts[sid] = context
        if self.session_persistence:
            self.sio.enter_room(sid, session_id, namespace=self.namespace)
        await self.sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

    async def user_message(self, sid: Text, data: Any,
                           on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        if not isinstance(data, dict):
            logger.debug("socket.io message from %s ignored: not an object", sid)
            return
        sender = self.sender_of(sid, data)
        if sender is None:
            logger.debug("socket.io message from %s ignored: no valid session_id", sid)
            return
        text = data.get("message")
        screening = self.gate.screen(sender, text if isinstance(text, str) else "")
        if screening.text is None:
            if screening.tell_user:
                await self.say(sid, screening.replies)
            return
        metadata = marked(self.name(), self.metadata_of(sid, data))
        try:
            await take_turn(on_new_message, UserMessage(
                in_page_language(screening.text, metadata),
                SocketIOOutput(self.sio, self.bot_message_evt), sender,
                input_channel=self.name(), metadata=metadata,
            ))
        except Exception:
            logger.exception("socket.io message of %s was not answered", sender)
            await self.say(sid, polite.replies(polite.ERROR, screening.text))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Rasa's blueprint builds the server (self.sio) and its handlers; the
        # two that read the client's data are replaced, connect checks for an
        # Origin, and disconnect forgets the socket's page context
        # (python-socketio keeps one handler per event).
        socketio_webhook = super().blueprint(on_new_message)
        self.sio.eio.cors_allowed_origins = (
            "*" if self.origins == "*" else OriginCheck(self.origins))
        self.sio.eio.max_http_buffer_size = MAX_PACKET_BYTES

        async def session_request(sid: Text, data: Any = None, *rest: Any) -> None:
            try:
                await self.session_request(sid, data)
            except Exception:
                logger.exception("socket.io session request of %s failed", sid)

        async def user_message(sid: Text, data: Any = None, *rest: Any) -> None:
            try:
                await self.user_message(sid, data, on_new_message)
            except Exception:
                logger.exception("socket.io message of %s was not handled", sid)

        async def disconnect(sid: Text) -> None:
            self.session_contexts.pop(sid, None)

        async def connect(sid: Text, environ: Mapping[str, Any], *rest: Any) -> bool:
            if self.require_origin and not environ.get("HTTP_ORIGIN"):
                logger.info("socket.io client without an Origin refused (%s)",
                            REQUIRE_ORIGIN_VARIABLE)
                return False  # python-socketio refuses the connection
            return True

        self.sio.on("connect", connect, namespace=self.namespace)
        self.sio.on("session_request", session_request, namespace=self.namespace)
        self.sio.on("disconnect", disconnect, namespace=self.namespace)
        self.sio.on(self.user_message_evt, user_message, namespace=self.namespace)
        logger.info("socket.io accepts web pages from its own origin and: %s", self.origins)
        return socketio_webhook
