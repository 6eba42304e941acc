"""End to end in Debian's chromium: a citizen asks for a person, an advisor takes over in the
console, they talk, the advisor hands back, and the bot answers the next question.

No trained model is needed: a fake Rasa answers the REST channel, runs the real
`action_handover` (the action server's code) for "jeg vil tale med et menneske", renders the
domain's responses, and accepts the tracker reset of the hand-back through its HTTP API.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, expect

from bot.console.auth import create_account
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.settings import load_settings
from tests.browser import console_server
from tests.browser.conftest import browser  # noqa: F401  (fixture)
from tests.browser.console_server import LiveConsole

live_console = console_server.live_console  # the fixture (tests/browser/console_server.py)
pytestmark = pytest.mark.browser

PASSWORD = "en-lang-adgangskode"
QUESTION = "hvornår får jeg min cykel tilbage"


def _advisor_anna() -> None:
    settings = load_settings()
    engine = make_engine(settings.database)
    create_all(engine)
    with session_scope(make_session_factory(engine)) as session:
        create_account(session, username="anna", password=PASSWORD, role="advisor",
                       display_name="Anna")
    engine.dispose()


async def _say(page: Page, text: str) -> None:
    box = page.get_by_label("Skriv din besked")
    await box.fill(text)
    await box.press("Enter")


async def test_citizen_reaches_an_advisor_and_the_bot_takes_over_again(
    live_console: LiveConsole, browser: Browser,  # noqa: F811
) -> None:
    live = live_console
    _advisor_anna()
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

    # The case packet: reason, the open question, what the bot understood, the transcript.
    await expect(advisor.locator("h2").first).to_contain_text("Sagspakke")
    await expect(advisor.locator(".question")).to_have_text(QUESTION)
    await expect(advisor.locator(".chip").first).to_contain_text("Vil tale med en person 93 %")
    transcript = advisor.locator(".transcript")
    await expect(transcript).to_contain_text(f"Du skrev: {QUESTION}")
    await expect(log).to_contain_text("En borgerrådgiver har overtaget samtalen")

    await advisor.get_by_label("Svar til borgeren").fill("Hej, jeg hedder Anna. Jeg kigger på det.")
    await advisor.get_by_role("button", name="Send", exact=True).click()
    await expect(log).to_contain_text("Hej, jeg hedder Anna. Jeg kigger på det.")

    # While the advisor has the chat, the citizen's words go to the advisor, not to Rasa.
    await _say(citizen, "tusind tak <b>Anna</b>")
    await expect(transcript).to_contain_text("tusind tak <b>Anna</b>")
    assert "tusind tak <b>Anna</b>" not in live.rasa.received

    await advisor.get_by_role("button", name="Giv tilbage til chatbotten").click()
    await advisor.get_by_role("dialog").get_by_role("button", name="Giv tilbage").click()
    await expect(log).to_contain_text("Du skriver nu med den digitale rådgiver igen")
    assert len(live.rasa.resets) == 1
    assert live.rasa.resets[0][-1] == {"event": "action", "name": "action_listen"}

    await _say(citizen, "hvad sker der nu")
    await expect(log).to_contain_text("Du skrev: hvad sker der nu")
