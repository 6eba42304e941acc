"""Demo data: enough realistic cases over every step and offence, idempotent, with logins."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from bot.cases.demo import OFFENCE_CATEGORIES, demo_cases, demo_logins, load_demo
from bot.cases.steps import CASE_STEPS
from bot.db import session_scope
from bot.formats import normalise_journal_number
from bot.models.cases import Case, Party


def test_demo_covers_every_step_and_offence_with_at_least_50_cases() -> None:
    cases = demo_cases()
    assert len(cases) >= 50
    assert set(Counter(d.case.current_step for d in cases)) == set(CASE_STEPS)
    assert set(Counter(d.case.offence_category for d in cases)) == set(OFFENCE_CATEGORIES)
    assert all(normalise_journal_number(d.case.journal_number) == d.case.journal_number
               for d in cases)
    roles = Counter(p.role for d in cases for p in d.case.parties)
    assert roles["victim"] and roles["witness"] and roles["complainant"]


def test_demo_is_deterministic_and_logins_are_a_victim_and_a_witness() -> None:
    assert [d.codes for d in demo_cases()] == [d.codes for d in demo_cases()]
    victim, witness = demo_logins()
    assert (victim.role, witness.role) == ("victim", "witness")
    assert victim.step == "henlaeggelse" and witness.step == "retsmoede"


def test_loading_the_demo_twice_adds_nothing_the_second_time(
    demo_session_factory: sessionmaker,
) -> None:
    assert load_demo(demo_session_factory) == 0
    with session_scope(demo_session_factory) as session:
        assert session.execute(select(func.count(Case.id))).scalar_one() == len(demo_cases())
        hashes = session.execute(select(Party.receipt_code_hash)).scalars().all()
    assert all(h and h.startswith("scrypt$") for h in hashes)
