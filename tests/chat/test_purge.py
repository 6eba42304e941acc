"""Transcripts past their retention are deleted by `purge-transcripts`, and the purge is audited."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from bot.chat.purge import purge_transcripts
from bot.chat.transcripts import append_message, create_session
from bot.cli import main
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.models.audit import AuditEvent
from bot.models.chat import ChatMessage, ChatSession
from bot.settings import load_settings

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)


def _factory() -> sessionmaker:
    engine = make_engine(load_settings().database)
    create_all(engine)
    return make_session_factory(engine)


def _chat_last_active(factory: sessionmaker, at: datetime) -> str:
    with session_scope(factory) as session:
        chat = create_session(session, address_key="k", now=at)
        append_message(session, chat.id, sender="citizen", text="hej", now=at)
        return str(chat.id)


def test_purge_deletes_only_chats_quiet_for_longer_than_the_retention() -> None:
    factory = _factory()
    old = _chat_last_active(factory, NOW - timedelta(days=91))
    recent = _chat_last_active(factory, NOW - timedelta(days=89))

    assert purge_transcripts(factory, retention_days=90, now=NOW) == 1

    with session_scope(factory) as session:
        assert session.execute(select(ChatSession.id)).scalars().all() == [recent]
        left = session.execute(select(ChatMessage.session_id)).scalars().all()
        assert left == [recent] and old not in left
        audit = session.execute(select(AuditEvent)).scalar_one()
        assert (audit.action, audit.actor_type) == ("transcripts_purged", "system")
        assert "deleted=1" in audit.detail and "retention_days=90" in audit.detail


def test_purge_refuses_a_retention_below_one_day() -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        purge_transcripts(_factory(), retention_days=0)


def test_purge_command_uses_the_configured_retention(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BR_TRANSCRIPT_RETENTION_DAYS", "7")
    factory = _factory()
    now = datetime.now(timezone.utc)
    _chat_last_active(factory, now - timedelta(days=8))
    kept = _chat_last_active(factory, now - timedelta(days=6))

    assert main(["purge-transcripts"]) == 0

    assert "Deleted 1 chat transcript(s) quiet for over 7 days" in capsys.readouterr().out
    with session_scope(factory) as session:
        assert session.execute(select(ChatSession.id)).scalars().all() == [kept]
        assert session.execute(select(func.count(AuditEvent.id))).scalar_one() == 1
