"""The real Rasa stack and the in-process gateway (tests/reliability's fixtures), for English."""

from __future__ import annotations

from tests.reliability.conftest import gateway, rasa_stack, stack  # noqa: F401
