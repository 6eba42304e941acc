"""Danish names for every code a supervisor can meet on the dashboard."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bot.dashboard import queries
from bot.dashboard.labels import (
    INQUIRY_CATEGORY_TEXT_DA,
    OUTCOME_TEXT_DA,
    TIMELINESS_TEXT_DA,
    category_label,
)
from bot.dashboard.queries import UNCATEGORISED
from bot.dashboard.sample_data import CATEGORIES


def test_every_category_the_product_sets_has_a_danish_name() -> None:
    from bot.console.handover_pages import CATEGORIES as CLOSE_CATEGORIES

    written = {"case_status"} | set(CLOSE_CATEGORIES) | {c for c, _ in CATEGORIES if c}
    assert written <= set(INQUIRY_CATEGORY_TEXT_DA)


def test_no_category_is_shown_as_its_code() -> None:
    assert category_label("case_status") == "Status på egen sag"
    assert category_label(UNCATEGORISED) == "Uden emne"
    assert category_label(None) == "Uden emne"
    assert category_label("brand_new_code") == "Andet emne"
    for code, label in INQUIRY_CATEGORY_TEXT_DA.items():
        assert "_" not in label and label != code


def test_every_outcome_and_timeliness_status_has_a_danish_name(session: Session) -> None:
    counted = queries.outcome_shares(session, date(2026, 1, 1), date(2026, 1, 1)).counts
    assert set(OUTCOME_TEXT_DA) == set(counted)
    assert set(TIMELINESS_TEXT_DA) == {"on_time", "late", "overdue", "pending",
                                       "without_promise"}
