"""The service declaration's promise as a calendar date: "Vi ringer til dig senest den ...".

The amount and unit come from the knowledge base (its `service_declaration` entries, read
through `bot.knowledge`); this module only turns them into a date the citizen can hold
us to, skipping weekends and Danish public holidays for working-day promises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.calendar_dk import add_working_days
from bot.clock import COPENHAGEN

# The promise key of the follow-up call in the knowledge base's service declaration.
FOLLOWUP_PROMISE_KEY = "followup_call"


class PromiseMissing(LookupError):
    """The knowledge base has no usable promise for follow-up calls."""


@dataclass(frozen=True)
class CallPromise:
    amount: int
    unit: str  # one of bot.knowledge.promises.UNITS


def promise_deadline(promise: CallPromise, made_at: datetime) -> date:
    """The last local day on which the promise is kept, for a request made at `made_at`.

    Working days ("workdays") are counted from the day after the request and skip weekends,
    public holidays and the customary closing days; the other units are plain durations.
    """
    local = made_at.astimezone(COPENHAGEN)
    if promise.amount < 0:
        raise ValueError("a promise cannot have a negative amount")
    if promise.unit == "workdays":
        return add_working_days(local.date(), promise.amount)
    if promise.unit == "days":
        return local.date() + timedelta(days=promise.amount)
    if promise.unit == "weeks":
        return local.date() + timedelta(weeks=promise.amount)
    if promise.unit == "hours":
        return (local + timedelta(hours=promise.amount)).date()
    if promise.unit == "minutes":
        return (local + timedelta(minutes=promise.amount)).date()
    raise ValueError(f"Unknown promise unit {promise.unit!r}")


def followup_promise(knowledge_dir: Path) -> CallPromise:
    """The effective follow-up promise (operator overrides applied) from the knowledge base.

    The single adapter between this package and `bot.knowledge`: if the entry's key or the
    loader changes, only this function changes.
    """
    from bot.knowledge.loader import KnowledgeError, cached_knowledge_base

    try:
        base = cached_knowledge_base(knowledge_dir)
    except KnowledgeError as exc:
        raise PromiseMissing(f"the knowledge base cannot be loaded: {exc}") from exc
    promise = base.promises.get(FOLLOWUP_PROMISE_KEY)
    if promise is None:
        raise PromiseMissing(
            f"no service_declaration entry has promise key {FOLLOWUP_PROMISE_KEY!r}"
        )
    return CallPromise(amount=promise.amount, unit=promise.unit)
