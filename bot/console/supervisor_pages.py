"""Supervisors' pages: who is handling which chat with the advisors' recent actions, and the
dashboard of the registers with each chart's CSV."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiohttp import web
from markupsafe import Markup
from sqlalchemy.orm import Session

from bot.clock import as_utc, local_now, utcnow
from bot.console import auth
from bot.console.pages import day_param, render, require_supervisor
from bot.console.queue_items import queue_item
from bot.dashboard.report import CHART_EXPORTS, chart_csv, dashboard_context
from bot.handover import queue, repository
from bot.models.audit import recent_events
from bot.web.database import run_unit

DASHBOARD_DEFAULT_DAYS = 30
AUDIT_LINES = 50


async def supervisor_page(request: web.Request) -> web.Response:
    require_supervisor(request)
    now = utcnow()

    def work(session: Session) -> dict[str, Any]:
        names = auth.advisor_names(session)
        audit = recent_events(session, actor_type="advisor", limit=AUDIT_LINES)
        return {
            "active": [dict(queue_item(h, now), advisor=names.get(h.claimed_by, "?"))
                       for h in repository.active_handovers(session)],
            "audit": [{"at": as_utc(e.at), "who": names.get(int(e.actor_id), e.actor_id)
                       if e.actor_id.isdigit() else e.actor_id, "action": e.action,
                       "subject": f"{e.subject_type} {e.subject_id}"} for e in audit],
            "waiting_count": len(queue.waiting(session)),
            "callback_count": len(repository.open_callbacks(session)),
        }

    return render(request, "supervisor.html", **await run_unit(request.app, work))


def _dashboard_range(request: web.Request) -> tuple[date, date]:
    end = day_param(request, "end") or local_now().date()
    start = day_param(request, "start") or end - timedelta(days=DASHBOARD_DEFAULT_DAYS - 1)
    return start, end


async def dashboard_page(request: web.Request) -> web.Response:
    require_supervisor(request)
    start, end = _dashboard_range(request)
    try:
        context = await run_unit(request.app, lambda s: dashboard_context(s, start, end))
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
