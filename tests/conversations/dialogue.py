"""A dialogue is a list of turns; each turn says what the citizen writes (or presses) and
what the citizen must (and must not) see in the bot's answer to it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.dialogue.client import BotLine, GatewayChat

ASK_JOURNAL = "Hvad er journalnummeret?"
ASK_CODE = "Skriv nu den personlige kode"
LEFT = "jeg har stoppet"
REPROMPT = "Skal vi fortsætte"
PAUSED = "på pause"
RING_112 = "Ring 112"
NOT_VERIFIED = "passer ikke sammen"
NO_RECEIPT = "Log ind med MitID"
ASK_PHONE = "Hvilket telefonnummer skal vi ringe til?"
ASK_WINDOW = "Hvornår passer det dig bedst?"
CALLBACK_BOOKED = "En borgerrådgiver ringer dig op."
ASK_NAME = "Hvad hedder du?"
ASK_FOLLOWUP_PHONE = "Hvilket telefonnummer kan vi ringe til?"
ASK_FOLLOWUP_WINDOW = "Hvornår passer det dig, at vi ringer?"
ASK_TOPIC = "Hvad vil du gerne tale med politiet om?"
ASK_FOLLOWUP_JOURNAL = "Har du et journalnummer fra politiet?"
FOLLOWUP_SENT = "Vi har sendt din anmodning videre"
ASK_ORGANISATION = "Hvad hedder din forening"
ASK_BOOKING_TOPIC = "Hvad vil du gerne have, at mødet handler om?"
ASK_REFERENCE = "Skriv dit referencenummer"
ASK_COMPLAINT_KIND = "Hvad vil du klage over?"
ASK_COMPLAINT_TYPE = "Hvad drejer din klage over service sig om?"
ASK_RATING = "Giv en karakter fra 1 til 5"
ASK_COMMENT = "Vil du skrive en kommentar?"
RATING_THANKS = "Tak for din vurdering"
QUEUED = "Du er nummer"
CORRECTED = "jeg har rettet det"
# The core fallback (actions/texts.py NOT_UNDERSTOOD): never right after a form question.
NOT_UNDERSTOOD = "Det forstod jeg desværre ikke"


@dataclass(frozen=True)
class Turn:
    says: str = ""
    press: str = ""
    sees: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    buttons: tuple[str, ...] = ()
    first: str = ""
    card: bool = False


def say(text: str, *sees: str, never: Sequence[str] = (), buttons: Sequence[str] = (),
        first: str = "", card: bool = False) -> Turn:
    return Turn(says=text, sees=sees, never=tuple(never), buttons=tuple(buttons), first=first,
                card=card)


def press(title: str, *sees: str, never: Sequence[str] = (), buttons: Sequence[str] = (),
          first: str = "", card: bool = False) -> Turn:
    return Turn(press=title, sees=sees, never=tuple(never), buttons=tuple(buttons), first=first,
                card=card)


def _seen(lines: list[BotLine]) -> str:
    return "\n".join(line.text for line in lines)


async def run_dialogue(chat: GatewayChat, turns: Sequence[Turn], values: Mapping[str, str]
                       ) -> list[list[BotLine]]:
    """Plays the turns; fails at the first turn whose answer is not what the citizen must see."""
    answers = []
    for number, turn in enumerate(turns, 1):
        said = turn.says.format(**values)
        lines = await (chat.press(turn.press) if turn.press else chat.say(said))
        lines = [line for line in lines if line.sender != "citizen"]
        seen = _seen(lines)
        where = f"turn {number} ({turn.press or said!r}) got: {seen!r}"
        assert lines, where
        for text in turn.sees:
            assert text.format(**values) in seen, f"missing {text!r}; {where}"
        for text in turn.never:
            assert text.format(**values) not in seen, f"unexpected {text!r}; {where}"
        titles = [title for line in lines for title in line.button_titles]
        for title in turn.buttons:
            assert title in titles, f"no button {title!r} in {titles}; {where}"
        if turn.first:
            assert turn.first in lines[0].text, f"{turn.first!r} not first; {where}"
        if turn.card:
            assert any(line.card for line in lines), f"no status card; {where}"
        answers.append(lines)
    return answers
