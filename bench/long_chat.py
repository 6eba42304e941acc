"""Cost per turn over a long conversation: one chat of many knowledge questions, one at a time.

The same questions go over the gateway's WebSocket and straight to Rasa's REST channel (a new
conversation each). Reported: the median latency of the first turns and of the last turns, and
their ratio (the target: the last turn costs at most 1.3x the first).
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
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
EDGE_TURNS = 10


def questions(turns: int) -> list[str]:
    return [QUESTIONS[n % len(QUESTIONS)] for n in range(turns)]


@dataclass
class LongChat:
    target: str
    latencies: list[float] = field(default_factory=list)  # seconds, turn by turn
    answered: int = 0  # turns that got a bot answer (not a system notice)

    def summary(self) -> dict[str, Any]:
        ms = [v * 1000 for v in self.latencies]
        if len(ms) < 2 * EDGE_TURNS:
            return {"target": self.target, "turns": len(ms), "answered": self.answered}
        first = statistics.median(ms[:EDGE_TURNS])
        last = statistics.median(ms[-EDGE_TURNS:])
        middle = len(ms) // 2
        return {
            "target": self.target, "turns": len(ms), "answered": self.answered,
            "first_ms": round(first, 1),
            "middle_ms": round(statistics.median(ms[middle - EDGE_TURNS // 2:
                                                    middle + EDGE_TURNS // 2]), 1),
            "last_ms": round(last, 1),
            "ratio": round(last / first, 2) if first else None,
        }


async def gateway_long_chat(base_url: str, turns: int) -> LongChat:
    result = LongChat("gateway")
    citizen = Citizen(base_url)
    try:
        await citizen.start(base_url)
        socket = await citizen.connect(base_url)
        for line in questions(turns):
            turn = await citizen.say(socket, line, timeout=TURN_TIMEOUT)
            result.latencies.append(turn.seconds)
            result.answered += turn.reply.get("sender") == "bot"
        await socket.close()
    finally:
        await citizen.close()
    return result


async def rasa_long_chat(client: aiohttp.ClientSession, rasa_url: str, turns: int) -> LongChat:
    result = LongChat("rasa")
    url = f"{rasa_url}/webhooks/rest/webhook"
    headers = bearer_header(os.environ.get("BR_RASA_TOKEN", ""))
    sender = uuid.uuid4().hex
    for line in questions(turns):
        started = time.perf_counter()
        async with client.post(url, json={"sender": sender, "message": line,
                                          "metadata": {"br_channel": "web"}}, headers=headers,
                               timeout=aiohttp.ClientTimeout(total=TURN_TIMEOUT)) as response:
            body = await response.json(content_type=None)
            if response.status != 200:
                raise RuntimeError(f"Rasa answered HTTP {response.status}")
        result.latencies.append(time.perf_counter() - started)
        result.answered += bool(body)
    return result
