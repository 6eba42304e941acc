"""The case context ("sagspakke") built from tracker events and slots."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from bot.cases.system import CaseRecord, ContactPerson, DecisionRecord, EventRecord
from bot.handover import context as ctx
from bot.handover.cases_adapter import case_summary

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def user(text: str, intent: str, confidence: float, metadata: dict[str, Any] | None = None,
         ts: float = 1_795_000_000.0) -> dict[str, Any]:
    return {
        "event": "user", "text": text, "timestamp": ts, "metadata": metadata or {},
        "parse_data": {"intent": {"name": intent, "confidence": confidence}},
    }


def bot(text: str) -> dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": 1_795_000_001.0}


EVENTS = [
    {"event": "action", "name": "action_listen"},
    user("hej", "greet", 0.99),
    bot("Hej. Jeg er politiets digitale borgerrådgiver."),
    user("hvornår får jeg min cykel tilbage? ring på 12 34 56 78", "ask_case_status", 0.71),
    bot("Det kan jeg ikke se."),
    user("jeg vil tale med et menneske", "request_human", 0.97),
]


def test_packet_lists_intents_with_confidence_and_the_open_question_masked() -> None:
    packet = ctx.build_context(
        reason=ctx.REASON_CITIZEN_REQUEST, events=EVENTS,
        slots={"knowledge_answers_given": ["right_to_information"]}, case=None, now=NOW,
    )
    assert packet["intents"] == [
        {"name": "greet", "confidence": 0.99},
        {"name": "ask_case_status", "confidence": 0.71},
        {"name": "request_human", "confidence": 0.97},
    ]
    # The request for a person is the reason, not the question; the phone number is masked.
    assert packet["open_question"] == "hvornår får jeg min cykel tilbage? ring på [TELEFON]"
    assert packet["knowledge_answers"] == ["right_to_information"]
    assert packet["urgency"] == ctx.NORMAL
    assert packet["identity"] == {
        "verified": False, "method": None, "party_role": None, "verified_at": None
    }
    assert [line["sender"] for line in packet["transcript"]] == [
        "citizen", "bot", "citizen", "bot", "citizen"
    ]
    assert "12 34 56 78" not in ctx.dumps(packet)


def test_sensitive_reasons_are_urgent_and_the_case_needs_verification() -> None:
    case: ctx.CaseSummary = {
        "journal_number": "0100-12345-00001-26", "offence_category": "vold",
        "current_step": "investigation", "last_events": [], "deadlines": [],
        "contact_person": None,
    }
    unverified = ctx.build_context(reason=ctx.REASON_SENSITIVE_SUICIDE, events=EVENTS,
                                   slots={}, case=case, now=NOW)
    assert unverified["urgency"] == ctx.URGENT
    assert unverified["case"] is None  # nobody sees a case the citizen has not proven

    mitid = {"br_identity": {"person_ref": "p-1", "method": "mitid",
                             "verified_at": "2026-11-23T08:55:00+00:00"}}
    events = [*EVENTS[:-1], user("en person tak", "request_human", 0.9, metadata=mitid)]
    verified = ctx.build_context(reason=ctx.REASON_CITIZEN_REQUEST, events=events,
                                 slots={}, case=case, now=NOW)
    assert verified["identity"] == {"verified": True, "method": "mitid", "party_role": None,
                                    "verified_at": "2026-11-23T08:55:00+00:00"}
    assert verified["case"] == case
    assert ctx.person_ref_from_events(events) == "p-1"
    by_code = ctx.identity_from_tracker(EVENTS, {
        "verified_case": "0100-12345-00001-26", "verified_role": "witness",
        "verified_method": "receipt_code", "verified_at": "2026-11-23T08:50:00+00:00"})
    assert by_code == {"verified": True, "method": "receipt_code", "party_role": "witness",
                       "verified_at": "2026-11-23T08:50:00+00:00"}


def test_long_questions_become_one_line() -> None:
    long_text = "linje et\nlinje to " + "ord " * 100
    question = ctx.open_question([user(long_text, "ask_case_status", 0.5)])
    assert "\n" not in question
    assert len(question) == ctx.OPEN_QUESTION_MAX_CHARS and question.endswith("…")


def test_packet_survives_a_json_round_trip() -> None:
    packet = ctx.build_context(reason=ctx.REASON_COMPLAINT, events=EVENTS, slots={}, case=None,
                               now=NOW)
    assert ctx.loads(ctx.dumps(packet)) == packet


class FakeCaseSystem:
    async def get_case(self, journal_number: str) -> CaseRecord | None:
        return CaseRecord(journal_number, "Midt- og Vestjyllands Politi", "vold", "decision",
                          date(2026, 9, 1), ContactPerson("Politiassistent Hansen", "11223344",
                                                          None))

    async def get_events(self, journal_number: str) -> list[EventRecord]:
        return [EventRecord(date(2026, 9, day), "investigation", f"Hændelse {day}")
                for day in (1, 5, 9, 20)]

    async def get_decisions(self, journal_number: str) -> list[DecisionRecord]:
        return [DecisionRecord("dropped", date(2026, 11, 2), notified_on=date(2026, 11, 4))]


async def test_case_summary_has_last_events_deadlines_and_contact_person() -> None:
    summary = await case_summary(FakeCaseSystem(), "0100-12345-00001-26",  # type: ignore[arg-type]
                                 date(2026, 11, 23))
    assert summary is not None
    assert [e["text"] for e in summary["last_events"]] == ["Hændelse 5", "Hændelse 9",
                                                           "Hændelse 20"]
    # Complaint to the Statsadvokat: 4 weeks after notification on 4 November.
    assert {"kind": "complaint_statsadvokat", "due": "2026-12-02"} in summary["deadlines"]
    assert summary["contact_person"] == "Politiassistent Hansen, tlf. 11223344"
    assert summary["current_step"] == "decision"


def test_the_open_question_is_the_citizens_question_never_a_masked_code() -> None:
    # Status -> journal number -> receipt code -> "a person, please": the question is the
    # first message, not "[KODE]" (issue 13: the card showed the masked receipt code).
    events = [
        user("hvor langt er min sag", "ask_case_status", 0.9),
        user("0100-80150-01234-26", "give_journal_number", 0.99),
        user("K7QM-4TZP", "give_code", 0.95),
        user("jeg vil gerne tale med en borgerrådgiver om min sag", "request_human", 0.9),
    ]
    assert ctx.open_question(events) == "hvor langt er min sag"
    # Even a code the model misread as a question is no question.
    misread = [user("hej", "greet", 0.9), user("M4NP-6QRS", "ask_case_status", 0.4)]
    assert ctx.open_question(misread) == "hej"
    packet = ctx.build_context(reason=ctx.REASON_CITIZEN_REQUEST, events=events, slots={},
                               case=None, now=NOW)
    assert packet["language"] == "da"
