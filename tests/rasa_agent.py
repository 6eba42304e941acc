"""The trained Rasa agent, loaded in-process: a Rasa-side fixture (`tests/sides.py`).

Test modules that use it import it by name, so the side rule sees the Rasa import.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.agent import Agent

from bot.build import latest_model
from tests.conftest import MODEL_REQUIRED


@pytest.fixture(scope="session")
def trained_agent() -> Any:
    """The Rasa agent of the trained model; loaded once per test session (about 10 s)."""
    model = latest_model()
    if model is None:
        pytest.fail(MODEL_REQUIRED)
    return Agent.load(str(model))
