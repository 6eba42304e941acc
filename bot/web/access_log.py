"""The web server's access log, without personal data.

aiohttp's default line carries the client's address, the whole request line with its query
string (a journal number searched in the console, an inquiry's reference in the path), the
referer and the user agent, and it lands in var/logs outside every retention rule (SECURITY.md,
"Personal data"). Operators need to see that requests come in, how they end and how long they
take; this line says that and nothing about who asked for what: the method, the route's
pattern (`/console/inquiries/{reference}`, never the reference), the status and the time.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.web_request import BaseRequest


def route_pattern(request: BaseRequest) -> str:
    """The pattern of the route that served the request; "-" when none did (a 404)."""
    match_info = request.match_info if isinstance(request, web.Request) else None
    resource = match_info.route.resource if match_info is not None else None
    return resource.canonical if resource is not None else "-"


class PrivateAccessLogger(AbstractAccessLogger):
    def log(self, request: BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info("%s %s %s %.1f ms", request.method, route_pattern(request),
                         response.status, time * 1000)
