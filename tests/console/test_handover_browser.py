"""End to end in Debian's chromium: a citizen asks for a person, an advisor takes over in the
console, they talk, the advisor hands back, and the bot answers the next question.

No trained model is needed: a fake Rasa answers the REST channel, runs the real
`action_handover` (the action server's code) for "jeg vil tale med et menneske", renders the
domain's responses, and accepts the tracker reset of the hand-back through its HTTP API.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import yaml
from aiohttp import web
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, Page, expect
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import handover as handover_actions
from bot.console.auth import create_account
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.ports import free_port
from bot.settings import PROJECT_ROOT, load_settings
from bot.webapp import init_app
from tests.browser.conftest import browser  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

RASA_TOKEN = "e2e-rasa-token"
PASSWORD = "en-lang-adgangskode"
QUESTION = "hvornår får jeg min cykel tilbage"


def _responses() -> dict[str, Any]:
    with (PROJECT_ROOT / "domain" / "handover.yml").open(encoding="utf-8") as handle:
        responses: dict[str, Any] = yaml.safe_load(handle)["responses"]
        return responses


@dataclass
class HandoverFakeRasa:
    """Rasa's REST channel and tracker-events API, with the real handover action behind it."""

    received: list[str] = field(default_factory=list)
    resets: list[list[dict[str, Any]]] = field(default_factory=list)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        sender, text = body["sender"], body["message"]
        self.received.append(text)
        intent = "request_human" if "menneske" in text else "ask_question"
        history = self.events.setdefault(sender, [])
        history.append({"event": "user", "text": text, "metadata": body.get("metadata") or {},
                        "parse_data": {"intent": {"name": intent, "confidence": 0.93}}})
        if intent != "request_human":
            reply = f"Du skrev: {text}"
            history.append({"event": "bot", "text": reply})
            return web.json_response([{"recipient_id": sender, "text": reply}])
        tracker = Tracker(sender, {}, {"text": text, "intent": {"name": intent}}, list(history),
                          False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        await handover_actions.ActionHandover().run(dispatcher, tracker, {})
        out: list[dict[str, Any]] = []
        templates = _responses()
        for message in dispatcher.messages:
            if message.get("custom"):
                out.append({"recipient_id": sender, "custom": message["custom"]})
            elif message.get("response"):
                variables = {k: v for k, v in message.items() if k not in ("response",)}
                rendered = templates[message["response"]][0]["text"].format(**variables)
                history.append({"event": "bot", "text": rendered})
                out.append({"recipient_id": sender, "text": rendered})
        return web.json_response(out)

    async def append_events(self, request: web.Request) -> web.Response:
        if request.query.get("token") != RASA_TOKEN:
            return web.json_response({"message": "unauthorized"}, status=401)
        self.resets.append(await request.json())
        return web.json_response({})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        app.router.add_post("/conversations/{sender}/tracker/events", self.append_events)
        return app



@dataclass
class Live:
    url: str
    rasa: HandoverFakeRasa


@pytest.fixture
async def live(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Live]:
    fake = HandoverFakeRasa()
    rasa = TestServer(fake.app(), host="127.0.0.1")
    await rasa.start_server()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("BR_RASA_URL", str(rasa.make_url("")).rstrip("/"))
    monkeypatch.setenv("BR_RASA_TOKEN", RASA_TOKEN)
    monkeypatch.setenv("BR_ALLOWED_ORIGINS", url)
    monkeypatch.setenv("BR_OFFICE_HOURS", "mon-sun 00:00-24:00")
    monkeypatch.setenv("BR_CLOSED_ON_CHRISTMAS_EVE", "0")
    monkeypatch.setenv("BR_CLOSED_ON_CONSTITUTION_DAY", "0")
    settings = load_settings()
    engine = make_engine(settings.database)
    create_all(engine)
    with session_scope(make_session_factory(engine)) as session:
        create_account(session, username="anna", password=PASSWORD, role="advisor",
                       display_name="Anna")
    engine.dispose()
    gateway = TestServer(init_app(settings), host="127.0.0.1", port=port)
    await gateway.start_server()
    yield Live(url, fake)
    await gateway.close()
    await rasa.close()


async def _say(page: Page, text: str) -> None:
    box = page.get_by_label("Skriv din besked")
    await box.fill(text)
    await box.press("Enter")


async def test_citizen_reaches_an_advisor_and_the_bot_takes_over_again(
    live: Live, browser: Browser,  # noqa: F811
) -> None:
    citizen = await (await browser.new_context()).new_page()
    await citizen.goto(live.url)
    await citizen.get_by_role("button", name="Chat med politiet").click()
    log = citizen.get_by_role("log", name="Samtale")
    await _say(citizen, QUESTION)
    await expect(log).to_contain_text(f"Du skrev: {QUESTION}")
    await _say(citizen, "jeg vil tale med et menneske")
    await expect(log).to_contain_text("Du er nummer 1 i køen")

    advisor = await (await browser.new_context()).new_page()
    await advisor.goto(f"{live.url}/console/login")
    await advisor.get_by_label("Brugernavn").fill("anna")
    await advisor.get_by_label("Adgangskode").fill(PASSWORD)
    await advisor.get_by_role("button", name="Log ind").click()
    row = advisor.locator("#queue-body tr").filter(has_text="Borgeren bad om en person")
    await expect(row).to_have_count(1)
    await row.get_by_role("button", name="Tag samtalen").click()

    # The context card: reason, the open question, intents with confidence, the transcript.
    await expect(advisor.locator("h1")).to_contain_text("Sagspakke")
    await expect(advisor.locator(".question")).to_have_text(QUESTION)
    await expect(advisor.locator(".chip").first).to_contain_text("93 %")
    await expect(advisor.locator("#transcript")).to_contain_text(f"Du skrev: {QUESTION}")
    await expect(log).to_contain_text("En borgerrådgiver har overtaget samtalen")

    await advisor.get_by_label("Svar til borgeren").fill("Hej, jeg hedder Anna. Jeg kigger på det.")
    await advisor.get_by_role("button", name="Send", exact=True).click()
    await expect(log).to_contain_text("Hej, jeg hedder Anna. Jeg kigger på det.")

    # While the advisor has the chat, the citizen's words go to the advisor, not to Rasa.
    await _say(citizen, "tusind tak <b>Anna</b>")
    await expect(advisor.locator("#transcript")).to_contain_text("tusind tak <b>Anna</b>")
    assert "tusind tak <b>Anna</b>" not in live.rasa.received

    await advisor.get_by_role("button", name="Giv tilbage til botten").click()
    await expect(log).to_contain_text("Du skriver nu med den digitale rådgiver igen")
    assert len(live.rasa.resets) == 1
    assert live.rasa.resets[0][-1] == {"event": "action", "name": "action_listen"}

    await _say(citizen, "hvad sker der nu")
    await expect(log).to_contain_text("Du skrev: hvad sker der nu")
