"""The follow-up list, "Bestil en betjent" and service complaints in the console."""

from __future__ import annotations

from bot.formats import format_date_da
from bot.models.requests import FollowUpRequest, OfficerBooking, ServiceComplaint
from tests.console.conftest import Console, login
from tests.console.registers import (
    XSS,
    in_db,
    make_booking,
    make_complaint,
    make_followup,
)


async def test_follow_up_list_shows_the_promise_and_an_attempt_changes_the_request(
    console: Console,
) -> None:
    request_id = make_followup()
    csrf = await login(console.client, "anna")
    page = await (await console.client.get("/console/followups")).text()
    promised = in_db(lambda s: s.get(FollowUpRequest, request_id).promised_by)
    # The promise as a Danish date, never an ISO one.
    assert "Jens Hansen" in page and format_date_da(promised) in page and XSS not in page
    assert promised.isoformat() not in page
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


async def test_advisor_cannot_record_a_complaint_outcome(console: Console) -> None:
    complaint_id = make_complaint()
    csrf = await login(console.client, "anna")
    response = await console.client.post(f"/console/complaints/{complaint_id}/outcome",
                                         data={"csrf_token": csrf, "outcome": "upheld"},
                                         allow_redirects=False)
    assert response.status == 403
    assert in_db(lambda s: s.get(ServiceComplaint, complaint_id).outcome) == "pending"
