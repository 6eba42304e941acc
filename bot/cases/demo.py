"""`python -m bot.cli load-demo`: realistic demo cases with parties and receipt codes.

Deterministic (seeded) so the demo logins are the same on every machine; dates are placed
relative to today so hearings lie ahead and complaint deadlines are still open. Loading twice
adds nothing: cases already present are skipped. All names and numbers are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import sessionmaker

from bot.calendar_dk import is_working_day
from bot.cases import repository
from bot.cases.codes import generate_receipt_code, hash_receipt_code
from bot.cases.importer import NewCase, NewParty, add_case
from bot.cases.steps import CASE_STEPS
from bot.cases.system import DecisionRecord, EventRecord
from bot.db import session_scope
from bot.formats import fold_danish_letters, format_receipt_code

SEED = 20260211
CASES_PER_STEP = 6
OFFENCE_CATEGORIES = (
    "vold",
    "indbrud",
    "tyveri",
    "bedrageri",
    "trusler",
    "haervaerk",
    "roeveri",
    "seksualforbrydelse",
    "stalking",
)
# Offences where the one who reports is usually the owner, not a victim of violence.
COMPLAINANT_OFFENCES = ("indbrud", "tyveri", "haervaerk", "bedrageri")
# (journal prefix, police district, district court, high court)
DISTRICTS = (
    ("0100", "Københavns Politi", "Københavns Byret", "Østre Landsret"),
    ("0500", "Nordsjællands Politi", "Retten i Hillerød", "Østre Landsret"),
    ("0900", "Sydsjællands og Lolland-Falsters Politi", "Retten i Nykøbing Falster",
     "Østre Landsret"),
    ("2200", "Fyns Politi", "Retten i Odense", "Østre Landsret"),
    ("3700", "Østjyllands Politi", "Retten i Aarhus", "Vestre Landsret"),
    ("4100", "Midt- og Vestjyllands Politi", "Retten i Holstebro", "Vestre Landsret"),
    ("5100", "Nordjyllands Politi", "Retten i Aalborg", "Vestre Landsret"),
)
FIRST_NAMES = ("Anne", "Mette", "Sofie", "Ida", "Karen", "Lars", "Jens", "Mikkel", "Ahmed",
               "Fatima", "Peter", "Louise", "Rasmus", "Camilla", "Søren", "Maja", "Emil", "Hanne")
LAST_NAMES = ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
              "Sørensen", "Rasmussen", "Holm", "Kristiansen", "Madsen", "Yilmaz", "Møller")
CONTACT_TITLES = ("Politiassistent", "Politikommissær", "Specialkonsulent")
TEXTS = {
    "reported": "Politiet har modtaget din anmeldelse.",
    "investigating": "Politiet efterforsker sagen, fx ved afhøringer og undersøgelser.",
    "charged": "En person er blevet sigtet i sagen.",
    "indicted": "Anklagemyndigheden har rejst tiltale. Sagen skal for retten.",
    "hearing_set": "Retten har fastsat en dato for retsmødet.",
    "dropped": "Politiet har besluttet at henlægge sagen. Du har fået et brev om afgørelsen.",
    "charge_dropped": "Anklagemyndigheden har opgivet påtale. Du har fået et brev om afgørelsen.",
    "verdict": "Retten har afsagt dom i sagen.",
    "appeal": "Dommen er anket til landsretten.",
}


@dataclass
class DemoCase:
    case: NewCase
    codes: dict[str, str] = field(default_factory=dict)  # party_ref -> clear receipt code


@dataclass(frozen=True)
class DemoLogin:
    role: str
    journal_number: str
    receipt_code: str
    step: str


def _person(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    # Danish numbers starting with 1 are not given to subscribers: safe for demo data.
    phone = f"1{rng.randint(0, 9_999_999):07d}"
    mailbox = f"{fold_danish_letters(first)}.{fold_danish_letters(last)}{rng.randint(1, 99)}"
    email = f"{mailbox}@eksempel.dk"
    return f"{first} {last}", phone, email


def _hearing_at(day: date, rng: random.Random) -> datetime:
    """A court day (a working day, not a holiday or a customary closing day) in court hours."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, time(rng.choice((9, 10, 13)), rng.choice((0, 30))))


def _timeline(step: str, today: date, rng: random.Random, court: str, high_court: str
              ) -> tuple[date, list[EventRecord], list[DecisionRecord]]:
    """Dates that fit the step, counted back (and for hearings forward) from today."""
    ago = {
        "anmeldelse": rng.randint(2, 10), "efterforskning": rng.randint(20, 120),
        "sigtelse": rng.randint(60, 200), "tiltale": rng.randint(120, 300),
        "henlaeggelse": rng.randint(40, 200), "paatale_opgivelse": rng.randint(90, 250),
        "retsmoede": rng.randint(150, 350), "dom": rng.randint(200, 400),
        "anke": rng.randint(250, 450),
    }[step]
    reported = today - timedelta(days=ago)
    events = [EventRecord(reported, "anmeldelse", TEXTS["reported"])]
    decisions: list[DecisionRecord] = []
    step_index = CASE_STEPS.index(step)
    if step_index >= 1:
        events.append(EventRecord(reported + timedelta(days=rng.randint(1, 5)), "efterforskning",
                                  TEXTS["investigating"]))
    charged_on = reported + timedelta(days=max(6, ago // 3))
    if step in ("sigtelse", "tiltale", "paatale_opgivelse", "retsmoede", "dom", "anke"):
        events.append(EventRecord(charged_on, "sigtelse", TEXTS["charged"]))
        decisions.append(DecisionRecord("charged", charged_on))
    indicted_on = charged_on + timedelta(days=max(5, ago // 4))
    if step in ("tiltale", "retsmoede", "dom", "anke"):
        events.append(EventRecord(indicted_on, "tiltale", TEXTS["indicted"]))
        decisions.append(DecisionRecord("indicted", indicted_on))
    if step == "tiltale" and rng.random() < 0.5:
        hearing_day = today + timedelta(days=rng.randint(40, 120))
        decisions.append(DecisionRecord("hearing", indicted_on, court=court, place="Retssal 3",
                                        scheduled_at=_hearing_at(hearing_day, rng)))
    if step in ("henlaeggelse", "paatale_opgivelse"):
        kind = "dropped" if step == "henlaeggelse" else "charge_dropped"
        decided = today - timedelta(days=rng.randint(2, 20))
        notified = decided + timedelta(days=rng.randint(1, 3)) if rng.random() < 0.7 else None
        events.append(EventRecord(decided, step, TEXTS[kind]))
        decisions.append(DecisionRecord(kind, decided, notified_on=notified))
    if step == "retsmoede":
        hearing_day = today + timedelta(days=rng.randint(5, 45))
        events.append(EventRecord(indicted_on + timedelta(days=14), "retsmoede",
                                  TEXTS["hearing_set"]))
        decisions.append(DecisionRecord("hearing", indicted_on + timedelta(days=14), court=court,
                                        place=f"Retssal {rng.randint(1, 9)}",
                                        scheduled_at=_hearing_at(hearing_day, rng)))
    if step in ("dom", "anke"):
        verdict_on = today - timedelta(days=rng.randint(20, 90) if step == "dom"
                                       else rng.randint(60, 120))
        decisions.append(DecisionRecord("hearing", verdict_on, court=court, place="Retssal 2",
                                        scheduled_at=_hearing_at(verdict_on, rng)))
        decisions.append(DecisionRecord("verdict", verdict_on, court=court,
                                        is_final=step == "dom" and rng.random() < 0.7))
        events.append(EventRecord(verdict_on, "dom", TEXTS["verdict"]))
        if step == "anke":
            appealed_on = verdict_on + timedelta(days=10)
            decisions.append(DecisionRecord("appeal", appealed_on, court=high_court))
            events.append(EventRecord(appealed_on, "anke", TEXTS["appeal"]))
            decisions.append(DecisionRecord(
                "hearing", appealed_on + timedelta(days=30), court=high_court,
                place="Retssal 1",
                scheduled_at=_hearing_at(today + timedelta(days=rng.randint(20, 90)), rng)))
    return reported, events, decisions


def demo_cases(today: date | None = None) -> list[DemoCase]:
    """The demo cases; the same journal numbers, parties and codes on every call."""
    today = today or date.today()
    rng = random.Random(SEED)
    cases: list[DemoCase] = []
    person_number = 0
    for step_number, step in enumerate(CASE_STEPS):
        for index in range(CASES_PER_STEP):
            serial = step_number * CASES_PER_STEP + index
            offence = OFFENCE_CATEGORIES[serial % len(OFFENCE_CATEGORIES)]
            prefix, district, court, high_court = DISTRICTS[serial % len(DISTRICTS)]
            journal = f"{prefix}-{80100 + serial:05d}-{rng.randint(0, 99_999):05d}-26"
            reported, events, decisions = _timeline(step, today, rng, court, high_court)
            contact: tuple[str | None, str | None, str | None] = (None, None, None)
            if rng.random() < 0.6:
                name, phone, _email = _person(rng)
                initials = "".join(part[0] for part in name.split()).lower()
                contact = (f"{rng.choice(CONTACT_TITLES)} {name}", phone,
                           f"{initials}{serial:03d}@politi.eksempel.dk")
            new_case = NewCase(journal, district, offence, step, reported, *contact,
                               events=events, decisions=decisions)
            demo = DemoCase(new_case)
            roles = ["complainant" if offence in COMPLAINANT_OFFENCES else "victim"]
            roles += ["witness"] * rng.choice((0, 1, 1, 2))
            if serial % 5 == 0 and "witness" not in roles:
                roles.append("witness")
            for role_number, role in enumerate(roles):
                person_number += 1
                name, phone, email = _person(rng)
                party = NewParty(role, name, phone, email, f"demo-person-{person_number:03d}",
                                 None, party_ref=f"demo-party-{serial:03d}-{role_number}")
                new_case.parties.append(party)
                demo.codes[party.party_ref] = generate_receipt_code(rng)
            cases.append(demo)
    return cases


def demo_logins(today: date | None = None) -> list[DemoLogin]:
    """A victim whose case was dropped (complaint deadline) and a witness with a hearing."""
    cases = demo_cases(today)

    def first(step: str, role: str) -> DemoLogin:
        for demo in cases:
            if demo.case.current_step != step:
                continue
            for party in demo.case.parties:
                if party.role == role:
                    return DemoLogin(role, demo.case.journal_number,
                                     format_receipt_code(demo.codes[party.party_ref]), step)
        raise LookupError(f"no demo {role} in step {step}")

    return [first("henlaeggelse", "victim"), first("retsmoede", "witness")]


def load_demo(session_factory: sessionmaker, today: date | None = None) -> int:
    """Add the demo cases that are missing; returns how many were added."""
    cases = demo_cases(today)
    with session_scope(session_factory) as session:
        existing = repository.journal_numbers(session)
        added = 0
        for demo in cases:
            if demo.case.journal_number in existing:
                continue
            for party in demo.case.parties:
                party.receipt_code_hash = hash_receipt_code(demo.codes[party.party_ref])
            add_case(session, demo.case)
            added += 1
    return added
