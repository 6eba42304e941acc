"""Middlewares: errors as clean JSON, Origin checks and CORS for the widget, security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web, web_response

from bot.chat import texts as texts_da
from bot.gateway.errors import log_unexpected
from bot.gateway.state import SETTINGS
from bot.i18n import language_of_browser, localized
from bot.web.database import DatabaseUnavailable
from bot.web.headers import add_security_headers

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
}
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

def json_error(status: int, error: str, message: str) -> web.Response:
    """An error the widget can show: a machine-readable code and a sentence for the citizen."""
    return web.json_response({"error": error, "message": message}, status=status)


def browser_language(request: web.Request) -> str:
    """The language the widget opened in (the browser's), for replies before the chat is known
    (no session yet, or the database is down)."""
    return language_of_browser(request.headers.get("Accept-Language"))


def browser_texts(request: web.Request) -> Any:
    """bot/chat/texts.py in the browser's language (see `browser_language`)."""
    return localized(texts_da, browser_language(request))


class CitizenError(Exception):
    """A refusal at the edge, with the sentence the widget shows the citizen (their language)."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.message = message


def _is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/")


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    texts = browser_texts(request)
    try:
        return await handler(request)
    except CitizenError as exc:
        return json_error(exc.status, exc.error, exc.message)
    except DatabaseUnavailable:
        # Already logged by run_unit; the citizen may try again, nothing was half-written.
        return json_error(503, "unavailable", texts.SERVICE_UNAVAILABLE)
    except web.HTTPException as exc:
        if not _is_api(request) or exc.status < 400:
            raise
        code = _HTTP_ERROR_CODES.get(exc.status, "http_error")
        return json_error(exc.status, code, texts.BAD_REQUEST)
    except Exception as exc:
        log_unexpected(exc, f"{request.method} {request.path}")
        return json_error(500, "internal_error", texts.GENERIC_ERROR)


def _allowed_origin(request: web.Request) -> str | None:
    origin = request.headers.get("Origin")
    if origin and origin in request.app[SETTINGS].gateway.allowed_origins:
        return origin
    return None


@web.middleware
async def origin_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse state changes from foreign pages (CSRF) and let our own sites call the API."""
    if not _is_api(request):
        return await handler(request)
    origin = _allowed_origin(request)
    texts = browser_texts(request)
    if request.method == "OPTIONS":
        if origin is None:
            return json_error(403, "origin_refused", texts.ORIGIN_REFUSED)
        response: web.StreamResponse = web.Response(status=204)
        response.headers["Access-Control-Allow-Methods"] = "GET, POST"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
    elif request.method in _UNSAFE_METHODS and origin is None:
        return json_error(403, "origin_refused", texts.ORIGIN_REFUSED)
    else:
        response = await handler(request)
    if origin is not None and not response.prepared:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Vary"] = "Origin"
    return response


@web.middleware
async def security_headers_middleware(
    request: web.Request, handler: Handler
) -> web.StreamResponse:
    response = await handler(request)
    if response.prepared:  # WebSocket upgrades are already on their way
        return response
    add_security_headers(response, no_store=_is_api(request))
    return response


MIDDLEWARES = [security_headers_middleware, error_middleware, origin_middleware]

# Replaces aiohttp's "Python/3.x aiohttp/3.y.z": the public server names no library versions.
SERVER_HEADER = "borgerraadgiveren"


def hide_server_version() -> None:
    """Every response of this process says `Server: borgerraadgiveren`.

    aiohttp sets the header from a module constant, also on the 400s its HTTP parser sends
    for malformed requests before any app code (middleware, signal) runs, so the constant
    itself is replaced. tests/security/test_library_versions.py checks both kinds.
    """
    web_response.SERVER_SOFTWARE = SERVER_HEADER
