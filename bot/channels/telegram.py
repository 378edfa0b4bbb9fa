"""Telegram for Neuvo: Rasa's Telegram connector, changed where a public bot
needs it.

credentials (scripts/run.sh writes them from .env, see bot/channels/credentials.py):
    access_token  TELEGRAM_TOKEN           from @BotFather
    verify        TELEGRAM_BOT_NAME        the bot's username, checked against getMe
    webhook_url   TELEGRAM_WEBHOOK_URL     public https URL of /webhooks/telegram/webhook
    api_url       TELEGRAM_API_URL         Bot API base URL (default https://api.telegram.org)
    secret_token  TELEGRAM_WEBHOOK_SECRET  Telegram sends it back with every update

Differences from rasa.core.channels.telegram, and why:
- The Bot API base URL is a setting (a self-hosted Bot API server, a test double).
- The webhook is registered in the background after the server has started,
  retrying, instead of with `asyncio.run` while the server starts: Rasa's way
  stops the server when Telegram cannot be reached, and leaves the HTTP session
  on an event loop that no longer runs.
- With a secret token, updates without it are refused (401): otherwise anyone
  who learns the webhook URL can make the bot message any chat.
- Every update Telegram sends gets a 2xx (Telegram redelivers anything else,
  holding up the chat), redelivered updates are dropped by update_id, and a
  pressed button is acknowledged (answerCallbackQuery) so its spinner stops.
- Buttons are laid out one per row: Telegram allows at most 8 in a row and
  our topic lists have up to 15 long titles.
- "/start", which Telegram sends when a user opens the bot, greets the user in
  the language of their Telegram app (Swedish for sv, else Finnish).
- Texts are screened like on every channel (bot/channels/screening.py):
  control characters removed, an empty or too long text and a chat over the
  rate limit get a polite reply (the rate limit's once) and no processing.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import Update
from aiogram.utils.exceptions import TelegramAPIError, Unauthorized
from rasa.core.channels import telegram as rasa_telegram
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.recent_ids import RecentIds
from bot.channels.screening import Gate
from bot.channels.turns import take_turn
from common.visibility import marked

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REQUEST_TIMEOUT_S = 30
# An update is a few kB (a message is at most 4096 characters); much more is not Telegram.
MAX_BODY_BYTES = 1024 * 1024
RETRY_FIRST_S, RETRY_MAX_S = 5, 300


class TelegramOutput(rasa_telegram.TelegramOutput):
    """Rasa's Telegram output on a configurable Bot API server."""

    def __init__(self, access_token: Text, api_url: Optional[Text] = None) -> None:
        # Rasa's __init__ only forwards the token; the server is what we add.
        server = TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server, timeout=REQUEST_TIMEOUT_S)

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        button_type: Optional[Text] = "vertical",
        **kwargs: Any,
    ) -> None:
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type, **kwargs)


def start_command(language_code: Optional[str]) -> str:
    """What "/start" means to the assistant: a greeting in the app's language."""
    language = "sv" if (language_code or "").lower().startswith("sv") else "fi"
    return '/greet{"language": "%s"}' % language


def parse_update(body: bytes) -> Update:
    """An update from the webhook's body; ValueError when it is none."""
    try:
        payload = json.loads(body)
    except RecursionError:  # [[[[... nested deeper than the parser goes
        raise ValueError("not JSON: nested too deep") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
        raise ValueError("not a Telegram update: no update_id")
    return Update(**payload)


class TelegramChannel(rasa_telegram.TelegramInput):
    @classmethod
    def name(cls) -> Text:
        return "telegram"  # routes under /webhooks/telegram/, as Rasa's own

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials or not credentials.get("access_token"):
            cls.raise_missing_credentials_exception()
        return cls(
            credentials["access_token"],
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_url=credentials.get("api_url"),
            secret_token=credentials.get("secret_token"),
        )

    def __init__(
        self,
        access_token: Text,
        verify: Optional[Text],
        webhook_url: Optional[Text],
        api_url: Optional[Text] = None,
        secret_token: Optional[Text] = None,
    ) -> None:
        # debug_mode off: an error must not turn into a 500 that Telegram redelivers
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.api_url = api_url
        self.secret_token = secret_token
        self.recent_updates = RecentIds()
        self.gate = Gate.from_environ()
        self._set_up_task: Optional[asyncio.Task] = None

    def get_output_channel(self) -> TelegramOutput:
        # No network here: Rasa also calls this to push messages from its API.
        return TelegramOutput(self.access_token, self.api_url)

    async def register_webhook(self, bot: TelegramOutput) -> None:
        me = await bot.get_me()
        if self.verify and me.username != self.verify:
            logger.error("TELEGRAM_BOT_NAME is %r but the token belongs to %r", self.verify, me.username)
        if not self.webhook_url:
            logger.warning("TELEGRAM_WEBHOOK_URL is not set: Telegram's webhook was left as it is")
            return
        params = {"url": self.webhook_url}
        if self.secret_token:
            # aiogram 2.15 predates secret_token, so call the method directly
            params["secret_token"] = self.secret_token
        await bot.request("setWebhook", params)
        logger.info("Telegram webhook set to %s", self.webhook_url)

    async def _set_up_until_done(self, bot: TelegramOutput) -> None:
        delay = RETRY_FIRST_S
        while True:
            try:
                await self.register_webhook(bot)
                return
            except Unauthorized as error:  # a wrong token: retrying will not help
                logger.error("Telegram refused TELEGRAM_TOKEN: %s", error)
                return
            except (TelegramAPIError, asyncio.TimeoutError, OSError) as error:
                logger.error("Could not set Telegram's webhook (%s); retrying in %d s", error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RETRY_MAX_S)

    def _authorised(self, request: Request) -> bool:
        if not self.secret_token:
            return True
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.secret_token.encode())

    def incoming(self, update: Update) -> Optional[Tuple[Any, Text]]:
        """(chat id, text for the assistant) of an update, or None when it has
        nothing to answer (a sticker, a user joining, a poll...)."""
        if self._is_button(update):
            message, text = update.callback_query.message, update.callback_query.data
        elif self._is_edited_message(update):
            message, text = update.edited_message, update.edited_message.text
        elif update.message is not None:
            message, text = update.message, update.message.text
            if text is not None and text.split("@")[0].strip() == "/start":
                text = start_command(message.from_user and message.from_user.language_code)
            elif text is None and self._is_location(message):
                text = json.dumps({"lng": message.location.longitude, "lat": message.location.latitude})
        else:
            return None
        if message is None or message.chat is None or not isinstance(text, str) or not text:
            return None
        return message.chat.id, text

    @staticmethod
    async def say(bot: TelegramOutput, chat_id: Any, texts: List[Text]) -> None:
        try:
            for text in texts:
                await bot.send_message(chat_id, text)
        except (TelegramAPIError, asyncio.TimeoutError, OSError) as error:
            logger.warning("Telegram reply to %s failed: %s", chat_id, error)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = Blueprint("neuvo_telegram", __name__)
        bot = self.get_output_channel()

        @telegram.listener("after_server_start")
        async def set_up(_app: Any, loop: asyncio.AbstractEventLoop) -> None:
            # in the background, so REST and socket.io serve even when Telegram is unreachable
            self._set_up_task = loop.create_task(self._set_up_until_done(bot))

        @telegram.listener("before_server_stop")
        async def tear_down(_app: Any, _loop: asyncio.AbstractEventLoop) -> None:
            if self._set_up_task:
                self._set_up_task.cancel()
            await bot.session.close()  # aiogram's bot.close() is deprecated

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.text("unauthorized", status=401)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.text(f"body is larger than {MAX_BODY_BYTES} bytes", status=413)
            try:
                update = parse_update(request.body)
                found = self.incoming(update)
            except (ValueError, TypeError, AttributeError, KeyError):
                # aiogram does not check types: a part of the wrong shape fails on use
                return response.text("bad request: not a Telegram update", status=400)
            if self.recent_updates.seen_before(update.update_id):
                return response.text("duplicate")
            if found is None:
                return response.text("ignored")
            chat_id, text = found
            if self._is_button(update):
                try:
                    await bot.answer_callback_query(update.callback_query.id)
                except (TelegramAPIError, asyncio.TimeoutError) as error:
                    logger.warning("answerCallbackQuery failed: %s", error)
            screening = self.gate.screen(chat_id, text)
            if screening.text is None:
                if screening.tell_user:
                    await self.say(bot, chat_id, screening.replies)
                return response.text("rate limited" if screening.rate_limited else "answered")
            try:
                await take_turn(on_new_message, UserMessage(
                    screening.text, bot, chat_id, input_channel=self.name(),
                    metadata=marked(self.name(), self.get_metadata(request)),
                ))
            except Exception:
                # Logged, and still a 200: a redelivery could answer the user twice.
                logger.exception("Telegram update %s was not handled", update.update_id)
            return response.text("success")

        return telegram
