"""The long-chat and capacity benchmarks send and count what they say (no timing asserted)."""

from __future__ import annotations

import random
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from bench.capacity import TURNS, arrival_rate, mean_chat_seconds, plan_citizen
from bench.long_chat import EDGE_TURNS, QUESTIONS, LongChat, questions, rasa_long_chat
from bench.report import render_report


async def test_the_long_chat_sends_every_question_once_in_one_conversation() -> None:
    received: list[dict[str, Any]] = []

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        received.append(body)
        return web.json_response([{"recipient_id": body["sender"], "text": "svar"}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    server = TestServer(app)
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as client:
            chat = await rasa_long_chat(client, str(server.make_url("")).rstrip("/"), 25)
    finally:
        await server.close()

    assert [m["message"] for m in received] == questions(25)
    assert len({m["sender"] for m in received}) == 1
    assert len(chat.latencies) == 25 and chat.answered == 25
    summary = chat.summary()
    assert summary["turns"] == 25 and summary["ratio"] is not None


def test_questions_cycle_through_the_knowledge_questions() -> None:
    assert questions(len(QUESTIONS) + 1)[-1] == QUESTIONS[0]


def test_a_short_chat_has_no_ratio_and_the_report_still_renders() -> None:
    summary = LongChat("gateway", latencies=[0.05] * (2 * EDGE_TURNS - 1)).summary()
    assert "ratio" not in summary
    results = {"machine": {}, "when": "now", "duration": 1, "levels": [], "figures": {},
               "targets": [], "long_chat": [summary],
               "capacity": {"capacity": 60, "levels": [
                   {"concurrency": 60, "citizens": 70, "messages": 300, "per_second": 3.0,
                    "p50_ms": 80, "p95_ms": 200, "p99_ms": 300, "errors": 0,
                    "passed": True}]}}
    text = render_report(results)
    assert "60 concurrent citizens" in text and "| gateway | 19 |" in text


def test_open_loop_arrivals_keep_the_level_by_littles_law() -> None:
    assert mean_chat_seconds() == 10 * 20
    assert arrival_rate(200) == 1.0
    rng = random.Random(1)
    plans = [plan_citizen(rng, already_chatting=False) for _ in range(200)]
    assert all(TURNS[0] <= p.turns <= TURNS[1] and p.delay == 0 for p in plans)
    assert all(len(p.thinks) == p.turns - 1 and all(10 <= t <= 30 for t in p.thinks)
               for p in plans)
    joined = [plan_citizen(rng, already_chatting=True) for _ in range(200)]
    assert min(p.turns for p in joined) == 1 and max(p.delay for p in joined) <= 30
