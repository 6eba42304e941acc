"""The one place the handover reads case data: the case system (`bot.cases`), as a `CaseSummary`.

Only called when the citizen has proven the right to the case; the advisor then sees what the
citizen could already see, so nobody learns anything new from the handover.
"""

from __future__ import annotations

from datetime import date

from bot.cases.deadlines import compensation_deadline, complaint_deadline, next_hearing
from bot.cases.system import CaseSystem, CaseSystemError
from bot.handover.context import CaseEventLine, CaseSummary, DeadlineLine

LAST_EVENTS_SHOWN = 3


async def case_summary(
    case_system: CaseSystem, journal_number: str, today: date
) -> CaseSummary | None:
    """Journal number, current step, last events, computed deadlines and contact person.

    A case system that does not answer gives no summary rather than no handover: the citizen
    still reaches a person, who can look the case up.
    """
    try:
        case = await case_system.get_case(journal_number)
        if case is None:
            return None
        events = await case_system.get_events(journal_number)
        decisions = await case_system.get_decisions(journal_number)
    except CaseSystemError:
        return None
    deadlines: list[DeadlineLine] = [
        {"kind": deadline.kind, "due": deadline.due.isoformat()}
        for deadline in (complaint_deadline(decisions), compensation_deadline(decisions))
        if deadline is not None
    ]
    hearing = next_hearing(decisions, today)
    if hearing is not None and hearing.scheduled_at is not None:
        deadlines.append({"kind": "next_hearing", "due": hearing.scheduled_at.isoformat()})
    last_events: list[CaseEventLine] = [
        {"date": event.occurred_on.isoformat(), "text": event.public_text}
        for event in sorted(events, key=lambda e: e.occurred_on)[-LAST_EVENTS_SHOWN:]
    ]
    contact = None
    if case.contact is not None:
        contact = case.contact.name + (f", tlf. {case.contact.phone}" if case.contact.phone else "")
    return {
        "journal_number": case.journal_number,
        "offence_category": case.offence_category,
        "current_step": case.current_step,
        "last_events": last_events,
        "deadlines": deadlines,
        "contact_person": contact,
    }
