"""The case packet in the advisor's words: Danish labels, Danish dates with days left, the
case's steps in order, the knowledge answers by title; never a code or an ISO date."""

from __future__ import annotations

from datetime import date, datetime, timezone

from bot.console.labels import days_left_da, local_datetime_da
from bot.console.packet_view import knowledge_or_none, packet_view, step_road, transcript_view
from bot.handover import context as ctx
from bot.settings import load_settings

TODAY = date(2026, 12, 1)  # a Tuesday
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def _packet(**overrides: object) -> ctx.HandoverContext:
    events = [
        {"event": "user", "text": "hvornår er retsmødet", "timestamp": NOW.timestamp(),
         "parse_data": {"intent": {"name": "ask_case_status", "confidence": 0.88}}},
        {"event": "user", "text": "skal jeg vidne", "timestamp": NOW.timestamp(),
         "parse_data": {"intent": {"name": "kb_vidnepligt", "confidence": 0.64}}},
        {"event": "user", "text": "en person tak", "timestamp": NOW.timestamp(),
         "parse_data": {"intent": {"name": "request_human", "confidence": 0.97}}},
    ]
    case: ctx.CaseSummary = {
        "journal_number": "0100-80150-01234-26", "offence_category": "roeveri",
        "current_step": "retsmoede",
        "last_events": [{"date": "2026-11-24", "text": "Retten har berammet et retsmøde."}],
        "deadlines": [{"kind": "next_hearing", "due": "2026-12-15T09:30:00"},
                      {"kind": "complaint_statsadvokat", "due": "2026-11-28"}],
        "contact_person": "Mette Holm, tlf. 114",
    }
    slots = {"verified_case": "0100-80150-01234-26", "verified_method": "receipt_code",
             "verified_role": "witness", "knowledge_answers_given": ["vidnepligt", "gone_entry"]}
    packet = ctx.build_context(reason=ctx.REASON_CITIZEN_REQUEST, events=events, slots=slots,
                               case=case, now=NOW)
    packet.update(overrides)  # type: ignore[typeddict-item]
    return packet


def test_everything_on_the_card_is_danish() -> None:
    knowledge = knowledge_or_none(load_settings().knowledge_dir)
    view = packet_view(_packet(), reason=ctx.REASON_CITIZEN_REQUEST, today=TODAY,
                       knowledge=knowledge)
    assert view["question"] == "skal jeg vidne"
    assert view["reason"] == "Borgeren bad om en person"
    assert view["topic"] == "Pligt til at vidne"  # the knowledge entry's title, not kb_...
    assert view["language_label"] == "Dansk"
    assert view["identity"] == {"verified": True, "label": "Verificeret med kvitteringskode",
                                "role": "Vidne"}
    assert [i["label"] for i in view["intents"]] == [
        "Status på egen sag", "Pligt til at vidne", "Vil tale med en person"]
    assert view["answers"][0]["title"] == "Pligt til at vidne" and view["answers"][0]["text"]
    assert view["answers"][1]["title"] == "Et svar, der ikke længere er i vidensbasen"
    case = view["case"]
    assert case["offence"] == "Røveri" and case["step"] == "Retsmøde"
    assert case["events"] == [{"date": "24. november 2026",
                               "text": "Retten har berammet et retsmøde."}]
    assert case["deadlines"] == [
        {"label": "Næste retsmøde", "when": "tirsdag den 15. december 2026 kl. 9.30",
         "days_left": "om 14 dage", "passed": False},
        {"label": "Klage til Statsadvokaten", "when": "lørdag den 28. november 2026",
         "days_left": "for 3 dage siden", "passed": True},
    ]
    flat = repr(view)
    for code in ("retsmoede", "roeveri", "witness", "receipt_code", "kb_", "next_hearing",
                 "2026-12-15", "citizen_request"):
        assert code not in flat, code


def test_the_steps_follow_the_case_and_mark_where_it_is() -> None:
    assert [(s["title"], s["state"]) for s in step_road("tiltale")] == [
        ("Anmeldelse", "done"), ("Efterforskning", "done"), ("Sigtelse", "done"),
        ("Tiltale", "current"), ("Retsmøde", "next"), ("Dom", "next")]
    assert [s["title"] for s in step_road("henlaeggelse")] == [
        "Anmeldelse", "Efterforskning", "Henlæggelse"]
    assert step_road("anke")[-1] == {"title": "Anke", "state": "current"}
    assert step_road("something_new") == [{"title": "Ukendt trin", "state": "current"}]


def test_days_left_in_words() -> None:
    assert [days_left_da(date(2026, 12, d), TODAY) for d in (1, 2, 9)] == [
        "i dag", "i morgen", "om 8 dage"]
    assert days_left_da(date(2026, 11, 30), TODAY) == "i går"


def test_older_packets_and_unknown_codes_never_show_as_codes() -> None:
    old: ctx.HandoverContext = {  # type: ignore[typeddict-item]
        "reason": "citizen_request", "urgency": "urgent", "open_question": "hjælp",
        "identity": {"verified": True, "method": "smoke_signal", "party_role": "judge",
                     "verified_at": None},
        "intents": [{"name": "some_new_intent", "confidence": 0.5}],
        "case": None, "knowledge_answers": "vidnepligt", "transcript": [],
    }
    view = packet_view(old, reason="reason_from_the_future", today=TODAY, knowledge=None)
    assert view["language"] == "da" and view["urgency"] == "Haster" and view["urgent"]
    assert view["reason"] == "Ukendt årsag" and view["intents"] == []
    assert view["identity"]["label"] == "Verificeret"
    assert view["identity"]["role"] is None
    assert "smoke_signal" not in repr(view) and "judge" not in repr(view)


def test_transcript_times_are_danish_and_senders_named() -> None:
    lines = transcript_view([{"at": "2026-12-01T08:05:00+00:00", "sender": "bot", "text": "Hej"},
                             {"at": None, "sender": "robot", "text": "?"}], TODAY)
    assert lines[0]["who"] == "Chatbot" and lines[0]["at"] == "kl. 9.05"
    assert lines[1]["who"] == "System" and lines[1]["at"] == ""
    assert local_datetime_da(datetime(2026, 11, 3, 13, 5, tzinfo=timezone.utc)) == \
        "3. november 2026 kl. 14.05"
