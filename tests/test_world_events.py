"""Events outside the Korean peninsula: attacks, expulsions, arms deliveries, deployments, and cities from
the gazetteer. Every sentence is written for these tests; each pair shows the decision flipping with its cue."""

from __future__ import annotations

import pytest

from tribune.kb.gazetteer import Gazetteer


def _events(nlp, text: str, anchor: str = "2024-10-15"):
    doc = nlp.make_doc(text)
    doc._.tribune_doc_id = "test"
    doc._.tribune_anchor = anchor
    return nlp(doc)._.event_mentions


def _types(nlp, text: str, anchor: str = "2024-10-15") -> set[str]:
    return {m.type for m in _events(nlp, text, anchor)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Drones launched by Iran struck an air base in southern Israel on Saturday night.",
        "The army said Russian missiles hit a power station in Kharkiv overnight, killing two civilians.",
        "Russia's full-scale invasion of Ukraine began in February 2022.",
        "Ukrainian air defences shot down eleven drones over the Odesa region on Sunday.",
    ],
)
def test_strikes_and_invasions_are_attacks(nlp, sentence):
    assert "attack" in _types(nlp, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister suffered a heart attack at his home in Lyon last week.",
        "The treaty obliges each side to defend the other if it is attacked by a third country.",
        "Striking dock workers in Antwerp walked out on Monday over pay.",
    ],
)
def test_no_attack_without_force_or_in_a_hypothetical(nlp, sentence):
    assert "attack" not in _types(nlp, sentence)


def test_a_missile_fired_at_a_country_is_an_attack_not_a_test(nlp):
    assert _types(nlp, "Iran fired ballistic missiles at Israel on Tuesday evening.") >= {"attack"}
    assert "weapons_test" not in _types(nlp, "Iran fired ballistic missiles at Israel on Tuesday evening.")
    assert "weapons_test" in _types(nlp, "North Korea test-fired a ballistic missile into the sea on Tuesday.")


def test_expelled_diplomats_are_a_sanction_expelled_members_are_not(nlp):
    assert "sanction" in _types(nlp, "Ottawa expelled six diplomats of the Indian mission on Monday.")
    assert "sanction" not in _types(nlp, "The party expelled two members of its youth wing on Monday.")


def test_a_recalled_ambassador_is_a_sanction(nlp):
    assert "sanction" in _types(nlp, "Brazil recalled its ambassador to Israel on Wednesday in protest.")


def test_named_weapons_delivered_are_an_arms_transfer(nlp):
    mentions = _events(nlp, "Germany will deliver fourteen Leopard 2 tanks to Ukraine by the end of March.")
    assert "arms_transfer" in {m.type for m in mentions}
    assert "arms_transfer" not in _types(nlp, "Germany will deliver fourteen lectures to Ukrainian students by the end of March.")


def test_forces_deployed_are_a_deployment_software_is_not(nlp):
    assert "troop_deployment" in _types(nlp, "The ministry deployed naval and air forces around the island on Thursday.")
    assert "troop_deployment" not in _types(nlp, "The ministry deployed new accounting software on Thursday.")


def test_a_city_the_actor_list_does_not_hold_is_placed_by_the_gazetteer(nlp):
    mentions = [m for m in _events(nlp, "The leaders held a summit in Sharm el-Sheikh on Monday.") if m.type == "summit"]
    assert mentions and mentions[0].location is not None
    assert (mentions[0].location.name, mentions[0].location.country) == ("Sharm el-Sheikh", "EGY")


def test_a_visit_to_a_country_is_filed_under_the_city_the_report_names(nlp):
    text = (
        "The Russian president arrived in Kazakhstan on Tuesday for a two-day visit. "
        "Thousands of people waited in Astana to see his motorcade."
    )
    visits = [m for m in _events(nlp, text, "2024-09-04") if m.type == "visit"]
    assert visits and visits[0].location is not None
    assert visits[0].location.country == "KAZ"
    assert visits[0].location.name == "Astana"


def test_gazetteer_prefers_the_country_and_the_largest_namesake():
    gazetteer = Gazetteer()
    assert gazetteer.city("Rostov-on-Don").country == "RUS"
    assert gazetteer.city("Paris").country == "FRA"
    assert gazetteer.city("Kiev").name == "Kyiv"
    assert gazetteer.city("no such town anywhere") is None
