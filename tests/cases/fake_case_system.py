"""A small aiohttp fake of a real case system, speaking docs/CASE_SYSTEM_API.md."""

from __future__ import annotations

from typing import Any

from aiohttp import web

TOKEN = "fake-case-system-token"

CASE = {
    "journal_number": "0100-80150-01234-26",
    "police_district": "Københavns Politi",
    "offence_category": "vold",
    "current_step": "henlaeggelse",
    "reported_on": "2026-09-01",
    "contact_person": {"name": "Politiassistent Mette Holm", "phone": "12345678", "email": None},
}
PARTIES = [
    {"party_ref": "p-victim", "role": "victim", "name": "Anne Jensen", "phone": "11223344",
     "email": "anne@eksempel.dk", "person_ref": "person-anne"},
    {"party_ref": "p-witness", "role": "witness", "name": "Lars Holm", "phone": None,
     "email": None, "person_ref": "person-lars"},
]
EVENTS = [{"occurred_on": "2026-09-01", "step": "anmeldelse",
           "public_text": "Politiet har modtaget din anmeldelse."}]
DECISIONS = [{"kind": "dropped", "decided_on": "2026-11-03", "notified_on": "2026-11-03",
              "is_final": False, "court": None, "place": None, "scheduled_at": None}]
CODES = {"p-victim": "K7QM4TZP", "p-witness": "HUR4T3RX"}


def _authorised(request: web.Request) -> None:
    if request.headers.get("Authorization") != f"Bearer {TOKEN}":
        raise web.HTTPUnauthorized()


def _case_or_404(request: web.Request) -> None:
    _authorised(request)
    if request.match_info["journal"] != CASE["journal_number"]:
        raise web.HTTPNotFound()


async def get_case(request: web.Request) -> web.Response:
    _case_or_404(request)
    return web.json_response(CASE)


async def get_parties(request: web.Request) -> web.Response:
    _case_or_404(request)
    return web.json_response(PARTIES)


async def get_events(request: web.Request) -> web.Response:
    _case_or_404(request)
    return web.json_response(EVENTS)


async def get_decisions(request: web.Request) -> web.Response:
    _case_or_404(request)
    return web.json_response(DECISIONS)


async def person_cases(request: web.Request) -> web.Response:
    _authorised(request)
    person = request.match_info["person"]
    found: list[dict[str, Any]] = [
        {"journal_number": CASE["journal_number"], "party": party}
        for party in PARTIES
        if party["person_ref"] == person
    ]
    return web.json_response(found)


async def check_code(request: web.Request) -> web.Response:
    _authorised(request)
    body = await request.json()
    code = str(body.get("code", "")).replace("-", "").upper()
    if request.match_info["journal"] == CASE["journal_number"]:
        for party in PARTIES:
            if CODES[str(party["party_ref"])] == code:
                return web.json_response(party)
    return web.json_response({"error": "no_match"}, status=404)


async def broken(request: web.Request) -> web.Response:
    return web.json_response({"error": "internal"}, status=500)


def make_fake_case_system() -> web.Application:
    app = web.Application()
    app.router.add_get("/cases/{journal}", get_case)
    app.router.add_get("/cases/{journal}/parties", get_parties)
    app.router.add_get("/cases/{journal}/events", get_events)
    app.router.add_get("/cases/{journal}/decisions", get_decisions)
    app.router.add_post("/cases/{journal}/receipt-code-checks", check_code)
    app.router.add_get("/persons/{person}/cases", person_cases)
    app.router.add_get("/broken/cases/{journal}", broken)
    return app
