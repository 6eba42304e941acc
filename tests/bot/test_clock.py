"""Stored moments are UTC; citizens and advisors read Danish local time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from bot.clock import COPENHAGEN, as_utc, local_date, local_now, utcnow


def test_utcnow_is_aware_and_in_utc() -> None:
    now = utcnow()
    assert now.utcoffset() == timedelta(0)


def test_naive_values_from_sqlite_are_read_as_utc() -> None:
    naive = datetime(2026, 12, 19, 12, 0)
    assert as_utc(naive) == naive.replace(tzinfo=timezone.utc)


def test_aware_values_keep_their_moment_and_move_to_utc() -> None:
    local = datetime(2026, 12, 19, 13, 0, tzinfo=COPENHAGEN)
    converted = as_utc(local)
    assert converted == local and converted.tzinfo == timezone.utc and converted.hour == 12


def test_a_chat_just_after_midnight_belongs_to_that_danish_day() -> None:
    # 23:30 UTC on 18 December is 00:30 on 19 December in Copenhagen (winter time).
    assert local_date(datetime(2026, 12, 18, 23, 30)) == date(2026, 12, 19)


def test_local_now_is_copenhagen_time() -> None:
    assert local_now().tzinfo == COPENHAGEN
