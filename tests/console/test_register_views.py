"""The console's register pages: inquiries with audited transcripts, the follow-up list,
"Bestil en betjent", service complaints and the supervisors' dashboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TypeVar

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat.transcripts import append_message, create_session
from bot.clock import local_now
from bot.dashboard.sample_data import generate_sample_data
from bot.dashboard.view import CHART_EXPORTS
from bot.db import make_engine, make_session_factory, session_scope
from bot.inquiries.repository import link_case, open_inquiry, set_category
from bot.models.audit import AuditEvent
from bot.models.requests import FollowUpRequest, OfficerBooking, ServiceComplaint
from bot.requests.booking import create_booking
from bot.requests.complaints import register_service_complaint
from bot.requests.followup import create_followup_request
from bot.requests.validation import TimeWindow
from bot.settings import load_settings
from tests.console.conftest import Console, login

T = TypeVar("T")
XSS = '<script>alert("x")</script>'
GET_PAGES = ["/console/inquiries", "/console/inquiries/BR-1", "/console/followups",
             "/console/bookings", "/console/complaints", "/console/dashboard",
             "/console/dashboard/complaints.csv"]
POST_FORMS = ["/console/followups/1/attempts", "/console/bookings/1/status",
              "/console/complaints/1/outcome"]
SUPERVISOR_PAGES = ["/console/complaints", "/console/dashboard",
                    "/console/dashboard/satisfaction.csv"]


def in_db(work: Callable[[Session], T]) -> T:
    engine = make_engine(load_settings().database)
    try:
        with session_scope(make_session_factory(engine)) as session:
            return work(session)
    finally:
        engine.dispose()


def make_inquiry(text: str = XSS, journal_number: str | None = "0100-12345-00001-26",
                 category: str = "case_status") -> str:
    """A chat with a transcript and its inquiry; returns the inquiry's reference."""
    def work(session: Session) -> str:
        chat = create_session(session, address_key="test-address")
        append_message(session, str(chat.id), sender="citizen", text=text)
        append_message(session, str(chat.id), sender="bot", text="Hej, hvad kan jeg hjælpe med?")
        inquiry = open_inquiry(session, str(chat.id))
        set_category(session, str(chat.id), category)
        if journal_number:
            link_case(session, str(chat.id), journal_number)
        return str(inquiry.reference)

    return in_db(work)


def make_followup() -> int:
    now = datetime.now(timezone.utc)
    window = TimeWindow(start=now + timedelta(days=1), end=now + timedelta(days=1, hours=2))
    return in_db(lambda s: int(create_followup_request(
        s, conversation_id="followup-chat", name="Jens Hansen", phone="12345678", window=window,
        topic=XSS, journal_number=None, promised_by=now.date() + timedelta(days=2), now=now).id))


def make_booking() -> int:
    return in_db(lambda s: int(create_booking(
        s, conversation_id="booking-chat", organisation="Grundejerforeningen Solsikken",
        topic="Indbrud i kvarteret", place="Fælleshuset", wished_dates="uge 50",
        contact_name="Lise", contact="lise@example.dk", now=datetime.now(timezone.utc)).id))


def make_complaint() -> int:
    return in_db(lambda s: int(register_service_complaint(
        s, conversation_id="complaint-chat", complaint_type="waiting_time", description=XSS,
        now=datetime.now(timezone.utc)).id))


@pytest.mark.parametrize("path", GET_PAGES)
async def test_register_pages_send_a_visitor_to_the_login(console: Console, path: str) -> None:
    response = await console.client.get(path, allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == "/console/login"


@pytest.mark.parametrize("path", POST_FORMS)
async def test_register_forms_refuse_a_visitor(console: Console, path: str) -> None:
    response = await console.client.post(path, data={"outcome": "reached"},
                                         allow_redirects=False)
    assert response.status == 401


@pytest.mark.parametrize("path", SUPERVISOR_PAGES)
async def test_advisor_is_refused_supervisor_pages(console: Console, path: str) -> None:
    await login(console.client, "anna")
    response = await console.client.get(path, allow_redirects=False)
    assert response.status == 403


async def test_advisor_cannot_record_a_complaint_outcome(console: Console) -> None:
    complaint_id = make_complaint()
    csrf = await login(console.client, "anna")
    response = await console.client.post(f"/console/complaints/{complaint_id}/outcome",
                                         data={"csrf_token": csrf, "outcome": "upheld"},
                                         allow_redirects=False)
    assert response.status == 403
    assert in_db(lambda s: s.get(ServiceComplaint, complaint_id).outcome) == "pending"


@pytest.mark.parametrize("path", POST_FORMS)
async def test_register_forms_need_the_csrf_token(console: Console, path: str) -> None:
    await login(console.client, "sara")
    response = await console.client.post(path, data={"outcome": "reached", "status": "done"},
                                         allow_redirects=False)
    assert response.status == 403


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


async def test_follow_up_list_shows_the_promise_and_an_attempt_changes_the_request(
    console: Console,
) -> None:
    request_id = make_followup()
    csrf = await login(console.client, "anna")
    page = await (await console.client.get("/console/followups")).text()
    promised = in_db(lambda s: s.get(FollowUpRequest, request_id).promised_by)
    assert "Jens Hansen" in page and promised.isoformat() in page and XSS not in page
    response = await console.client.post(
        f"/console/followups/{request_id}/attempts",
        data={"csrf_token": csrf, "outcome": "try_again", "note": "optaget"},
        allow_redirects=False)
    assert response.status == 302
    assert in_db(lambda s: s.get(FollowUpRequest, request_id).status) == "open"
    await console.client.post(f"/console/followups/{request_id}/attempts",
                              data={"csrf_token": csrf, "outcome": "reached"},
                              allow_redirects=False)
    assert in_db(lambda s: s.get(FollowUpRequest, request_id).status) == "completed"
    again = await console.client.post(f"/console/followups/{request_id}/attempts",
                                      data={"csrf_token": csrf, "outcome": "reached"},
                                      allow_redirects=False)
    assert again.status == 409


async def test_an_unknown_attempt_outcome_is_refused(console: Console) -> None:
    request_id = make_followup()
    csrf = await login(console.client, "anna")
    response = await console.client.post(f"/console/followups/{request_id}/attempts",
                                         data={"csrf_token": csrf, "outcome": "maybe"})
    assert response.status == 400
    assert in_db(lambda s: s.get(FollowUpRequest, request_id).status) == "open"


async def test_advisor_plans_a_booking(console: Console) -> None:
    booking_id = make_booking()
    csrf = await login(console.client, "anna")
    page = await (await console.client.get("/console/bookings")).text()
    assert "Grundejerforeningen Solsikken" in page
    refused = await console.client.post(f"/console/bookings/{booking_id}/status",
                                        data={"csrf_token": csrf, "status": "planned"})
    assert refused.status == 400  # a planned booking needs its date
    response = await console.client.post(
        f"/console/bookings/{booking_id}/status",
        data={"csrf_token": csrf, "status": "planned", "planned_for": "2026-12-10"},
        allow_redirects=False)
    assert response.status == 302
    stored = in_db(lambda s: (s.get(OfficerBooking, booking_id).status,
                              s.get(OfficerBooking, booking_id).planned_for.isoformat()))
    assert stored == ("planned", "2026-12-10")


async def test_supervisor_records_a_complaint_outcome(console: Console) -> None:
    complaint_id = make_complaint()
    csrf = await login(console.client, "sara")
    page = await (await console.client.get("/console/complaints")).text()
    assert "Ventetid" in page and "&lt;script&gt;" in page and XSS not in page
    response = await console.client.post(f"/console/complaints/{complaint_id}/outcome",
                                         data={"csrf_token": csrf, "outcome": "not_upheld"},
                                         allow_redirects=False)
    assert response.status == 302
    assert in_db(lambda s: s.get(ServiceComplaint, complaint_id).outcome) == "not_upheld"
    after = await (await console.client.get("/console/complaints")).text()
    assert "Ingen klager venter." in after


async def test_dashboard_renders_every_chart_from_generated_data(console: Console) -> None:
    today = local_now().date()
    in_db(lambda s: generate_sample_data(s, inquiries=400, start=today - timedelta(days=20),
                                         days=20, today=today))
    make_inquiry(category=XSS, journal_number=None)
    await login(console.client, "sara")
    response = await console.client.get("/console/dashboard")
    assert response.status == 200
    page = await response.text()
    assert page.count("<svg") == len(CHART_EXPORTS)
    assert XSS not in page and "&lt;script&gt;" in page  # a stored label stays text
    for name in CHART_EXPORTS:
        assert f"/console/dashboard/{name}.csv" in page
    assert (today - timedelta(days=29)).isoformat() in page  # default: the last 30 days


async def test_dashboard_refuses_a_reversed_date_range(console: Console) -> None:
    await login(console.client, "sara")
    response = await console.client.get("/console/dashboard",
                                        params={"start": "2026-11-20", "end": "2026-11-01"})
    assert response.status == 400


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
