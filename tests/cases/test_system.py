"""Both case systems behind the same interface: our database and the HTTP API (vs a fake)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from sqlalchemy.orm import sessionmaker

from bot.cases import make_case_system
from bot.cases.demo import demo_cases, demo_logins
from bot.cases.system import CaseSystemError, HttpCaseSystem, SqlCaseSystem
from bot.settings import CaseSystemSettings
from tests.cases import fake_case_system as fake


@pytest.fixture
async def fake_server(aiohttp_server: Any) -> TestServer:
    return await aiohttp_server(fake.make_fake_case_system())


def _http(server: TestServer, token: str = fake.TOKEN) -> HttpCaseSystem:
    return HttpCaseSystem(str(server.make_url("")), token, timeout_seconds=5)


async def test_http_case_system_reads_case_parties_events_and_decisions(
    fake_server: TestServer,
) -> None:
    system = _http(fake_server)
    journal = fake.CASE["journal_number"]
    case = await system.get_case(journal)
    assert case is not None
    assert case.current_step == "henlaeggelse" and case.reported_on == date(2026, 9, 1)
    assert case.contact is not None and case.contact.name == "Politiassistent Mette Holm"
    assert [p.role for p in await system.get_parties(journal)] == ["victim", "witness"]
    assert (await system.get_events(journal))[0].step == "anmeldelse"
    decisions = await system.get_decisions(journal)
    assert decisions[0].kind == "dropped" and decisions[0].notified_on == date(2026, 11, 3)


async def test_http_case_system_unknown_case_is_none_and_empty(fake_server: TestServer) -> None:
    system = _http(fake_server)
    assert await system.get_case("9999-99999-99999-99") is None
    assert await system.get_parties("9999-99999-99999-99") == []


async def test_http_receipt_code_check_returns_the_party_or_none(
    fake_server: TestServer,
) -> None:
    system = _http(fake_server)
    journal = fake.CASE["journal_number"]
    party = await system.check_receipt_code(journal, "HUR4T3RX")
    assert party is not None and party.role == "witness"
    assert await system.check_receipt_code(journal, "AAAA2222") is None
    assert await system.check_receipt_code("9999-99999-99999-99", "HUR4T3RX") is None


async def test_http_finds_the_cases_of_a_person(fake_server: TestServer) -> None:
    found = await _http(fake_server).find_cases_of_person("person-anne")
    assert [(c.journal_number, c.party.role) for c in found] == [
        (fake.CASE["journal_number"], "victim")
    ]
    assert await _http(fake_server).find_cases_of_person("nobody") == []


async def test_http_errors_and_bad_credentials_raise_case_system_error(
    fake_server: TestServer,
) -> None:
    with pytest.raises(CaseSystemError, match="HTTP 401"):
        await _http(fake_server, token="wrong").get_case(fake.CASE["journal_number"])
    broken = HttpCaseSystem(str(fake_server.make_url("/broken")), fake.TOKEN)
    with pytest.raises(CaseSystemError, match="HTTP 500"):
        await broken.get_case(fake.CASE["journal_number"])


async def test_http_unreachable_case_system_raises_case_system_error() -> None:
    with pytest.raises(CaseSystemError):
        await HttpCaseSystem("http://127.0.0.1:9", "t", timeout_seconds=2).get_case("x")


async def test_sql_case_system_reads_demo_cases(demo_session_factory: sessionmaker) -> None:
    system = SqlCaseSystem(demo_session_factory)
    expected = demo_cases()[0].case
    case = await system.get_case(expected.journal_number)
    assert case is not None and case.current_step == expected.current_step
    parties = await system.get_parties(expected.journal_number)
    assert [p.party_ref for p in parties] == [p.party_ref for p in expected.parties]
    assert len(await system.get_events(expected.journal_number)) == len(expected.events)
    witness = demo_logins()[1]
    party = await system.check_receipt_code(witness.journal_number, witness.receipt_code)
    assert party is not None and party.role == "witness"
    found = await system.find_cases_of_person(str(parties[0].person_ref))
    assert [c.journal_number for c in found] == [expected.journal_number]


def test_settings_choose_the_case_system(session_factory: sessionmaker) -> None:
    assert isinstance(make_case_system(CaseSystemSettings(), session_factory), SqlCaseSystem)
    http = make_case_system(CaseSystemSettings(url="https://sager.example/api"), session_factory)
    assert isinstance(http, HttpCaseSystem)
