"""What every console view needs: rendering a page, reading a form or an id from the URL, and
refusing non-supervisors. Domain refusals become HTTP errors in the views, at the edge."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from bot.console.state import ADVISOR_KEY, TEMPLATES, advisor_of


def render(request: web.Request, template: str, **values: Any) -> web.Response:
    env = request.app[TEMPLATES]
    html = env.get_template(template).render(advisor=request.get(ADVISOR_KEY), **values)
    return web.Response(text=html, content_type="text/html")


async def read_form(request: web.Request) -> dict[str, str]:
    data = await request.post()
    return {k: v for k, v in data.items() if isinstance(v, str)}


def id_param(request: web.Request, name: str) -> int:
    """A numeric id from the URL; anything else is a page that does not exist."""
    raw = request.match_info[name]
    if not raw.isdigit():
        raise web.HTTPNotFound()
    return int(raw)


def day_param(request: web.Request, name: str) -> date | None:
    """An optional YYYY-MM-DD query parameter."""
    raw = request.query.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise web.HTTPBadRequest(text=f"{name}: use the date format YYYY-MM-DD.") from None


def wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def require_supervisor(request: web.Request) -> None:
    if not advisor_of(request).is_supervisor:
        raise web.HTTPForbidden(text="Supervisors only.")
