"""Console pages for the citizens' requests: the follow-up list (promised call-backs),
"Bestil en betjent" bookings, and service complaints (supervisors decide the outcome). Thin
views over `bot.requests`."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.clock import local_now
from bot.console.auth import record_advisor_action
from bot.console.labels import local_datetime_da, local_window_da
from bot.console.pages import id_param, read_form, render, require_supervisor
from bot.console.state import advisor_of
from bot.formats import format_date_da
from bot.models.requests import ATTEMPT_OUTCOMES, BOOKING_STATUSES
from bot.requests import booking, complaints, followup
from bot.web.database import run_unit

MAX_NOTE_CHARS = 2000
ATTEMPT_TEXT_DA = {"reached": "Fik fat", "not_reached": "Fik ikke fat", "try_again": "Prøv igen"}
COMPLAINT_OUTCOME_TEXT_DA = {"upheld": "Medhold", "not_upheld": "Ikke medhold"}


# --- follow-up list ---------------------------------------------------------------------


async def followups_page(request: web.Request) -> web.Response:
    today = local_now().date()

    def work(session: Session) -> list[dict[str, Any]]:
        return [{
            "id": r.id, "name": r.name, "phone": r.phone, "topic": r.topic,
            "journal_number": r.journal_number or "",
            "window": local_window_da(r.window_start, r.window_end),
            "promised_by": format_date_da(r.promised_by) if r.promised_by else "",
            "overdue": r.promised_by is not None and r.promised_by < today,
            "attempts": [{"at": local_datetime_da(a.attempted_at),
                          "outcome": ATTEMPT_TEXT_DA.get(str(a.outcome), str(a.outcome))}
                         for a in r.attempts],
        } for r in followup.open_followups(session)]

    requests = await run_unit(request.app, work)
    return render(request, "followups.html", requests=requests, outcomes=ATTEMPT_TEXT_DA)


async def followup_attempt(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    request_id = id_param(request, "request_id")
    form = await read_form(request)
    outcome, note = form.get("outcome", ""), form.get("note", "").strip()
    if outcome not in ATTEMPT_OUTCOMES:
        raise web.HTTPBadRequest(text="Choose reached, not reached or try again.")
    if len(note) > MAX_NOTE_CHARS:
        raise web.HTTPBadRequest(text=f"Note: at most {MAX_NOTE_CHARS} characters.")

    def work(session: Session) -> None:
        followup.record_attempt(session, request_id, advisor_id=str(advisor.id),
                                outcome=outcome, note=note)
        record_advisor_action(session, advisor.id, "followup_attempt_recorded",
                              "followup_request", request_id, detail=outcome)

    try:
        await run_unit(request.app, work)
    except followup.RequestNotFound:
        raise web.HTTPNotFound() from None
    except followup.RequestClosed:
        raise web.HTTPConflict(text="This follow-up is already closed.") from None
    raise web.HTTPFound("/console/followups")


# --- "Bestil en betjent" ----------------------------------------------------------------


async def bookings_page(request: web.Request) -> web.Response:
    def work(session: Session) -> list[dict[str, Any]]:
        return [{
            "id": b.id, "received": local_datetime_da(b.created_at),
            "organisation": b.organisation,
            "topic": b.topic, "place": b.place, "wished_dates": b.wished_dates,
            "contact_name": b.contact_name, "contact": b.contact, "status": b.status,
            "planned_for": b.planned_for.isoformat() if b.planned_for else "",
            "planned_for_da": format_date_da(b.planned_for) if b.planned_for else "",
        } for b in booking.bookings_to_handle(session)]

    bookings = await run_unit(request.app, work)
    return render(request, "bookings.html", bookings=bookings,
                  statuses=booking.STATUS_TEXT_DA)


async def booking_status(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    booking_id = id_param(request, "booking_id")
    form = await read_form(request)
    status, raw_planned = form.get("status", ""), form.get("planned_for", "").strip()
    if status not in BOOKING_STATUSES:
        raise web.HTTPBadRequest(text="Unknown booking status.")
    try:
        planned_for = date.fromisoformat(raw_planned) if raw_planned else None
    except ValueError:
        raise web.HTTPBadRequest(text="Planned date: use YYYY-MM-DD.") from None

    def work(session: Session) -> None:
        booking.set_booking_status(session, booking_id, status, handled_by=str(advisor.id),
                                   planned_for=planned_for)
        record_advisor_action(session, advisor.id, "booking_status_changed",
                              "officer_booking", booking_id, detail=status)

    try:
        await run_unit(request.app, work)
    except booking.BookingNotFound:
        raise web.HTTPNotFound() from None
    except ValueError as error:
        raise web.HTTPBadRequest(text=str(error)) from None
    raise web.HTTPFound("/console/bookings")


# --- service complaints (supervisors) ---------------------------------------------------


async def complaints_page(request: web.Request) -> web.Response:
    require_supervisor(request)

    def work(session: Session) -> list[dict[str, Any]]:
        return [{
            "id": c.id, "received": local_datetime_da(c.created_at),
            "type": complaints.COMPLAINT_TYPE_TEXT_DA.get(str(c.complaint_type),
                                                          str(c.complaint_type)),
            "description": c.description,
        } for c in complaints.pending_complaints(session)]

    pending = await run_unit(request.app, work)
    return render(request, "complaints.html", complaints=pending,
                  outcomes=COMPLAINT_OUTCOME_TEXT_DA)


async def complaint_outcome(request: web.Request) -> web.StreamResponse:
    require_supervisor(request)
    supervisor = advisor_of(request)
    complaint_id = id_param(request, "complaint_id")
    outcome = (await read_form(request)).get("outcome", "")
    if outcome not in COMPLAINT_OUTCOME_TEXT_DA:
        raise web.HTTPBadRequest(text="Choose upheld or not upheld.")
    try:
        await run_unit(request.app, lambda s: complaints.record_complaint_outcome(
            s, complaint_id, outcome, supervisor_id=str(supervisor.id)))
    except complaints.ComplaintNotFound:
        raise web.HTTPNotFound() from None
    raise web.HTTPFound("/console/complaints")
