"""The signed session cookie that binds a chat to one browser.

The cookie holds the session id and an HMAC of it under the gateway's secret key, so a
browser can only present a session id the gateway itself gave out.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from aiohttp import web

from bot.settings import GatewaySettings

COOKIE_NAME = "br_chat"
_PURPOSE = b"chat-session:"


def _signature(secret_key: str, session_id: str) -> str:
    digest = hmac.new(secret_key.encode(), _PURPOSE + session_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def sign_session_id(secret_key: str, session_id: str) -> str:
    return f"{session_id}.{_signature(secret_key, session_id)}"


def unsign_session_id(secret_key: str, value: str) -> str | None:
    """The session id in a cookie value, or None when the signature does not match."""
    session_id, _, signature = value.rpartition(".")
    if not session_id or not signature:
        return None
    if not hmac.compare_digest(signature, _signature(secret_key, session_id)):
        return None
    return session_id


def session_id_from_request(request: web.Request, settings: GatewaySettings) -> str | None:
    value = request.cookies.get(COOKIE_NAME)
    if not value:
        return None
    return unsign_session_id(settings.secret_key, value)


def set_session_cookie(
    response: web.StreamResponse, settings: GatewaySettings, session_id: str
) -> None:
    response.set_cookie(
        COOKIE_NAME,
        sign_session_id(settings.secret_key, session_id),
        httponly=True,
        samesite="Strict",
        secure=settings.cookie_secure,
        path="/",
    )


def clear_session_cookie(response: web.StreamResponse, settings: GatewaySettings) -> None:
    """The browser forgets its chat (the widget's "Forlad siden"): an expired, empty cookie."""
    response.set_cookie(COOKIE_NAME, "", max_age=0, expires="Thu, 01 Jan 1970 00:00:00 GMT",
                        httponly=True, samesite="Strict", secure=settings.cookie_secure, path="/")
