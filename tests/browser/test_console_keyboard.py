"""The advisor's day in Debian's chromium, with a citizen in a second browser: the keyboard-only
flow (claim, reply with a ready answer, hand back, close), the alert and tab-title count for
a new chat, typing shown both ways, and several chats as tabs with unread counts."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from bot.handover import texts
from bot.models.handover import STATUS_CLOSED, STATUS_HANDED_BACK, Handover
from tests.browser import console_server
from tests.browser.console_data import PASSWORD, in_db
from tests.browser.console_server import LiveConsole

live_console = console_server.live_console  # the fixture (tests/browser/console_server.py)
pytestmark = pytest.mark.browser

# Records every desktop notification the page shows (permission is granted in the context).
NOTIFICATION_SPY = """
window.__notes = [];
const RealNotification = window.Notification;
class SpyNotification extends RealNotification {
  constructor(title, options) {
    window.__notes.push({title: title, body: (options || {}).body || ""});
    super(title, options);
  }
}
window.Notification = SpyNotification;
"""


def _accounts() -> None:
    from bot.console.auth import create_account

    in_db(lambda s: [create_account(s, username=name, password=PASSWORD, role="advisor",
                                    display_name=name.title()) for name in ("anna", "bo")])


async def _citizen(browser: Browser, url: str) -> Page:
    page = await (await browser.new_context()).new_page()
    await page.goto(url)
    await page.get_by_role("button", name="Chat med politiet").click()
    return page


async def _say(page: Page, text: str) -> None:
    box = page.get_by_label("Skriv din besked")
    await box.fill(text)
    await box.press("Enter")


async def _asks_for_a_person(page: Page, question: str) -> None:
    await _say(page, question)
    await expect(page.get_by_role("log", name="Samtale")).to_contain_text(f"Du skrev: {question}")
    await _say(page, "jeg vil tale med et menneske")
    await expect(page.get_by_role("log", name="Samtale")).to_contain_text("i køen")


async def _advisor(browser: Browser, url: str, *, alerts: bool = False,
                   ) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(
        viewport={"width": 1280, "height": 900},
        permissions=["notifications"] if alerts else [])
    if alerts:
        await context.add_init_script(NOTIFICATION_SPY)
    page = await context.new_page()
    await page.goto(f"{url}/console/login")
    await expect(page.get_by_label("Brugernavn")).to_be_focused()  # autofocus: type at once
    await page.keyboard.type("anna")
    await page.keyboard.press("Tab")
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="Venter på en rådgiver")).to_be_visible()
    # The page shows before its deferred console.js has run; a key pressed then finds no
    # shortcut (CI with both cores busy: Alt+T lost, no claim).
    await page.wait_for_function("() => window.BRConsole !== undefined")
    return context, page


async def _claim_next(advisor: Page) -> None:
    """Alt+T: the next chat in the queue (or the open one) is the advisor's."""
    await advisor.keyboard.press("Alt+T")
    await advisor.wait_for_url("**/console/handovers/*")


def _handovers() -> list[tuple[str, str | None, str | None]]:
    return in_db(lambda s: [(h.status, h.outcome, h.category) for h in
                            s.execute(select(Handover).order_by(Handover.id)).scalars()])


async def test_an_advisor_claims_replies_with_a_ready_answer_hands_back_and_closes_by_keyboard(
    browser: Browser, live_console: LiveConsole
) -> None:
    _accounts()
    citizen = await _citizen(browser, live_console.url)
    await _asks_for_a_person(citizen, "kan jeg få erstatning fra staten")
    context, advisor = await _advisor(browser, live_console.url)
    await expect(advisor.locator("#queue-body tr")).to_have_count(1)

    await _claim_next(advisor)
    log = citizen.get_by_role("log", name="Samtale")
    await expect(log).to_contain_text(texts.ADVISOR_JOINED)

    # Alt+S: search the ready answers as you type; Enter puts the best one in the reply.
    await advisor.keyboard.press("Alt+S")
    search = advisor.get_by_label("Søg i færdige svar")
    await expect(search).to_be_focused()
    await advisor.keyboard.type("erstatning staten")
    first = advisor.locator(".ready-results li:not([hidden]) .ready-answer").first
    await expect(first).to_have_text("Erstatning fra staten (Erstatningsnævnet)")
    answer = str(await first.get_attribute("data-text"))
    await advisor.keyboard.press("Enter")
    reply = advisor.get_by_label("Svar til borgeren")
    await expect(reply).to_be_focused()
    await expect(reply).to_have_value(answer)
    await advisor.keyboard.type(" Skriv, hvis du har spørgsmål.")
    await advisor.keyboard.press("Control+Enter")  # send
    await expect(log).to_contain_text("Skriv, hvis du har spørgsmål.")
    await expect(log).to_contain_text(answer.splitlines()[0][:60])
    await expect(reply).to_have_value("")

    # Alt+B asks first; Enter on the focused "Giv tilbage" hands the chat back.
    await advisor.keyboard.press("Alt+B")
    dialog = advisor.get_by_role("dialog", name="tilbage til chatbotten")
    await expect(dialog).to_be_visible()
    await expect(dialog.get_by_role("button", name="Giv tilbage")).to_be_focused()
    await advisor.keyboard.press("Enter")
    await advisor.wait_for_url("**/console/")
    await expect(log).to_contain_text("Du skriver nu med den digitale rådgiver igen")
    assert _handovers()[0][0] == STATUS_HANDED_BACK

    # A second request; taken, then Alt+A closes it with an outcome and a category.
    await _asks_for_a_person(citizen, "hvordan klager jeg")
    await expect(advisor.locator("#queue-body tr[data-handover-id]")).to_have_count(1)
    await _claim_next(advisor)
    await advisor.keyboard.press("Alt+A")
    dialog = advisor.get_by_role("dialog", name="Afslut samtale")
    await expect(dialog.get_by_label("Udfald")).to_be_focused()
    await advisor.keyboard.press("ArrowDown")  # "Henvist til anden enhed"
    await advisor.keyboard.press("Tab")
    await expect(dialog.get_by_label("Kategori")).to_be_focused()
    await advisor.keyboard.press("ArrowDown")  # "Rettigheder som offer eller vidne"
    await advisor.keyboard.press("Tab")
    await expect(dialog.get_by_role("button", name="Afslut samtalen")).to_be_focused()
    await advisor.keyboard.press("Enter")
    await advisor.wait_for_url("**/console/")
    await expect(log).to_contain_text(texts.CLOSED)
    assert _handovers()[1] == (STATUS_CLOSED, "referred", "rights")
    await context.close()


async def test_a_new_chat_rings_notifies_and_counts_in_the_tab_title(
    browser: Browser, live_console: LiveConsole
) -> None:
    _accounts()
    context, advisor = await _advisor(browser, live_console.url, alerts=True)
    toggle = advisor.get_by_role("button", name="Lyd og besked ved ny borger")
    await expect(toggle).to_have_attribute("aria-pressed", "false")
    await toggle.click()  # the advisor opts in
    await expect(toggle).to_have_attribute("aria-pressed", "true")
    await expect(advisor).to_have_title("Kø · Borgerrådgiver-konsol")
    await expect(advisor.locator("body[data-live=on]")).to_have_count(1)  # the feed is up

    citizen = await _citizen(browser, live_console.url)
    await _asks_for_a_person(citizen, "min eks truer mig")
    await expect(advisor).to_have_title("(1) Kø · Borgerrådgiver-konsol")
    await expect(advisor.locator("#live-announcer")).to_contain_text("Ny borger i køen")
    notes = await advisor.evaluate("window.__notes")
    assert len(notes) == 1 and notes[0]["title"] == "Ny borger venter på en rådgiver"
    # No citizen text on a desktop notification: it can show on a shared or locked screen.
    assert "truer" not in notes[0]["body"] and "Dansk" in notes[0]["body"]

    # Also while in a chat: the count follows the advisor around the console.
    await advisor.goto(f"{live_console.url}/console/inquiries")
    await expect(advisor).to_have_title("(1) Henvendelser · Borgerrådgiver-konsol")
    await context.close()


async def test_typing_shows_both_ways_and_a_second_chat_counts_unread_in_its_tab(
    browser: Browser, live_console: LiveConsole
) -> None:
    _accounts()
    first = await _citizen(browser, live_console.url)
    await _asks_for_a_person(first, "hvornår er retsmødet")
    second = await _citizen(browser, live_console.url)
    await _asks_for_a_person(second, "hvad koster en straffeattest")
    context, advisor = await _advisor(browser, live_console.url)
    await expect(advisor.locator("#queue-body tr[data-handover-id]")).to_have_count(2)
    await _claim_next(advisor)
    await advisor.goto(f"{live_console.url}/console/")
    await _claim_next(advisor)
    tabs = advisor.get_by_role("tab")
    await expect(tabs).to_have_count(2)
    await expect(advisor.locator("body[data-live=on]")).to_have_count(1)  # the feed is up

    # The citizen of the open chat writes: the advisor sees it before the message comes.
    open_panel = advisor.locator(".chat-panel:not([hidden])")
    await second.get_by_label("Skriv din besked").press_sequentially("tak for")
    await expect(open_panel.locator(".typing")).to_have_text("Borgeren skriver …")
    # The advisor writes: the citizen sees it.
    await open_panel.get_by_label("Svar til borgeren").press_sequentially("Hej")
    await expect(second.locator(".brw-typing")).to_have_text("Rådgiveren skriver …")

    # The other chat's citizen writes: its tab counts the unread message.
    await _say(first, "er du der?")
    other_tab = tabs.filter(has=advisor.locator(".unread:not([hidden])"))
    await expect(other_tab).to_have_count(1)
    await expect(other_tab.locator(".unread-count")).to_have_text("1")
    await advisor.keyboard.press("Alt+N")  # to the other chat: read, the count goes
    await expect(advisor.locator(".chat-panel:not([hidden]) .transcript")).to_contain_text(
        "er du der?")
    await expect(advisor.locator(".unread:not([hidden])")).to_have_count(0)
    await context.close()
