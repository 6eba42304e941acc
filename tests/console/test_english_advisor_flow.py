"""The advisor flow for a citizen who writes English (issue #18), through the real web server.

An English citizen asks for a person; the chat waits in the console's queue marked English; an
advisor logs in, claims it, sees the language in the case packet, answers with an English ready
answer, hands the chat back, and later closes a second one. Every line the citizen reads that
is not their own is English. First through the gateway's and the console's own HTTP API, then
in Debian's chromium with an English-language browser.

No trained model is needed: the fake Rasa of tests/browser/handover_rasa.py runs the real
`action_handover` and renders the domain's English responses for the chat's language.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

import aiohttp
import pytest
from playwright.async_api import Browser, expect

from bot.console.auth import create_account
from bot.console.handover_pages import CATEGORIES, CLOSE_OUTCOMES
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.handover import texts_en as handover_en
from bot.settings import load_settings
from tests.bot.test_citizen_text_homes import looks_danish
from tests.browser import console_server
from tests.browser.conftest import browser  # noqa: F401  (fixture)
from tests.browser.console_server import LiveConsole

live_console = console_server.live_console  # the fixture (tests/browser/console_server.py)

PASSWORD = "engelsk-raadgiver-kode"
ENGLISH_BROWSER = "en-GB,en;q=0.9"
QUESTION = "when do i get my stolen bike back"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
_ids = itertools.count(1)


def _advisor_anna() -> None:
    engine = make_engine(load_settings().database)
    create_all(engine)
    with session_scope(make_session_factory(engine)) as session:
        create_account(session, username="anna", password=PASSWORD, role="advisor",
                       display_name="Anna")
    engine.dispose()


class Citizen:
    """An English-language browser using the widget's API (as bot/static/widget.js does)."""

    def __init__(self, url: str, browser_language: str = ENGLISH_BROWSER) -> None:
        self.url = url
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # the server is at 127.0.0.1
            headers={"Origin": url, "Accept-Language": browser_language})

    async def start(self, widget_language: str = "en") -> None:
        async with self.http.post(f"{self.url}/api/session") as response:
            assert response.status == 200, await response.text()
        if widget_language == "da":
            return  # a Danish widget: the chat is Danish already
        # The widget opened in English (the browser's language) and says so; not a choice.
        async with self.http.post(f"{self.url}/api/session/language",
                                  json={"language": "en", "chosen": False}) as response:
            assert response.status == 200

    async def say(self, text: str) -> None:
        body = {"client_id": f"en-flow-{next(_ids):06d}", "text": text}
        async with self.http.post(f"{self.url}/api/messages", json=body) as response:
            assert response.status == 200, await response.text()

    async def lines(self) -> list[dict[str, Any]]:
        async with self.http.get(f"{self.url}/api/messages?after=0") as response:
            assert response.status == 200
            return list((await response.json())["messages"])

    async def read(self) -> list[str]:
        """What the citizen reads from others: the bot, the system and the advisor."""
        return [m["text"] for m in await self.lines() if m["sender"] != "citizen"]


class Advisor:
    """The console through its forms, as a browser without scripts would use it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                          headers={"Origin": url})
        self.csrf = ""

    async def page(self, path: str) -> str:
        async with self.http.get(f"{self.url}{path}") as response:
            assert response.status == 200, path
            text = await response.text()
        token = CSRF_INPUT.search(text)
        self.csrf = token.group(1) if token else self.csrf
        return text

    async def post(self, path: str, **fields: str) -> str:
        async with self.http.post(f"{self.url}{path}",
                                  data={"csrf_token": self.csrf, **fields}) as response:
            assert response.status == 200, (path, response.status, await response.text())
            text = await response.text()
        token = CSRF_INPUT.search(text)
        self.csrf = token.group(1) if token else self.csrf
        return text

    async def log_in(self) -> None:
        await self.page("/console/login")
        await self.post("/console/login", username="anna", password=PASSWORD)

    async def english_row(self) -> str:
        """The waiting English chat's handover id; its row names the language."""
        queue = await self.page("/console/")
        row = re.search(r'<tr [^>]*data-handover-id="(\d+)" data-language="en".*?</tr>', queue,
                        re.S)
        assert row is not None, queue
        assert "<td>Engelsk</td>" in row.group(0)
        return row.group(1)


def _english_ready_answer(page: str, title: str) -> str:
    ready = re.search(r'<ul [^>]*class="nobullet-list ready-results"[^>]*lang="en">(.*?)</ul>',
                      page, re.S)
    assert ready is not None, "an English chat gets the English ready answers"
    answer = re.search(rf'data-text="([^"]*)">{re.escape(title)}</button>', ready.group(1))
    assert answer is not None
    return html.unescape(answer.group(1))


async def test_an_english_citizen_reaches_an_advisor_and_reads_only_english(
    live_console: LiveConsole,
) -> None:
    _advisor_anna()
    citizen, advisor = Citizen(live_console.url), Advisor(live_console.url)
    try:
        await citizen.start()
        await citizen.say(QUESTION)
        await citizen.say("I want to talk to a person")
        assert any("You are number 1 in the queue" in line for line in await citizen.read())

        await advisor.log_in()
        handover_id = await advisor.english_row()
        workspace = await advisor.post(f"/console/handovers/{handover_id}/claim")
        assert re.search(r"<dt>Sprog</dt><dd>Engelsk</dd>", workspace)
        assert QUESTION in workspace
        answer = _english_ready_answer(workspace, "Appeal")
        assert "The deadline is 14 days." in answer
        await advisor.post(f"/console/handovers/{handover_id}/messages", text=answer)
        read = await citizen.read()
        assert handover_en.ADVISOR_JOINED in read and read[-1] == answer

        await citizen.say("thank you")
        await advisor.post(f"/console/handovers/{handover_id}/handback")
        assert (await citizen.read())[-1] == handover_en.HANDED_BACK
        await citizen.say("what happens now")
        assert (await citizen.read())[-1] == "You wrote: what happens now"

        # A second request for a person, this time closed by the advisor.
        await citizen.say("can I talk to a person again")
        second = await advisor.english_row()
        await advisor.post(f"/console/handovers/{second}/claim")
        await advisor.post(f"/console/handovers/{second}/close",
                           outcome=next(iter(CLOSE_OUTCOMES)), category=next(iter(CATEGORIES)))
        read = await citizen.read()
        assert read[-1] == handover_en.CLOSED

        danish = [line for line in read if looks_danish(line)]
        assert danish == []
        # The citizen's own words went to the advisor, not to the bot, while it was held.
        assert "thank you" not in live_console.rasa.received
    finally:
        await citizen.http.close()
        await advisor.http.close()


async def test_english_in_a_danish_chat_gets_the_advisor_side_in_english(
    live_console: LiveConsole,
) -> None:
    # A Danish widget (a Danish browser), but the citizen writes English and never answers
    # "continue in English?": the bot answered in English, and so does the advisor's side.
    _advisor_anna()
    citizen = Citizen(live_console.url, browser_language="da-DK,da;q=0.9")
    advisor = Advisor(live_console.url)
    try:
        await citizen.start(widget_language="da")
        await citizen.say("Hello, I want to talk to a person about my case please")
        read = await citizen.read()
        assert any("You are number 1 in the queue" in line for line in read), read
        await advisor.log_in()
        handover_id = await advisor.english_row()
        await advisor.post(f"/console/handovers/{handover_id}/claim")
        assert (await citizen.read())[-1] == handover_en.ADVISOR_JOINED
        await advisor.post(f"/console/handovers/{handover_id}/handback")
        assert (await citizen.read())[-1] == handover_en.HANDED_BACK
    finally:
        await citizen.http.close()
        await advisor.http.close()


@pytest.mark.browser
async def test_an_english_citizen_and_the_advisor_in_chromium(
    live_console: LiveConsole, browser: Browser,  # noqa: F811
) -> None:
    _advisor_anna()
    citizen = await (await browser.new_context(locale="en-GB")).new_page()
    await citizen.goto(live_console.url)
    await citizen.get_by_role("button", name="Chat with the police").click()
    log = citizen.get_by_role("log", name="Conversation")
    box = citizen.get_by_label("Write your message")
    for text in (QUESTION, "I want to talk to a person"):
        await box.fill(text)
        await box.press("Enter")
    await expect(log).to_contain_text("You are number 1 in the queue")

    advisor = await (await browser.new_context()).new_page()
    await advisor.goto(f"{live_console.url}/console/login")
    await advisor.get_by_label("Brugernavn").fill("anna")
    await advisor.get_by_label("Adgangskode").fill(PASSWORD)
    await advisor.get_by_role("button", name="Log ind").click()
    row = advisor.locator("#queue-body tr[data-language='en']")
    await expect(row).to_have_count(1)
    await expect(row).to_contain_text("Engelsk")
    await row.get_by_role("button", name="Tag samtalen").click()
    await expect(advisor.locator(".packet-facts")).to_contain_text("Engelsk")
    await expect(log).to_contain_text(handover_en.ADVISOR_JOINED)

    # The advisor finds the English ready answer and puts it into the reply.
    search = advisor.locator(".ready-search")
    await search.fill("appeal")
    await search.press("Enter")
    reply = advisor.get_by_label("Svar til borgeren")
    await expect(reply).to_have_value(re.compile("The deadline is 14 days"))
    await advisor.get_by_role("button", name="Send", exact=True).click()
    await expect(log).to_contain_text("The deadline is 14 days.")

    await advisor.get_by_role("button", name="Giv tilbage til chatbotten").click()
    await advisor.get_by_role("dialog").get_by_role("button", name="Giv tilbage").click()
    await expect(log).to_contain_text(handover_en.HANDED_BACK)
    shown = await log.inner_text()
    assert not [line for line in shown.splitlines() if looks_danish(line)], shown
