"""The demo page's "Log ind med MitID (demo)": a token as a MitID broker would issue it.

Registered in the embedded profile only (bot/gateway/routes.py). The page's script then hands
the token to `/api/session/identity` exactly as a website does (docs/INTEGRATION.md), so the
demo walks the real verification path: signature against the demo JWKS, issuer, audience,
expiry and single use.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.gateway.state import SETTINGS
from bot.identity_demo import demo_person_ref, mint_demo_token


async def mint_token(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    token = await asyncio.get_running_loop().run_in_executor(
        None, lambda: mint_demo_token(settings, demo_person_ref())
    )
    return web.json_response({"token": token})
