"""The queue: urgent first then waiting time, exactly one winner per claim, place and estimate."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import sessionmaker

from bot.db import session_scope
from bot.handover import context as ctx
from bot.handover import queue, repository
from bot.models.accounts import AdvisorAccount
from bot.models.handover import STATUS_ACTIVE, STATUS_CALLBACK_OFFERED, STATUS_WAITING, Handover

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def packet(reason: str) -> ctx.HandoverContext:
    return ctx.build_context(reason=reason, events=[], slots={}, case=None, now=T0)


def add_handover(factory: sessionmaker, reason: str, minutes_ago: int) -> int:
    with session_scope(factory) as session:
        handover = repository.create_handover(
            session,
            session_id=f"s-{reason}-{minutes_ago}",
            context=packet(reason),
            status=STATUS_WAITING,
            now=T0 - timedelta(minutes=minutes_ago),
        )
        return int(handover.id)


def add_advisors(factory: sessionmaker, count: int) -> list[int]:
    with session_scope(factory) as session:
        accounts = [AdvisorAccount(username=f"a{i}", password_hash="x") for i in range(count)]
        session.add_all(accounts)
        session.flush()
        return [int(a.id) for a in accounts]


def test_urgent_chats_come_first_then_the_longest_waiting(session_factory: sessionmaker) -> None:
    normal_old = add_handover(session_factory, ctx.REASON_CITIZEN_REQUEST, 30)
    urgent_new = add_handover(session_factory, ctx.REASON_SENSITIVE_SUICIDE, 1)
    normal_new = add_handover(session_factory, ctx.REASON_COMPLAINT, 5)
    urgent_old = add_handover(session_factory, ctx.REASON_SENSITIVE_THREATS, 10)
    with session_scope(session_factory) as session:
        order = [h.id for h in queue.waiting(session)]
        place = queue.place_in_queue(session, normal_new, average_chat_minutes=8)
    assert order == [urgent_old, urgent_new, normal_old, normal_new]
    assert place is not None and place.position == 4
    # 4 chats x 8 minutes with nobody busy counted as 1 advisor = 32 -> rounded up to 35.
    assert place.estimate_minutes == 35


def test_estimate_is_shared_over_busy_advisors_and_never_below_five_minutes() -> None:
    assert queue.estimate_minutes(1, advisors=3, average_chat_minutes=8) == 5
    assert queue.estimate_minutes(6, advisors=2, average_chat_minutes=8) == 25
    assert queue.estimate_minutes(3, advisors=0, average_chat_minutes=10) == 30


def test_exactly_one_of_many_concurrent_claims_wins(session_factory: sessionmaker) -> None:
    handover_id = add_handover(session_factory, ctx.REASON_CITIZEN_REQUEST, 2)
    advisors = add_advisors(session_factory, 12)
    barrier = threading.Barrier(len(advisors))
    results: dict[int, bool] = {}

    def try_claim(advisor_id: int) -> None:
        with session_scope(session_factory) as session:
            barrier.wait()
            results[advisor_id] = queue.claim(session, handover_id, advisor_id, T0)

    threads = [threading.Thread(target=try_claim, args=(a,)) for a in advisors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    winners = [a for a, won in results.items() if won]
    assert len(results) == len(advisors)
    assert len(winners) == 1
    with session_scope(session_factory) as session:
        stored = session.get(Handover, handover_id)
        assert stored is not None
        assert stored.claimed_by == winners[0] and stored.status == STATUS_ACTIVE


def test_only_the_holder_can_transfer_or_end_a_chat(session_factory: sessionmaker) -> None:
    handover_id = add_handover(session_factory, ctx.REASON_CITIZEN_REQUEST, 2)
    first, second, third = add_advisors(session_factory, 3)
    with session_scope(session_factory) as session:
        assert queue.claim(session, handover_id, first, T0)
        assert not queue.claim(session, handover_id, second, T0)
        assert not queue.transfer(session, handover_id, second, third)
        assert queue.transfer(session, handover_id, first, second)
        assert not queue.end(session, handover_id, first, status="closed", now=T0)
        assert queue.end(
            session,
            handover_id,
            second,
            status="closed",
            now=T0,
            outcome="answered",
            category="case_status",
        )
        stored = session.get(Handover, handover_id, populate_existing=True)
        assert stored is not None and stored.outcome == "answered"


def test_unclaimed_chats_turn_into_call_back_offers_after_the_timeout(
    session_factory: sessionmaker,
) -> None:
    old = add_handover(session_factory, ctx.REASON_CITIZEN_REQUEST, 15)
    fresh = add_handover(session_factory, ctx.REASON_COMPLAINT, 3)
    claimed = add_handover(session_factory, ctx.REASON_NOT_UNDERSTOOD, 20)
    (advisor,) = add_advisors(session_factory, 1)
    with session_scope(session_factory) as session:
        assert queue.claim(session, claimed, advisor, T0)
        expired = queue.expire_unclaimed(session, T0, timeout_minutes=10)
    assert [h.id for h in expired] == [old]
    with session_scope(session_factory) as session:
        statuses = {h: session.get(Handover, h).status for h in (old, fresh, claimed)}  # type: ignore[union-attr]
    assert statuses == {old: STATUS_CALLBACK_OFFERED, fresh: STATUS_WAITING, claimed: STATUS_ACTIVE}


def test_the_inquiry_register_times_the_wait_and_records_the_advisor_who_claimed(
    session_factory: sessionmaker,
) -> None:
    from bot.inquiries.repository import get_by_conversation

    handover_id = add_handover(session_factory, ctx.REASON_CITIZEN_REQUEST, 12)
    (advisor,) = add_advisors(session_factory, 1)
    with session_scope(session_factory) as session:
        assert queue.claim(session, handover_id, advisor, T0)
    with session_scope(session_factory) as session:
        inquiry = get_by_conversation(session, f"s-{ctx.REASON_CITIZEN_REQUEST}-12")
        assert inquiry is not None
        assert inquiry.outcome == "handed_over"
        assert inquiry.advisor_id == str(advisor)
        waited = inquiry.advisor_joined_at.replace(
            tzinfo=timezone.utc
        ) - inquiry.handover_requested_at.replace(tzinfo=timezone.utc)
        assert waited == timedelta(minutes=12)
