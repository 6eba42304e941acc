"""An English citizen and an advisor, each through the web server's own HTTP API (issue #18).

The citizen uses the widget's API as bot/static/widget.js does; the advisor uses the console's
forms as a browser without scripts would. Shared by the console's English flow tests (fake
Rasa) and tests/english (the trained model). Nothing here imports Rasa (tests/sides.py).
"""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

import aiohttp

from bot.console.auth import create_account
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.settings import load_settings

PASSWORD = "engelsk-raadgiver-kode"
ENGLISH_BROWSER = "en-GB,en;q=0.9"
QUESTION = "when do i get my stolen bike back"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
_ids = itertools.count(1)


def advisor_anna() -> None:
    engine = make_engine(load_settings().database)
    create_all(engine)
    with session_scope(make_session_factory(engine)) as session:
        create_account(session, username="anna", password=PASSWORD, role="advisor",
                       display_name="Anna")
    engine.dispose()


class Citizen:
    """An English-language browser using the widget's API (as bot/static/widget.js does)."""

    def __init__(self, url: str, browser_language: str = ENGLISH_BROWSER,
                 origin: str | None = None) -> None:
        self.url = url
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # the server is at 127.0.0.1
            headers={"Origin": origin or url, "Accept-Language": browser_language})

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


def english_ready_answer(page: str, title: str) -> str:
    ready = re.search(r'<ul [^>]*class="nobullet-list ready-results"[^>]*lang="en">(.*?)</ul>',
                      page, re.S)
    assert ready is not None, "an English chat gets the English ready answers"
    answer = re.search(rf'data-text="([^"]*)">{re.escape(title)}</button>', ready.group(1))
    assert answer is not None
    return html.unescape(answer.group(1))
