"""Console pages for the registers of issue 7: inquiries, follow-ups, bookings, complaints and
the supervisors' dashboard. Thin views over `bot.inquiries`, `bot.requests` and
`bot.dashboard`; domain refusals become HTTP errors here."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from aiohttp import web
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat.transcripts import messages_after
from bot.clock import COPENHAGEN, local_now
from bot.console.keys import advisor_of, run_db
from bot.console.views import render
from bot.dashboard.view import CHART_EXPORTS, chart_csv, dashboard_context
from bot.inquiries.repository import (
    InquiryNotFound,
    InquirySearch,
    as_utc,
    open_inquiry_for_staff,
    search_inquiries,
)
from bot.models.audit import record_audit
from bot.models.inquiries import Inquiry
from bot.models.requests import ATTEMPT_OUTCOMES, BOOKING_STATUSES
from bot.requests import booking, complaints, followup

DASHBOARD_DEFAULT_DAYS = 30
MAX_TRANSCRIPT_MESSAGES = 2000
MAX_NOTE_CHARS = 2000
ATTEMPT_TEXT_DA = {"reached": "Fik fat", "not_reached": "Fik ikke fat", "try_again": "Prøv igen"}
COMPLAINT_OUTCOME_TEXT_DA = {"upheld": "Medhold", "not_upheld": "Ikke medhold"}
SENDER_TEXT_DA = {"citizen": "Borger", "bot": "Bot", "advisor": "Rådgiver", "system": "System"}


def _local(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return as_utc(moment).astimezone(COPENHAGEN).strftime("%Y-%m-%d %H:%M")


def _day_param(request: web.Request, name: str) -> date | None:
    raw = request.query.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise web.HTTPBadRequest(text=f"{name}: use the date format YYYY-MM-DD.") from None


def _id_param(request: web.Request, name: str) -> int:
    raw = request.match_info[name]
    if not raw.isdigit():
        raise web.HTTPNotFound()
    return int(raw)


def _require_supervisor(request: web.Request) -> None:
    if not advisor_of(request).is_supervisor:
        raise web.HTTPForbidden(text="Supervisors only.")


async def _form(request: web.Request) -> dict[str, str]:
    data = await request.post()
    return {k: v for k, v in data.items() if isinstance(v, str)}


# --- inquiries --------------------------------------------------------------------------


def _inquiry_row(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "reference": inquiry.reference,
        "started": _local(inquiry.started_at),
        "channel": inquiry.channel,
        "category": inquiry.category or "",
        "outcome": inquiry.outcome or "",
        "journal_number": inquiry.journal_number or "",
        "advisor_id": inquiry.advisor_id or "",
    }


async def inquiries_page(request: web.Request) -> web.Response:
    query = request.query
    criteria = InquirySearch(
        reference=query.get("reference", "").strip() or None,
        journal_number=query.get("journal_number", "").strip() or None,
        start=_day_param(request, "start"),
        end=_day_param(request, "end"),
        category=query.get("category", "").strip() or None,
        limit=200,
    )

    def work(session: Session) -> dict[str, Any]:
        categories = session.execute(
            select(Inquiry.category).where(Inquiry.category.is_not(None))
            .distinct().order_by(Inquiry.category)
        ).scalars().all()
        return {"results": [_inquiry_row(i) for i in search_inquiries(session, criteria)],
                "categories": list(categories)}

    values = await run_db(request.app, work)
    return render(request, "inquiries.html", criteria=criteria, **values)


async def inquiry_page(request: web.Request) -> web.Response:
    advisor = advisor_of(request)
    reference = request.match_info["reference"]

    def work(session: Session) -> dict[str, Any]:
        inquiry = open_inquiry_for_staff(session, reference, advisor_id=str(advisor.id))
        messages = messages_after(session, str(inquiry.conversation_id), 0,
                                  limit=MAX_TRANSCRIPT_MESSAGES)
        return {
            "inquiry": _inquiry_row(inquiry),
            "transcript": [{"sender": SENDER_TEXT_DA.get(str(m.sender), str(m.sender)),
                            "kind": str(m.sender), "text": str(m.text),
                            "at": _local(m.created_at)} for m in messages],
        }

    try:
        values = await run_db(request.app, work)
    except InquiryNotFound:
        raise web.HTTPNotFound(text="No inquiry with that reference.") from None
    return render(request, "inquiry.html", **values)


# --- follow-up list ---------------------------------------------------------------------


async def followups_page(request: web.Request) -> web.Response:
    today = local_now().date()

    def work(session: Session) -> list[dict[str, Any]]:
        return [{
            "id": r.id, "name": r.name, "phone": r.phone, "topic": r.topic,
            "journal_number": r.journal_number or "",
            "window": f"{_local(r.window_start)}-{_local(r.window_end)[-5:]}",
            "promised_by": r.promised_by.isoformat() if r.promised_by else "",
            "overdue": r.promised_by is not None and r.promised_by < today,
            "attempts": [{"at": _local(a.attempted_at),
                          "outcome": ATTEMPT_TEXT_DA.get(str(a.outcome), str(a.outcome))}
                         for a in r.attempts],
        } for r in followup.open_followups(session)]

    requests = await run_db(request.app, work)
    return render(request, "followups.html", requests=requests, outcomes=ATTEMPT_TEXT_DA)


async def followup_attempt(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    request_id = _id_param(request, "request_id")
    form = await _form(request)
    outcome, note = form.get("outcome", ""), form.get("note", "").strip()
    if outcome not in ATTEMPT_OUTCOMES:
        raise web.HTTPBadRequest(text="Choose reached, not reached or try again.")
    if len(note) > MAX_NOTE_CHARS:
        raise web.HTTPBadRequest(text=f"Note: at most {MAX_NOTE_CHARS} characters.")

    def work(session: Session) -> None:
        followup.record_attempt(session, request_id, advisor_id=str(advisor.id),
                                outcome=outcome, note=note)
        record_audit(session, actor_type="advisor", actor_id=str(advisor.id),
                     action="followup_attempt_recorded", subject_type="followup_request",
                     subject_id=str(request_id), detail=outcome)

    try:
        await run_db(request.app, work)
    except followup.RequestNotFound:
        raise web.HTTPNotFound() from None
    except followup.RequestClosed:
        raise web.HTTPConflict(text="This follow-up is already closed.") from None
    raise web.HTTPFound("/console/followups")


# --- "Bestil en betjent" ----------------------------------------------------------------


async def bookings_page(request: web.Request) -> web.Response:
    def work(session: Session) -> list[dict[str, Any]]:
        return [{
            "id": b.id, "received": _local(b.created_at), "organisation": b.organisation,
            "topic": b.topic, "place": b.place, "wished_dates": b.wished_dates,
            "contact_name": b.contact_name, "contact": b.contact, "status": b.status,
            "planned_for": b.planned_for.isoformat() if b.planned_for else "",
        } for b in booking.bookings_to_handle(session)]

    bookings = await run_db(request.app, work)
    return render(request, "bookings.html", bookings=bookings,
                  statuses=booking.STATUS_TEXT_DA)


async def booking_status(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    booking_id = _id_param(request, "booking_id")
    form = await _form(request)
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
        record_audit(session, actor_type="advisor", actor_id=str(advisor.id),
                     action="booking_status_changed", subject_type="officer_booking",
                     subject_id=str(booking_id), detail=status)

    try:
        await run_db(request.app, work)
    except booking.BookingNotFound:
        raise web.HTTPNotFound() from None
    except ValueError as error:
        raise web.HTTPBadRequest(text=str(error)) from None
    raise web.HTTPFound("/console/bookings")


# --- service complaints (supervisors) ---------------------------------------------------


async def complaints_page(request: web.Request) -> web.Response:
    _require_supervisor(request)

    def work(session: Session) -> list[dict[str, Any]]:
        return [{
            "id": c.id, "received": _local(c.created_at),
            "type": complaints.COMPLAINT_TYPE_TEXT_DA.get(str(c.complaint_type),
                                                          str(c.complaint_type)),
            "description": c.description,
        } for c in complaints.pending_complaints(session)]

    pending = await run_db(request.app, work)
    return render(request, "complaints.html", complaints=pending,
                  outcomes=COMPLAINT_OUTCOME_TEXT_DA)


async def complaint_outcome(request: web.Request) -> web.StreamResponse:
    _require_supervisor(request)
    supervisor = advisor_of(request)
    complaint_id = _id_param(request, "complaint_id")
    outcome = (await _form(request)).get("outcome", "")
    if outcome not in COMPLAINT_OUTCOME_TEXT_DA:
        raise web.HTTPBadRequest(text="Choose upheld or not upheld.")
    try:
        await run_db(request.app, lambda s: complaints.record_complaint_outcome(
            s, complaint_id, outcome, supervisor_id=str(supervisor.id)))
    except complaints.ComplaintNotFound:
        raise web.HTTPNotFound() from None
    raise web.HTTPFound("/console/complaints")


# --- dashboard (supervisors) ------------------------------------------------------------


def _dashboard_range(request: web.Request) -> tuple[date, date]:
    end = _day_param(request, "end") or local_now().date()
    start = _day_param(request, "start") or end - timedelta(days=DASHBOARD_DEFAULT_DAYS - 1)
    return start, end


async def dashboard_page(request: web.Request) -> web.Response:
    _require_supervisor(request)
    start, end = _dashboard_range(request)
    try:
        context = await run_db(request.app, lambda s: dashboard_context(s, start, end))
    except ValueError as error:
        raise web.HTTPBadRequest(text=str(error)) from None
    # Our own markup: bot.dashboard.svg escapes every text it writes (labels, titles, legend)
    # and its attributes hold only numbers and palette colours; the dashboard test stores a
    # script tag as a category to prove it stays text.
    charts = [(name, Markup(svg))  # noqa: S704
              for name, svg in context["charts"].items()]
    return render(request, "dashboard.html", start=start.isoformat(), end=end.isoformat(),
                  charts=charts)


async def dashboard_csv(request: web.Request) -> web.Response:
    _require_supervisor(request)
    chart = request.match_info["chart"]
    if chart not in CHART_EXPORTS:
        raise web.HTTPNotFound()
    start, end = _dashboard_range(request)
    try:
        text = await run_db(request.app, lambda s: chart_csv(s, chart, start, end))
    except ValueError as error:
        raise web.HTTPBadRequest(text=str(error)) from None
    response = web.Response(text=text, content_type="text/csv", charset="utf-8")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{chart}_{start.isoformat()}_{end.isoformat()}.csv"'
    )
    return response

