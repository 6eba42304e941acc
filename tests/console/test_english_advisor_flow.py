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

import re

import pytest
from playwright.async_api import Browser, expect

from bot.console.handover_pages import CATEGORIES, CLOSE_OUTCOMES
from bot.handover import texts_en as handover_en
from tests.bot.test_citizen_text_homes import looks_danish
from tests.browser import console_server
from tests.browser.conftest import browser  # noqa: F401  (fixture)
from tests.browser.console_server import LiveConsole
from tests.console.english_flow import (
    PASSWORD,
    QUESTION,
    Advisor,
    Citizen,
    advisor_anna,
    english_ready_answer,
)

live_console = console_server.live_console  # the fixture (tests/browser/console_server.py)

async def test_an_english_citizen_reaches_an_advisor_and_reads_only_english(
    live_console: LiveConsole,
) -> None:
    advisor_anna()
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
        answer = english_ready_answer(workspace, "Appeal")
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
    advisor_anna()
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
    advisor_anna()
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
