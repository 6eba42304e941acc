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


async def _rest_chat(turns: int) -> tuple[list[dict[str, Any]], LongChat]:
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
            chat = await rasa_long_chat(client, str(server.make_url("")).rstrip("/"), turns)
    finally:
        await server.close()
    return received, chat


async def test_the_long_chat_sends_every_question_once_in_one_conversation() -> None:
    turns = 2 * EDGE_TURNS + 5
    received, chat = await _rest_chat(turns)

    long_sender = received[0]["sender"]
    in_long = [m["message"] for m in received if m["sender"] == long_sender]
    fresh = [m for m in received if m["sender"] != long_sender]
    assert in_long == questions(turns)
    # The fresh chat asks the first EDGE_TURNS questions, each just before a last long turn.
    assert [m["message"] for m in fresh] == questions(EDGE_TURNS)
    assert len({m["sender"] for m in fresh}) == 1
    assert [m["sender"] for m in received[-2 * EDGE_TURNS:]] == (
        [fresh[0]["sender"], long_sender] * EDGE_TURNS)
    assert len(chat.latencies) == turns and len(chat.fresh) == EDGE_TURNS
    assert chat.answered == turns + EDGE_TURNS
    summary = chat.summary()
    assert summary["turns"] == turns and summary["ratio"] is not None
    assert len(summary["turn_ms"]) == turns and len(summary["fresh_turn_ms"]) == EDGE_TURNS


async def test_a_chat_too_short_to_compare_has_no_fresh_chat() -> None:
    received, chat = await _rest_chat(EDGE_TURNS)
    assert len({m["sender"] for m in received}) == 1 and chat.fresh == []
    assert "ratio" not in chat.summary()


def test_the_ratio_compares_the_fresh_turns_with_the_long_chats_last_turns() -> None:
    chat = LongChat("rasa", latencies=[0.05] * EDGE_TURNS + [0.08] * EDGE_TURNS,
                    fresh=[0.04] * EDGE_TURNS)
    summary = chat.summary()
    assert summary["first_ms"] == 40.0 and summary["last_ms"] == 80.0
    assert summary["ratio"] == 2.0


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
    assert "60 concurrent citizens" in text and f"| gateway | {2 * EDGE_TURNS - 1} |" in text


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
