"""The load benchmark's measurements besides the load levels: one long chat, open-loop
capacity, and plain single-worker Rasa on the same model (the reference of issue #14)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bench.capacity import find_capacity
from bench.long_chat import gateway_long_chat, rasa_long_chat
from bot.ports import free_port


@dataclass(frozen=True)
class Extras:
    """The measurements after the load levels (0 or empty: skipped)."""

    long_chat_turns: int = 200
    capacity_levels: tuple[int, ...] = ()
    capacity_seconds: float = 90.0


async def run_extras(base_url: str, rasa_url: str, client: aiohttp.ClientSession,
                     extras: Extras) -> dict[str, Any]:
    results: dict[str, Any] = {}
    if extras.long_chat_turns:
        print(f"==> One chat of {extras.long_chat_turns} turns, gateway and Rasa", flush=True)
        chats = [await gateway_long_chat(base_url, extras.long_chat_turns),
                 await rasa_long_chat(client, rasa_url, extras.long_chat_turns)]
        results["long_chat"] = [chat.summary() for chat in chats]
        print(f"    {results['long_chat']}", flush=True)
    if extras.capacity_levels:
        print("==> Capacity: open-loop citizens (think 10-30 s, 5-15 turns)", flush=True)
        results["capacity"] = await find_capacity(base_url, list(extras.capacity_levels),
                                                  extras.capacity_seconds)
    return results


PLAIN_RASA = "rasa, 1 worker"
PLAIN_RASA_FIXED = "rasa, 1 worker, with the fix"
# Target name -> the process name in the CPU table.
PLAIN_PROCESSES = {PLAIN_RASA: "rasa-plain", PLAIN_RASA_FIXED: "rasa-plain-fixed"}


@contextmanager
def plain_rasa(services: list[Any], log_dir: Path, target: str) -> Iterator[tuple[str, int]]:
    """Rasa as before issue #14: one Sanic worker, TensorFlow on both cores; REST, same model.

    `PLAIN_RASA` is `rasa run` as Rasa ships it (the issue's reference); `PLAIN_RASA_FIXED`
    runs as the product's Rasa does, with its fix to Rasa's code (`bot/rasa_server.py`), so
    the report can tell what the workers add from what the fix adds.
    Started beside the product's own processes (its action server and stores are shared) and
    kept up for the whole load, so it takes turns with the product in the same rounds: a
    drift of the machine's speed then falls on both sides of the ratio. Idle, it costs memory
    only. Yields its URL and process id.
    """
    from bot.environments import rasa_executable, rasa_server_command
    from bot.runner import start, stop, wait_healthy

    rasa = next(s for s in services if s.name == "rasa")
    port = free_port()
    command = list(rasa.command)
    command[command.index("--port") + 1] = str(port)
    fixed = rasa_server_command()
    if command[:len(fixed)] != fixed:
        raise RuntimeError("the product's Rasa does not run bot.rasa_server; review the bench")
    if target == PLAIN_RASA:
        command = [str(rasa_executable("rasa")), "run", *command[len(fixed):]]
    env = {**rasa.env, "SANIC_WORKERS": "1",
           "TF_INTRA_OP_PARALLELISM_THREADS": os.environ.get("TF_INTRA_OP_PARALLELISM_THREADS",
                                                             "2")}
    plain = type(rasa)(PLAIN_PROCESSES[target], command, f"http://127.0.0.1:{port}/", env)
    print(f"==> Plain single-worker Rasa (REST), same model: {target}", flush=True)
    start([plain], log_dir)
    try:
        wait_healthy([plain], 300, log_dir)
        assert plain.process is not None
        yield f"http://127.0.0.1:{port}", plain.process.pid
    finally:
        stop([plain])
