"""Service-declaration promises as data: "we answer within 5 workdays" as (5, "workdays").

Figures the seed does not give are configuration: an operator overrides them in
`knowledge/service_levels.yml` or with `BR_SERVICE_LEVEL_<KEY>` (e.g. `BR_SERVICE_LEVEL_PHONE_114=3`
or `=3 minutes`). Answers and other features compute with the effective value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

UNITS = ("minutes", "hours", "days", "workdays", "weeks")
# Danish singular and plural for each unit, for the citizen-facing text.
_DANISH_UNITS = {
    "minutes": ("minut", "minutter"),
    "hours": ("time", "timer"),
    "days": ("dag", "dage"),
    "workdays": ("arbejdsdag", "arbejdsdage"),
    "weeks": ("uge", "uger"),
}
SERVICE_LEVELS_FILE = "service_levels.yml"
ENV_PREFIX = "BR_SERVICE_LEVEL_"


@dataclass(frozen=True)
class Promise:
    """What the police promise, how fast, and whether the figure is local configuration."""

    key: str
    what: str
    amount: int
    unit: str
    configurable: bool
    note: str = ""

    @property
    def text(self) -> str:
        """Danish wording of the duration, e.g. "5 arbejdsdage", "1 time"."""
        singular, plural = _DANISH_UNITS[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"

    def due(self, start: datetime) -> datetime:
        """When the promise falls due for something received at `start`.

        Workdays skip Saturdays and Sundays (public holidays are not modelled); the time of day
        is kept, so a message sent Friday 15:00 with 1 workday is due Monday 15:00.
        """
        if self.unit == "workdays":
            due = start
            remaining = self.amount
            while remaining > 0:
                due += timedelta(days=1)
                if due.weekday() < 5:
                    remaining -= 1
            return due
        step = {
            "minutes": timedelta(minutes=1),
            "hours": timedelta(hours=1),
            "days": timedelta(days=1),
            "weeks": timedelta(weeks=1),
        }[self.unit]
        return start + self.amount * step

    def as_template_vars(self, language: str = "da") -> dict[str, Any]:
        from bot.knowledge.english import unit_text

        return {
            "amount": self.amount,
            "unit": self.unit,
            "text": self.text if language == "da" else unit_text(self.unit, self.amount, language),
            "configurable": self.configurable,
        }


class PromiseOverrideError(ValueError):
    """An operator override names an unknown promise, a fixed one, or a malformed value."""


def parse_amount_and_unit(raw: str, default_unit: str) -> tuple[int, str]:
    """Parse "3" or "3 minutes" from an environment variable."""
    parts = raw.split()
    if not parts or len(parts) > 2 or not parts[0].isdigit() or int(parts[0]) <= 0:
        raise PromiseOverrideError(f"expected '<positive number> [unit]', got {raw!r}")
    unit = parts[1] if len(parts) == 2 else default_unit
    if unit not in UNITS:
        raise PromiseOverrideError(f"unknown unit {unit!r}; use one of {', '.join(UNITS)}")
    return int(parts[0]), unit


def read_overrides(knowledge_dir: Path, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Operator overrides: the service-levels file first, environment variables on top."""
    overrides: dict[str, Any] = {}
    path = knowledge_dir / SERVICE_LEVELS_FILE
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        if not isinstance(data, dict):
            raise PromiseOverrideError(f"{path}: expected a mapping of promise key to values")
        overrides.update({str(k): v for k, v in data.items()})
    env = os.environ if environ is None else environ
    for name, value in env.items():
        if name.startswith(ENV_PREFIX):
            overrides[name.removeprefix(ENV_PREFIX).lower()] = {"env": value}
    return overrides


def apply_overrides(
    promises: dict[str, Promise], overrides: Mapping[str, Any]
) -> dict[str, Promise]:
    """The effective promises; only configurable figures may be overridden."""
    effective = dict(promises)
    for key, value in overrides.items():
        promise = promises.get(key)
        if promise is None:
            raise PromiseOverrideError(f"service level {key!r} does not match any promise key")
        if not promise.configurable:
            raise PromiseOverrideError(
                f"service level {key!r} is fixed by law or the seed and cannot be overridden"
            )
        if isinstance(value, dict) and "env" in value:
            amount, unit = parse_amount_and_unit(str(value["env"]), promise.unit)
        elif isinstance(value, dict):
            amount, unit = parse_amount_and_unit(
                f"{value.get('amount', '')} {value.get('unit', promise.unit)}", promise.unit
            )
        else:
            amount, unit = parse_amount_and_unit(str(value), promise.unit)
        effective[key] = replace(promise, amount=amount, unit=unit)
    return effective
