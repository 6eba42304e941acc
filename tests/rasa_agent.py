"""The trained Rasa agent, loaded in-process: a Rasa-side fixture (`tests/sides.py`).

Test modules that use it import it by name, so the side rule sees the Rasa import.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from rasa.core.agent import Agent

from tests.conftest import required_model


@functools.cache
def _load_agent(model: Path) -> Any:
    return Agent.load(str(model))


@pytest.fixture(scope="session")
def trained_agent() -> Any:
    """The Rasa agent of the trained model; loaded once per test session (about 10 s).

    Each module that imports this fixture gets its own session-scoped copy of it from pytest,
    so the agent itself is cached here: loading it again per module cost 20-70 s each.
    """
    return _load_agent(required_model())
