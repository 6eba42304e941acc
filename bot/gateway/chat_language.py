"""The chat's language in the gateway (issue #18): chosen, detected, confirmed, sent to Rasa.

- The widget sends the language the citizen sees (browser language or the "English"/"Dansk"
  switch) when the chat starts and when it is switched: that choice is confirmed.
- In a Danish chat whose language is not confirmed, a message that is clearly English
  (bot.chat.language_detect) is answered in English at once, and the gateway then asks once,
  in both languages, whether to continue in English: the buttons "English" / "Dansk" carry the
  payloads `/br_language en|da`, which the gateway handles itself and never forwards to Rasa.
- Every message to Rasa carries the chat's language as trusted metadata `br_language`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat import texts
from bot.chat.language_detect import detect_language
from bot.chat.transcripts import (
    Button,
    ChatState,
    append_message,
    get_session,
    set_offered_buttons,
    to_out,
)
from bot.gateway.state import HUB
from bot.i18n import LANGUAGES, localized, normalize_language
from bot.models.chat import SENDER_SYSTEM
from bot.web.database import run_unit

METADATA_LANGUAGE = "br_language"
PAYLOAD_PREFIX = "/br_language "


def language_buttons() -> list[Button]:
    return [
        {"title": texts.LANGUAGE_BUTTON_EN, "payload": f"{PAYLOAD_PREFIX}en"},
        {"title": texts.LANGUAGE_BUTTON_DA, "payload": f"{PAYLOAD_PREFIX}da"},
    ]


def choice_of(payload: str | None) -> str | None:
    """"en"/"da" when the payload is one of the language buttons, else None."""
    if payload and payload.startswith(PAYLOAD_PREFIX):
        choice = payload.removeprefix(PAYLOAD_PREFIX).strip()
        return choice if choice in LANGUAGES else None
    return None


@dataclass(frozen=True)
class TurnLanguage:
    """The language of one citizen turn and what the gateway does about it."""

    language: str
    chosen: bool = False  # a language button: handled here, not forwarded to Rasa
    ask: bool = False  # English in a Danish chat: ask "continue in English?" after the answer


def language_for_turn(chat: ChatState, *, choice: str | None, text: str | None) -> TurnLanguage:
    """Decide the turn's language; a choice is for the caller to store (`set_language`)."""
    if choice is not None:
        return TurnLanguage(choice, chosen=True)
    current = normalize_language(chat.language)
    if text and current == "da" and not chat.language_confirmed and detect_language(text) == "en":
        return TurnLanguage("en", ask=True)
    return TurnLanguage(current)


async def after_turn(app: web.Application, session_id: str, turn: TurnLanguage | None) -> None:
    """Ask "continue in English?" or confirm a choice, as the turn requires."""
    if turn is None or not (turn.chosen or turn.ask):
        return
    if turn.chosen:  # stored with the turn; the chat's open sockets speak it from now on
        await app[HUB].set_language(session_id, turn.language)

    def work(session: Session) -> dict[str, Any]:
        if turn.ask:
            chat = get_session(session, session_id)
            offered = list(chat.offered_buttons or []) if chat is not None else []
            buttons = language_buttons()
            stored = append_message(session, session_id, sender=SENDER_SYSTEM,
                                    text=texts.LANGUAGE_QUESTION, buttons=buttons)
            set_offered_buttons(session, session_id, [*offered, *buttons])
        else:
            said = localized(texts, turn.language).LANGUAGE_NOW
            stored = append_message(session, session_id, sender=SENDER_SYSTEM, text=said)
        return dict(to_out(stored))

    line = await run_unit(app, work)
    await app[HUB].send_to_session(session_id, {"type": "message", **line})
