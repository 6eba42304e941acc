"""The view-ready dashboard on generated data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.dashboard.report import CHART_EXPORTS, chart_csv, dashboard_context
from bot.dashboard.sample_data import generate_sample_data
from bot.models.inquiries import Inquiry

START, END = date(2026, 10, 1), date(2026, 10, 30)


@pytest.fixture
def generated(session: Session) -> Session:
    generate_sample_data(
        session, inquiries=600, start=START, days=30, seed=3, today=date(2026, 11, 5)
    )
    return session


def test_sample_data_is_consistent(generated: Session) -> None:
    assert generated.execute(select(func.count()).select_from(Inquiry)).scalar_one() == 600
    distinct = generated.execute(select(func.count(func.distinct(Inquiry.reference)))).scalar_one()
    assert distinct == 600


def test_dashboard_context_adds_up_and_renders_every_chart(generated: Session) -> None:
    context = dashboard_context(generated, START, END, today=date(2026, 11, 5))
    assert context["inquiries_per_day"].total == 600
    assert context["outcome_shares"].total == 600
    assert context["advisor_wait"].count == context["outcome_shares"].counts["handed_over"]
    assert set(context["charts"]) == set(CHART_EXPORTS)
    for svg in context["charts"].values():
        ET.fromstring(svg)  # noqa: S314  (our own markup)


def test_every_chart_has_a_csv_export(generated: Session) -> None:
    for name in CHART_EXPORTS:
        assert chart_csv(generated, name, START, END).count("\r\n") >= 2


def test_a_backwards_or_too_long_range_is_refused(generated: Session) -> None:
    with pytest.raises(ValueError):
        dashboard_context(generated, END, START)
    with pytest.raises(ValueError):
        dashboard_context(generated, date(2025, 1, 1), date(2026, 6, 1))
