"""The embedded profile's SQLite: schema and stored formats kept up to date by `create_all`,
and pooled connections that never outlive their file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.backup import backup, restore
from bot.chat.transcripts import _TURN_STATE
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.ports import free_port
from bot.settings import DatabaseSettings, load_settings

INSERT_CALLBACK = text(
    "INSERT INTO callbacks (session_id, phone, time_window, reason, urgency, status,"
    " context_json, created_at) VALUES (:session, :phone, 'formiddag', 'citizen_request',"
    " 'normal', 'open', '{}', '2026-11-30 10:00:00')"
)


def test_an_older_sqlite_file_gets_its_call_back_phones_in_the_one_stored_form(
    tmp_path: Path,
) -> None:
    engine = make_engine(DatabaseSettings(url=f"sqlite:///{tmp_path / 'old.db'}"))
    try:
        create_all(engine)
        with engine.begin() as connection:
            # As the call-back form stored them before issue 16, next to today's form and
            # something neither form would write (left alone rather than guessed at).
            for session, phone in (("s1", "12345678"), ("s2", "+45 20 30 40 50"),
                                   ("s3", "ring efter 16")):
                connection.execute(INSERT_CALLBACK, {"session": session, "phone": phone})
        create_all(engine)  # the next start of any process
        create_all(engine)  # and the one after: nothing changes twice
        with engine.connect() as connection:
            phones = connection.execute(
                text("SELECT phone FROM callbacks ORDER BY session_id")
            ).scalars().all()
        assert phones == ["+45 12 34 56 78", "+45 20 30 40 50", "ring efter 16"]
    finally:
        engine.dispose()


def test_an_older_sqlite_file_gets_the_chat_turn_indexes_and_the_turn_queries_use_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(DatabaseSettings(url=f"sqlite:///{path}"))
    try:
        create_all(engine)
        with engine.begin() as connection:  # as a file from before the indexes
            connection.execute(text("DROP INDEX ix_chat_messages_session_sender_created"))
            connection.execute(text("DROP INDEX ix_chat_messages_session_forward_state"))
        create_all(engine)  # the next start
        create_all(engine)  # and the one after: nothing changes twice
    finally:
        engine.dispose()
    # The statement a citizen's turn really runs, as SQLite gets it.
    compiled = _TURN_STATE.compile(dialect=engine.dialect)
    values = compiled.construct_params(
        {"chat_id": "s", "client_id": "c", "since": "2026-12-02 00:00:00"})
    with sqlite3.connect(path) as connection:
        plan = " ".join(
            str(part) for row in connection.execute(
                f"EXPLAIN QUERY PLAN {compiled}", [values[k] for k in compiled.positiontup or ()])
            for part in row)
    assert "ix_chat_messages_session_sender_created (session_id=? AND sender=? AND " \
        "created_at>?)" in plan
    assert "ix_chat_messages_session_forward_state (session_id=? AND forward_state=?)" in plan
    assert "SCAN chat_messages" not in plan


def _connection_of(session: Any) -> object:
    """The sqlite3 connection under a unit of work (the same object while it is pooled)."""
    return session.connection().connection.dbapi_connection


def test_pooled_sqlite_connections_still_see_a_restored_file_at_once(
    isolated_environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Connections are pooled (opening the file per unit of work was most of a chat turn's
    # cost); the rule of the old NullPool must still hold: a file put in place by `restore`
    # is what the next unit of work reads, not the old file through a still-open handle.
    monkeypatch.setenv("BR_GATEWAY_PORT", str(free_port()))
    monkeypatch.setenv("BR_RASA_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("BR_ACTION_SERVER_URL", f"http://127.0.0.1:{free_port()}")
    settings = load_settings()
    sqlite3.connect(isolated_environment / "rasa_tracker.db").close()
    engine = make_engine(settings.database)
    factory = make_session_factory(engine)
    try:
        create_all(engine)
        with session_scope(factory) as session:
            session.execute(text("INSERT INTO chat_sessions (id, created_at, last_activity_at,"
                                 " address_hash, owner, last_seq, offered_buttons, language,"
                                 " language_confirmed) VALUES ('backed-up', '2026-12-01 10:00:00',"
                                 " '2026-12-01 10:00:00', 'h', 'bot', 0, '[]', 'da', 0)"))
            first = _connection_of(session)
        backup(settings, tmp_path / "backup", with_keys=False)
        with session_scope(factory) as session:
            assert _connection_of(session) is first  # pooled: the same open connection
            session.execute(text("UPDATE chat_sessions SET id = 'after-backup'"))

        restore(settings, tmp_path / "backup")

        with session_scope(factory) as session:
            ids = session.execute(text("SELECT id FROM chat_sessions")).scalars().all()
            reopened = _connection_of(session) is not first
        assert ids == ["backed-up"]
        assert reopened
    finally:
        engine.dispose()


def test_pooled_sqlite_connections_do_not_hide_a_missing_file(isolated_environment: Path) -> None:
    # While the file is away (a stopped database server, for a server database), a unit of
    # work fails and is retried by the caller instead of writing into a file nobody finds.
    engine = make_engine(DatabaseSettings(url=f"sqlite:///{isolated_environment / 'x.db'}"))
    factory = make_session_factory(engine)
    away = isolated_environment.with_name(isolated_environment.name + "-away")
    try:
        with session_scope(factory) as session:
            session.execute(text("CREATE TABLE lines (text TEXT)"))
        isolated_environment.rename(away)
        with pytest.raises(OperationalError), session_scope(factory) as session:
            session.execute(text("INSERT INTO lines VALUES ('lost?')"))
        away.rename(isolated_environment)
        with session_scope(factory) as session:
            session.execute(text("INSERT INTO lines VALUES ('kept')"))
            assert session.execute(text("SELECT text FROM lines")).scalars().all() == ["kept"]
    finally:
        if away.exists():
            away.rename(isolated_environment)
        engine.dispose()
