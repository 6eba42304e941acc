"""rasa-sdk's plugin package (found by name, see rasa_sdk/plugin.py): our webhook guard."""

from __future__ import annotations

from typing import Any


def init_hooks(manager: Any) -> None:
    """Called by rasa-sdk when the action server starts (`python -m rasa_sdk`)."""
    from actions import webhook_auth

    manager.register(webhook_auth)
