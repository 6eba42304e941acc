"""Issue #12, section 1: each corrected fact, asserted on what the citizen reads.

(Row 1, the journal-number format, belongs to bot/cases and is tested there.)
"""

from __future__ import annotations

import re

import pytest
import yaml

from bot.knowledge.loader import load_knowledge_base
from bot.requests import texts as request_texts
from bot.settings import PROJECT_ROOT

BASE = load_knowledge_base(PROJECT_ROOT / "knowledge", environ={})


def answer(entry_id: str) -> str:
    return BASE.render_answer(BASE.entries[entry_id])


def _domain_texts() -> list[str]:
    texts = []
    for path in sorted((PROJECT_ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for variants in (data.get("responses") or {}).values():
            # The Danish variants only: English ones carry a `language` condition (issue #18).
            texts += [v.get("text", "") for v in variants
                      if isinstance(v, dict) and not v.get("condition")]
    return texts


def _python_texts(*relative: str) -> list[str]:
    """String literals of the citizen-facing text modules (joined implicit concatenations)."""
    found = []
    for rel in relative:
        source = (PROJECT_ROOT / rel).read_text(encoding="utf-8")
        found += ["".join(re.findall(r'"([^"]*)"', block))
                  for block in re.findall(r"=\s*\(?\s*((?:f?\"[^\"]*\"\s*)+)\)?", source)]
    return found


def all_citizen_texts() -> list[str]:
    return (
        [answer(entry_id) for entry_id in BASE.entries]
        + _domain_texts()
        + _python_texts("actions/texts.py", "bot/cases/texts.py", "bot/requests/texts.py")
    )


def test_the_72_hour_rule_is_never_stated_without_its_exceptions_nearby() -> None:
    mentions = 0
    for text in all_citizen_texts():
        for match in re.finditer(r"72 timer", text):
            mentions += 1
            window = text[max(0, match.start() - 400): match.end() + 400]
            assert "voldtægt" in window and "incest" in window and "børn" in window, text
            assert re.search(r"se bort fra|fravige", window), text
    assert mentions >= 2  # anmeldelse and erstatning_staten state it


@pytest.mark.parametrize(
    "entry_id", ["erstatning_staten", "dom", "henlaeggelse", "paatale_opgivelse"]
)
def test_state_compensation_is_said_to_cover_personal_injury_not_property(entry_id: str) -> None:
    text = answer(entry_id)
    assert "krop eller psyke" in text
    assert re.search(r"[Ss]tjålne eller ødelagte ting", text)


def test_the_online_report_list_is_todays_and_dated() -> None:
    text = answer("anmeld_online")
    for item in ("tyveri", "Cykeltyveri", "hærværk", "svindel på nettet", "seksuelle krænkelser"):
        assert item in text
    assert "Vold" in text and "indbrud" in text and "114" in text
    assert "tjekket på politi.dk i december 2026" in text
    assert "kommer til" not in text


def test_an_online_report_gets_a_confirmation_and_registration_can_take_days() -> None:
    text = answer("service_efter_anmeldelse")
    assert "bekræftelse på, at anmeldelsen er sendt" in text
    assert "nogle dage, før den er registreret" in text
    assert "kvitteringen med det samme" not in text


def test_the_compensation_claim_can_be_made_from_the_first_interview() -> None:
    text = answer("tiltale")
    assert "første afhøring" in text and "senest med til retsmødet" in text
    assert "så sig det nu" not in text


def test_two_years_run_from_the_final_judgment_or_the_police_decision() -> None:
    entry = BASE.entries["erstatning_staten"]
    text = answer("erstatning_staten")
    assert "2 år" in text
    assert "dommen er endelig" in text and "politiet stoppede sagen" in text
    assert entry.facts["application_deadline"].source.endswith("/offererstatningsloven/13")
    assert any("§ 13, stk. 1-2" in str(b) for b in entry.legal_basis)


def test_a_witness_gives_name_address_and_date_of_birth() -> None:
    text = answer("efterforskning")
    assert "navn, din adresse og din fødselsdato" in text
    assert any("§ 750" in str(b) for b in BASE.entries["efterforskning"].legal_basis)


def test_a_closed_case_is_not_said_to_be_final() -> None:
    text = answer("henlaeggelse")
    assert "Der bliver ingen retssag" not in text
    assert "taget op igen" in text


@pytest.mark.parametrize("entry_id", ["ret_til_information", "anke"])
def test_hearing_dates_and_appeals_are_given_on_request(entry_id: str) -> None:
    text = answer(entry_id)
    assert "bede om" in text
    assert "Du får besked, hvis dommen bliver anket" not in text


def test_witness_transport_is_covered_beyond_3_km_at_standard_fare_without_taxi() -> None:
    entry = BASE.entries["vidnegodtgoerelse"]
    text = answer("vidnegodtgoerelse")
    assert "mere end 3 km" in text and "almindelig billet" in text and "Taxa" in text
    assert any("lægdommere og vidner" in str(b) for b in entry.legal_basis)


def test_the_sexual_assault_centre_also_helps_long_after() -> None:
    handover = yaml.safe_load((PROJECT_ROOT / "domain" / "handover.yml").read_text("utf-8"))
    text = handover["responses"]["utter_hotline_sensitive_sexual_offence"][0]["text"]
    assert "for længe siden" in text and "for nylig" not in text
    assert "længe siden" in answer("seksuelt_overgreb")


def test_complaints_about_decisions_have_an_appeal_step() -> None:
    text = answer("klage_service")
    assert "statsadvokaten" in text and "Rigspolitiet" in text


def test_tryghedsopfoelgning_is_a_request_the_police_assess_with_a_district_target() -> None:
    text = answer("tryghedsopfoelgning")
    assert "Vi kan ikke love" in text and "politiet, der vurderer" in text
    assert "Vores mål er" in text and "politikredsen selv" in text
    assert BASE.promises["followup_call"].configurable


def test_the_follow_up_call_is_a_target_not_a_promise() -> None:
    assert "ikke et løfte" in answer("service_opfoelgning")
    confirmed = request_texts.FOLLOWUP_CONFIRMED
    assert "Vores mål er at ringe" in confirmed and "politikredsen selv" in confirmed
    assert "sendt din anmodning videre" in request_texts.FOLLOWUP_CONFIRMED_NO_DATE


def test_the_reviewed_language_points_are_fixed() -> None:
    assert "sender sagen til retten" in answer("tiltale")
    assert "afsiger retten dom" in answer("dom")
    assert "afsiger dom" in answer("sagens_forloeb")
    for text in all_citizen_texts():
        assert not re.search(r"[\wæøå,] Statsadvokat", text), text


def test_every_citizen_text_addresses_du_not_i() -> None:
    for text in all_citizen_texts():
        assert not re.search(r"\b[Jj]er(es)?\b|(?<=[\wæøå,]) I\b|^I (?:kan|vil|skal)\b", text), text
