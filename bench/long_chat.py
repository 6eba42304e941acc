"""Cost per turn over a long conversation: one chat of many knowledge questions, one at a time.

The same questions go over the gateway's WebSocket and straight to Rasa's REST channel (a new
conversation each). The long chat's last turns are interleaved, one for one, with the first
turns of a fresh chat: each pair is sent back to back, so a moment of load on a shared machine
costs both sides alike, and the ratio measures the conversation's length, not the machine's
drift over the minutes the chat takes (sequential runs moved by 0.7x-1.4x on a busy machine).

Reported: the median latency of the fresh chat's turns ("first") and of the long chat's last
turns ("last"), their ratio (the target: the last turn costs at most 1.3x the first), and the
long chat's median at its middle.
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.citizen import Citizen
from bench.measure import TURN_TIMEOUT
from bot.bearer import bearer_header

# Knowledge questions that each get an answer; asked in turn, again and again.
QUESTIONS = (
    "hvad betyder det at min sag er henlagt",
    "hvornår er fristen for erstatning fra staten",
    "hvordan anmelder jeg et indbrud fra i går",
    "kan jeg få en bistandsadvokat",
    "hvad er en bøde",
)
# Turns at each end of the conversation whose median is compared.
EDGE_TURNS = 20

# Sends one line in one conversation; returns (seconds, whether the bot answered).
Say = Callable[[str], Awaitable[tuple[float, bool]]]


def questions(turns: int) -> list[str]:
    return [QUESTIONS[n % len(QUESTIONS)] for n in range(turns)]


@dataclass
class LongChat:
    target: str
    latencies: list[float] = field(default_factory=list)  # seconds, the long chat turn by turn
    answered: int = 0  # turns of both chats that got a bot answer (not a system notice)
    # The fresh chat's turns, sent each just before one of the long chat's last turns.
    fresh: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        ms = [v * 1000 for v in self.latencies]
        if len(ms) < 2 * EDGE_TURNS:
            return {"target": self.target, "turns": len(ms), "answered": self.answered}
        first_turns = [v * 1000 for v in self.fresh] or ms[:EDGE_TURNS]
        first = statistics.median(first_turns)
        last = statistics.median(ms[-EDGE_TURNS:])
        middle = len(ms) // 2
        return {
            "target": self.target, "turns": len(ms), "answered": self.answered,
            "first_ms": round(first, 1),
            "middle_ms": round(statistics.median(ms[middle - EDGE_TURNS // 2:
                                                    middle + EDGE_TURNS // 2]), 1),
            "last_ms": round(last, 1),
            "ratio": round(last / first, 2) if first else None,
            # Every turn, for the raw numbers in load.json (where a cost starts to grow).
            "turn_ms": [round(v, 1) for v in ms],
            "fresh_turn_ms": [round(v, 1) for v in first_turns],
        }


async def interleaved(result: LongChat, turns: int, long_say: Say, fresh_say: Say) -> LongChat:
    """The long chat alone up to its last EDGE_TURNS, then each of those after a fresh turn."""
    lines = questions(turns)
    paired_from = max(0, turns - EDGE_TURNS) if turns >= 2 * EDGE_TURNS else turns
    for index, line in enumerate(lines):
        if index >= paired_from:
            seconds, answered = await fresh_say(lines[index - paired_from])
            result.fresh.append(seconds)
            result.answered += answered
        seconds, answered = await long_say(line)
        result.latencies.append(seconds)
        result.answered += answered
    return result


async def gateway_long_chat(base_url: str, turns: int) -> LongChat:
    citizens = [Citizen(base_url), Citizen(base_url)]
    try:
        says: list[Say] = []
        for citizen in citizens:
            await citizen.start(base_url)
            socket = await citizen.connect(base_url)

            async def say(line: str, citizen: Citizen = citizen, socket: Any = socket
                          ) -> tuple[float, bool]:
                turn = await citizen.say(socket, line, timeout=TURN_TIMEOUT)
                return turn.seconds, turn.reply.get("sender") == "bot"

            says.append(say)
        return await interleaved(LongChat("gateway"), turns, *says)
    finally:
        for citizen in citizens:
            await citizen.close()


async def rasa_long_chat(client: aiohttp.ClientSession, rasa_url: str, turns: int) -> LongChat:
    url = f"{rasa_url}/webhooks/rest/webhook"
    headers = bearer_header(os.environ.get("BR_RASA_TOKEN", ""))

    def conversation() -> Say:
        sender = uuid.uuid4().hex

        async def say(line: str) -> tuple[float, bool]:
            started = time.perf_counter()
            async with client.post(url, json={"sender": sender, "message": line,
                                              "metadata": {"br_channel": "web"}},
                                   headers=headers,
                                   timeout=aiohttp.ClientTimeout(total=TURN_TIMEOUT)) as response:
                body = await response.json(content_type=None)
                if response.status != 200:
                    raise RuntimeError(f"Rasa answered HTTP {response.status}")
            return time.perf_counter() - started, bool(body)

        return say

    return await interleaved(LongChat("rasa"), turns, conversation(), conversation())
