"""validate_verify_form and action_case_status with a CollectingDispatcher and real trackers."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from actions.case_status import ActionCaseStatus, ValidateVerifyForm
from bot.cases import texts
from bot.cases.demo import demo_cases, demo_logins
from bot.db import session_scope
from bot.models.audit import AuditEvent
from bot.settings import PROJECT_ROOT
from tests.actions.claims import signed_identity
from tests.cases.conftest import demo_db, demo_template  # noqa: F401  (fixtures)

DOMAIN: dict[str, Any] = yaml.safe_load(
    (PROJECT_ROOT / "domain" / "case_status.yml").read_text(encoding="utf-8")
)
WRONG_CODE = "AAAA-2222"


def _tracker(
    *,
    sender: str | None = None,
    slots: dict[str, Any] | None = None,
    candidates: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    text: str = "",
) -> Tracker:
    """A tracker as Rasa sends it to the form's validation: the citizen has just written
    (the latest action is `action_listen`), the slot candidates are the last events."""
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots.update(slots or {})
    all_slots.update(candidates or {})
    events: list[dict[str, Any]] = [{"event": "action", "name": "action_listen"}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (candidates or {}).items()]
    latest = {"text": text, "intent": {"name": "give_code"}, "entities": [],
              "metadata": metadata or {}}
    return Tracker(sender or f"conv-{uuid.uuid4().hex}", all_slots, latest, events, False, None,
                   {"name": "verify_form"}, "action_listen")


def _texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("text") or m.get("response") or "" for m in dispatcher.messages]


def _slots(events: list[Any]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def _give_code(journal: str, code: str, sender: str) -> tuple[list[Any], list[str]]:
    dispatcher = CollectingDispatcher()
    tracker = _tracker(sender=sender, slots={"journal_number": journal,
                                             "requested_slot": "receipt_code"},
                       candidates={"receipt_code": code}, text=code)
    events = await ValidateVerifyForm().run(dispatcher, tracker, DOMAIN)
    return events, _texts(dispatcher)


async def _status(slots: dict[str, Any], metadata: dict[str, Any] | None = None,
                  sender: str = "conv-status") -> tuple[list[Any], list[str]]:
    dispatcher = CollectingDispatcher()
    events = await ActionCaseStatus().run(
        dispatcher, _tracker(sender=sender, slots=slots, metadata=metadata), DOMAIN)
    return events, _texts(dispatcher)


async def _status_with_card(slots: dict[str, Any], sender: str
                            ) -> tuple[list[Any], list[str], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await ActionCaseStatus().run(dispatcher, _tracker(sender=sender, slots=slots), DOMAIN)
    cards = [m["custom"]["status_card"] for m in dispatcher.messages if m.get("custom")]
    return events, _texts(dispatcher), cards


@pytest.fixture
def sessions(demo_db: Path) -> sessionmaker:  # noqa: F811
    from actions.db import session_factory

    return session_factory()


async def test_receipt_code_path_verifies_clears_the_code_and_answers(
    sessions: sessionmaker,
) -> None:
    victim = demo_logins()[0]
    events, said = await _give_code(victim.journal_number, victim.receipt_code.lower(), "c1")
    slots = _slots(events)
    assert said == []
    assert slots["receipt_code"] is None and slots["requested_slot"] is None
    assert slots["verified_case"] == victim.journal_number
    assert slots["verified_role"] == "victim" and slots["verified_method"] == "receipt_code"
    assert victim.receipt_code not in str(events)

    answer_events, answer, cards = await _status_with_card(slots, sender="c1")
    assert answer_events == []
    assert answer[0].startswith(f"Din sag {victim.journal_number} er nu her: ")
    # One card: the complaint deadline as a Danish date, and what to do about it.
    assert len(cards) == 1 and cards[0]["dates"][0]["label"] == "Klagefrist"
    assert any("klage til statsadvokaten senest" in line for line in cards[0]["todo"])
    with session_scope(sessions) as session:
        audit = session.execute(select(AuditEvent)).scalars().one()
        assert (audit.actor_id, audit.action, audit.subject_id) == (
            "c1", "case_read", victim.journal_number)
        assert slots["verified_party_ref"] in audit.detail


async def test_unknown_case_and_wrong_code_get_identical_answers_and_events(
    sessions: sessionmaker,
) -> None:
    victim = demo_logins()[0]
    wrong_events, wrong_said = await _give_code(victim.journal_number, WRONG_CODE, "c2")
    unknown_events, unknown_said = await _give_code("9999-99999-99999-99", WRONG_CODE, "c3")
    assert wrong_said == unknown_said == [texts.NOT_VERIFIED]
    assert wrong_events == unknown_events
    assert sorted(_slots(wrong_events).items()) == [("journal_number", None),
                                                    ("receipt_code", None)]


async def test_five_wrong_codes_lock_and_offer_a_citizen_advisor(
    sessions: sessionmaker,
) -> None:
    victim = demo_logins()[0]
    for _ in range(4):
        await _give_code(victim.journal_number, WRONG_CODE, "c4")
    events, said = await _give_code(victim.journal_number, WRONG_CODE, "c4")
    slots = _slots(events)
    assert slots["verification_locked"] is True and slots["requested_slot"] is None
    assert said == []
    # Even the right code is refused now, and the status action says why.
    events, _ = await _give_code(victim.journal_number, victim.receipt_code, "c4")
    assert "verified_case" not in _slots(events)
    status_events, status_said = await _status({"verification_locked": True}, sender="c4")
    assert status_said == ["utter_verification_locked"]
    assert status_events == [SlotSet("verification_locked", True)]
    button = DOMAIN["responses"]["utter_verification_locked"][0]["buttons"][0]
    assert button == {"title": "Tal med en borgerrådgiver", "payload": "/request_human"}


async def test_badly_formed_code_is_not_counted_and_is_explained(
    sessions: sessionmaker,
) -> None:
    events, said = await _give_code(demo_logins()[0].journal_number, "hej med dig", "c5")
    assert said == [texts.BAD_RECEIPT_CODE]
    assert events == [SlotSet("receipt_code", None)]


async def test_mitid_identity_from_gateway_metadata_verifies_without_a_code(
    sessions: sessionmaker,
) -> None:
    victim_case = next(d.case for d in demo_cases()
                       if d.case.journal_number == demo_logins()[0].journal_number)
    victim = next(p for p in victim_case.parties if p.role == "victim")
    metadata = signed_identity(str(victim.person_ref), "conv-mitid")
    dispatcher = CollectingDispatcher()
    events = await ValidateVerifyForm().run(
        dispatcher, _tracker(sender="conv-mitid", metadata=metadata), DOMAIN)
    slots = _slots(events)
    assert slots["verified_case"] == victim_case.journal_number
    assert slots["verified_method"] == "mitid" and slots["requested_slot"] is None

    _, answer = await _status(slots, metadata=metadata, sender="conv-mitid")
    assert "Klagefrist" in answer[0]
    # Without the gateway's identity on the message, a MitID verification is worth nothing.
    no_identity_events, said = await _status(slots, sender="conv-mitid")
    assert said == [texts.VERIFICATION_EXPIRED]
    assert SlotSet("verified_case", None) in no_identity_events
    other = signed_identity("someone-else", "conv-mitid")
    _, said = await _status(slots, metadata=other, sender="conv-mitid")
    assert said == [texts.VERIFICATION_EXPIRED]


async def test_identity_claimed_in_message_text_is_ignored(sessions: sessionmaker) -> None:
    dispatcher = CollectingDispatcher()
    tracker = _tracker(text='{"br_identity": {"person_ref": "demo-person-001"}}')
    await ValidateVerifyForm().run(dispatcher, tracker, DOMAIN)
    required = await ValidateVerifyForm().required_slots(
        ["journal_number", "receipt_code"], dispatcher, tracker, DOMAIN)
    assert required == ["journal_number", "receipt_code"]


async def test_mitid_person_without_cases_is_told_so(sessions: sessionmaker) -> None:
    metadata = signed_identity("nobody", "conv-nobody")
    events = await ValidateVerifyForm().run(
        CollectingDispatcher(), _tracker(sender="conv-nobody", metadata=metadata), DOMAIN)
    assert events == [SlotSet("requested_slot", None)]
    _, said = await _status({}, metadata=metadata, sender="conv-nobody")
    assert said == [texts.NO_CASE_FOR_PERSON]


def _victim_person_ref() -> str:
    journal = demo_logins()[0].journal_number
    case = next(d.case for d in demo_cases() if d.case.journal_number == journal)
    return str(next(p.person_ref for p in case.parties if p.role == "victim"))


FORGED_CLAIMS = {
    # What the attacker sent to Rasa: plain data, no signature.
    "unsigned": lambda person, _conv: {"br_identity": {
        "person_ref": person, "method": "mitid",
        "verified_at": datetime.now(timezone.utc).isoformat()}},
    "forged": lambda person, conv: signed_identity(
        person, conv, key="not-the-gateways-claim-key-0123456789"),
    "expired": lambda person, conv: signed_identity(
        person, conv, now=datetime.now(timezone.utc) - timedelta(minutes=10)),
    "other conversation": lambda person, _conv: signed_identity(person, "someone-elses-chat"),
}


@pytest.mark.parametrize("kind", sorted(FORGED_CLAIMS))
async def test_a_claim_the_gateway_did_not_sign_for_this_chat_verifies_nothing_and_is_audited(
    sessions: sessionmaker, kind: str
) -> None:
    sender = f"conv-forged-{kind.replace(' ', '-')}"
    metadata = FORGED_CLAIMS[kind](_victim_person_ref(), sender)
    dispatcher = CollectingDispatcher()
    tracker = _tracker(sender=sender, metadata=metadata)
    events = await ValidateVerifyForm().run(dispatcher, tracker, DOMAIN)
    assert "verified_case" not in _slots(events)
    required = await ValidateVerifyForm().required_slots(
        ["journal_number", "receipt_code"], dispatcher, tracker, DOMAIN)
    assert required == ["journal_number", "receipt_code"]
    # Even with slots that say "verified by MitID", the status is not told.
    journal = demo_logins()[0].journal_number
    slots = {"verified_case": journal, "verified_role": "victim", "verified_method": "mitid",
             "verified_party_ref": "demo-party-000-0",
             "verified_at": datetime.now(timezone.utc).isoformat()}
    _, said = await _status(slots, metadata=metadata, sender=sender)
    assert said == [texts.VERIFICATION_EXPIRED]
    with session_scope(sessions) as session:
        audits = session.execute(select(AuditEvent).where(AuditEvent.actor_id == sender)
                                 ).scalars().all()
        assert [a.action for a in audits] == ["identity_claim_refused"]
        assert journal not in audits[0].detail


async def test_witness_sees_the_hearing_but_nothing_of_the_victim(
    sessions: sessionmaker,
) -> None:
    witness = demo_logins()[1]
    events, _ = await _give_code(witness.journal_number, witness.receipt_code, "c6")
    slots = _slots(events)
    assert slots["verified_role"] == "witness"
    _, answer = await _status(slots, sender="c6")
    case = next(d.case for d in demo_cases() if d.case.journal_number == witness.journal_number)
    assert answer[0].startswith(f"Du er vidne i sag {witness.journal_number}.")
    assert "Retsmødet er " in answer[0]
    for party in case.parties:
        if party.role != "witness":
            assert party.name not in answer[0]
    for event in case.events:
        assert event.public_text not in answer[0]
    for victim_only in ("statsadvokaten", "Erstatningsnævnet", "kontaktperson"):
        assert victim_only not in answer[0]


async def test_expired_verification_is_not_answered(
    sessions: sessionmaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BR_VERIFICATION_TTL_MINUTES", "30")
    victim = demo_logins()[0]
    events, _ = await _give_code(victim.journal_number, victim.receipt_code, "c7")
    slots = _slots(events)
    slots["verified_at"] = (datetime.now(timezone.utc) - timedelta(minutes=31)).isoformat()
    status_events, said = await _status(slots, sender="c7")
    assert said == [texts.VERIFICATION_EXPIRED]
    assert SlotSet("verified_case", None) in status_events


async def test_verification_does_not_carry_over_into_a_new_session() -> None:
    from rasa.core.actions.action import ActionSessionStart
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet as RasaSlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(PROJECT_ROOT / "domain"))
    assert domain.session_config.carry_over_slots is False
    tracker = DialogueStateTracker.from_events(
        "c8", [RasaSlotSet("verified_case", "0100-80150-01234-26"),
               RasaSlotSet("verified_role", "victim")], slots=domain.slots)
    events = await ActionSessionStart().run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses),
        tracker, domain)
    tracker.update_with_events(events, domain)
    assert not any(isinstance(e, RasaSlotSet) and e.key.startswith("verified") for e in events)
    new_session = DialogueStateTracker.from_events(
        "c8", list(tracker.events)[2:], slots=domain.slots)
    assert new_session.get_slot("verified_case") is None
