"""The case system behind one interface: our own database, or a real case system over HTTP.

Actions only see the plain records below, so they do not care where a case lives. The HTTP
JSON contract is documented in docs/CASE_SYSTEM_API.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import aiohttp
from sqlalchemy.orm import sessionmaker

from bot.cases import repository
from bot.cases.codes import receipt_code_matches
from bot.db import session_scope
from bot.hashing import check_hashes_padded, dummy_hash
from bot.models.cases import Case, CaseDecision, CaseEvent, Party

RecordT = TypeVar("RecordT")

# Every receipt-code check takes as long as this many hashes, so the time of an answer does not
# tell whether the case exists or how many parties it has (cases rarely have more).
MIN_HASHES_PER_CHECK = 4


@dataclass(frozen=True)
class ContactPerson:
    name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class CaseRecord:
    journal_number: str
    police_district: str
    offence_category: str
    current_step: str
    reported_on: date
    contact: ContactPerson | None


@dataclass(frozen=True)
class PartyRecord:
    party_ref: str
    role: str
    name: str
    phone: str | None
    email: str | None
    person_ref: str | None


@dataclass(frozen=True)
class EventRecord:
    occurred_on: date
    step: str
    public_text: str


@dataclass(frozen=True)
class DecisionRecord:
    kind: str
    decided_on: date
    notified_on: date | None = None
    is_final: bool = False
    court: str | None = None
    place: str | None = None
    scheduled_at: datetime | None = None


@dataclass(frozen=True)
class PersonCase:
    """One case a (MitID-verified) person is a party in."""

    journal_number: str
    party: PartyRecord


class CaseSystemError(RuntimeError):
    """The case system could not answer (down, bad reply); never shown to citizens as is."""


class CaseSystem(Protocol):
    async def get_case(self, journal_number: str) -> CaseRecord | None: ...

    async def get_parties(self, journal_number: str) -> list[PartyRecord]: ...

    async def get_events(self, journal_number: str) -> list[EventRecord]: ...

    async def get_decisions(self, journal_number: str) -> list[DecisionRecord]: ...

    async def find_cases_of_person(self, person_ref: str) -> list[PersonCase]: ...

    async def check_receipt_code(self, journal_number: str, code: str) -> PartyRecord | None:
        """The party whose receipt letter has this code; None for unknown case or wrong code."""
        ...


def case_record(case: Case) -> CaseRecord:
    contact = (
        ContactPerson(case.contact_name, case.contact_phone, case.contact_email)
        if case.contact_name
        else None
    )
    return CaseRecord(
        journal_number=case.journal_number,
        police_district=case.police_district,
        offence_category=case.offence_category,
        current_step=case.current_step,
        reported_on=case.reported_on,
        contact=contact,
    )


def party_record(party: Party) -> PartyRecord:
    return PartyRecord(
        party_ref=party.party_ref,
        role=party.role,
        name=party.name,
        phone=party.phone,
        email=party.email,
        person_ref=party.person_ref,
    )


def event_record(event: CaseEvent) -> EventRecord:
    return EventRecord(event.occurred_on, event.step, event.public_text)


def decision_record(decision: CaseDecision) -> DecisionRecord:
    return DecisionRecord(
        kind=decision.kind,
        decided_on=decision.decided_on,
        notified_on=decision.notified_on,
        is_final=bool(decision.is_final),
        court=decision.court,
        place=decision.place,
        scheduled_at=decision.scheduled_at,
    )


class SqlCaseSystem:
    """Cases in our own database (demo data and imported exports)."""

    def __init__(self, session_factory: sessionmaker) -> None:
        self._sessions = session_factory

    async def get_case(self, journal_number: str) -> CaseRecord | None:
        with session_scope(self._sessions) as session:
            case = repository.get_case(session, journal_number)
            return case_record(case) if case else None

    def _details(
        self, journal_number: str, detail: Any, read: Callable[[Case], list[RecordT]]
    ) -> list[RecordT]:
        """`read` applied to the case with one relationship loaded; [] if unknown."""
        with session_scope(self._sessions) as session:
            case = repository.get_case_with(session, journal_number, detail)
            return read(case) if case else []

    async def get_parties(self, journal_number: str) -> list[PartyRecord]:
        return self._details(journal_number, Case.parties,
                             lambda case: [party_record(p) for p in case.parties])

    async def get_events(self, journal_number: str) -> list[EventRecord]:
        return self._details(journal_number, Case.events,
                             lambda case: [event_record(e) for e in case.events])

    async def get_decisions(self, journal_number: str) -> list[DecisionRecord]:
        return self._details(journal_number, Case.decisions,
                             lambda case: [decision_record(d) for d in case.decisions])

    async def find_cases_of_person(self, person_ref: str) -> list[PersonCase]:
        with session_scope(self._sessions) as session:
            return [
                PersonCase(party.case.journal_number, party_record(party))
                for party in repository.parties_of_person(session, person_ref)
            ]

    async def check_receipt_code(self, journal_number: str, code: str) -> PartyRecord | None:
        with session_scope(self._sessions) as session:
            parties = [(party_record(p), p.receipt_code_hash)
                       for p in repository.parties_with_code_hashes(session, journal_number)]
        # No early exit: every hash is checked whatever the outcome.
        matches = await check_hashes_padded(
            lambda stored: receipt_code_matches(code, stored),
            [stored or dummy_hash() for _, stored in parties],
            as_long_as=MIN_HASHES_PER_CHECK,
        )
        for (party, stored), matched in zip(parties, matches, strict=True):
            if matched and stored:
                return party
        return None


def _date(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise CaseSystemError(f"case system sent a bad date in {field!r}") from exc


def _optional_date(value: Any, field: str) -> date | None:
    return None if value in (None, "") else _date(value, field)


def _optional_datetime(value: Any, field: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise CaseSystemError(f"case system sent a bad date-time in {field!r}") from exc


def _str_or_none(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def case_from_json(data: dict[str, Any]) -> CaseRecord:
    try:
        contact_data = data.get("contact_person") or None
        contact = (
            ContactPerson(
                name=str(contact_data["name"]),
                phone=_str_or_none(contact_data.get("phone")),
                email=_str_or_none(contact_data.get("email")),
            )
            if contact_data
            else None
        )
        return CaseRecord(
            journal_number=str(data["journal_number"]),
            police_district=str(data["police_district"]),
            offence_category=str(data["offence_category"]),
            current_step=str(data["current_step"]),
            reported_on=_date(data["reported_on"], "reported_on"),
            contact=contact,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise CaseSystemError(f"case system sent an incomplete case: {exc}") from exc


def party_from_json(data: dict[str, Any]) -> PartyRecord:
    try:
        return PartyRecord(
            party_ref=str(data["party_ref"]),
            role=str(data["role"]),
            name=str(data["name"]),
            phone=_str_or_none(data.get("phone")),
            email=_str_or_none(data.get("email")),
            person_ref=_str_or_none(data.get("person_ref")),
        )
    except (KeyError, TypeError) as exc:
        raise CaseSystemError(f"case system sent an incomplete party: {exc}") from exc


def event_from_json(data: dict[str, Any]) -> EventRecord:
    try:
        return EventRecord(
            occurred_on=_date(data["occurred_on"], "occurred_on"),
            step=str(data["step"]),
            public_text=str(data["public_text"]),
        )
    except (KeyError, TypeError) as exc:
        raise CaseSystemError(f"case system sent an incomplete event: {exc}") from exc


def decision_from_json(data: dict[str, Any]) -> DecisionRecord:
    try:
        return DecisionRecord(
            kind=str(data["kind"]),
            decided_on=_date(data["decided_on"], "decided_on"),
            notified_on=_optional_date(data.get("notified_on"), "notified_on"),
            is_final=bool(data.get("is_final", False)),
            court=_str_or_none(data.get("court")),
            place=_str_or_none(data.get("place")),
            scheduled_at=_optional_datetime(data.get("scheduled_at"), "scheduled_at"),
        )
    except (KeyError, TypeError) as exc:
        raise CaseSystemError(f"case system sent an incomplete decision: {exc}") from exc


class HttpCaseSystem:
    """A real case system's read API (see docs/CASE_SYSTEM_API.md), over aiohttp."""

    def __init__(self, base_url: str, api_token: str, timeout_seconds: float = 10.0) -> None:
        self._base_url = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {api_token}", "Accept": "application/json"}
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    async def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """JSON of a 200 reply, None for 404; anything else is a CaseSystemError."""
        url = f"{self._base_url}{path}"
        try:
            async with aiohttp.ClientSession(
                headers=self._headers, timeout=self._timeout
            ) as client, client.request(method, url, json=body) as response:
                if response.status == 404:
                    return None
                if response.status != 200:
                    raise CaseSystemError(f"case system answered HTTP {response.status}")
                return await response.json()
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise CaseSystemError(f"case system unreachable or bad reply: {exc}") from exc

    async def _list(self, path: str) -> list[dict[str, Any]]:
        data = await self._request("GET", path)
        if data is None:
            return []
        if not isinstance(data, list):
            raise CaseSystemError(f"case system sent a non-list for {path}")
        return data

    @staticmethod
    def _path_part(value: str) -> str:
        return quote(value, safe="")

    async def get_case(self, journal_number: str) -> CaseRecord | None:
        data = await self._request("GET", f"/cases/{self._path_part(journal_number)}")
        return case_from_json(data) if data is not None else None

    async def get_parties(self, journal_number: str) -> list[PartyRecord]:
        items = await self._list(f"/cases/{self._path_part(journal_number)}/parties")
        return [party_from_json(item) for item in items]

    async def get_events(self, journal_number: str) -> list[EventRecord]:
        items = await self._list(f"/cases/{self._path_part(journal_number)}/events")
        return [event_from_json(item) for item in items]

    async def get_decisions(self, journal_number: str) -> list[DecisionRecord]:
        items = await self._list(f"/cases/{self._path_part(journal_number)}/decisions")
        return [decision_from_json(item) for item in items]

    async def find_cases_of_person(self, person_ref: str) -> list[PersonCase]:
        items = await self._list(f"/persons/{self._path_part(person_ref)}/cases")
        try:
            return [
                PersonCase(str(item["journal_number"]), party_from_json(item["party"]))
                for item in items
            ]
        except (KeyError, TypeError) as exc:
            raise CaseSystemError(f"case system sent an incomplete person case: {exc}") from exc

    async def check_receipt_code(self, journal_number: str, code: str) -> PartyRecord | None:
        data = await self._request(
            "POST",
            f"/cases/{self._path_part(journal_number)}/receipt-code-checks",
            {"code": code},
        )
        return party_from_json(data) if data is not None else None
