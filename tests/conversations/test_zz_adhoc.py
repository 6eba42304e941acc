from bot.dialogue.client import GatewayChat
from tests.reliability.processes import RasaStack


async def test_adhoc(chat: GatewayChat, stack: RasaStack) -> None:
    for text in ("jeg vil klage over en betjent",):
        lines = await chat.say(text)
        print("CITIZEN:", text, "\nBOT:", lines)
    print((stack.workdir / "actions.log").read_text(errors="replace")[-3000:])
    print((stack.workdir / "rasa.log").read_text(errors="replace")[-3000:])
