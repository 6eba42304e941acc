"""Case status: prove who you are (`verify_form`), then read where your case stands.

Identity comes only from the gateway's `metadata.br_identity` (MitID) or from our own check of
journal number and receipt code; never from message text. Verification lives in slots that no
text can set, expires after `privacy.verification_ttl_minutes`, and ends with the session.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.db import session_factory
from actions.form_turns import LeavableForm, skip_if_form_left
from actions.forms import set_slots
from actions.identity_guard import trusted_identity_of
from actions.language import chat_language, texts_for
from bot.cases import make_case_system, texts
from bot.cases.card import (
    StatusCard,
    card_fallback_text,
    follow_up_answer,
    topic_of,
    victim_status_card,
    witness_status_card,
)
from bot.cases.status import CaseFile, hearings_only
from bot.cases.system import CaseSystem, CaseSystemError, PartyRecord
from bot.cases.verification import (
    LOCKED,
    VERIFIED,
    cases_of_identity,
    conversation_is_locked,
    verification_is_current,
    verify_by_receipt_code,
)
from bot.clock import local_now, utcnow
from bot.db import session_scope
from bot.dialogue import texts as dialogue_texts
from bot.dialogue.answers import looks_like_code
from bot.formats import normalise_journal_number, normalise_receipt_code
from bot.identity import METHOD_MITID, METHOD_RECEIPT_CODE, VerifiedIdentity
from bot.inquiries import repository as inquiries
from bot.models.audit import record_audit
from bot.settings import load_settings

REQUESTED_SLOT = "requested_slot"
VERIFIED_SLOTS = ("verified_case", "verified_role", "verified_party_ref", "verified_at",
                  "verified_method")


def case_system() -> CaseSystem:
    return make_case_system(load_settings().case_system, session_factory())


def trusted_identity(tracker: Tracker) -> VerifiedIdentity | None:
    """The MitID identity the gateway signed for this conversation's latest message, if any."""
    return trusted_identity_of(tracker)


def is_verified(tracker: Tracker, now: datetime) -> bool:
    return bool(tracker.get_slot("verified_case")) and verification_is_current(
        tracker.get_slot("verified_at"), load_settings().privacy.verification_ttl_minutes, now
    )


def verified_slots(journal_number: str, party: PartyRecord, method: str, now: datetime
                   ) -> dict[str, Any]:
    return {
        "verified_case": journal_number,
        "verified_role": party.role,
        "verified_party_ref": party.party_ref,
        "verified_at": now.isoformat(),
        "verified_method": method,
    }


class ValidateVerifyForm(LeavableForm):
    """Checks journal number and receipt code, or resolves the MitID person's case."""

    corrections: ClassVar[dict[str, str]] = {
        "journalnummer": "journal_number", "nummer": "journal_number"}

    def name(self) -> str:
        return "validate_verify_form"

    def takes_as_answer(self, tracker: Tracker) -> bool:
        # "DDDD-4444" while the code is asked for is a (maybe wrong) code, whatever NLU says.
        return tracker.get_slot(REQUESTED_SLOT) == "receipt_code" and looks_like_code(
            str(tracker.latest_message.get("text") or ""))

    async def accepts(self, slot: str, text: str, tracker: Tracker, domain: DomainDict) -> bool:
        # Checking a code here would count as an attempt: only its shape is looked at.
        if slot == "receipt_code":
            return normalise_receipt_code(text) is not None
        return normalise_journal_number(text) is not None

    def say_dont_have(self, dispatcher: CollectingDispatcher, tracker: Tracker, form: str
                      ) -> None:
        words = texts_for(dialogue_texts, tracker)
        dispatcher.utter_message(text=words.NO_RECEIPT, buttons=[dict(words.TALK_TO_ADVISOR)])

    async def validate_turn(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        now = utcnow()
        if is_verified(tracker, now):
            return [SlotSet(REQUESTED_SLOT, None)]
        if tracker.get_slot("verification_locked") or conversation_is_locked(
            session_factory(), tracker.sender_id, now
        ):
            return set_slots({"journal_number": None, "receipt_code": None,
                            "verification_locked": True, REQUESTED_SLOT: None})
        identity = trusted_identity(tracker)
        if identity is not None:
            try:
                person_cases = await cases_of_identity(case_system(), identity)
            except CaseSystemError:
                dispatcher.utter_message(text=texts_for(texts, tracker).CASE_SYSTEM_DOWN)
                return [SlotSet(REQUESTED_SLOT, None)]
            if len(person_cases) == 1:
                only = person_cases[0]
                values = verified_slots(only.journal_number, only.party, METHOD_MITID, now)
                return set_slots({**values, REQUESTED_SLOT: None})
            if not person_cases:
                return [SlotSet(REQUESTED_SLOT, None)]
        if self.takes_as_answer(tracker) and not tracker.get_slot("receipt_code"):
            typed = str(tracker.latest_message.get("text") or "")
            return set_slots(await self.validate_receipt_code(typed, dispatcher, tracker, domain))
        return await super().validate_turn(dispatcher, tracker, domain)

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if is_verified(tracker, utcnow()) or tracker.get_slot(
            "verification_locked"
        ):
            return []
        if trusted_identity(tracker) is not None:
            # A MitID person in several cases only says which one; no code needed.
            return ["journal_number"]
        return domain_slots

    async def validate_journal_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        journal = normalise_journal_number(str(value or ""))
        if journal is None:
            dispatcher.utter_message(text=texts_for(texts, tracker).BAD_JOURNAL_NUMBER)
            return {"journal_number": None}
        identity = trusted_identity(tracker)
        if identity is None:
            return {"journal_number": journal}
        try:
            person_cases = await cases_of_identity(case_system(), identity)
        except CaseSystemError:
            dispatcher.utter_message(text=texts_for(texts, tracker).CASE_SYSTEM_DOWN)
            return {"journal_number": None}
        match = next((c for c in person_cases if c.journal_number == journal), None)
        if match is None:
            dispatcher.utter_message(text=texts_for(texts, tracker).NOT_PARTY_OF_CASE)
            return {"journal_number": None}
        now = utcnow()
        verified = verified_slots(journal, match.party, METHOD_MITID, now)
        return {"journal_number": journal, **verified}

    async def validate_receipt_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        code = normalise_receipt_code(str(value or ""))
        journal = tracker.get_slot("journal_number")
        if code is None or not journal:
            dispatcher.utter_message(text=texts_for(texts, tracker).BAD_RECEIPT_CODE)
            return {"receipt_code": None}
        try:
            result = await verify_by_receipt_code(
                session_factory=session_factory(),
                case_system=case_system(),
                conversation_id=tracker.sender_id,
                journal_number=journal,
                code=code,
            )
        except CaseSystemError:
            dispatcher.utter_message(text=texts_for(texts, tracker).CASE_SYSTEM_DOWN)
            return {"receipt_code": None}
        # The code never stays in a slot, whatever the outcome.
        if result.outcome == VERIFIED and result.party is not None:
            now = utcnow()
            return {"receipt_code": None,
                    **verified_slots(journal, result.party, METHOD_RECEIPT_CODE, now)}
        if result.outcome == LOCKED:
            return {"journal_number": None, "receipt_code": None, "verification_locked": True}
        dispatcher.utter_message(text=texts_for(texts, tracker).NOT_VERIFIED)
        return {"journal_number": None, "receipt_code": None}


def follow_up_topic(tracker: Tracker) -> str | None:
    """The card's follow-up asked for (a card button's entity, or the typed words), or None."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "case_topic" and entity.get("value"):
            return str(entity["value"])
    return topic_of(str(tracker.latest_message.get("text") or ""))


class ActionCaseStatus(Action):
    """Tells a verified party where the case stands; a witness gets the witness view only."""

    def name(self) -> str:
        return "action_case_status"

    @skip_if_form_left
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        now = utcnow()
        if not is_verified(tracker, now):
            return self._not_verified(dispatcher, tracker, now)
        journal = str(tracker.get_slot("verified_case"))
        role = str(tracker.get_slot("verified_role"))
        party_ref = str(tracker.get_slot("verified_party_ref"))
        try:
            card = await self._status_card(tracker, journal, role, party_ref)
        except CaseSystemError:
            dispatcher.utter_message(text=texts_for(texts, tracker).CASE_SYSTEM_DOWN)
            return []
        if card is None:
            dispatcher.utter_message(text=texts_for(texts, tracker).VERIFICATION_EXPIRED)
            return set_slots(dict.fromkeys(VERIFIED_SLOTS))
        with session_scope(session_factory()) as session:
            record_audit(
                session,
                actor_type="conversation",
                actor_id=tracker.sender_id,
                action="case_read",
                subject_type="case",
                subject_id=journal,
                detail=(
                    f"party={party_ref} role={role} "
                    f"method={tracker.get_slot('verified_method')}"
                ),
            )
            # The inquiry register links the case only once the citizen has proven the right.
            inquiries.link_case(session, tracker.sender_id, journal)
            inquiries.set_category(session, tracker.sender_id, "case_status")
            inquiries.note_bot_answer(session, tracker.sender_id, at=now)
        topic = follow_up_topic(tracker)
        if topic is not None:
            # A follow-up question about this case: its answer only, not the card again.
            dispatcher.utter_message(text=follow_up_answer(card, topic, chat_language(tracker)))
            return []
        fallback = card_fallback_text(card)
        dispatcher.utter_message(text=fallback, buttons=[dict(b) for b in card["buttons"]],
                                 json_message={"status_card": card, "fallback": fallback})
        return []

    async def _status_card(self, tracker: Tracker, journal: str, role: str, party_ref: str
                           ) -> StatusCard | None:
        """The answer for this party; None if the party no longer matches the proof."""
        system = case_system()
        case = await system.get_case(journal)
        parties = await system.get_parties(journal)
        party = next((p for p in parties if p.party_ref == party_ref), None)
        if case is None or party is None or party.role != role:
            return None
        if tracker.get_slot("verified_method") == METHOD_MITID:
            identity = trusted_identity(tracker)
            if identity is None or identity.person_ref != party.person_ref:
                return None
        knowledge_dir = load_settings().knowledge_dir
        today = local_now().date()
        decisions = await system.get_decisions(journal)
        if role == "witness":
            return witness_status_card(case, hearings_only(decisions), today=today,
                                       knowledge_dir=knowledge_dir,
                                       language=chat_language(tracker))
        events = await system.get_events(journal)
        return victim_status_card(CaseFile(case, events, decisions), role=role, today=today,
                                  knowledge_dir=knowledge_dir, language=chat_language(tracker))

    def _not_verified(self, dispatcher: CollectingDispatcher, tracker: Tracker, now: datetime
                      ) -> list[EventType]:
        if tracker.get_slot("verification_locked") or conversation_is_locked(
            session_factory(), tracker.sender_id, now
        ):
            dispatcher.utter_message(response="utter_verification_locked")
            return [SlotSet("verification_locked", True)]
        if trusted_identity(tracker) is not None:
            dispatcher.utter_message(text=texts_for(texts, tracker).NO_CASE_FOR_PERSON)
            return []
        dispatcher.utter_message(text=texts_for(texts, tracker).VERIFICATION_EXPIRED)
        return set_slots(dict.fromkeys(VERIFIED_SLOTS))
