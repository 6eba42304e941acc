"""The security headers of every page and API answer of the web server, defined once."""

from __future__ import annotations

from aiohttp import web

# Our pages load nothing from elsewhere, and the widget and console talk only to us.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def add_security_headers(response: web.StreamResponse, *, no_store: bool) -> None:
    """Headers for a response not yet sent; `no_store` for anything with personal data."""
    if no_store:
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if response.content_type == "text/html":
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
