"""The inquiry register for advisors: search, and one inquiry with its transcript (opening it
is audited by `open_inquiry_for_staff`)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat.transcripts import messages_after
from bot.console.auth import advisor_names
from bot.console.labels import CHANNEL_DA, SENDER_DA, label, local_datetime_da
from bot.console.pages import day_param, render
from bot.console.state import advisor_of
from bot.dashboard.labels import OUTCOME_TEXT_DA, category_label
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


def _inquiry_row(inquiry: Inquiry, names: dict[int, str]) -> dict[str, Any]:
    advisor = str(inquiry.advisor_id or "")
    return {
        "reference": inquiry.reference,
        "started": local_datetime_da(inquiry.started_at),
        "channel": label(CHANNEL_DA, inquiry.channel),
        "category": category_label(inquiry.category) if inquiry.category else "",
        "outcome": label(OUTCOME_TEXT_DA, inquiry.outcome) if inquiry.outcome else "I gang",
        "journal_number": inquiry.journal_number or "",
        "advisor": names.get(int(advisor), "Ukendt") if advisor.isdigit() else "",
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
        names = advisor_names(session)
        return {"results": [_inquiry_row(i, names) for i in search_inquiries(session, criteria)],
                "categories": [(c, category_label(c)) for c in used_categories(session)]}

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
            "inquiry": _inquiry_row(inquiry, advisor_names(session)),
            "transcript": [{"sender": label(SENDER_DA, m.sender, "System"),
                            "kind": str(m.sender), "text": str(m.text),
                            "at": local_datetime_da(m.created_at)} for m in messages],
        }

    try:
        values = await run_unit(request.app, work)
    except InquiryNotFound:
        raise web.HTTPNotFound(text="No inquiry with that reference.") from None
    return render(request, "inquiry.html", **values)
