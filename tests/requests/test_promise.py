"""The service declaration's promise as a date, read from the knowledge base."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from bot.clock import COPENHAGEN
from bot.requests.promise import (
    CallPromise,
    PromiseMissing,
    followup_promise,
    promise_deadline,
)

ENTRY = """\
id: service_opfoelgning
kind: service_declaration
title: Opfølgning
audience: [everyone]
answer: Vi ringer inden for {{{{ promises.{key}.text }}}}.
examples: [a one, a two, a three, a four, a five, a six, a seven, an eight, a nine, a ten]
source:
  - title: Test
    url: https://example.org/
reviewed: 2026-01-01
promise:
  key: {key}
  what: Opringning efter ønske om opfølgning
  amount: 2
  unit: workdays
  configurable: true
  note: Local target set by the police district.
"""


def write_knowledge(directory: Path, key: str) -> Path:
    folder = directory / "service_declaration"
    folder.mkdir(parents=True)
    (folder / "service_opfoelgning.yml").write_text(ENTRY.format(key=key), encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("made_at", "promise", "expected"),
    [
        # Friday afternoon, 2 working days: Tuesday.
        (
            datetime(2026, 11, 20, 15, 0, tzinfo=COPENHAGEN),
            CallPromise(2, "workdays"),
            date(2026, 11, 24),
        ),
        # Maundy Thursday 2026, 1 working day: Tuesday after Easter.
        (
            datetime(2026, 4, 2, 10, 0, tzinfo=COPENHAGEN),
            CallPromise(1, "workdays"),
            date(2026, 4, 7),
        ),
        # 23:30 UTC is already the next day in Copenhagen.
        (
            datetime(2026, 11, 23, 23, 30, tzinfo=timezone.utc),
            CallPromise(1, "workdays"),
            date(2026, 11, 25),
        ),
        (
            datetime(2026, 11, 20, 15, 0, tzinfo=COPENHAGEN),
            CallPromise(3, "days"),
            date(2026, 11, 23),
        ),
        (
            datetime(2026, 11, 20, 22, 0, tzinfo=COPENHAGEN),
            CallPromise(4, "hours"),
            date(2026, 11, 21),
        ),
        (
            datetime(2026, 11, 20, 15, 0, tzinfo=COPENHAGEN),
            CallPromise(1, "weeks"),
            date(2026, 11, 27),
        ),
    ],
)
def test_promise_deadline_counts_working_days_and_durations(
    made_at: datetime, promise: CallPromise, expected: date
) -> None:
    assert promise_deadline(promise, made_at) == expected


def test_followup_promise_is_read_from_the_knowledge_base(tmp_path: Path) -> None:
    knowledge = write_knowledge(tmp_path / "kb", "followup_call")
    assert followup_promise(knowledge) == CallPromise(2, "workdays")


def test_an_operator_override_changes_the_promise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BR_SERVICE_LEVEL_FOLLOWUP_CALL", "5")
    knowledge = write_knowledge(tmp_path / "kb-override", "followup_call")
    assert followup_promise(knowledge) == CallPromise(5, "workdays")


def test_a_knowledge_base_without_the_promise_is_reported(tmp_path: Path) -> None:
    knowledge = write_knowledge(tmp_path / "kb-other", "something_else")
    with pytest.raises(PromiseMissing, match="followup_call"):
        followup_promise(knowledge)
