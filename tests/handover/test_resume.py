"""The state the bot resumes in after a handover: the events appended to Rasa's tracker."""

from __future__ import annotations

from bot.handover.resume import resume_events


def test_resume_closes_forms_clears_handover_slots_and_ends_listening() -> None:
    events = resume_events()
    assert events[0] == {"event": "active_loop", "name": None}
    assert {"event": "slot", "name": "handover_active", "value": False} in events
    assert {"event": "slot", "name": "handover_reason", "value": None} in events
    assert {"event": "slot", "name": "fallback_count", "value": 0.0} in events
    assert events[-1] == {"event": "action", "name": "action_listen"}
