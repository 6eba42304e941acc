"""The demo MitID login exists in the embedded profile only, and walks the real token path."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timezone

import jinja2
from aiohttp import web

from bot.gateway.app import TEMPLATE_DIR
from bot.gateway.routes import setup_routes
from bot.gateway.state import SETTINGS
from bot.identity_claims import verify_identity_claim
from bot.identity_demo import demo_person_ref
from bot.settings import load_settings
from tests.gateway.conftest import ORIGIN, FakeRasa, MakeClient, post_text, start_chat


async def test_the_demo_button_mints_a_token_that_the_identity_endpoint_accepts_once(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    page = await client.get("/")
    assert "Log ind med MitID (demo)" in await page.text()
    assert '<script src="/static/demo-mitid.js" defer></script>' in await page.text()
    await start_chat(client)
    minted = await client.post("/api/demo/mitid", headers={"Origin": ORIGIN})
    token = (await minted.json())["token"]
    attached = await client.post("/api/session/identity", json={"token": token},
                                 headers={"Origin": ORIGIN})
    assert attached.status == 200 and (await attached.json())["verified"] is True
    again = await client.post("/api/session/identity", json={"token": token},
                              headers={"Origin": ORIGIN})
    assert again.status == 400
    await post_text(client, "demo-mitid-01", "hvor langt er min sag")
    sent = fake_rasa.received[-1]
    identity = verify_identity_claim(
        sent["metadata"]["br_identity"], conversation_id=sent["sender"],
        key=os.environ["BR_IDENTITY_CLAIM_KEY"], now=datetime.now(timezone.utc))
    assert identity.person_ref == demo_person_ref()


async def test_the_demo_mitid_is_refused_from_a_foreign_origin(make_client: MakeClient) -> None:
    client = await make_client()
    await start_chat(client)
    refused = await client.post("/api/demo/mitid", headers={"Origin": "http://evil.test"})
    assert refused.status == 403


def test_the_production_profile_has_no_demo_login_route_or_button() -> None:
    app = web.Application()
    app[SETTINGS] = replace(load_settings(), profile="production")
    setup_routes(app)
    paths = {r.resource.canonical for r in app.router.routes() if r.resource is not None}
    assert "/api/session/identity" in paths and "/api/demo/mitid" not in paths
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
                                  autoescape=True).get_template("demo.html")
    page = template.render(retention_days=90, demo_mitid=False)
    assert "MitID" not in page and "demo-mitid.js" not in page
