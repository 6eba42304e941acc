"""Supervisors' pages: who is handling which chat with the advisors' recent actions, and the
dashboard of the registers with each chart's CSV."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiohttp import web
from markupsafe import Markup
from sqlalchemy.orm import Session

from bot.clock import local_now, utcnow
from bot.console import auth, labels
from bot.console.pages import day_param, render, require_supervisor
from bot.console.queue_items import queue_listing
from bot.dashboard.report import (
    CHART_EXPORTS,
    MAX_RANGE_DAYS,
    RANGE_BACKWARDS,
    RANGE_TOO_LONG,
    chart_csv,
    dashboard_context,
)
from bot.formats import format_date_da
from bot.handover import queue, repository
from bot.models.audit import AuditEvent, recent_events
from bot.web.database import run_unit

DASHBOARD_DEFAULT_DAYS = 30
AUDIT_LINES = 50
DASHBOARD_RANGE_ERRORS_DA = {
    RANGE_BACKWARDS: "Slutdatoen ligger før startdatoen. Vælg en periode, der slutter efter, "
                     "den begynder.",
    RANGE_TOO_LONG: f"Dashboardet viser højst {MAX_RANGE_DAYS} dage ad gangen. "
                    "Vælg en kortere periode.",
}


def _audit_line(event: AuditEvent, names: dict[int, str], today: date) -> dict[str, str]:
    who = names.get(int(event.actor_id), "Ukendt") if event.actor_id.isdigit() else "Systemet"
    subject = labels.label(labels.AUDIT_SUBJECT_DA, event.subject_type, "Andet")
    return {"at": labels.local_datetime_da(event.at, today=today), "who": who,
            "action": labels.label(labels.AUDIT_ACTION_DA, event.action, "Anden handling"),
            "subject": f"{subject} {event.subject_id}" if event.subject_id != "-" else subject}


async def supervisor_page(request: web.Request) -> web.Response:
    require_supervisor(request)
    now = utcnow()
    today = local_now().date()
    listing = queue_listing(request.app)

    def work(session: Session) -> dict[str, Any]:
        names = auth.advisor_names(session)
        audit = recent_events(session, actor_type="advisor", limit=AUDIT_LINES)
        return {
            "active": [dict(listing.item(h, now), advisor=names.get(h.claimed_by, "Ukendt"))
                       for h in repository.active_handovers(session)],
            "audit": [_audit_line(e, names, today) for e in audit],
            "waiting_count": len(queue.waiting(session)),
            "callback_count": len(repository.open_callbacks(session)),
        }

    return render(request, "supervisor.html", **await run_unit(request.app, work))


def _dashboard_range(request: web.Request) -> tuple[date, date]:
    end = day_param(request, "end") or local_now().date()
    start = day_param(request, "start") or end - timedelta(days=DASHBOARD_DEFAULT_DAYS - 1)
    return start, end


RANGE_SHORTCUTS = ((7, "Seneste 7 dage"), (30, "Seneste 30 dage"), (90, "Seneste 90 dage"))


async def dashboard_page(request: web.Request) -> web.Response:
    """The dashboard for the range in the URL (?start=&end=), so a view can be bookmarked,
    shared and reloaded as it is."""
    require_supervisor(request)
    start, end = _dashboard_range(request)
    today = local_now().date()
    shortcuts = [{"label": text, "start": (today - timedelta(days=days - 1)).isoformat(),
                  "end": today.isoformat()} for days, text in RANGE_SHORTCUTS]
    values: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat(),
                              "period": f"{format_date_da(start)} til {format_date_da(end)}",
                              "shortcuts": shortcuts, "charts": [], "error": None}
    try:
        context = await run_unit(request.app, lambda s: dashboard_context(s, start, end))
    except ValueError as error:
        values["error"] = DASHBOARD_RANGE_ERRORS_DA.get(str(error), "Vælg en anden periode.")
        response = render(request, "dashboard.html", **values)
        response.set_status(400)
        return response
    # Our own markup: bot.dashboard.svg escapes every text it writes (labels, titles, legend)
    # and its attributes hold only numbers and palette colours; the dashboard test stores a
    # script tag as a category to prove it stays text.
    values["charts"] = [(name, Markup(svg), context["tables"][name])  # noqa: S704
                        for name, svg in context["charts"].items()]
    return render(request, "dashboard.html", **values)


async def dashboard_csv(request: web.Request) -> web.Response:
    require_supervisor(request)
    chart = request.match_info["chart"]
    if chart not in CHART_EXPORTS:
        raise web.HTTPNotFound()
    start, end = _dashboard_range(request)
    try:
        text = await run_unit(request.app, lambda s: chart_csv(s, chart, start, end))
    except ValueError as error:
        raise web.HTTPBadRequest(text=str(error)) from None
    response = web.Response(text=text, content_type="text/csv", charset="utf-8")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{chart}_{start.isoformat()}_{end.isoformat()}.csv"'
    )
    return response
