"""Every URL of the advisor console, in one place (mounted under /console)."""

from __future__ import annotations

from aiohttp import web

from bot.console import register_views as registers
from bot.console import views
from bot.settings import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "bot" / "console" / "static"
PUBLIC_ROUTES = frozenset({"login", "login_submit", "static"})


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/login", views.login_page, name="login")
    app.router.add_post("/login", views.login, name="login_submit")
    app.router.add_post("/logout", views.logout, name="logout")
    app.router.add_get("/", views.queue_page, name="queue")
    app.router.add_get("/ws", views.live_socket, name="live")
    app.router.add_post("/handovers/{handover_id}/claim", views.claim, name="claim")
    app.router.add_get("/handovers/{handover_id}", views.handover_card, name="handover")
    app.router.add_post("/handovers/{handover_id}/messages", views.send_message, name="send")
    app.router.add_post("/handovers/{handover_id}/notes", views.add_note, name="note")
    app.router.add_post("/handovers/{handover_id}/transfer", views.transfer, name="transfer")
    app.router.add_post("/handovers/{handover_id}/handback", views.hand_back, name="handback")
    app.router.add_post("/handovers/{handover_id}/close", views.close, name="close")
    app.router.add_post("/chats/{chat_ref}/pick", views.pick_live_chat, name="pick")
    app.router.add_get("/callbacks/{callback_id}", views.callback_card, name="callback")
    app.router.add_post("/callbacks/{callback_id}/done", views.callback_done,
                        name="callback_done")
    app.router.add_get("/supervisor", views.supervisor_page, name="supervisor")
    app.router.add_get("/inquiries", registers.inquiries_page, name="inquiries")
    app.router.add_get("/inquiries/{reference}", registers.inquiry_page, name="inquiry")
    app.router.add_get("/followups", registers.followups_page, name="followups")
    app.router.add_post("/followups/{request_id}/attempts", registers.followup_attempt,
                        name="followup_attempt")
    app.router.add_get("/bookings", registers.bookings_page, name="bookings")
    app.router.add_post("/bookings/{booking_id}/status", registers.booking_status,
                        name="booking_status")
    app.router.add_get("/complaints", registers.complaints_page, name="complaints")
    app.router.add_post("/complaints/{complaint_id}/outcome", registers.complaint_outcome,
                        name="complaint_outcome")
    app.router.add_get("/dashboard", registers.dashboard_page, name="dashboard")
    app.router.add_get("/dashboard/{chart}.csv", registers.dashboard_csv, name="dashboard_csv")
    app.router.add_static("/static", STATIC_DIR, name="static", append_version=True)
