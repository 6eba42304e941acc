"""The supervisors' dashboard: every chart rendered, date ranges checked, each chart as CSV."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import local_now
from bot.dashboard.report import CHART_EXPORTS
from bot.dashboard.sample_data import generate_sample_data
from tests.console.conftest import Console, login
from tests.console.registers import (
    XSS,
    in_db,
    make_inquiry,
)


async def test_dashboard_renders_every_chart_from_generated_data(console: Console) -> None:
    today = local_now().date()
    in_db(lambda s: generate_sample_data(s, inquiries=400, start=today - timedelta(days=20),
                                         days=20, today=today))
    make_inquiry(category=XSS, journal_number=None)
    await login(console.client, "sara")
    response = await console.client.get("/console/dashboard")
    assert response.status == 200
    page = await response.text()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == len(CHART_EXPORTS)
    # A stored category that nobody named is "Andet emne", never its (hostile) code.
    assert XSS not in page and "&lt;script&gt;" not in page and "Andet emne" in page
    assert "case_status" not in page and "Status på egen sag" in page
    for name in CHART_EXPORTS:
        assert f"/console/dashboard/{name}.csv" in page
    # Every chart has its numbers beside it as a table.
    assert page.count("Tallene bag figuren") == len(CHART_EXPORTS)
    assert (today - timedelta(days=29)).isoformat() in page  # default: the last 30 days


async def test_dashboard_refuses_a_reversed_date_range(console: Console) -> None:
    await login(console.client, "sara")
    response = await console.client.get("/console/dashboard",
                                        params={"start": "2026-11-20", "end": "2026-11-01"})
    assert response.status == 400
    assert "Slutdatoen ligger før startdatoen" in await response.text()


@pytest.mark.parametrize("chart", sorted(CHART_EXPORTS))
async def test_every_chart_exports_csv_with_a_header_row(console: Console, chart: str) -> None:
    today = local_now().date()
    in_db(lambda s: generate_sample_data(s, inquiries=100, start=today - timedelta(days=10),
                                         days=10, today=today))
    await login(console.client, "sara")
    response = await console.client.get(f"/console/dashboard/{chart}.csv")
    assert response.status == 200
    assert response.content_type == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = (await response.text()).splitlines()
    assert len(lines) >= 2
    assert not any(cell.strip().isdigit() for cell in lines[0].split(","))


async def test_an_unknown_chart_has_no_export(console: Console) -> None:
    await login(console.client, "sara")
    response = await console.client.get("/console/dashboard/passwords.csv")
    assert response.status == 404


async def test_the_dashboards_range_lives_in_the_url_and_its_csv_links(console: Console) -> None:
    await login(console.client, "sara")
    page = await (await console.client.get(
        "/console/dashboard", params={"start": "2026-10-01", "end": "2026-10-31"})).text()
    assert 'name="start" value="2026-10-01"' in page and 'name="end" value="2026-10-31"' in page
    assert "Periode: 1. oktober 2026 til 31. oktober 2026" in page
    assert "/console/dashboard/outcome_shares.csv?start=2026-10-01&amp;end=2026-10-31" in page
    assert "Seneste 7 dage" in page  # quick ranges are links too, so they can be shared
