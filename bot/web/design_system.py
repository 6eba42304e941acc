"""Det Fælles Designsystem (DKFDS, npm `dkfds`) served from our own origin at /dkfds.

`make build` copies the pinned package's CSS, JS, icons and fonts into build/dkfds (never
committed). Serving them ourselves keeps the Content-Security-Policy at 'self': no CDN, no
inline styles, fonts and icons from the package itself. The console and the demo page link
`/dkfds/css/dkfds.min.css`; without a build the pages still work, unstyled.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

DESIGN_SYSTEM_DIR = PROJECT_ROOT / "build" / "dkfds"
DESIGN_SYSTEM_PREFIX = "/dkfds"


def add_design_system_route(app: web.Application) -> bool:
    """Serve build/dkfds at /dkfds; False (and a warning) when `make build` has not run."""
    if not (DESIGN_SYSTEM_DIR / "css" / "dkfds.min.css").is_file():
        log.warning("Det Fælles Designsystem is not built (run `make build`); pages are unstyled")
        return False
    app.router.add_static(DESIGN_SYSTEM_PREFIX, DESIGN_SYSTEM_DIR, name="design_system")
    return True
