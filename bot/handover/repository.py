"""Small queries on handovers, notes and call-backs; each takes the caller's session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.handover import context as ctx
from bot.inquiries import repository as inquiries
from bot.models.handover import (
    CALLBACK_DONE,
    CALLBACK_OPEN,
    STATUS_ACTIVE,
    STATUS_WAITING,
    URGENCY_RANK,
    Callback,
    Handover,
    HandoverNote,
)


def create_handover(
    session: Session,
    *,
    session_id: str,
    context: ctx.HandoverContext,
    status: str,
    now: datetime,
    person_ref: str | None = None,
) -> Handover:
    case = context.get("case")
    handover = Handover(
        session_id=session_id,
        reason=context["reason"],
        urgency=context["urgency"],
        urgency_rank=URGENCY_RANK.get(context["urgency"], 1),
        status=status,
        created_at=now,
        verified=context["identity"]["verified"],
        person_ref=person_ref,
        journal_number=case["journal_number"] if case else None,
        open_question=context["open_question"],
        context_json=ctx.dumps(context),
    )
    session.add(handover)
    session.flush()
    # The inquiry register (seed 2.2.5) times the wait for an advisor from here.
    inquiries.record_handover_requested(session, session_id, at=now)
    if handover.journal_number:
        inquiries.link_case(session, session_id, handover.journal_number)
    return handover


def get_handover(session: Session, handover_id: int) -> Handover | None:
    return session.get(Handover, handover_id)


def open_handover_for_session(session: Session, session_id: str) -> Handover | None:
    """The chat's handover that is waiting or being handled, if any."""
    return session.execute(
        select(Handover)
        .where(Handover.session_id == session_id,
               Handover.status.in_((STATUS_WAITING, STATUS_ACTIVE)))
        .order_by(Handover.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def latest_handover_for_session(session: Session, session_id: str) -> Handover | None:
    """The chat's most recent handover, whatever its status (also one that just ended)."""
    return session.execute(
        select(Handover).where(Handover.session_id == session_id)
        .order_by(Handover.id.desc()).limit(1)
    ).scalar_one_or_none()


def add_note(
    session: Session, *, handover_id: int, author_id: int, text: str, now: datetime,
    kind: str = "note",
) -> HandoverNote:
    note = HandoverNote(
        handover_id=handover_id, author_id=author_id, text=text, kind=kind, created_at=now
    )
    session.add(note)
    session.flush()
    return note


def notes_for(session: Session, handover_id: int) -> list[HandoverNote]:
    return list(
        session.execute(
            select(HandoverNote)
            .where(HandoverNote.handover_id == handover_id)
            .order_by(HandoverNote.created_at, HandoverNote.id)
        ).scalars()
    )


def create_callback(
    session: Session,
    *,
    session_id: str,
    phone: str,
    time_window: str,
    reason: str,
    urgency: str,
    context_json: str,
    now: datetime,
    handover_id: int | None = None,
) -> Callback:
    callback = Callback(
        handover_id=handover_id,
        session_id=session_id,
        phone=phone,
        time_window=time_window,
        reason=reason,
        urgency=urgency,
        context_json=context_json,
        created_at=now,
        status=CALLBACK_OPEN,
    )
    session.add(callback)
    session.flush()
    return callback


def open_callbacks(session: Session) -> list[Callback]:
    """The follow-up list: urgent first, then oldest first."""
    return list(
        session.execute(
            select(Callback)
            .where(Callback.status == CALLBACK_OPEN)
            .order_by(Callback.urgency.desc(), Callback.created_at, Callback.id)
        ).scalars()
    )


def get_callback(session: Session, callback_id: int) -> Callback | None:
    return session.get(Callback, callback_id)


def mark_callback_done(session: Session, callback_id: int, advisor_id: int, now: datetime) -> bool:
    result = session.execute(
        update(Callback)
        .where(Callback.id == callback_id, Callback.status == CALLBACK_OPEN)
        .values(status=CALLBACK_DONE, done_by=advisor_id, done_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)


def active_handovers(session: Session, *, claimed_by: int | None = None) -> list[Handover]:
    """Chats advisors are handling (only `claimed_by`'s, if given), the longest-held first."""
    query = select(Handover).where(Handover.status == STATUS_ACTIVE)
    if claimed_by is not None:
        query = query.where(Handover.claimed_by == claimed_by)
    return list(session.execute(query.order_by(Handover.claimed_at)).scalars())
