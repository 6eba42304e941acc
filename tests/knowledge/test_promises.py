"""Service-declaration promises: Danish wording, due dates, and operator overrides."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.knowledge.promises import (
    Promise,
    PromiseOverrideError,
    apply_overrides,
    read_overrides,
)


def _promise(amount: int = 5, unit: str = "workdays", configurable: bool = True) -> Promise:
    return Promise("online_reply", "Svar", amount, unit, configurable, "local target")


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [(1, "hours", "1 time"), (3, "minutes", "3 minutter"), (5, "workdays", "5 arbejdsdage"),
     (1, "weeks", "1 uge"), (4, "weeks", "4 uger"), (2, "days", "2 dage")],
)
def test_promise_text_uses_danish_singular_and_plural(amount: int, unit: str, text: str) -> None:
    assert _promise(amount, unit).text == text


def test_workdays_skip_the_weekend_and_keep_the_time_of_day() -> None:
    friday = datetime(2025, 11, 21, 15, 0)
    assert _promise(1, "workdays").due(friday) == datetime(2025, 11, 24, 15, 0)
    assert _promise(5, "workdays").due(friday) == datetime(2025, 11, 28, 15, 0)


def test_calendar_units_add_plain_time() -> None:
    start = datetime(2025, 11, 21, 15, 0)
    assert _promise(4, "weeks").due(start) == datetime(2025, 12, 19, 15, 0)
    assert _promise(3, "minutes").due(start) == datetime(2025, 11, 21, 15, 3)
    assert _promise(2, "hours").due(start) == datetime(2025, 11, 21, 17, 0)


def test_environment_overrides_the_service_levels_file(tmp_path: Path) -> None:
    (tmp_path / "service_levels.yml").write_text(
        "online_reply: {amount: 3, unit: workdays}\n", encoding="utf-8"
    )
    overrides = read_overrides(tmp_path, {"BR_SERVICE_LEVEL_ONLINE_REPLY": "2 days"})
    effective = apply_overrides({"online_reply": _promise()}, overrides)
    assert (effective["online_reply"].amount, effective["online_reply"].unit) == (2, "days")


def test_service_levels_file_alone_changes_the_figure(tmp_path: Path) -> None:
    (tmp_path / "service_levels.yml").write_text("online_reply: 3\n", encoding="utf-8")
    effective = apply_overrides({"online_reply": _promise()}, read_overrides(tmp_path, {}))
    assert effective["online_reply"].text == "3 arbejdsdage"


def test_a_fixed_promise_cannot_be_overridden() -> None:
    with pytest.raises(PromiseOverrideError, match="fixed"):
        apply_overrides({"online_reply": _promise(configurable=False)}, {"online_reply": 1})


@pytest.mark.parametrize("raw", ["", "zero", "0", "3 fortnights", "1 2 3"])
def test_malformed_overrides_are_rejected(raw: str) -> None:
    with pytest.raises(PromiseOverrideError):
        apply_overrides({"online_reply": _promise()}, {"online_reply": {"env": raw}})


def test_an_override_for_an_unknown_key_is_rejected() -> None:
    with pytest.raises(PromiseOverrideError, match="does not match"):
        apply_overrides({"online_reply": _promise()}, {"phone_999": 1})
