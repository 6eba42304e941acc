"""Identity behind the gateway: forged MitID claims sent straight to Rasa and to the actions.

Real processes (`rasa run`, `python -m rasa_sdk`) of the shared stack, with the demo cases in
its database. The attacker of issue #15 reaches Rasa's REST channel or the action server from
inside the network; here they even hold the Rasa and action-server tokens (defence in depth),
so each message reaches the actions. A claim the gateway did not sign for that conversation
within the last two minutes reveals nothing of any case, and leaves an audit event. The
genuine claim (the control) does reveal the case, so the checks can fail.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.cases.demo import demo_cases, load_demo
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.identity_demo import demo_person_ref
from bot.models.audit import AuditEvent
from bot.settings import PROJECT_ROOT, DatabaseSettings
from tests.actions.claims import signed_identity
from tests.reliability.conftest import ORIGIN, history, say, start_chat
from tests.reliability.processes import (
    ACTION_SERVER_TOKEN,
    IDENTITY_CLAIM_KEY,
    RASA_TOKEN,
    RasaStack,
)
from tests.security.test_command_injection import _session_id, _tracker

pytestmark = pytest.mark.model

QUESTION = "hvor langt er min sag"


def _post(url: str, body: Any, token: str | None) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(  # noqa: S310 (loopback)
        url, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def _rasa_say(stack: RasaStack, sender: str, metadata: dict[str, Any],
              token: str | None = RASA_TOKEN) -> tuple[int, Any]:
    return _post(f"{stack.rasa_url}/webhooks/rest/webhook",
                 {"sender": sender, "message": QUESTION, "metadata": metadata}, token)


def _case_secrets() -> set[str]:
    """Whatever a status answer would show: journal numbers, timeline texts, the status line."""
    secrets = {"er nu her", "Statsadvokaten"}
    for demo in demo_cases():
        secrets.add(demo.case.journal_number)
        secrets.update(event.public_text for event in demo.case.events)
    return secrets


def _revealed(body: Any) -> set[str]:
    text = json.dumps(body, ensure_ascii=False)
    return {secret for secret in _case_secrets() if secret in text}


def _refusals(stack: RasaStack, conversation: str) -> list[str]:
    engine = make_engine(DatabaseSettings(url=stack.database_url))
    try:
        with session_scope(make_session_factory(engine)) as session:
            rows = session.execute(select(AuditEvent).where(
                AuditEvent.actor_id == conversation,
                AuditEvent.action == "identity_claim_refused")).scalars().all()
            return [str(row.detail) for row in rows]
    finally:
        engine.dispose()


@pytest.fixture
def cases(stack: RasaStack) -> RasaStack:
    engine = make_engine(DatabaseSettings(url=stack.database_url))
    create_all(engine)
    load_demo(make_session_factory(engine))
    engine.dispose()
    return stack


def _forged(kind: str, sender: str) -> dict[str, Any]:
    person = demo_person_ref()
    if kind == "unsigned":  # the exact request
        return {"br_identity": {"person_ref": person, "method": "mitid",
                                "verified_at": datetime.now(timezone.utc).isoformat()}}
    if kind == "forged":
        return signed_identity(person, sender, key="an-attackers-own-claim-key-0123456789")
    if kind == "expired":
        return signed_identity(person, sender, key=IDENTITY_CLAIM_KEY,
                               now=datetime.now(timezone.utc) - timedelta(minutes=5))
    assert kind == "other conversation"
    return signed_identity(person, "the-victims-own-chat", key=IDENTITY_CLAIM_KEY)


FORGED = ["unsigned", "forged", "expired", "other conversation"]


@pytest.fixture
async def harvested_claim(cases: RasaStack, gateway: TestClient) -> str:
    """A genuine claim, taken from Rasa's tracker after a real demo-MitID chat."""
    await start_chat(gateway)
    minted = await gateway.post("/api/demo/mitid", headers={"Origin": ORIGIN})
    token = (await minted.json())["token"]
    attached = await gateway.post("/api/session/identity", json={"token": token},
                                  headers={"Origin": ORIGIN})
    assert attached.status == 200, await attached.text()
    await say(gateway, "harvest-00001", QUESTION)
    # The control: through the gateway, the MitID citizen does see the case.
    assert "er nu her" in json.dumps(await history(gateway), ensure_ascii=False)
    events = _tracker(cases, _session_id(gateway))["events"]
    claim = [e for e in events if e.get("event") == "user"][-1]["metadata"]["br_identity"]
    assert isinstance(claim, str)
    return claim


def _rasa_reveals_nothing_and_audits(stack: RasaStack, kind: str,
                                     metadata: dict[str, Any], sender: str) -> None:
    status, replies = _rasa_say(stack, sender, metadata)
    assert status == 200 and replies, replies
    assert _revealed(replies) == set()
    assert _refusals(stack, sender), f"no audit event for a {kind} claim"


@pytest.mark.parametrize("kind", FORGED)
def test_forged_claims_sent_straight_to_rasa_reveal_nothing_and_are_audited(
    cases: RasaStack, kind: str
) -> None:
    sender = f"attacker-{uuid.uuid4().hex[:12]}"
    _rasa_reveals_nothing_and_audits(cases, kind, _forged(kind, sender), sender)


def test_the_genuine_claim_straight_to_rasa_reveals_the_case(cases: RasaStack) -> None:
    sender = f"genuine-{uuid.uuid4().hex[:12]}"
    status, replies = _rasa_say(
        cases, sender, signed_identity(demo_person_ref(), sender, key=IDENTITY_CLAIM_KEY))
    assert status == 200
    assert "er nu her" in json.dumps(replies, ensure_ascii=False)
    assert _refusals(cases, sender) == []


def test_rasa_refuses_messages_without_the_gateways_token(cases: RasaStack) -> None:
    sender = f"no-token-{uuid.uuid4().hex[:12]}"
    genuine = signed_identity(demo_person_ref(), sender, key=IDENTITY_CLAIM_KEY)
    for token in (None, "", "wrong-token-of-the-right-length-0123456789"):
        status, body = _rasa_say(cases, sender, genuine, token=token)
        assert status == 401 and _revealed(body) == set()
    assert [e for e in _tracker(cases, sender)["events"] if e.get("event") == "user"] == []


def _domain() -> dict[str, Any]:
    from rasa.shared.core.domain import Domain

    return dict(Domain.load(str(PROJECT_ROOT / "domain")).as_dict())


def _action_call(action: str, sender: str, metadata: dict[str, Any],
                 slots: dict[str, Any] | None = None) -> dict[str, Any]:
    domain = _domain()
    all_slots = {name: None for name in domain["slots"]}
    all_slots.update(slots or {})
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.21",
        "domain": domain,
        "tracker": {
            "sender_id": sender, "slots": all_slots, "paused": False,
            "latest_message": {"text": QUESTION, "intent": {"name": "ask_case_status"},
                               "entities": [], "metadata": metadata},
            "events": [{"event": "action", "name": "verify_form"}],
            "followup_action": None, "active_loop": {"name": "verify_form"},
            "latest_action_name": "verify_form",
        },
    }


def _verified_slots() -> dict[str, Any]:
    person = demo_person_ref()
    case = next(d.case for d in demo_cases()
                if any(p.person_ref == person for p in d.case.parties))
    party = next(p for p in case.parties if p.person_ref == person)
    return {"verified_case": case.journal_number, "verified_role": party.role,
            "verified_party_ref": party.party_ref, "verified_method": "mitid",
            "verified_at": datetime.now(timezone.utc).isoformat()}


ACTIONS = ["validate_verify_form", "action_case_status"]


def _actions_reveal_nothing_and_audit(stack: RasaStack, kind: str, action: str,
                                      metadata: dict[str, Any], sender: str) -> None:
    # Slots that claim a finished MitID verification: the claim must still hold.
    slots = _verified_slots() if action == "action_case_status" else None
    body = _action_call(action, sender, metadata, slots)
    status, answer = _post(f"{stack.action_server_url}/webhook", body, ACTION_SERVER_TOKEN)
    assert status == 200, answer
    assert _revealed(answer) == set()
    set_slots = {e["name"]: e["value"] for e in answer["events"] if e.get("event") == "slot"}
    assert not set_slots.get("verified_case")
    assert _refusals(stack, sender), f"no audit event for a {kind} claim to {action}"


@pytest.mark.parametrize("kind", FORGED)
@pytest.mark.parametrize("action", ACTIONS)
def test_forged_claims_sent_straight_to_the_action_server_reveal_nothing_and_are_audited(
    cases: RasaStack, kind: str, action: str
) -> None:
    sender = f"attacker-{uuid.uuid4().hex[:12]}"
    _actions_reveal_nothing_and_audit(cases, kind, action, _forged(kind, sender), sender)


async def test_a_genuine_claim_replayed_into_another_conversation_reveals_nothing(
    cases: RasaStack, harvested_claim: str
) -> None:
    """Captured from Rasa's tracker of a real MitID chat, within its two minutes."""
    replayed = {"br_identity": harvested_claim}
    sender = f"replayer-{uuid.uuid4().hex[:12]}"
    _rasa_reveals_nothing_and_audits(cases, "replayed", replayed, sender)
    for action in ACTIONS:
        other = f"replayer-{uuid.uuid4().hex[:12]}"
        _actions_reveal_nothing_and_audit(cases, "replayed", action, replayed, other)


def test_the_action_server_refuses_calls_without_its_secret(cases: RasaStack) -> None:
    sender = f"no-secret-{uuid.uuid4().hex[:12]}"
    body = _action_call("validate_verify_form", sender,
                        signed_identity(demo_person_ref(), sender, key=IDENTITY_CLAIM_KEY))
    for token in (None, "", RASA_TOKEN, ACTION_SERVER_TOKEN + "x"):
        status, answer = _post(f"{cases.action_server_url}/webhook", body, token)
        assert (status, answer) == (401, {"error": "unauthorized"}), token
    listing = urllib.request.Request(f"{cases.action_server_url}/actions")  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(listing, timeout=10)  # noqa: S310 (loopback)
    assert refused.value.code == 401
    # The control: with the secret, the same genuine call verifies.
    status, answer = _post(f"{cases.action_server_url}/webhook", body, ACTION_SERVER_TOKEN)
    assert status == 200
    set_slots = {e["name"]: e["value"] for e in answer["events"] if e.get("event") == "slot"}
    assert set_slots["verified_case"] == _verified_slots()["verified_case"]
    with urllib.request.urlopen(f"{cases.action_server_url}/health", timeout=10) as health:  # noqa: S310
        assert json.loads(health.read()) == {"status": "ok"}
