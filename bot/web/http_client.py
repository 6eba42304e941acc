"""The web server's one HTTP client (to Rasa and the action server), opened with the app."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web


class HttpClient:
    """Holds the aiohttp client session; it can only be created inside the running loop."""

    def __init__(self, timeout_seconds: float) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("The HTTP client is not open: the application has not started")
        return self._session

    async def lifecycle(self, _app: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            self._session = session
            yield
        self._session = None


HTTP_CLIENT = web.AppKey("http_client", HttpClient)
