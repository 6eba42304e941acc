"""The case context ("sagspakke") attached to every handover, built from the Rasa tracker.

Pure functions over tracker events and slots, so the same packet is built in the action
server and in tests without Rasa running. Citizen text is masked (`bot.masking`) exactly like
the gateway's stored transcript, so the packet never holds more personal data than that.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any, TypedDict

from bot.masking import mask_personal_data

OPEN_QUESTION_MAX_CHARS = 200

REASON_CITIZEN_REQUEST = "citizen_request"
REASON_NOT_UNDERSTOOD = "not_understood"
REASON_SENSITIVE_VIOLENCE = "sensitive_close_relationship_violence"
REASON_SENSITIVE_SEXUAL = "sensitive_sexual_offence"
REASON_SENSITIVE_THREATS = "sensitive_threats"
REASON_SENSITIVE_SUICIDE = "sensitive_suicidal_thoughts"
REASON_VERIFICATION_LOCKED = "verification_locked"
REASON_COMPLAINT = "complaint"
REASON_ADVISOR_PICKED = "advisor_picked"

# Danish labels for the advisors' screen.
REASON_LABELS = {
    REASON_CITIZEN_REQUEST: "Borgeren bad om en person",
    REASON_NOT_UNDERSTOOD: "Botten forstod ikke borgeren to gange i træk",
    REASON_SENSITIVE_VIOLENCE: "Følsomt emne: vold i en nær relation",
    REASON_SENSITIVE_SEXUAL: "Følsomt emne: seksuelt overgreb",
    REASON_SENSITIVE_THREATS: "Følsomt emne: trusler",
    REASON_SENSITIVE_SUICIDE: "Følsomt emne: tanker om selvmord",
    REASON_VERIFICATION_LOCKED: "Identifikation låst efter for mange forsøg",
    REASON_COMPLAINT: "Klage",
    REASON_ADVISOR_PICKED: "Rådgiver valgte samtalen fra listen",
}
SENSITIVE_REASONS = frozenset(
    {REASON_SENSITIVE_VIOLENCE, REASON_SENSITIVE_SEXUAL, REASON_SENSITIVE_THREATS,
     REASON_SENSITIVE_SUICIDE}
)
# The intent that, as the latest message, explains the handover when no reason slot is set.
REASON_BY_INTENT = {
    "request_human": REASON_CITIZEN_REQUEST,
    "nlu_fallback": REASON_NOT_UNDERSTOOD,
    "sensitive_close_relationship_violence": REASON_SENSITIVE_VIOLENCE,
    "sensitive_sexual_offence": REASON_SENSITIVE_SEXUAL,
    "sensitive_threats": REASON_SENSITIVE_THREATS,
    "sensitive_suicidal_thoughts": REASON_SENSITIVE_SUICIDE,
}
# Messages that do not carry the citizen's question ("hej", "ja", "en person tak", a journal
# number or a receipt code typed as asked).
NOT_A_QUESTION_INTENTS = frozenset(
    {"greet", "goodbye", "thank", "affirm", "deny", "request_human", "request_callback",
     "give_code", "give_journal_number", "rate_chat"}
)
# A message that is nothing but masked data ("[KODE]", "[CPR] [TELEFON]") asks nothing.
_ONLY_MASKS = re.compile(r"^[\s\W]*(?:\[[A-ZÆØÅ-]+\][\s\W]*)+$")
_MASK_TOKEN = re.compile(r"\[[A-ZÆØÅ-]+\]")
MASKED_ANSWER_MAX_WORDS = 3

URGENT = "urgent"
NORMAL = "normal"


class IntentSeen(TypedDict):
    name: str
    confidence: float


class IdentityInfo(TypedDict):
    verified: bool
    method: str | None  # "mitid" | "receipt_code"
    party_role: str | None  # "victim" | "witness" | "complainant"
    verified_at: str | None


class CaseEventLine(TypedDict):
    date: str
    text: str


class DeadlineLine(TypedDict):
    kind: str
    due: str


class CaseSummary(TypedDict):
    journal_number: str
    offence_category: str
    current_step: str
    last_events: list[CaseEventLine]
    deadlines: list[DeadlineLine]
    contact_person: str | None


class TranscriptLine(TypedDict):
    at: str | None
    sender: str  # "citizen" | "bot" | "advisor"
    text: str


class HandoverContext(TypedDict):
    reason: str
    urgency: str
    intents: list[IntentSeen]
    identity: IdentityInfo
    case: CaseSummary | None
    knowledge_answers: list[str]
    open_question: str
    transcript: list[TranscriptLine]
    created_at: str
    language: str  # "da"; the English issue sets "en" for chats in English


def urgency_for(reason: str) -> str:
    """Sensitive topics jump the queue; everything else waits its turn."""
    return URGENT if reason in SENSITIVE_REASONS else NORMAL


def reason_label(reason: str) -> str:
    return REASON_LABELS.get(reason, reason)


def _user_events(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [e for e in events if e.get("event") == "user"]


def _timestamp(event: Mapping[str, Any]) -> str | None:
    raw = event.get("timestamp")
    if isinstance(raw, (int, float)):
        return datetime.fromtimestamp(raw, tz=timezone.utc).isoformat(timespec="seconds")
    return None


def recognised_intents(events: Iterable[Mapping[str, Any]]) -> list[IntentSeen]:
    """Every user message's top intent with its confidence, in order."""
    seen: list[IntentSeen] = []
    for event in _user_events(events):
        intent = (event.get("parse_data") or {}).get("intent") or {}
        name = intent.get("name")
        if name:
            seen.append({"name": str(name), "confidence": round(float(intent.get("confidence")
                                                                        or 0.0), 3)})
    return seen


def transcript_from_events(events: Iterable[Mapping[str, Any]]) -> list[TranscriptLine]:
    """The conversation as the citizen saw it, masked; used when no stored transcript exists."""
    lines: list[TranscriptLine] = []
    for event in events:
        kind = event.get("event")
        text = event.get("text")
        if kind not in ("user", "bot") or not text:
            continue
        lines.append(
            {
                "at": _timestamp(event),
                "sender": "citizen" if kind == "user" else "bot",
                "text": mask_personal_data(str(text)),
            }
        )
    return lines


def one_line(text: str, limit: int = OPEN_QUESTION_MAX_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _mostly_masks(masked: str) -> bool:
    """"koden er [KODE]": an answer with a code or number in it, not a question."""
    if not _MASK_TOKEN.search(masked):
        return False
    return len(_MASK_TOKEN.sub(" ", masked).split()) <= MASKED_ANSWER_MAX_WORDS


def open_question(events: Sequence[Mapping[str, Any]]) -> str:
    """The citizen's latest message that asks something, in one masked line.

    "Jeg vil tale med et menneske" is why we hand over, not what the citizen wants to know,
    so such messages are skipped in favour of the last real question.
    """
    candidates = []
    for event in reversed(_user_events(events)):
        text = str(event.get("text") or "")
        masked = mask_personal_data(text)
        if text and not text.startswith("/") and not _ONLY_MASKS.match(masked) \
                and not _mostly_masks(masked):
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            candidates.append((intent, one_line(masked)))
    for intent, question in candidates:
        if intent not in NOT_A_QUESTION_INTENTS:
            return question
    return candidates[0][1] if candidates else ""


def identity_from_tracker(
    events: Sequence[Mapping[str, Any]], slots: Mapping[str, Any]
) -> IdentityInfo:
    """Verified by receipt code or MitID (slots of actions/case_status.py), or by MitID alone
    (trusted gateway metadata `br_identity`) before any case was looked up."""
    role = slots.get("verified_role")
    if slots.get("verified_case"):
        return {
            "verified": True,
            "method": str(slots.get("verified_method") or "receipt_code"),
            "party_role": str(role) if role else None,
            "verified_at": str(slots.get("verified_at") or "") or None,
        }
    for event in reversed(_user_events(events)):
        identity = (event.get("metadata") or {}).get("br_identity")
        if isinstance(identity, Mapping) and identity.get("person_ref"):
            return {
                "verified": True,
                "method": str(identity.get("method") or "mitid"),
                "party_role": str(role) if role else None,
                "verified_at": str(identity.get("verified_at") or "") or None,
            }
    return {"verified": False, "method": None, "party_role": None, "verified_at": None}


def person_ref_from_events(events: Sequence[Mapping[str, Any]]) -> str | None:
    for event in reversed(_user_events(events)):
        identity = (event.get("metadata") or {}).get("br_identity")
        if isinstance(identity, Mapping) and identity.get("person_ref"):
            return str(identity["person_ref"])
    return None


def knowledge_answers(slots: Mapping[str, Any]) -> list[str]:
    given = slots.get("knowledge_answers_given") or []
    if isinstance(given, str):
        return [given]
    return [str(item) for item in given]


def build_context(
    *,
    reason: str,
    events: Sequence[Mapping[str, Any]],
    slots: Mapping[str, Any],
    case: CaseSummary | None,
    now: datetime,
    language: str = "da",
) -> HandoverContext:
    """Assemble the packet; the case summary comes in already looked up (see `cases_adapter`)."""
    identity = identity_from_tracker(events, slots)
    return {
        "reason": reason,
        "urgency": urgency_for(reason),
        "intents": recognised_intents(events),
        "identity": identity,
        "case": case if identity["verified"] else None,
        "knowledge_answers": knowledge_answers(slots),
        "open_question": open_question(events),
        "transcript": transcript_from_events(events),
        "created_at": now.isoformat(timespec="seconds"),
        "language": language,
    }


def dumps(context: HandoverContext) -> str:
    return json.dumps(context, ensure_ascii=False, default=_json_default)


def loads(raw: str) -> HandoverContext:
    data: HandoverContext = json.loads(raw or "{}")
    return data


def _json_default(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
