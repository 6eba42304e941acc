"""The chat's limits: message length, messages per minute per session, sessions per address.

Counts come from the database, not process memory, so the limits hold across gateway
processes and restarts (a turn's message count is read with the rest of its state:
`bot.chat.transcripts.get_turn_state`). Each check returns the refusal to show in the chat's
language (issue #18), or None to go ahead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.chat import texts as texts_da
from bot.chat.transcripts import count_sessions_from_address
from bot.i18n import localized
from bot.settings import GatewaySettings


def check_message_text(text: str, settings: GatewaySettings, language: str = "da"
                       ) -> str | None:
    texts = localized(texts_da, language)
    if not text.strip():
        return texts.MESSAGE_EMPTY
    if len(text) > settings.max_message_chars:
        return texts.MESSAGE_TOO_LONG.format(max_chars=settings.max_message_chars)
    return None


# The window of `messages_per_minute`.
RATE_WINDOW = timedelta(minutes=1)


def message_rate_refusal(sent_in_window: int, settings: GatewaySettings,
                         language: str = "da") -> str | None:
    """The refusal when the chat already sent its share of messages in the last minute."""
    if sent_in_window >= settings.messages_per_minute:
        return str(localized(texts_da, language).TOO_MANY_MESSAGES)
    return None


def check_new_session_rate(
    session: Session, address_key: str, settings: GatewaySettings, now: datetime,
    language: str = "da",
) -> str | None:
    """No chat exists yet: `language` is the browser's (bot.i18n.language_of_browser)."""
    started = count_sessions_from_address(session, address_key, now - timedelta(hours=1))
    if started >= settings.sessions_per_address_per_hour:
        return str(localized(texts_da, language).TOO_MANY_SESSIONS)
    return None
