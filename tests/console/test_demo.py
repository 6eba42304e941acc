"""The demo advisor of `make run` and the `create-user` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.console.auth import authenticate
from bot.console.demo import PASSWORD_FILE, ensure_demo_advisor
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.models.accounts import AdvisorAccount
from bot.settings import load_settings


def test_demo_advisor_gets_one_random_password_kept_private(isolated_environment: Path) -> None:
    engine = make_engine(load_settings().database)
    create_all(engine)
    factory = make_session_factory(engine)
    username, password = ensure_demo_advisor(factory, isolated_environment)
    again = ensure_demo_advisor(factory, isolated_environment)
    assert again == (username, password) and len(password) >= 12
    assert (isolated_environment / PASSWORD_FILE).stat().st_mode & 0o077 == 0
    with session_scope(factory) as session:
        assert authenticate(session, username, password) is not None


def test_create_user_command_makes_a_working_login(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BR_NEW_USER_PASSWORD", "et-godt-langt-kodeord")
    assert main(["create-user", "Lise", "--role", "supervisor"]) == 0
    assert main(["create-user", "lise"]) == 1  # exists already
    assert "already exists" in capsys.readouterr().err
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        account = session.execute(select(AdvisorAccount)).scalar_one()
        assert (account.username, account.role) == ("lise", "supervisor")
        assert authenticate(session, "lise", "et-godt-langt-kodeord") is not None
