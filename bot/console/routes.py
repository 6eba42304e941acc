"""Every URL of the advisor console, in one place (mounted under /console)."""

from __future__ import annotations

from aiohttp import web

from bot.console import (
    handover_pages,
    inquiry_pages,
    live_socket,
    login_pages,
    queue_pages,
    request_pages,
    supervisor_pages,
)
from bot.settings import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "bot" / "console" / "static"
PUBLIC_ROUTES = frozenset({"login", "login_submit", "static"})


def setup_routes(app: web.Application) -> None:
    add_get, add_post = app.router.add_get, app.router.add_post
    add_get("/login", login_pages.login_page, name="login")
    add_post("/login", login_pages.login, name="login_submit")
    add_post("/logout", login_pages.logout, name="logout")
    add_get("/", queue_pages.queue_page, name="queue")
    add_get("/ws", live_socket.live_socket, name="live")
    add_post("/handovers/{handover_id}/claim", queue_pages.claim, name="claim")
    add_post("/chats/{chat_ref}/pick", queue_pages.pick_live_chat, name="pick")
    add_get("/callbacks/{callback_id}", queue_pages.callback_card, name="callback")
    add_post("/callbacks/{callback_id}/done", queue_pages.callback_done, name="callback_done")
    add_get("/chats", handover_pages.chats_page, name="chats")
    add_get("/handovers/{handover_id}", handover_pages.handover_card, name="handover")
    add_post("/handovers/{handover_id}/messages", handover_pages.send_message, name="send")
    add_post("/handovers/{handover_id}/notes", handover_pages.add_note, name="note")
    add_post("/handovers/{handover_id}/transfer", handover_pages.transfer, name="transfer")
    add_post("/handovers/{handover_id}/handback", handover_pages.hand_back, name="handback")
    add_post("/handovers/{handover_id}/close", handover_pages.close, name="close")
    add_get("/supervisor", supervisor_pages.supervisor_page, name="supervisor")
    add_get("/dashboard", supervisor_pages.dashboard_page, name="dashboard")
    add_get("/dashboard/{chart}.csv", supervisor_pages.dashboard_csv, name="dashboard_csv")
    add_get("/inquiries", inquiry_pages.inquiries_page, name="inquiries")
    add_get("/inquiries/{reference}", inquiry_pages.inquiry_page, name="inquiry")
    add_get("/followups", request_pages.followups_page, name="followups")
    add_post("/followups/{request_id}/attempts", request_pages.followup_attempt,
             name="followup_attempt")
    add_get("/bookings", request_pages.bookings_page, name="bookings")
    add_post("/bookings/{booking_id}/status", request_pages.booking_status,
             name="booking_status")
    add_get("/complaints", request_pages.complaints_page, name="complaints")
    add_post("/complaints/{complaint_id}/outcome", request_pages.complaint_outcome,
             name="complaint_outcome")
    app.router.add_static("/static", STATIC_DIR, name="static", append_version=True)
