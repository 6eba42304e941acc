"""A chat client that talks to a running gateway as the widget's HTTP fallback does.

One cookie session (`POST /api/session`), each message `POST /api/messages` with its own
client id, the bot's answer read back with `GET /api/messages?after=<seq>`. Used by
`python -m bot.cli chat` and by the conversation suite (tests/conversations/).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any, Protocol


class HttpClient(Protocol):
    """aiohttp's `ClientSession` (with a base URL) or its test client: post and get by path."""

    def post(self, url: str, **kwargs: Any) -> Any: ...

    def get(self, url: str, **kwargs: Any) -> Any: ...


@dataclass
class BotLine:
    """One line the citizen sees: a text, its buttons, and maybe a status card."""

    sender: str
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    card: dict[str, Any] | None = None

    @property
    def button_titles(self) -> list[str]:
        return [b["title"] for b in self.buttons]


class ChatError(RuntimeError):
    pass


@dataclass
class GatewayChat:
    http: HttpClient
    origin: str
    last_seq: int = 0
    buttons: list[dict[str, str]] = field(default_factory=list)

    async def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        call = self.http.post if method == "POST" else self.http.get
        response = await call(path, headers={"Origin": self.origin}, **kwargs)
        body = await response.json()
        if response.status >= 500:
            raise ChatError(f"{method} {path}: HTTP {response.status}")
        return body

    async def start(self) -> dict[str, Any]:
        body = await self._json("POST", "/api/session")
        if "reference" not in body:
            raise ChatError(f"no chat session: {body}")
        return dict(body)

    async def say(self, text: str) -> list[BotLine]:
        """Send typed text; the lines that came back after it."""
        return await self._send({"text": text})

    async def press(self, title: str) -> list[BotLine]:
        """Press one of the buttons the bot just offered, by its title."""
        button = next((b for b in self.buttons if b["title"] == title), None)
        if button is None:
            raise ChatError(f"no button {title!r}; offered: {[b['title'] for b in self.buttons]}")
        return await self._send({"payload": button["payload"]})

    async def _send(self, message: dict[str, str]) -> list[BotLine]:
        body = await self._json("POST", "/api/messages",
                                json={"client_id": secrets.token_hex(8), **message})
        if body.get("status") != "accepted":
            return [BotLine("system", str(body.get("message") or body))]
        self.last_seq = max(self.last_seq, int(body["message"]["seq"]))
        history = await self._json("GET", f"/api/messages?after={self.last_seq}")
        lines = []
        for item in history.get("messages", []):
            self.last_seq = max(self.last_seq, int(item["seq"]))
            lines.append(BotLine(str(item["sender"]), str(item.get("text") or ""),
                                 list(item.get("buttons") or []), item.get("card")))
        offered = [b for line in lines for b in line.buttons]
        self.buttons = offered
        return lines


def render_line(line: BotLine, first_number: int = 1) -> list[str]:
    """A line as a terminal shows it; buttons numbered from `first_number`."""
    out = []
    if line.card:
        card = line.card
        out.append(f"[{card.get('heading', '')}] {card.get('step', '')}")
        steps = " > ".join(
            f"*{s['title']}*" if s.get("state") == "current" else s["title"]
            for s in card.get("steps", [])
        )
        if steps:
            out.append(f"  {steps}")
        if card.get("meaning"):
            out.append(f"  {card['meaning']}")
        out += [f"  {d['label']}: {d['when']} {d.get('note', '')}".rstrip()
                for d in card.get("dates", [])]
        if card.get("contact"):
            out.append(f"  {card['contact']}")
    else:
        out.append(f"{line.sender}: {line.text}")
    out += [f"  [{first_number + i}] {title}" for i, title in enumerate(line.button_titles)]
    return out
