"""The SVG charts are well-formed, accessible XML with the numbers in them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from bot.dashboard import charts, queries
from bot.dashboard.svg import Series, stacked_bars

SVG = "{http://www.w3.org/2000/svg}"
DAYS = [date(2026, 11, 16), date(2026, 11, 17)]

CHARTS = {
    "per_day": charts.render_inquiries_per_day_svg(
        queries.InquiriesPerDay(
            DAYS, ["case_status", "<b>&"], {(DAYS[0], "case_status"): 3, (DAYS[1], "<b>&"): 1}
        )
    ),
    "outcomes": charts.render_outcome_shares_svg(
        queries.OutcomeShares({"answered_by_bot": 3, "handed_over": 1})
    ),
    "wait": charts.render_advisor_wait_svg(
        queries.AdvisorWait(DAYS, {DAYS[0]: 120.0}, {DAYS[0]: 600.0}, 120.0, 600.0, 2)
    ),
    "wait_empty": charts.render_advisor_wait_svg(queries.AdvisorWait(DAYS, {}, {}, None, None, 0)),
    "callbacks": charts.render_callback_timeliness_svg(queries.CallbackTimeliness(8, 1, 0, 1)),
    "satisfaction": charts.render_satisfaction_svg(queries.Satisfaction({4: 2, 5: 1})),
    "complaints": charts.render_complaints_svg(
        queries.ComplaintCounts({("waiting_time", "upheld"): 2})
    ),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_is_well_formed_svg_with_title_and_description(name: str) -> None:
    root = ET.fromstring(CHARTS[name])  # noqa: S314  (our own markup)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_categories_show_their_danish_names_and_bars_carry_their_numbers() -> None:
    root = ET.fromstring(CHARTS["per_day"])  # noqa: S314  (our own markup)
    tooltips = [t.text for t in root.iter(f"{SVG}title")]
    assert "16/11, Status på egen sag: 3" in tooltips
    # A code nobody has named yet is never shown raw, markup or not.
    assert "17/11, Andet emne: 1" in tooltips
    assert "case_status" not in CHARTS["per_day"] and "<b>" not in CHARTS["per_day"]


def test_every_text_in_a_chart_is_escaped() -> None:
    svg = stacked_bars("x", "<i>Titel</i>", "a & b", ["<b>&"], [Series("<script>", [2])],
                       y_label="<n>")
    root = ET.fromstring(svg)  # noqa: S314  (our own markup)
    assert "<b>&, <script>: 2" in [t.text for t in root.iter(f"{SVG}title")]
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_summaries_state_the_key_figures() -> None:
    assert "75 %" in CHARTS["outcomes"]
    assert "Median ventetid 2 minutter" in CHARTS["wait"]
    assert "80 %" in CHARTS["callbacks"]  # 8 of 10 due: 8 on time, 1 late, 1 overdue
    assert "gennemsnit 4,3 af 5" in CHARTS["satisfaction"]
    assert "medhold i 100 %" in CHARTS["complaints"]


def test_empty_data_renders_without_division_by_zero() -> None:
    svg = stacked_bars("empty", "Tom", "Ingen data", ["a"], [Series("x", [0])], y_label="n")
    root = ET.fromstring(svg)  # noqa: S314  (our own markup)
    assert root.find(f"{SVG}rect") is None
