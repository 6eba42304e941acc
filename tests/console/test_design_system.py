"""Det Fælles Designsystem is served by us, from the npm package copied by `make build`, and
the pages that use it keep the strict Content-Security-Policy (no CDN, nothing inline)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp.test_utils import TestClient

from bot.settings import load_settings
from bot.web.design_system import DESIGN_SYSTEM_DIR
from bot.web.headers import CONTENT_SECURITY_POLICY
from bot.webapp import init_app


async def test_dkfds_is_served_from_our_origin_under_the_strict_policy(
    aiohttp_client: Callable[..., Awaitable[TestClient]],
) -> None:
    assert (DESIGN_SYSTEM_DIR / "css" / "dkfds.min.css").is_file(), "run `make build`"
    client = await aiohttp_client(init_app(load_settings()))
    css = await client.get("/dkfds/css/dkfds.min.css")
    assert css.status == 200 and css.content_type == "text/css"
    assert css.headers["X-Content-Type-Options"] == "nosniff"
    for asset in ("/dkfds/js/dkfds.min.js", "/dkfds/img/all-svg-icons.svg",
                  "/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2"):
        assert (await client.get(asset)).status == 200, asset
    for page in ("/", "/console/login"):
        response = await client.get(page)
        html = await response.text()
        assert '<link rel="stylesheet" href="/dkfds/css/dkfds.min.css">' in html
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
        assert " style=" not in html and "<style" not in html and "<script>" not in html
