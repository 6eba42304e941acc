"""Advisors log in and out. The login form has its own CSRF token in a cookie, because there
is no session yet to hold one; every login, good or bad, is audited."""

from __future__ import annotations

import secrets

from aiohttp import web
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.console import auth
from bot.console.pages import read_form, render
from bot.console.state import SETTINGS
from bot.models.audit import record_audit
from bot.web.database import run_unit


async def login_page(request: web.Request) -> web.Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", csrf_token=token, error=None)
    auth.set_cookie(response, auth.LOGIN_CSRF_COOKIE, token,
                    secure=request.app[SETTINGS].gateway.cookie_secure)
    return response


async def login(request: web.Request) -> web.StreamResponse:
    form = await read_form(request)
    expected = request.cookies.get(auth.LOGIN_CSRF_COOKIE, "")
    if not expected or not auth.csrf_matches(expected, form.get("csrf_token")):
        raise web.HTTPForbidden(text="CSRF token missing or wrong")
    username, password = form.get("username", ""), form.get("password", "")
    now = utcnow()

    def work(session: Session) -> str | None:
        account = auth.authenticate(session, username, password)
        if account is None:
            record_audit(session, actor_type="system", actor_id="console", action="login_failed",
                         subject_type="advisor", subject_id="-")
            return None
        auth.record_advisor_action(session, int(account.id), "login", "advisor", account.id)
        return auth.start_session(session, int(account.id), now)

    token = await run_unit(request.app, work)
    secure = request.app[SETTINGS].gateway.cookie_secure
    if token is None:
        fresh = secrets.token_urlsafe(32)
        response = render(request, "login.html", csrf_token=fresh,
                          error="Forkert brugernavn eller adgangskode.")
        response.set_status(401)
        auth.set_cookie(response, auth.LOGIN_CSRF_COOKIE, fresh, secure=secure)
        return response
    response = web.HTTPFound("/console/")
    auth.set_cookie(response, auth.SESSION_COOKIE, token, secure=secure,
                    max_age=int(auth.SESSION_TTL.total_seconds()))
    response.del_cookie(auth.LOGIN_CSRF_COOKIE, path="/console")
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    token = request.cookies.get(auth.SESSION_COOKIE, "")
    await run_unit(request.app, lambda s: auth.end_session(s, token))
    response = web.HTTPFound("/console/login")
    response.del_cookie(auth.SESSION_COOKIE, path="/console")
    raise response
