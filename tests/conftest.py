"""Shared fixtures. Each test gets its own var/ directory and SQLite database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.build import latest_model

MODEL_REQUIRED = "no trained model for the current data: run `make train` (make test does)"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every setting that touches disk at a temporary directory."""
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    monkeypatch.setenv("BR_VAR_DIR", str(var_dir))
    monkeypatch.setenv("BR_DATABASE_URL", f"sqlite:///{var_dir / 'test.db'}")
    monkeypatch.setenv("BR_SECRET_KEY", "test-secret-key-" + uuid.uuid4().hex)
    monkeypatch.setenv("BR_JWT_SECRET", "test-jwt-secret-" + uuid.uuid4().hex)
    monkeypatch.setenv("BR_TRACKER_KEY", "test-tracker-key-" + uuid.uuid4().hex)
    monkeypatch.setenv("BR_IDENTITY_CLAIM_KEY", "test-claim-key-" + uuid.uuid4().hex)
    monkeypatch.setenv("BR_ACTION_SERVER_TOKEN", "test-action-token-" + uuid.uuid4().hex)
    yield var_dir


@pytest.fixture(scope="session")
def trained_agent() -> Any:
    """The Rasa agent of the trained model; loaded once per test session (about 10 s)."""
    model = latest_model()
    if model is None:
        pytest.fail(MODEL_REQUIRED)
    from rasa.core.agent import Agent

    return Agent.load(str(model))
