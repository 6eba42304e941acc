"""Handover latency in the load benchmark: the bot's decision to the advisor's live queue, and
an advisor's message to the citizen's socket (console login, claim, message)."""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from typing import Any

import aiohttp

from bench.citizen import Citizen
from bench.measure import TURN_TIMEOUT

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


async def advisor_login(base_url: str, username: str, password: str) -> aiohttp.ClientSession:
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with http.get(f"{base_url}/console/login") as response:
        token = CSRF.search(await response.text())
    if token is None:
        raise RuntimeError("console login page has no CSRF token")
    async with http.post(f"{base_url}/console/login", allow_redirects=False, data={
            "username": username, "password": password, "csrf_token": token.group(1)}) as r:
        if r.status != 302:
            raise RuntimeError(f"console login failed: HTTP {r.status}")
    return http


async def measure_handover(base_url: str, username: str, password: str,
                           rounds: int) -> dict[str, Any]:
    advisor = await advisor_login(base_url, username, password)
    async with advisor.get(f"{base_url}/console/") as response:
        found = CSRF.search(await response.text())
    if found is None:
        raise RuntimeError("console queue page has no CSRF token")
    csrf = found.group(1)
    live = await advisor.ws_connect(f"{base_url.replace('http', 'ws', 1)}/console/ws",
                                    headers={"Origin": base_url})
    queue_frames: list[tuple[float, set[int]]] = []
    changed = asyncio.Event()

    async def read_live() -> None:
        async for frame in live:
            if frame.type == aiohttp.WSMsgType.TEXT:
                data = frame.json()
                if data.get("type") == "queue":
                    ids = {int(item["id"]) for item in data.get("waiting", [])}
                    queue_frames.append((time.perf_counter(), ids))
                    changed.set()

    reader = asyncio.get_running_loop().create_task(read_live())
    to_screen, request_to_screen, advisor_to_citizen = [], [], []
    try:
        for number in range(rounds):
            known = set().union(*(ids for _, ids in queue_frames)) if queue_frames else set()
            citizen = Citizen(base_url)
            try:
                await citizen.start(base_url)
                socket = await citizen.connect(base_url)
                turn = await citizen.say(socket, "jeg vil tale med et menneske",
                                         timeout=TURN_TIMEOUT)
                decided = time.perf_counter()
                asked = decided - turn.seconds
                new_id = None
                deadline = time.perf_counter() + 10
                while new_id is None and time.perf_counter() < deadline:
                    for at, ids in queue_frames:
                        fresh = ids - known
                        if at >= asked and fresh:
                            new_id, seen_at = max(fresh), at
                            break
                    if new_id is None:
                        changed.clear()
                        try:
                            await asyncio.wait_for(changed.wait(), 1)
                        except asyncio.TimeoutError:
                            continue
                if new_id is None:
                    raise RuntimeError(
                        f"handover {number} never reached the advisor's queue; the bot said "
                        f"{turn.reply.get('text')!r}; queue frames: {queue_frames[-3:]}")
                to_screen.append(max(0.0, seen_at - decided))
                request_to_screen.append(seen_at - asked)
                async with advisor.post(f"{base_url}/console/handovers/{new_id}/claim",
                                        data={"csrf_token": csrf}, allow_redirects=False) as r:
                    if r.status != 302:
                        raise RuntimeError(f"claim failed: HTTP {r.status}")
                text = f"Hej, jeg hedder Ida. Hvad kan jeg hjælpe med? ({number})"
                sent = time.perf_counter()
                async with advisor.post(
                        f"{base_url}/console/handovers/{new_id}/messages",
                        data={"csrf_token": csrf, "text": text},
                        headers={"Accept": "application/json"}) as r:
                    if r.status != 200:
                        raise RuntimeError(f"advisor message failed: HTTP {r.status}")
                await socket.wait_for(lambda f, t=text: f.get("text") == t, 10)
                advisor_to_citizen.append(time.perf_counter() - sent)
                await socket.close()
            finally:
                await citizen.close()
    finally:
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)
        await live.close()
        await advisor.close()

    def stats(values: list[float]) -> dict[str, float]:
        ms = [v * 1000 for v in values]
        return {"median_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1)}

    return {"rounds": rounds, "decision_to_advisor_screen": stats(to_screen),
            "citizen_request_to_advisor_screen": stats(request_to_screen),
            "advisor_message_to_citizen": stats(advisor_to_citizen)}
