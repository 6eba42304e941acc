"""The state the bot resumes in when an advisor hands a chat back.

Rasa's own pause/resume leaves whatever was going on before the pause (an active form, the
reason slots) in the tracker, so the next message would be predicted against a stale state.
The console appends these events through Rasa's HTTP API instead
(`bot.chat.rasa_client.append_tracker_events`): close any active form, clear the handover
slots, and end on `action_listen`, exactly the state of a conversation waiting for a fresh
message.
"""

from __future__ import annotations

from typing import Any


def resume_events() -> list[dict[str, Any]]:
    """The events that make the bot pick up cleanly on the citizen's next message."""
    return [
        {"event": "active_loop", "name": None},
        {"event": "slot", "name": "requested_slot", "value": None},
        {"event": "slot", "name": "handover_active", "value": False},
        {"event": "slot", "name": "handover_reason", "value": None},
        {"event": "slot", "name": "fallback_count", "value": 0.0},
        {"event": "action", "name": "action_listen"},
    ]
