"""The inquiry register: search, and opening an inquiry with its transcript (escaped, audited)."""

from __future__ import annotations

from sqlalchemy import select

from bot.clock import local_now
from bot.models.audit import AuditEvent
from tests.console.conftest import Console, login
from tests.console.registers import (
    XSS,
    in_db,
    make_inquiry,
)


async def test_search_finds_an_inquiry_by_reference_and_by_journal_number(
    console: Console,
) -> None:
    wanted = make_inquiry(journal_number="0100-12345-00001-26")
    other = make_inquiry(journal_number="0100-99999-00002-26")
    await login(console.client, "anna")
    by_reference = await (await console.client.get(
        "/console/inquiries", params={"reference": wanted.lower()})).text()
    assert wanted in by_reference and other not in by_reference
    by_journal = await (await console.client.get(
        "/console/inquiries", params={"journal_number": "0100-12345-00001-26"})).text()
    assert wanted in by_journal and other not in by_journal


async def test_search_filters_by_category_and_rejects_a_bad_date(console: Console) -> None:
    rights = make_inquiry(category="rights", journal_number=None)
    practical = make_inquiry(category="practical", journal_number=None)
    await login(console.client, "anna")
    today = local_now().date().isoformat()
    page = await (await console.client.get(
        "/console/inquiries", params={"category": "rights", "start": today, "end": today})).text()
    assert rights in page and practical not in page
    bad = await console.client.get("/console/inquiries", params={"start": "31-12-2026"})
    assert bad.status == 400


async def test_opening_an_inquiry_shows_its_transcript_escaped_and_is_audited(
    console: Console,
) -> None:
    reference = make_inquiry()
    await login(console.client, "anna")
    response = await console.client.get(f"/console/inquiries/{reference}")
    assert response.status == 200
    page = await response.text()
    assert "&lt;script&gt;alert(" in page and XSS not in page
    assert "Hej, hvad kan jeg hjælpe med?" in page
    events = in_db(lambda s: [(e.action, e.subject_id, e.actor_type) for e in s.execute(
        select(AuditEvent).where(AuditEvent.action == "inquiry_opened")).scalars()])
    assert events == [("inquiry_opened", reference, "advisor")]


async def test_opening_an_unknown_inquiry_is_not_found(console: Console) -> None:
    await login(console.client, "anna")
    response = await console.client.get("/console/inquiries/BR-0000-NOPE")
    assert response.status == 404
