"""`python -m bot.cli import-cases FILE`: load cases from a JSON or CSV export.

Every row is validated before anything is written; one bad row means nothing is imported, and
each problem is reported as "file, row N, field 'x': reason". Formats: docs/CASE_SYSTEM_API.md.
"""

from __future__ import annotations

import csv
import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.cases import repository
from bot.cases.codes import hash_receipt_code
from bot.cases.steps import CASE_STEPS
from bot.cases.system import DecisionRecord, EventRecord
from bot.db import session_scope
from bot.formats import (
    CODE_ALPHABET,
    CODE_LENGTH,
    EMAIL_MAX_CHARS,
    is_email,
    normalise_journal_number,
    normalise_receipt_code,
)
from bot.hashing import is_hash
from bot.models.cases import DECISION_KINDS, PARTY_ROLES, Case, CaseDecision, CaseEvent, Party

CSV_RECORD_TYPES = ("case", "event", "decision", "party")
_PHONE_RE = re.compile(r"^\+?[\d ]{8,16}$")


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, field '{self.field}': {self.reason}"


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors


@dataclass
class NewParty:
    role: str
    name: str
    phone: str | None
    email: str | None
    person_ref: str | None
    receipt_code_hash: str | None
    party_ref: str = field(default_factory=lambda: "party-" + secrets.token_hex(12))


@dataclass
class NewCase:
    journal_number: str
    police_district: str
    offence_category: str
    current_step: str
    reported_on: date
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    events: list[EventRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    parties: list[NewParty] = field(default_factory=list)
    source_row: int = 0


class _RowChecker:
    """Collects the problems of one source row."""

    def __init__(self, file: str, row: int, errors: list[RowError]) -> None:
        self.file, self.row, self.errors = file, row, errors

    def fail(self, field_name: str, reason: str) -> None:
        self.errors.append(RowError(self.file, self.row, field_name, reason))

    def text(self, data: dict[str, Any], key: str, name: str, *, max_len: int = 200,
             required: bool = True) -> str | None:
        value = data.get(key)
        if value is None or str(value).strip() == "":
            if required:
                self.fail(name, "is required")
            return None
        text = str(value).strip()
        if len(text) > max_len:
            self.fail(name, f"is longer than {max_len} characters")
            return None
        return text

    def day(self, data: dict[str, Any], key: str, name: str, *, required: bool = True
            ) -> date | None:
        raw = self.text(data, key, name, required=required)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.fail(name, f"{raw!r} is not a date (YYYY-MM-DD)")
            return None

    def moment(self, data: dict[str, Any], key: str, name: str) -> datetime | None:
        raw = self.text(data, key, name, required=False)
        if raw is None:
            return None
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            self.fail(name, f"{raw!r} is not a date-time (YYYY-MM-DDTHH:MM)")
            return None

    def choice(self, data: dict[str, Any], key: str, name: str, allowed: tuple[str, ...]
               ) -> str | None:
        raw = self.text(data, key, name)
        if raw is not None and raw not in allowed:
            self.fail(name, f"{raw!r} is not one of {', '.join(allowed)}")
            return None
        return raw

    def phone(self, data: dict[str, Any], key: str, name: str) -> str | None:
        raw = self.text(data, key, name, required=False)
        if raw is not None and not _PHONE_RE.match(raw):
            self.fail(name, "is not a phone number (8 digits, optionally +45)")
        return raw

    def email(self, data: dict[str, Any], key: str, name: str) -> str | None:
        raw = self.text(data, key, name, required=False, max_len=EMAIL_MAX_CHARS)
        if raw is not None and not is_email(raw):
            self.fail(name, "is not an e-mail address")
        return raw

    def flag(self, data: dict[str, Any], key: str, name: str) -> bool:
        raw = data.get(key, False)
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("", "0", "false", "nej", "no"):
            return False
        if text in ("1", "true", "ja", "yes"):
            return True
        self.fail(name, f"{raw!r} is not true/false")
        return False


def _validate_party(check: _RowChecker, data: dict[str, Any], prefix: str) -> NewParty | None:
    role = check.choice(data, "role", f"{prefix}role", PARTY_ROLES)
    name = check.text(data, "name", f"{prefix}name", max_len=120)
    phone = check.phone(data, "phone", f"{prefix}phone")
    email = check.email(data, "email", f"{prefix}email")
    person_ref = check.text(data, "person_ref", f"{prefix}person_ref", max_len=128, required=False)
    code = check.text(data, "receipt_code", f"{prefix}receipt_code", required=False)
    code_hash = check.text(data, "receipt_code_hash", f"{prefix}receipt_code_hash", required=False)
    stored_hash: str | None = None
    if code is not None:
        if normalise_receipt_code(code) is None:
            check.fail(f"{prefix}receipt_code", f"must be {CODE_LENGTH} characters from "
                       f"{CODE_ALPHABET} (dash optional)")
        else:
            stored_hash = hash_receipt_code(code)
    elif code_hash is not None:
        if not is_hash(code_hash):
            check.fail(f"{prefix}receipt_code_hash", "is not a scrypt$n$r$p$salt$hash value")
        else:
            stored_hash = code_hash
    if role is None or name is None:
        return None
    return NewParty(role, name, phone, email, person_ref, stored_hash)


def _validate_case(check: _RowChecker, data: dict[str, Any]) -> NewCase | None:
    raw_journal = check.text(data, "journal_number", "journal_number", max_len=40)
    journal = normalise_journal_number(raw_journal) if raw_journal else None
    if raw_journal and journal is None:
        check.fail("journal_number", f"{raw_journal!r} is not NNNN-NNNNN-NNNNN-NN")
    district = check.text(data, "police_district", "police_district", max_len=80)
    offence = check.text(data, "offence_category", "offence_category", max_len=40)
    step = check.choice(data, "current_step", "current_step", CASE_STEPS)
    reported_on = check.day(data, "reported_on", "reported_on")
    contact = data.get("contact_person") or {}
    if not isinstance(contact, dict):
        check.fail("contact_person", "must be an object with name, phone, email")
        contact = {}
    contact_name = check.text(contact, "name", "contact_person.name", max_len=120, required=False)
    contact_phone = check.phone(contact, "phone", "contact_person.phone")
    contact_email = check.email(contact, "email", "contact_person.email")
    if (contact_phone or contact_email) and not contact_name:
        check.fail("contact_person.name", "is required when a phone or e-mail is given")
    if None in (journal, district, offence, step, reported_on):
        return None
    assert journal and district and offence and step and reported_on  # for the type checker
    return NewCase(journal, district, offence, step, reported_on,
                   contact_name, contact_phone, contact_email, source_row=check.row)


def _validate_event(check: _RowChecker, data: dict[str, Any], prefix: str) -> EventRecord | None:
    occurred_on = check.day(data, "occurred_on", f"{prefix}occurred_on")
    step = check.choice(data, "step", f"{prefix}step", CASE_STEPS)
    text = check.text(data, "public_text", f"{prefix}public_text", max_len=1000)
    if occurred_on is None or step is None or text is None:
        return None
    return EventRecord(occurred_on, step, text)


def _validate_decision(check: _RowChecker, data: dict[str, Any], prefix: str
                       ) -> DecisionRecord | None:
    kind = check.choice(data, "kind", f"{prefix}kind", DECISION_KINDS)
    decided_on = check.day(data, "decided_on", f"{prefix}decided_on")
    notified_on = check.day(data, "notified_on", f"{prefix}notified_on", required=False)
    scheduled_at = check.moment(data, "scheduled_at", f"{prefix}scheduled_at")
    if kind == "hearing" and data.get("scheduled_at") in (None, ""):
        check.fail(f"{prefix}scheduled_at", "is required for a hearing")
    if notified_on and decided_on and notified_on < decided_on:
        check.fail(f"{prefix}notified_on", "is before the decision date")
    if kind is None or decided_on is None:
        return None
    return DecisionRecord(
        kind=kind,
        decided_on=decided_on,
        notified_on=notified_on,
        is_final=check.flag(data, "is_final", f"{prefix}is_final"),
        court=check.text(data, "court", f"{prefix}court", max_len=120, required=False),
        place=check.text(data, "place", f"{prefix}place", required=False),
        scheduled_at=scheduled_at,
    )


def _json_cases(path: Path, errors: list[RowError]) -> list[NewCase]:
    try:
        with path.open(encoding="utf-8") as handle:
            document = json.load(handle)
    except json.JSONDecodeError as exc:
        errors.append(RowError(path.name, exc.lineno, "-", f"not valid JSON: {exc.msg}"))
        return []
    items = document.get("cases") if isinstance(document, dict) else None
    if not isinstance(items, list):
        errors.append(RowError(path.name, 0, "cases", "the file must hold {\"cases\": [...]}"))
        return []
    cases = []
    for row, item in enumerate(items, start=1):
        check = _RowChecker(path.name, row, errors)
        if not isinstance(item, dict):
            check.fail("-", "a case must be an object")
            continue
        new_case = _validate_case(check, item)
        for key, validate in (("events", _validate_event), ("decisions", _validate_decision),
                              ("parties", _validate_party)):
            raw_list = item.get(key) or []
            if not isinstance(raw_list, list):
                check.fail(key, "must be a list")
                continue
            for number, sub in enumerate(raw_list, start=1):
                prefix = f"{key}[{number}]."
                if not isinstance(sub, dict):
                    check.fail(prefix.rstrip("."), "must be an object")
                    continue
                record = validate(check, sub, prefix)  # type: ignore[operator]
                if new_case is not None and record is not None:
                    getattr(new_case, key).append(record)
        if new_case is not None:
            cases.append(new_case)
    return cases


def _csv_cases(path: Path, errors: list[RowError]) -> list[NewCase]:
    cases: dict[str, NewCase] = {}
    pending: list[tuple[_RowChecker, str, dict[str, Any]]] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row_number, row in enumerate(reader, start=2):  # row 1 is the header
            check = _RowChecker(path.name, row_number, errors)
            record = (row.get("record") or "").strip()
            if record not in CSV_RECORD_TYPES:
                check.fail("record", f"{record!r} is not one of {', '.join(CSV_RECORD_TYPES)}")
                continue
            if record == "case":
                row_with_contact: dict[str, Any] = dict(row)
                row_with_contact["contact_person"] = {
                    "name": row.get("contact_name"),
                    "phone": row.get("contact_phone"),
                    "email": row.get("contact_email"),
                }
                new_case = _validate_case(check, row_with_contact)
                if new_case is not None:
                    if new_case.journal_number in cases:
                        check.fail("journal_number", "appears in more than one case row")
                    else:
                        cases[new_case.journal_number] = new_case
            else:
                pending.append((check, record, dict(row)))
    for check, record, row in pending:
        journal = normalise_journal_number(row.get("journal_number") or "")
        target = cases.get(journal or "")
        if target is None:
            check.fail("journal_number", "has no case row in this file")
        if record == "event":
            row["public_text"] = row.get("text")
            row["occurred_on"] = row.get("date")
            event = _validate_event(check, row, "")
            if target and event:
                target.events.append(event)
        elif record == "decision":
            row["decided_on"] = row.get("date")
            decision = _validate_decision(check, row, "")
            if target and decision:
                target.decisions.append(decision)
        else:
            party = _validate_party(check, row, "")
            if target and party:
                target.parties.append(party)
    return list(cases.values())


def read_cases(path: Path) -> list[NewCase]:
    """Parse and validate a whole export; raises ImportFailed listing every problem."""
    errors: list[RowError] = []
    if not path.is_file():
        raise ImportFailed([RowError(str(path), 0, "-", "file not found")])
    suffix = path.suffix.lower()
    if suffix == ".json":
        cases = _json_cases(path, errors)
    elif suffix == ".csv":
        cases = _csv_cases(path, errors)
    else:
        raise ImportFailed([RowError(path.name, 0, "-", "use a .json or .csv file")])
    seen: set[str] = set()
    for case in cases:
        if case.journal_number in seen:
            errors.append(
                RowError(path.name, case.source_row, "journal_number", "is in the file twice")
            )
        seen.add(case.journal_number)
    if errors:
        raise ImportFailed(errors)
    return cases


def add_case(session: Session, new_case: NewCase) -> Case:
    case = Case(
        journal_number=new_case.journal_number,
        police_district=new_case.police_district,
        offence_category=new_case.offence_category,
        current_step=new_case.current_step,
        reported_on=new_case.reported_on,
        contact_name=new_case.contact_name,
        contact_phone=new_case.contact_phone,
        contact_email=new_case.contact_email,
        events=[CaseEvent(occurred_on=e.occurred_on, step=e.step, public_text=e.public_text)
                for e in new_case.events],
        decisions=[
            CaseDecision(kind=d.kind, decided_on=d.decided_on, notified_on=d.notified_on,
                         is_final=d.is_final, court=d.court, place=d.place,
                         scheduled_at=d.scheduled_at)
            for d in new_case.decisions
        ],
        parties=[
            Party(party_ref=p.party_ref, role=p.role, name=p.name, phone=p.phone, email=p.email,
                  person_ref=p.person_ref, receipt_code_hash=p.receipt_code_hash)
            for p in new_case.parties
        ],
    )
    session.add(case)
    return case


def import_cases(session_factory: sessionmaker, path: Path) -> int:
    """Validate everything, then write all cases in one transaction; returns the count."""
    cases = read_cases(path)
    with session_scope(session_factory) as session:
        existing = repository.journal_numbers(session)
        clashes = [
            RowError(path.name, case.source_row, "journal_number",
                     f"{case.journal_number} is already in the database")
            for case in cases
            if case.journal_number in existing
        ]
        if clashes:
            raise ImportFailed(clashes)
        for case in cases:
            add_case(session, case)
    return len(cases)


