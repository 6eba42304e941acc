"""The load benchmark's conversations: the Danish script, over the gateway or straight to Rasa."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import Awaitable, Callable

import aiohttp

from bench.citizen import Citizen
from bench.measure import TURN_TIMEOUT, CpuMeter, LevelResult
from bot.bearer import bearer_header

# One citizen's conversation; {journal} and {code} come from a demo login.
SCRIPT = (
    "hej",
    "hvad betyder det at min sag er henlagt",
    "hvor har du det fra?",
    "hvor langt er min sag?",
    "{journal}",
    "{code}",
    "hvornår er fristen for erstatning fra staten",
    "hvordan anmelder jeg et indbrud fra i går",
    "tak",
    "jeg vil tale med et menneske",
)


def script_for(number: int, logins: list[tuple[str, str]]) -> list[str]:
    """The lines of conversation `number` (`run_level`: citizen * 1000 + its conversation).

    A citizen's first conversation starts at a line of its own (citizen 0 at the first,
    citizen 1 at the second, ...), so both paths send the script's lines in the same mix. At
    100 concurrent no conversation reaches its end within a 30 s round; when every citizen
    started at "hej", the slower path sent more of the first lines than the faster one, and
    its Rasa and action server spent 10 ms more CPU per message (docs/BENCHMARKS.md).
    """
    journal, code = logins[number % len(logins)]
    lines = [line.format(journal=journal, code=code) for line in SCRIPT]
    citizen, conversation = divmod(number, 1000)
    return lines[citizen % len(lines):] if conversation == 0 else lines


async def run_level(
    concurrency: int, duration: float, conversation: Callable[[int, float, LevelResult],
                                                              Awaitable[None]],
    result: LevelResult,
    meter: CpuMeter | None = None,
) -> LevelResult:
    """`concurrency` citizens, each running conversations until the deadline.

    Adds to `result` (and `meter`): a level measured in rounds sums them.
    """
    if meter is not None:
        meter.start()
    started = time.perf_counter()
    deadline = started + duration

    async def citizen(number: int) -> None:
        rounds = 0
        while time.perf_counter() < deadline and rounds < 1000:
            await conversation(number * 1000 + rounds, deadline, result)
            rounds += 1

    await asyncio.gather(*(citizen(n) for n in range(concurrency)))
    result.seconds += time.perf_counter() - started
    if meter is not None:
        meter.stop()
        result.cpu_ms = meter.per_message_ms(len(result.latencies))
    return result


def gateway_conversation(base_url: str, logins: list[tuple[str, str]]) -> Callable[
        [int, float, LevelResult], Awaitable[None]]:
    origin = base_url

    async def talk(number: int, deadline: float, result: LevelResult) -> None:
        citizen = Citizen(origin)
        try:
            await citizen.start(base_url)
            socket = await citizen.connect(base_url)
            for line in script_for(number, logins):
                if time.perf_counter() >= deadline:
                    break
                try:
                    turn = await citizen.say(socket, line, timeout=TURN_TIMEOUT)
                except TimeoutError:
                    result.error("timeout")
                    break
                except RuntimeError as exc:
                    result.error(str(exc)[:40])
                    break
                result.latencies.append(turn.seconds)
                if turn.reply.get("sender") == "system":
                    result.error("system notice (bot unavailable)")
            await socket.close()
        except (aiohttp.ClientError, RuntimeError, asyncio.TimeoutError) as exc:
            result.error(type(exc).__name__)
            await asyncio.sleep(0.5)
        finally:
            await citizen.close()

    return talk


def rasa_conversation(rasa_url: str, client: aiohttp.ClientSession,
                      logins: list[tuple[str, str]]) -> Callable[
        [int, float, LevelResult], Awaitable[None]]:
    url = f"{rasa_url}/webhooks/rest/webhook"
    # Rasa's REST channel answers only the gateway's token (bot/rasa_channel.py).
    headers = bearer_header(os.environ.get("BR_RASA_TOKEN", ""))

    async def talk(number: int, deadline: float, result: LevelResult) -> None:
        sender = uuid.uuid4().hex
        for line in script_for(number, logins):
            if time.perf_counter() >= deadline:
                break
            started = time.perf_counter()
            try:
                async with client.post(url, json={"sender": sender, "message": line,
                                                  "metadata": {"br_channel": "web"}},
                                       headers=headers,
                                       timeout=aiohttp.ClientTimeout(total=TURN_TIMEOUT)) as r:
                    body = await r.json(content_type=None)
                    status = r.status
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
                result.error(type(exc).__name__)
                break
            elapsed = time.perf_counter() - started
            if status != 200 or not body:
                result.error(f"HTTP {status}" if status != 200 else "empty answer")
                continue
            result.latencies.append(elapsed)

    return talk
