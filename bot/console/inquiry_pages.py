"""The inquiry register for advisors: search, and one inquiry with its transcript (opening it
is audited by `open_inquiry_for_staff`)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat.transcripts import messages_after
from bot.console.pages import day_param, local_minute, render
from bot.console.state import advisor_of
from bot.inquiries.repository import (
    InquiryNotFound,
    InquirySearch,
    open_inquiry_for_staff,
    search_inquiries,
    used_categories,
)
from bot.models.inquiries import Inquiry
from bot.web.database import run_unit

MAX_TRANSCRIPT_MESSAGES = 2000
SENDER_TEXT_DA = {"citizen": "Borger", "bot": "Bot", "advisor": "Rådgiver", "system": "System"}


def _inquiry_row(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "reference": inquiry.reference,
        "started": local_minute(inquiry.started_at),
        "channel": inquiry.channel,
        "category": inquiry.category or "",
        "outcome": inquiry.outcome or "",
        "journal_number": inquiry.journal_number or "",
        "advisor_id": inquiry.advisor_id or "",
    }


async def inquiries_page(request: web.Request) -> web.Response:
    query = request.query
    criteria = InquirySearch(
        reference=query.get("reference", "").strip() or None,
        journal_number=query.get("journal_number", "").strip() or None,
        start=day_param(request, "start"),
        end=day_param(request, "end"),
        category=query.get("category", "").strip() or None,
        limit=200,
    )

    def work(session: Session) -> dict[str, Any]:
        return {"results": [_inquiry_row(i) for i in search_inquiries(session, criteria)],
                "categories": used_categories(session)}

    values = await run_unit(request.app, work)
    return render(request, "inquiries.html", criteria=criteria, **values)


async def inquiry_page(request: web.Request) -> web.Response:
    advisor = advisor_of(request)
    reference = request.match_info["reference"]

    def work(session: Session) -> dict[str, Any]:
        inquiry = open_inquiry_for_staff(session, reference, advisor_id=str(advisor.id))
        messages = messages_after(session, str(inquiry.conversation_id), 0,
                                  limit=MAX_TRANSCRIPT_MESSAGES)
        return {
            "inquiry": _inquiry_row(inquiry),
            "transcript": [{"sender": SENDER_TEXT_DA.get(str(m.sender), str(m.sender)),
                            "kind": str(m.sender), "text": str(m.text),
                            "at": local_minute(m.created_at)} for m in messages],
        }

    try:
        values = await run_unit(request.app, work)
    except InquiryNotFound:
        raise web.HTTPNotFound(text="No inquiry with that reference.") from None
    return render(request, "inquiry.html", **values)
