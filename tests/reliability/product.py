"""A citizen on the gateway's HTTP API, for the tests that run the whole product
(`bench/product.py` starts it as `make run` does)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bench.product import Product, ProductFailed, process_alive, product_environment

__all__ = ["HttpCitizen", "Product", "ProductFailed", "process_alive", "product_environment",
           "start_supervised_product"]

SUPERVISED_PRODUCT_KEY = "supervised product"


def start_supervised_product(var_dir: Path) -> Product:
    """`make run` in a var/ of its own, up (tests/reliability/test_supervised_run.py)."""
    running = Product(var_dir, product_environment(var_dir), var_dir.parent / "run.out")
    running.start()
    return running


def uses_supervised_product(item: pytest.Item) -> bool:
    return item.path.name == "test_supervised_run.py" and "product" in getattr(
        item, "fixturenames", ())


class HttpCitizen:
    """One browser on the gateway's HTTP API (cookie jar, Origin header, client ids)."""

    def __init__(self, product: Product, name: str) -> None:
        self.base = product.url
        self.name = name
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            connector=aiohttp.TCPConnector(force_close=True))
        self._count = 0

    async def start(self) -> None:
        async with self.http.post(f"{self.base}/api/session",
                                  headers={"Origin": self.base}) as response:
            assert response.status == 200, await response.text()

    async def say(self, text: str) -> dict[str, Any]:
        self._count += 1
        async with self.http.post(
            f"{self.base}/api/messages", headers={"Origin": self.base},
            json={"client_id": f"{self.name}-{self._count:04d}", "text": text},
            timeout=aiohttp.ClientTimeout(total=60),
        ) as response:
            body: dict[str, Any] = await response.json()
            assert response.status == 200, body
            return body

    async def history(self) -> list[dict[str, Any]]:
        async with self.http.get(f"{self.base}/api/messages?after=0") as response:
            assert response.status == 200, await response.text()
            return list((await response.json())["messages"])

    async def turn(self, text: str) -> list[dict[str, Any]]:
        """Say something; return the lines after it once the first answer is there."""
        seq = int((await self.say(text))["message"]["seq"])
        deadline = time.monotonic() + 30
        while True:
            after = [m for m in await self.history() if m["seq"] > seq]
            if after or time.monotonic() > deadline:
                return after
            await asyncio.sleep(0.2)

    async def close(self) -> None:
        await self.http.close()
