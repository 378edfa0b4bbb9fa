"""A Jodel-style public board as a Rasa channel: anonymous users post in a
public channel, the board calls our webhook, Neuvo replies in the thread.

Inbound:  POST /webhooks/jodel/webhook
          {"post_id": "...", "thread_id": "...", "channel": "...", "text": "..."}
          header X-Jodel-Signature: sha256=<hex HMAC-SHA256 of the raw body, key JODEL_SECRET>
Outbound: POST {JODEL_API_URL}/threads/{thread_id}/replies
          {"text": "...", "in_reply_to": "<post_id>"}
          headers X-Jodel-Signature (same scheme, our body) and, when
          JODEL_API_TOKEN is set, Authorization: Bearer <token>

Users are anonymous, so the conversation is the thread: sender id = thread id.
Buttons become a plain list of their titles: a board has no buttons, and the
user answers by writing the title.

Post texts are screened like on every channel (bot/channels/screening.py):
control characters removed, a text that is empty after that or too long, and
a thread over the rate limit, get a polite reply (the rate limit's once) and
are not passed on. The rate limit counts per thread, the conversation.

Everything on the board is public. A post with personal data (an identity
code, a phone number, an e-mail address or an IBAN) never reaches the
assistant (nor its tracker or logs): the post gets a fixed reply, in the
post's language, asking to remove the data and to use OmaKela or the phone
service for personal matters. A name or a street address is not refused (the
board is public already, and people sign posts): it is redacted before the
tracker store and the logs, like everywhere. A call-back request gets the
private ways instead of a question for a phone number
(bot/components/public_channel_guard.py).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text
from urllib.parse import quote

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import signature
from bot.channels.recent_ids import RecentIds
from bot.channels.screening import Gate
from bot.channels.turns import take_turn
from common.visibility import marked
from bot.language.detect import detect_language
from common.privacy.personal_data import CONTACT_KINDS, contains_personal_data, without_personal_data

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Jodel-Signature"
MAX_BODY_BYTES = 16 * 1024  # a post is short; anything bigger is not a post
MAX_TEXT_CHARS = 4000
MAX_ID_CHARS = 128
REPLY_TIMEOUT_S = 30

PRIVACY_REPLY = {
    "fi": (
        "Viestissäsi on henkilötietoja (henkilötunnus, puhelinnumero, "
        "sähköpostiosoite tai tilinumero). Tämä keskustelu on julkinen: "
        "poista ne viestistäsi. En käsitellyt viestiä. "
        "Omia asioitasi voit hoitaa turvallisesti OmaKelassa tai Kelan "
        "puhelinpalvelussa: kela.fi/soita-kelaan. Yleisiin kysymyksiin vastaan "
        "täällä mielelläni ilman henkilötietoja."
    ),
    "sv": (
        "Ditt inlägg innehåller personuppgifter (personbeteckning, "
        "telefonnummer, e-postadress eller kontonummer). Den här diskussionen "
        "är offentlig: ta bort dem ur ditt inlägg. Jag behandlade inte "
        "inlägget. Dina egna ärenden kan du sköta "
        "tryggt i MittFPA eller i FPA:s telefontjänst: kela.fi/soita-kelaan. "
        "Allmänna frågor svarar jag gärna på här, utan personuppgifter."
    ),
}


class BadPost(ValueError):
    """A webhook body that is not a post; the message is the 400's reason."""


def parse_post(body: bytes) -> Dict[Text, Text]:
    try:
        post = json.loads(body)
    except (ValueError, RecursionError):  # also not UTF-8; [[[[... nested too deep
        raise BadPost("body is not JSON") from None
    if not isinstance(post, dict):
        raise BadPost("body is not a JSON object")
    for field, limit in (("post_id", MAX_ID_CHARS), ("thread_id", MAX_ID_CHARS),
                         ("channel", MAX_ID_CHARS), ("text", MAX_TEXT_CHARS)):
        value = post.get(field)
        if not isinstance(value, str) or not value.strip():
            raise BadPost(f"{field} must be a non-empty string")
        if len(value) > limit:
            raise BadPost(f"{field} is longer than {limit} characters")
    for field in ("post_id", "thread_id", "channel"):
        # ids go into URLs and logs: no control characters, no lone surrogates
        if not post[field].isprintable():
            raise BadPost(f"{field} has unprintable characters")
    return post


def privacy_reply(text: Text) -> Text:
    # the language of the words around the personal data; Finnish when unclear
    return PRIVACY_REPLY.get(detect_language(without_personal_data(text)), PRIVACY_REPLY["fi"])


class JodelOutput(OutputChannel):
    """Replies in one thread through the board's reply API."""

    @classmethod
    def name(cls) -> Text:
        return "jodel"

    def __init__(self, api_url: Text, secret: Text, api_token: Optional[Text] = None,
                 in_reply_to: Optional[Text] = None) -> None:
        self.api_url = api_url.rstrip("/")
        self.secret = secret
        self.api_token = api_token
        self.in_reply_to = in_reply_to

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        reply: Dict[Text, Any] = {"text": text}
        if self.in_reply_to:
            reply["in_reply_to"] = self.in_reply_to
        body = json.dumps(reply, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json",
                   SIGNATURE_HEADER: signature.sign(self.secret, body)}
        if self.api_token:
            headers["Authorization"] = f"Bearer {self.api_token}"
        # the thread id comes from the board: quoted, so it cannot change the path
        url = f"{self.api_url}/threads/{quote(recipient_id, safe='')}/replies"
        # A session per reply: replies are rare, and a session kept across
        # requests would have to be tied to the server's event loop.
        timeout = aiohttp.ClientTimeout(total=REPLY_TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(url, data=body, headers=headers) as answer:
                answer.raise_for_status()

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        options = "\n".join(f"- {button['title']}" for button in buttons if button.get("title"))
        await self.send_text_message(recipient_id, f"{text}\n{options}" if options else text)


class JodelChannel(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "jodel"  # routes under /webhooks/jodel/

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        # A half-configured channel is a mistake to report at start, not at the first post.
        for key, variable in (("secret", "JODEL_SECRET"), ("api_url", "JODEL_API_URL")):
            if not credentials.get(key):
                raise RasaException(f"The jodel channel needs {variable} (.env, see .env.example)")
        return cls(credentials["secret"], credentials["api_url"], credentials.get("api_token"))

    def __init__(self, secret: Text, api_url: Text, api_token: Optional[Text] = None) -> None:
        self.secret = secret
        self.api_url = api_url
        self.api_token = api_token
        self.recent_posts = RecentIds()
        self.gate = Gate.from_environ()

    def get_output_channel(self) -> Optional[OutputChannel]:
        return None  # a reply needs a thread; Rasa cannot start one on the board

    def output_for(self, post_id: Optional[Text] = None) -> JodelOutput:
        return JodelOutput(self.api_url, self.secret, self.api_token, in_reply_to=post_id)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        jodel = Blueprint("neuvo_jodel", __name__)

        @jodel.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @jodel.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.body or b""
            if len(body) > MAX_BODY_BYTES:
                return response.text(f"body is larger than {MAX_BODY_BYTES} bytes", status=413)
            # Authenticate before reading anything: an unsigned body is not looked at.
            if not signature.is_valid(self.secret, body, request.headers.get(SIGNATURE_HEADER)):
                return response.text("missing or wrong signature", status=401)
            try:
                post = parse_post(body)
            except BadPost as reason:
                return response.text(f"bad request: {reason}", status=400)

            post_id, thread_id = post["post_id"], post["thread_id"]
            if self.recent_posts.seen_before(post_id):
                return response.text("duplicate")
            output = self.output_for(post_id)
            screening = self.gate.screen(thread_id, post["text"])
            text = screening.text
            try:
                if text is None:
                    if screening.tell_user:
                        for reply in screening.replies:
                            await output.send_text_message(thread_id, reply)
                    return response.text("rate limited" if screening.rate_limited else "answered")
                if contains_personal_data(text, CONTACT_KINDS):
                    logger.info("Jodel post %s holds personal data: not passed to the assistant", post_id)
                    await output.send_text_message(thread_id, privacy_reply(text))
                    return response.text("refused: personal data")
                await take_turn(on_new_message, UserMessage(
                    text, output, thread_id, input_channel=self.name(), message_id=post_id,
                    metadata=marked(self.name(), {"jodel_channel": post["channel"]}),
                ))
            except Exception:
                # Not answered: forget the post so that the board's redelivery is tried again.
                self.recent_posts.forget(post_id)
                logger.exception("Jodel post %s was not answered", post_id)
                return response.text("error", status=502)
            return response.text("success")

        return jodel
