"""Mount the console under /console on the gateway.

`app.add_subapp()` cannot be used as is with the pinned aiohttp 3.9.5 and yarl 1.25: the
sub-app resource matches on `request.url`, which aiohttp 3.9 builds with
`URL.build(host="127.0.0.1:8000")`, and that yarl refuses (host with a port) -> HTTP 500 for
every request. The resource below matches on `request.rel_url` instead (the same path, no
host involved); everything else is aiohttp's own sub-application machinery.
"""

from __future__ import annotations

from functools import partial

from aiohttp import web
from aiohttp.web_urldispatcher import PrefixedSubAppResource, _Resolve

CONSOLE_PREFIX = "/console"


class _RelativePathSubAppResource(PrefixedSubAppResource):
    async def resolve(self, request: web.Request) -> _Resolve:
        path = request.rel_url.raw_path
        if not path.startswith(self._prefix2) and path != self._prefix:
            return None, set()
        match_info = await self._app.router.resolve(request)
        match_info.add_app(self._app)
        if isinstance(match_info.http_exception, web.HTTPMethodNotAllowed):
            methods = match_info.http_exception.allowed_methods
        else:
            methods = set()
        return match_info, methods


def mount_console(app: web.Application, console: web.Application,
                  prefix: str = CONSOLE_PREFIX) -> None:
    """Equivalent of `app.add_subapp(prefix, console)` that works with the pinned versions."""
    app._add_subapp(partial(_RelativePathSubAppResource, prefix, console), console)
