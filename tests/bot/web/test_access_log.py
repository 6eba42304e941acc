"""The access log says what operators need and nothing about who asked for what."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot import webapp
from bot.settings import load_settings
from bot.web.access_log import PrivateAccessLogger
from tests.gateway.conftest import ORIGIN

JOURNAL_NUMBER = "0100-80150-01234-26"
REFERENCE = "HEN-7F3K-22QX"
USER_AGENT = "Mozilla/5.0 (citizen's phone)"


async def test_a_request_is_logged_by_route_pattern_without_address_query_or_browser(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BR_ALLOWED_ORIGINS", ORIGIN)
    server = TestServer(webapp.init_app(load_settings()), host="127.0.0.1")
    # As web.run_app starts it in bot.webapp.main (checked below).
    await server.start_server(access_log_class=PrivateAccessLogger,
                              access_log=logging.getLogger("aiohttp.access"))
    async with TestClient(server) as client:
        headers = {"User-Agent": USER_AGENT, "Origin": ORIGIN, "Referer": f"{ORIGIN}/x"}
        with caplog.at_level(logging.INFO, logger="aiohttp.access"):
            await client.get(f"/console/inquiries/{REFERENCE}?journal_number={JOURNAL_NUMBER}",
                             headers=headers, allow_redirects=False)
            await client.post("/api/session", headers=headers)
            await client.get(f"/no-such-page?journal_number={JOURNAL_NUMBER}", headers=headers)
    lines = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert len(lines) == 3
    assert lines[0].startswith("GET /console/inquiries/{reference} 30")
    assert lines[1].startswith("POST /api/session 200 ")
    assert lines[2].startswith("GET - 404 ")
    for line in lines:
        for secret in (REFERENCE, JOURNAL_NUMBER, "127.0.0.1", USER_AGENT, ORIGIN):
            assert secret not in line


def test_the_gateway_process_runs_with_the_private_access_log(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    called: dict[str, Any] = {}

    def run_app(app: Any, **options: Any) -> None:
        called.update(options)
        options["loop"].close()

    monkeypatch.setattr(webapp.web, "run_app", run_app)
    webapp.main()
    assert called["access_log_class"] is PrivateAccessLogger
