"""Issue #12, section 2: each new topic answers with its key facts and sources."""

from __future__ import annotations

import pytest

from bot.knowledge.lix import lix
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.review import MIN_REVIEWED_EXAMPLES, is_front_page
from bot.knowledge.validate import MAX_LIX
from bot.settings import PROJECT_ROOT

BASE = load_knowledge_base(PROJECT_ROOT / "knowledge", environ={})

# entry id -> phrases its answer must contain (the facts a victim or witness needs).
NEW_TOPICS: dict[str, tuple[str, ...]] = {
    "vold_i_naere_relationer": ("112", "Lev Uden Vold", "1888", "114", "psykisk vold",
                                "tilhold", "bortvise"),
    "krisecenter": ("krisecenter", "børn", "mænd", "Du behøver ikke gå gennem kommunen",
                    "1888", "112"),
    "bortvisning": ("18 år", "4 uger", "tilhold", "114", "112"),
    "sikkerhedsplan": ("112", "taske", "kodeord", "overfaldsalarm", "1888"),
    "tilhold": ("ikke må kontakte dig", "opholdsforbud", "logskema", "5 år", "1 år"),
    "brud_paa_tilhold": ("112", "strafbart", "114", "Gem"),
    "stalking": ("logbog", "dato og tidspunkt", "ikke anmeldes online", "journalnummer"),
    "chikane_online": ("skærmbilleder", "Svar ikke", "114", "politi.dk"),
    "seksuelt_overgreb": ("Center for Seksuelle Overgreb", "for længe siden",
                          "samtale med en advokat, før du beslutter",
                          "gælder den korte frist for anmeldelse ikke"),
    "boernehus": ("børnevenligt", "kommunen, politiet og sundhedsvæsenet", "video"),
    "videoafhoering_barn": ("video", "bevis i retten", "bistandsadvokat", "Forældrene"),
    "svindel_online": ("bank", "spærret", "indsigelse", "MitID", "politi.dk", "én anmeldelse"),
    "misbrug_mitid": ("Spær dit MitID", "33 98 00 10", "bank", "politiet", "kreditadvarsel",
                      "33 98 00 98"),
    "tolk": ("tolk", "tegnsprogstolk", "i god tid"),
    "traekke_anmeldelse_tilbage": ("politiet og anklagemyndigheden, der beslutter",
                                   "kan sagen fortsætte", "presset"),
    "aktindsigt": ("kopi af dommen", "bistandsadvokat", "rejst tiltale"),
    "genoptagelse": ("4 uger", "nye oplysninger", "journalnummeret"),
    "hittegods": ("aflevere det til politiet", "500 kr.", "findeløn"),
    "boedeforelaeg": ("bødekontor", "dommer", "kan ikke anke", "rater"),
    "bisidder": ("bisidder", "Offerrådgivningen", "116 006", "bistandsadvokat"),
    "erstatning_anholdelse": ("anholdt", "frifundet", "2 måneder", "statsadvokaten"),
    "sagsbehandlingstid": ("ingen fast tid", "340 dage", "gennemsnit, ikke et løfte"),
    "adressebeskyttelse": ("navne- og adressebeskyttelse", "borger.dk", "1 år",
                           "din sikkerhed"),
    "om_chatten": ("automatisk chatbot", "ikke med et menneske", "borgerrådgiver", "114",
                   "112"),
}


def test_every_new_topic_has_an_entry() -> None:
    assert set(NEW_TOPICS) - set(BASE.entries) == set()


@pytest.mark.parametrize("entry_id", sorted(NEW_TOPICS))
def test_new_topic_answers_with_its_key_facts(entry_id: str) -> None:
    text = BASE.render_answer(BASE.entries[entry_id])
    for phrase in NEW_TOPICS[entry_id]:
        assert phrase in text, f"{entry_id}: {phrase!r} missing"


@pytest.mark.parametrize("entry_id", sorted(NEW_TOPICS))
def test_new_topic_is_sourced_plain_linked_and_has_enough_examples(entry_id: str) -> None:
    entry = BASE.entries[entry_id]
    assert entry.sources and not any(is_front_page(s.url) for s in entry.sources)
    assert all(s.confirms for s in entry.sources)
    assert len(entry.examples) >= MIN_REVIEWED_EXAMPLES
    assert entry.related
    assert lix(BASE.render_answer(entry)) <= MAX_LIX


def test_phone_numbers_are_facts_tied_to_a_source() -> None:
    phones = {
        (entry_id, fact.value)
        for entry_id, entry in BASE.entries.items()
        for fact in entry.facts.values()
        if fact.unit == "phone"
    }
    assert ("vold_i_naere_relationer", "1888") in phones
    assert ("offerraadgivning", "116 006") in phones
    assert ("misbrug_mitid", "33 98 00 10") in phones
