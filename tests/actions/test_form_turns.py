"""Leaving, interrupting and correcting a form (actions/form_turns.py), with the follow-up form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.followup import ValidateFollowupForm
from bot.settings import PROJECT_ROOT

DOMAIN: dict[str, Any] = {}
for name in ("requests.yml", "forms.yml"):
    part = yaml.safe_load((PROJECT_ROOT / "domain" / name).read_text(encoding="utf-8"))
    DOMAIN.setdefault("slots", {}).update(part.get("slots", {}))
    DOMAIN.setdefault("forms", {}).update(part.get("forms", {}))


def _tracker(text: str, *, requested: str = "followup_name", intent: str = "nlu_fallback",
             confidence: float = 0.9, latest_action: str = "action_listen",
             slots: dict[str, Any] | None = None,
             ranking: Sequence[str] = ()) -> Tracker:
    values = {name: None for name in DOMAIN["slots"]}
    values.update({"requested_slot": requested, requested: text, **(slots or {})})
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence},
              "intent_ranking": [{"name": name, "confidence": 0.1} for name in ranking],
              "entities": []}
    events = [{"event": "action", "name": latest_action},
              {"event": "slot", "name": requested, "value": text}]
    return Tracker("form-turns", values, latest, events, False, None,
                   {"name": "followup_form"}, latest_action)


async def _run(tracker: Tracker) -> tuple[list[dict[str, Any]], list[str]]:
    dispatcher = CollectingDispatcher()
    events = await ValidateFollowupForm().run(dispatcher, tracker, DOMAIN)
    return events, [m.get("text") or "" for m in dispatcher.messages]


def _slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_stop_ends_the_form_with_a_confirmation_and_forgets_the_answers() -> None:
    events, said = await _run(_tracker("stop", slots={"followup_phone": "+45 20 30 40 50"}))
    assert said and "stoppet" in said[0]
    assert {"event": "active_loop", "name": None} in [
        {"event": e["event"], "name": e.get("name")} for e in events if e["event"] == "active_loop"]
    slots = _slots(events)
    assert slots["followup_name"] is None and slots["followup_phone"] is None
    assert slots["form_left"] is True and slots["requested_slot"] is None


async def test_glem_det_with_an_unsure_question_leaves_and_lets_the_question_be_answered(
) -> None:
    events, said = await _run(_tracker(
        "glem det, jeg vil hellere vide noget om erstatning", intent="nlu_fallback",
        confidence=0.4, ranking=["nlu_fallback", "deny", "kb_erstatning_staten"]))
    # Only the short confirmation: the answer to the question comes from the rules next.
    assert len(said) == 1 and said[0].startswith("Okay, jeg har stoppet")
    assert "Er der andet" not in said[0]
    assert any(e["event"] == "action_execution_rejected" for e in events)  # the rules answer
    assert _slots(events)["form_left"] is True


async def test_glem_det_after_an_earlier_question_is_not_also_called_a_pause() -> None:
    events, said = await _run(_tracker(
        "glem det, jeg vil hellere vide noget om erstatning", intent="nlu_fallback",
        confidence=0.4, ranking=["nlu_fallback", "kb_erstatning_staten"],
        slots={"form_questions": 1.0}))
    assert len(said) == 1 and said[0].startswith("Okay, jeg har stoppet")
    assert _slots(events)["form_left"] is True and _slots(events)["form_questions"] == 0.0
    # Back after the answer: the form ends without a second message.
    back = _tracker("", latest_action="action_clarify",
                    slots={"form_left": True, "form_questions": 0.0})
    _, said_back = await _run(back)
    assert said_back == []


async def test_glem_det_with_words_that_are_no_question_just_leaves() -> None:
    events, said = await _run(_tracker(
        "glem det, det er alligevel lige meget", intent="nlu_fallback", confidence=0.4,
        ranking=["nlu_fallback", "deny", "thank"]))
    assert len(said) == 1 and "stoppet" in said[0] and "Er der andet" in said[0]
    assert not any(e["event"] == "action_execution_rejected" for e in events)
    assert _slots(events)["form_left"] is True


async def test_a_question_in_between_is_left_to_the_rules_and_not_stored() -> None:
    events, said = await _run(_tracker("hvad er en bistandsadvokat?", intent="kb_bistandsadvokat"))
    assert said == []
    assert any(e["event"] == "action_execution_rejected" for e in events)
    assert _slots(events)["followup_name"] is None
    assert _slots(events)["form_questions"] == 1.0


async def test_danger_is_never_taken_as_an_answer() -> None:
    events, _ = await _run(_tracker("han står udenfor med en kniv", intent="emergency",
                                    confidence=1.0))
    assert any(e["event"] == "action_execution_rejected" for e in events)
    assert _slots(events)["followup_name"] is None


async def test_back_after_a_question_the_form_asks_once_more_briefly() -> None:
    tracker = _tracker("hvad er en bistandsadvokat?", intent="kb_bistandsadvokat",
                       latest_action="action_answer_knowledge", slots={"form_questions": 1.0})
    events, _ = await _run(tracker)
    assert _slots(events)["form_reprompt"] is True


async def test_a_second_question_ends_the_form_after_its_answer() -> None:
    tracker = _tracker("hvad betyder henlæggelse?", intent="kb_henlaeggelse",
                       slots={"form_questions": 1.0})
    events, _ = await _run(tracker)
    assert _slots(events)["form_left"] is True
    back = _tracker("hvad betyder henlæggelse?", intent="kb_henlaeggelse",
                    latest_action="action_answer_knowledge",
                    slots={"form_questions": 2.0, "form_left": True})
    events, said = await _run(back)
    assert "pause" in said[0] and _slots(events)["requested_slot"] is None


async def test_nej_answers_the_journal_number_question_instead_of_leaving() -> None:
    events, said = await _run(_tracker("nej", requested="followup_journal_number"))
    assert _slots(events)["followup_journal_number"] == "ingen" and said == []


async def test_a_correction_replaces_the_earlier_answer() -> None:
    events, said = await _run(_tracker("nej, mit nummer er 21 31 41 51",
                                       requested="followup_window"))
    assert _slots(events)["followup_phone"] == "+45 21 31 41 51"
    assert said == ["Tak, jeg har rettet det."]


async def test_a_form_started_in_the_middle_of_another_asks_its_own_question_with_fresh_marks(
) -> None:
    """"Jeg er utryg ..." during a call-back: the requested slot is still the call-back's phone
    and one question was already asked in between; the follow-up form must not take the
    message as a question to step aside from, nor inherit the call-back's marks."""
    events, said = await _run(_tracker(
        "jeg er utryg og vil gerne tale med politiet?", requested="callback_phone",
        intent="request_followup", confidence=0.95,
        slots={"form_questions": 1.0, "form_left": True}))
    assert not any(e["event"] == "action_execution_rejected" for e in events)
    assert _slots(events)["form_left"] is False and _slots(events)["form_questions"] == 0.0
    assert not any("stoppet" in text for text in said)


async def test_a_statement_leaves_the_form_only_when_the_subject_is_sure() -> None:
    """"det handler om min sag om vold" to "Hvornår passer det dig?" is a wrong answer, asked
    again; a question with the same confidence is answered in between."""
    def turn(text: str, confidence: float) -> Tracker:
        return _tracker(text, requested="followup_window", intent="ask_case_status",
                        confidence=confidence)

    def stepped_aside(events: list[dict[str, Any]]) -> bool:
        return any(e["event"] == "action_execution_rejected" for e in events)

    assert not stepped_aside((await _run(turn("det handler om min sag om vold", 0.8)))[0])
    assert stepped_aside((await _run(turn("det handler om min sag om vold", 0.95)))[0])
    assert stepped_aside((await _run(turn("hvor langt er min sag?", 0.8)))[0])
