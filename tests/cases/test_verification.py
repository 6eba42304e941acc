"""Receipt-code verification: success, lockout, every try recorded, no enumeration."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from bot.cases.codes import hash_receipt_code, receipt_code_matches
from bot.cases.demo import demo_logins
from bot.cases.system import MIN_HASHES_PER_CHECK, SqlCaseSystem
from bot.cases.verification import (
    LOCKED,
    REJECTED,
    VERIFIED,
    verification_is_current,
    verify_by_receipt_code,
)
from bot.db import session_scope
from bot.models.cases import VerificationAttempt
from tests.hash_clock import HASH_SECONDS, HashClock

UNKNOWN_CASE = "9999-99999-99999-99"
WRONG_CODE = "AAAA-2222"


async def _try(factory: sessionmaker, journal: str, code: str, conversation: str = "conv-1",
               now: datetime | None = None) -> str:
    result = await verify_by_receipt_code(
        session_factory=factory, case_system=SqlCaseSystem(factory),
        conversation_id=conversation, journal_number=journal, code=code, now=now,
    )
    return result.outcome


def test_codes_are_stored_as_salted_slow_hashes() -> None:
    first, second = hash_receipt_code("K7QM-4TZP"), hash_receipt_code("K7QM4TZP")
    assert first != second and "K7QM" not in first
    assert first.startswith("scrypt$16384$8$1$")
    assert receipt_code_matches("k7qm 4tzp", first)
    assert not receipt_code_matches("K7QM-4TZQ", first)


async def test_right_code_verifies_the_party_of_that_letter(
    demo_session_factory: sessionmaker,
) -> None:
    session_factory = demo_session_factory
    victim, witness = demo_logins()
    result = await verify_by_receipt_code(
        session_factory=session_factory, case_system=SqlCaseSystem(session_factory),
        conversation_id="c", journal_number=victim.journal_number, code=victim.receipt_code,
    )
    assert result.outcome == VERIFIED and result.party is not None
    assert result.party.role == "victim"
    assert await _try(session_factory, witness.journal_number, witness.receipt_code) == VERIFIED


async def test_unknown_case_and_wrong_code_give_the_same_outcome_at_the_same_cost(
    demo_session_factory: sessionmaker, hash_clock: HashClock,
) -> None:
    session_factory = demo_session_factory
    victim = demo_logins()[0]
    for round_number in range(3):
        started, hashes = hash_clock.now, hash_clock.hashes
        unknown = await _try(session_factory, UNKNOWN_CASE, WRONG_CODE, f"a{round_number}")
        unknown_cost = hash_clock.elapsed_since(started)
        assert hash_clock.hashes > hashes  # a real slow hash ran, not only a pause
        started = hash_clock.now
        wrong = await _try(session_factory, victim.journal_number, WRONG_CODE, f"b{round_number}")
        wrong_cost = hash_clock.elapsed_since(started)
        assert unknown == wrong == REJECTED
        # Both take as long as MIN_HASHES_PER_CHECK slow hashes, whatever the case has.
        assert unknown_cost == wrong_cost == pytest.approx(MIN_HASHES_PER_CHECK * HASH_SECONDS)


async def test_five_failures_in_a_conversation_lock_it_even_for_the_right_code(
    demo_session_factory: sessionmaker,
) -> None:
    session_factory = demo_session_factory
    victim = demo_logins()[0]
    outcomes = [await _try(session_factory, UNKNOWN_CASE, WRONG_CODE) for _ in range(5)]
    assert outcomes == [REJECTED] * 4 + [LOCKED]
    assert await _try(session_factory, victim.journal_number, victim.receipt_code) == LOCKED
    # Another conversation on another case is not affected.
    assert await _try(session_factory, victim.journal_number, victim.receipt_code, "other") \
        == VERIFIED


async def test_five_failures_against_one_case_lock_that_case_across_conversations(
    demo_session_factory: sessionmaker,
) -> None:
    session_factory = demo_session_factory
    victim = demo_logins()[0]
    for number in range(5):
        await _try(session_factory, victim.journal_number, WRONG_CODE, f"attacker-{number}")
    assert await _try(session_factory, victim.journal_number, victim.receipt_code, "new") \
        == LOCKED


async def test_lockout_ends_after_an_hour(demo_session_factory: sessionmaker) -> None:
    session_factory = demo_session_factory
    victim = demo_logins()[0]
    past = datetime.now(timezone.utc) - timedelta(minutes=61)
    for _ in range(5):
        await _try(session_factory, victim.journal_number, WRONG_CODE, now=past)
    assert await _try(session_factory, victim.journal_number, victim.receipt_code) == VERIFIED


async def test_every_try_is_recorded_without_the_code(session_factory: sessionmaker) -> None:
    await _try(session_factory, UNKNOWN_CASE, WRONG_CODE)
    for _ in range(5):
        await _try(session_factory, UNKNOWN_CASE, WRONG_CODE)
    with session_scope(session_factory) as session:
        attempts = session.execute(select(VerificationAttempt)).scalars().all()
        outcomes = [a.outcome for a in attempts]
        stored = " ".join(f"{a.journal_number} {a.method} {a.conversation_id}" for a in attempts)
    assert outcomes == ["failure"] * 5 + ["locked"]
    assert "AAAA" not in stored


def test_verification_expires_after_the_configured_minutes() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    assert verification_is_current((now - timedelta(minutes=29)).isoformat(), 30, now)
    assert not verification_is_current((now - timedelta(minutes=30)).isoformat(), 30, now)
    assert not verification_is_current(None, 30, now)
    assert not verification_is_current("not a date", 30, now)
