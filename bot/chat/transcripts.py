"""Repository functions for chat sessions and transcripts; each takes the caller's `Session`.

Text is masked here, at the single place where it is written, so no caller can store a CPR
number, phone number or e-mail address in clear by forgetting to mask.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, TypedDict

from sqlalchemy import bindparam, delete, exists, func, insert, select, update
from sqlalchemy.orm import Session

from bot.chat.queue import queued_in_chat
from bot.clock import as_utc, utcnow
from bot.db import update_by_key
from bot.masking import mask_personal_data
from bot.models.chat import (
    SENDER_BOT,
    SENDER_CITIZEN,
    ChatMessage,
    ChatSession,
)


class Button(TypedDict):
    title: str
    payload: str


class MessageOut(TypedDict, total=False):
    """A transcript line as the browser receives it (`card` only on a structured message)."""

    seq: int
    sender: str
    text: str
    buttons: list[Button]
    client_id: str | None
    at: str
    card: dict[str, Any]


def new_session_id() -> str:
    # 32 random bytes: the id is also Rasa's sender id, so it must not be guessable.
    return secrets.token_urlsafe(32)


def address_hash(secret_key: str, address: str) -> str:
    """Keyed hash of a client address, so we can count sessions without storing the address."""
    return hmac.new(secret_key.encode(), address.encode(), hashlib.sha256).hexdigest()


_INSERT_SESSION = insert(ChatSession.__table__)


def create_session(
    session: Session, *, address_key: str, now: datetime | None = None
) -> ChatSession:
    """A new chat, written with one Core INSERT (the returned object is not in the session)."""
    at = now or utcnow()
    values = {"id": new_session_id(), "created_at": at, "last_activity_at": at,
              "address_hash": address_key, "last_seq": 0, "offered_buttons": []}
    session.flush()  # pending ORM changes first, as the ORM's autoflush did
    session.execute(_INSERT_SESSION, values)
    return ChatSession(**values)


def get_session(session: Session, session_id: str) -> ChatSession | None:
    return session.get(ChatSession, session_id)


_LANGUAGE = select(ChatSession.__table__.c.language).where(
    ChatSession.__table__.c.id == bindparam("chat_id"))


def chat_language(session: Session, session_id: str) -> str | None:
    """The chat's language code as stored; None when there is no such chat (a Core read)."""
    row = session.execute(_LANGUAGE, {"chat_id": session_id}).first()
    return None if row is None else str(row.language or "da")


@dataclass(frozen=True)
class ChatState:
    """What every chat turn reads of the session row (a Core read: a third of the ORM's cost)."""

    owner: str
    identity: dict[str, Any] | None
    offered_buttons: list[Button]
    language: str
    language_confirmed: bool


_CHAT_STATE = (
    ChatSession.__table__.c.owner, ChatSession.__table__.c.identity,
    ChatSession.__table__.c.offered_buttons, ChatSession.__table__.c.language,
    ChatSession.__table__.c.language_confirmed,
)


def _chat_state(row: Any) -> ChatState:
    return ChatState(owner=str(row.owner), identity=row.identity,
                     offered_buttons=list(row.offered_buttons or []),
                     language=str(row.language or "da"),
                     language_confirmed=bool(row.language_confirmed))


def set_language(session: Session, session_id: str, language: str) -> None:
    """The citizen chose the chat's language: it is confirmed, never asked about again."""
    update_by_key(session, ChatSession.id, session_id, language=language,
                  language_confirmed=True)


def count_sessions_from_address(session: Session, address_key: str, since: datetime) -> int:
    query = select(func.count(ChatSession.id)).where(
        ChatSession.address_hash == address_key, ChatSession.created_at >= since
    )
    return int(session.execute(query).scalar_one())


# A Core read: it runs only for a resend (the turn's read found the browser id).
_BY_CLIENT_ID = select(ChatMessage.__table__).where(
    ChatMessage.__table__.c.session_id == bindparam("chat_id"),
    ChatMessage.__table__.c.client_id == bindparam("client_id"),
)


@dataclass(frozen=True)
class TurnState:
    """What a citizen's turn reads before its message is stored."""

    chat: ChatState
    # Citizen messages of this chat since the rate limit's window began.
    sent_since: int
    # A line of the chat waits for Rasa: a new one must queue behind it, to keep the order.
    queued: bool
    # The line already stored with the browser's id: this message is a resend.
    resent: bool


_SESSIONS = ChatSession.__table__
_MESSAGES = ChatMessage.__table__
_OF_THIS_CHAT = _MESSAGES.c.session_id == _SESSIONS.c.id
# One statement instead of four on every citizen message (docs/BENCHMARKS.md, "Gateway
# overhead"); each subquery is served by an index of chat_messages (tests/bot/test_db.py).
_TURN_STATE = select(
    *_CHAT_STATE,
    select(func.count(_MESSAGES.c.id)).where(
        _OF_THIS_CHAT, _MESSAGES.c.sender == SENDER_CITIZEN,
        _MESSAGES.c.created_at >= bindparam("since"),
    ).scalar_subquery().label("sent_since"),
    queued_in_chat(_SESSIONS.c.id).label("queued"),
    exists().where(_OF_THIS_CHAT, _MESSAGES.c.client_id == bindparam("client_id")
                   ).label("resent"),
).where(_SESSIONS.c.id == bindparam("chat_id"))


def get_turn_state(session: Session, session_id: str, *, client_id: str,
                   since: datetime) -> TurnState | None:
    """The chat's state, its rate count, its queue and the resend check, in one read."""
    params = {"chat_id": session_id, "client_id": client_id, "since": since}
    row = session.connection().execute(_TURN_STATE, params).first()
    if row is None:
        return None
    return TurnState(chat=_chat_state(row), sent_since=int(row.sent_since),
                     queued=bool(row.queued), resent=bool(row.resent))


def find_by_client_id(session: Session, session_id: str, client_id: str) -> ChatMessage | None:
    """The stored line with this browser id, as a detached `ChatMessage` (read only)."""
    row = session.execute(_BY_CLIENT_ID, {"chat_id": session_id, "client_id": client_id}).first()
    return ChatMessage(**row._mapping) if row is not None else None


# Built once: each chat turn appends a few lines, and building and keying these statements
# anew cost more than running them (docs/BENCHMARKS.md, "Gateway overhead"). The turn's
# statements run on the session's connection, in its transaction: the ORM's execute path
# around a Core statement cost about a sixth of the turn's database work ("Seventh pass").
_NEXT_SEQ = (
    update(_SESSIONS)
    .where(_SESSIONS.c.id == bindparam("chat_id"))
    .values(last_seq=_SESSIONS.c.last_seq + 1, last_activity_at=bindparam("at"))
)
# The increment and the read of the new number in one statement where the library and the
# database allow it (SQLAlchemy 2 with SQLite >= 3.35 or PostgreSQL: the gateway's
# environment); SQLAlchemy 1.4 on SQLite (Rasa's environment, in tests) reads it after.
_NEXT_SEQ_RETURNING = _NEXT_SEQ.returning(_SESSIONS.c.last_seq)
_LAST_SEQ = select(_SESSIONS.c.last_seq).where(_SESSIONS.c.id == bindparam("chat_id"))
_INSERT_MESSAGE = insert(_MESSAGES)


def _next_seq(session: Session, params: dict[str, Any], *, returning: Any, plain: Any) -> int:
    """Run a statement that moves the chat's `last_seq` on; the new `last_seq`.

    The UPDATE takes the row's write lock, so two writers (even in two processes) can never
    get the same number.
    """
    if getattr(session.get_bind().dialect, "update_returning", False):
        return int(session.connection().execute(returning, params).scalar_one())
    session.execute(plain, params)
    return int(session.execute(_LAST_SEQ, {"chat_id": params["chat_id"]}).scalar_one())


def _line(session_id: str, seq: int, *, sender: str, text: str, at: datetime,
          client_id: str | None = None, buttons: Sequence[Button] = (),
          forward_state: str | None = None, card: dict[str, Any] | None = None
          ) -> dict[str, Any]:
    """A transcript row's values, masked: the single place where a line's text is stored."""
    return {
        "session_id": session_id,
        "seq": seq,
        "client_id": client_id,
        "sender": sender,
        "created_at": at,
        "text": mask_personal_data(text),
        "buttons": [
            Button(title=mask_personal_data(b["title"]), payload=b["payload"]) for b in buttons
        ],
        "forward_state": forward_state,
        "card": mask_card(card) if card is not None else None,
    }


def append_message(
    session: Session,
    session_id: str,
    *,
    sender: str,
    text: str,
    client_id: str | None = None,
    buttons: Sequence[Button] = (),
    forward_state: str | None = None,
    now: datetime | None = None,
    card: dict[str, Any] | None = None,
) -> ChatMessage:
    """Store one transcript line (masked) at the session's next sequence number.

    Written with Core statements, not the ORM's unit of work (a line is never changed
    through the returned object); the returned `ChatMessage` is not in the session.
    """
    at = now or utcnow()
    session.flush()  # pending ORM changes first, as the ORM's autoflush did
    seq = _next_seq(session, {"chat_id": session_id, "at": at},
                    returning=_NEXT_SEQ_RETURNING, plain=_NEXT_SEQ)
    values = _line(session_id, seq, sender=sender, text=text, at=at, client_id=client_id,
                   buttons=buttons, forward_state=forward_state, card=card)
    inserted = session.connection().execute(_INSERT_MESSAGE, values)
    return ChatMessage(id=inserted.inserted_primary_key[0], **values)


class BotLine(NamedTuple):
    text: str
    buttons: Sequence[Button] = ()
    card: dict[str, Any] | None = None


_RESERVE_SEQS = (
    update(_SESSIONS)
    .where(_SESSIONS.c.id == bindparam("chat_id"))
    .values(last_seq=_SESSIONS.c.last_seq + bindparam("count"), last_activity_at=bindparam("at"),
            offered_buttons=bindparam("new_buttons"))
)
_RESERVE_SEQS_RETURNING = _RESERVE_SEQS.returning(_SESSIONS.c.last_seq)


def append_bot_turn(session: Session, session_id: str, lines: Sequence[BotLine],
                    offered: Sequence[Button], now: datetime | None = None) -> list[MessageOut]:
    """Store the bot's lines of one turn and the buttons they offer, in two statements.

    Like `append_message` for each line and then `set_offered_buttons`, but a turn is the
    gateway's most frequent write (docs/BENCHMARKS.md, "Gateway overhead"): one UPDATE
    reserves the lines' numbers and stores the buttons, one INSERT writes the lines.
    Returns the stored (masked) lines as the browser gets them.
    """
    if not lines:
        set_offered_buttons(session, session_id, offered)
        return []
    at = now or utcnow()
    session.flush()
    last = _next_seq(session, {"chat_id": session_id, "at": at, "count": len(lines),
                               "new_buttons": [dict(b) for b in offered]},
                     returning=_RESERVE_SEQS_RETURNING, plain=_RESERVE_SEQS)
    first = last - len(lines) + 1
    rows = [_line(session_id, first + i, sender=SENDER_BOT, text=line.text, at=at,
                  buttons=line.buttons, card=line.card) for i, line in enumerate(lines)]
    session.connection().execute(_INSERT_MESSAGE, rows)
    return [row_out(row) for row in rows]


def messages_after(
    session: Session, session_id: str, after_seq: int, limit: int = 500
) -> list[ChatMessage]:
    query = (
        select(ChatMessage)
        .where(ChatMessage.session_id == session_id, ChatMessage.seq > after_seq)
        .order_by(ChatMessage.seq)
        .limit(limit)
    )
    return list(session.execute(query).scalars())


# Both run on every chat turn: built once, like append_message's statements.
_SET_FORWARD_STATE = (
    update(_MESSAGES).where(_MESSAGES.c.id == bindparam("message_id"))
    .values(forward_state=bindparam("new_state"))
)
_SET_OFFERED_BUTTONS = (
    update(_SESSIONS).where(_SESSIONS.c.id == bindparam("chat_id"))
    .values(offered_buttons=bindparam("new_buttons"))
)


def set_forward_state(session: Session, message_id: int, state: str) -> None:
    session.flush()  # pending ORM changes first, as the ORM's autoflush did
    session.connection().execute(_SET_FORWARD_STATE,
                                 {"message_id": message_id, "new_state": state})


def set_offered_buttons(session: Session, session_id: str, buttons: Sequence[Button]) -> None:
    session.flush()
    session.execute(_SET_OFFERED_BUTTONS,
                    {"chat_id": session_id, "new_buttons": [dict(b) for b in buttons]})


def set_identity(session: Session, session_id: str, identity: dict[str, Any]) -> None:
    update_by_key(session, ChatSession.id, session_id, identity=identity)


def set_owner(session: Session, session_id: str, owner: str) -> None:
    """Hand the chat to an advisor or back to the bot (used by the handover side)."""
    update_by_key(session, ChatSession.id, session_id, owner=owner)


def purge_inactive_sessions(session: Session, *, inactive_before: datetime) -> int:
    """Delete every session (and its transcript) quiet since `inactive_before`; return count."""
    stale = select(ChatSession.id).where(ChatSession.last_activity_at < inactive_before)
    session.execute(
        delete(ChatMessage)
        .where(ChatMessage.session_id.in_(stale))
        .execution_options(synchronize_session=False)
    )
    result = session.execute(
        delete(ChatSession)
        .where(ChatSession.last_activity_at < inactive_before)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def to_out(message: ChatMessage) -> MessageOut:
    return row_out(
        {"seq": message.seq, "sender": message.sender, "text": message.text,
         "buttons": message.buttons, "client_id": message.client_id,
         "created_at": message.created_at, "card": message.card}
    )


def row_out(row: Mapping[str, Any]) -> MessageOut:
    """A stored line's values as the browser gets them (no ORM object: a turn's hot path)."""
    out = MessageOut(
        seq=int(row["seq"]),
        sender=str(row["sender"]),
        text=str(row["text"]),
        buttons=[Button(title=b["title"], payload=b["payload"]) for b in (row["buttons"] or [])],
        client_id=row["client_id"],
        at=as_utc(row["created_at"]).isoformat(),
    )
    if row["card"]:
        out["card"] = dict(row["card"])
    return out


def mask_card(value: Any) -> Any:
    """Every text in a card masked like a transcript line; the structure kept."""
    if isinstance(value, str):
        return mask_personal_data(value)
    if isinstance(value, list):
        return [mask_card(item) for item in value]
    if isinstance(value, dict):
        return {key: mask_card(item) for key, item in value.items()}
    return value
