"""Brute force on the receipt-code check: 1,000 tries from one and from many conversations.

Whatever the attacker does, at most `MAX_FAILED_ATTEMPTS` codes are ever checked against a
case or from a conversation within the lockout window; after that even the right code is
refused, and nothing in the answer or its timing tells an unknown case from a wrong code.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from actions.case_status import ValidateVerifyForm
from bot.cases.demo import demo_logins
from bot.cases.system import MIN_HASHES_PER_CHECK, PartyRecord, SqlCaseSystem
from bot.cases.verification import (
    LOCKED,
    MAX_FAILED_ATTEMPTS,
    REJECTED,
    VERIFIED,
    verify_by_receipt_code,
)
from bot.db import session_scope
from bot.models.cases import Case, VerificationAttempt
from tests.hash_clock import HASH_SECONDS, HashClock

TRIES = 1_000
WRONG_CODE = "AAAA-2222"


@dataclass
class CountingCaseSystem:
    """The real case system, counting the codes it is asked to check (and yielding while it
    does, like a case system over HTTP would, so concurrent tries really interleave)."""

    inner: SqlCaseSystem
    checked: list[str] = field(default_factory=list)

    async def check_receipt_code(self, journal_number: str, code: str) -> PartyRecord | None:
        self.checked.append(journal_number)
        await asyncio.sleep(0)
        return await self.inner.check_receipt_code(journal_number, code)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _guesses(count: int) -> list[str]:
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return [
        "".join(alphabet[(n // len(alphabet) ** k) % len(alphabet)] for k in range(4)) + "-2233"
        for n in range(count)
    ]


async def _attempt(factory: sessionmaker, system: Any, conversation: str, journal: str,
                   code: str) -> str:
    result = await verify_by_receipt_code(
        session_factory=factory, case_system=system, conversation_id=conversation,
        journal_number=journal, code=code,
    )
    assert result.party is None or result.outcome == VERIFIED
    return result.outcome


def _recorded(factory: sessionmaker) -> dict[str, int]:
    with session_scope(factory) as session:
        rows = session.execute(
            select(VerificationAttempt.outcome, func.count()).group_by(VerificationAttempt.outcome)
        ).all()
    return {str(outcome): int(count) for outcome, count in rows}


async def test_a_thousand_tries_from_one_conversation_check_only_five_codes(
    demo_session_factory: sessionmaker,
) -> None:
    factory = demo_session_factory
    victim = demo_logins()[0]
    system = CountingCaseSystem(SqlCaseSystem(factory))
    started = time.monotonic()
    outcomes = [
        await _attempt(factory, system, "attacker", victim.journal_number, guess)
        for guess in _guesses(TRIES)
    ]
    assert len(system.checked) == MAX_FAILED_ATTEMPTS
    assert set(outcomes) == {REJECTED, LOCKED}
    assert outcomes.count(REJECTED) == MAX_FAILED_ATTEMPTS - 1
    # Locked: the right code is refused too, so the lock is no oracle.
    assert await _attempt(factory, system, "attacker", victim.journal_number,
                          victim.receipt_code) == LOCKED
    assert _recorded(factory) == {"failure": MAX_FAILED_ATTEMPTS,
                                  "locked": TRIES + 1 - MAX_FAILED_ATTEMPTS}
    assert time.monotonic() - started < 60


async def test_a_thousand_concurrent_tries_from_many_conversations_check_only_five_codes(
    demo_session_factory: sessionmaker,
) -> None:
    factory = demo_session_factory
    victim = demo_logins()[0]
    system = CountingCaseSystem(SqlCaseSystem(factory))
    outcomes = await asyncio.gather(*(
        _attempt(factory, system, f"botnet-{n}", victim.journal_number, guess)
        for n, guess in enumerate(_guesses(TRIES))
    ))
    assert len(system.checked) <= MAX_FAILED_ATTEMPTS
    assert set(outcomes) <= {REJECTED, LOCKED}
    assert await _attempt(factory, system, "the-real-victim", victim.journal_number,
                          victim.receipt_code) == LOCKED


async def test_one_conversation_trying_many_cases_is_locked_after_five(
    demo_session_factory: sessionmaker,
) -> None:
    factory = demo_session_factory
    with session_scope(factory) as session:
        journals = list(session.execute(select(Case.journal_number)).scalars())
    system = CountingCaseSystem(SqlCaseSystem(factory))
    outcomes = [
        await _attempt(factory, system, "case-walker", journals[n % len(journals)], WRONG_CODE)
        for n in range(TRIES)
    ]
    assert len(system.checked) == MAX_FAILED_ATTEMPTS
    assert outcomes[MAX_FAILED_ATTEMPTS:] == [LOCKED] * (TRIES - MAX_FAILED_ATTEMPTS)


def _form_tracker(sender: str, journal: str, code: str) -> Tracker:
    slots = {"journal_number": journal, "requested_slot": "receipt_code", "receipt_code": code}
    latest = {"text": code, "intent": {"name": "give_code"}, "entities": [], "metadata": {}}
    events = [{"event": "action", "name": "verify_form"},
              {"event": "slot", "name": "receipt_code", "value": code}]
    return Tracker(sender, slots, latest, events, False, None, {"name": "verify_form"},
                   "verify_form")


async def _citizen_sees(sender: str, journal: str, code: str,
                        clock: HashClock) -> tuple[list[Any], float]:
    dispatcher = CollectingDispatcher()
    started = clock.now
    events = await ValidateVerifyForm().validate_receipt_code(
        code, dispatcher, _form_tracker(sender, journal, code), {}
    )
    return [dispatcher.messages, events], clock.elapsed_since(started)


async def test_unknown_and_wrong_cases_look_the_same_in_text_and_cost(
    demo_session_factory: sessionmaker, hash_clock: HashClock,
) -> None:
    with session_scope(demo_session_factory) as session:
        journals = list(session.execute(select(Case.journal_number).limit(12)).scalars())
    seen = set()
    costs: list[float] = []
    # Each case and conversation once, so no lockout.
    for n, journal in enumerate(journals):
        wrong, wrong_cost = await _citizen_sees(f"w-{n}", journal, WRONG_CODE, hash_clock)
        unknown_journal = f"9999-99999-{n:05d}-99"
        unknown, unknown_cost = await _citizen_sees(f"u-{n}", unknown_journal, WRONG_CODE,
                                                    hash_clock)
        seen.add(repr(wrong))
        seen.add(repr(unknown))
        costs += [wrong_cost, unknown_cost]
    assert len(seen) == 1, seen  # the very same messages and slot events
    # The same slow-hash time for every case (one party or several) and for no case at all.
    assert costs == [pytest.approx(MIN_HASHES_PER_CHECK * HASH_SECONDS)] * len(costs), costs
