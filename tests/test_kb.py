"""The bundled knowledge base: coverage, the fields the loader reads, offices over time, ranks, contradictions."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from tribune.kb.knowledge import FUNCTIONAL_FAMILIES, KnowledgeBase
from tribune.kb.offices import hierarchy_order, office_contradictions, office_on, protocol_rank, rank_sort_key


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


def _rows(name):
    text = resources.files("tribune.kb").joinpath("data").joinpath(name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_every_office_has_a_source_a_known_rank_class_and_iso_dates():
    ranks = {r["rank_class"] for r in json.loads(resources.files("tribune.kb").joinpath("data/ranks.json").read_text("utf-8"))["scale"]}
    for row in _rows("actors.jsonl"):
        for office in row.get("offices", []):
            assert office.get("source"), (row["id"], office["title"])
            assert office["rank_class"] in ranks, (row["id"], office)
            for key in ("start", "end"):
                value = office.get(key)
                assert value is None or (len(value) in (4, 7, 10) and value[:4].isdigit()), (row["id"], key, value)
            if office.get("start") and office.get("end"):
                assert office["start"] <= office["end"], (row["id"], office)


def test_ids_are_unique_and_aliases_do_not_collide():
    rows = _rows("actors.jsonl")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    kb = KnowledgeBase.load()
    shared = {k: v for k, v in kb._actor_index.items() if len({kb.actors[i].kind for i in v}) == 1 and len(v) > 1 and kb.actors[v[0]].kind == "person"}
    assert shared == {}, shared


def test_loader_reads_short_name_relations_order_and_rank_class(kb):
    assert kb.short_names["to-lam"] == "Lam"
    assert {(r.type, r.of) for r in kb.relations_of("kim-ju-ae")} == {("daughter", "kim-jong-un")}
    order = kb.order_at("liu-yunshan", "2015-10-10")
    assert order is not None and order[0] == 5 and "Standing Committee" in order[1].title
    premier = office_on(kb, "li-qiang", "2025-10-10")
    assert kb.rank_class_of(premier) == "head_of_government"
    assert "head_of_government" in kb.rank_labels


def test_functional_offices_do_not_overlap(kb):
    """One premier of China at a time: what makes contradictions detectable."""
    problems = []
    for (family, country), offices in kb._holder_index.items():
        if family not in FUNCTIONAL_FAMILIES or family == "head_of_state":
            continue  # heads of state: collective and ceremonial posts legitimately overlap (PRK, CHN)
        spans = sorted((o.start or "", o.end or "9999", o.actor_id) for o in offices)
        for (s1, e1, a1), (s2, e2, a2) in zip(spans, spans[1:]):
            if a1 != a2 and s2[:7] < e1[:7]:
                problems.append((family, country, a1, a2, s2, e1))
    assert problems == []


# -- coverage promised by the issue -------------------------------------------------------

IN_DEPTH = ["PRK", "CHN", "RUS", "KOR", "USA", "JPN", "VNM", "LAO"]


@pytest.mark.parametrize("country", IN_DEPTH)
@pytest.mark.parametrize("date", ["2010-07-01", "2013-07-01", "2016-07-01", "2019-07-01", "2023-07-01", "2025-10-10"])
def test_in_depth_countries_have_leaders_and_ministers(kb, country, date):
    assert kb.holders("leader", country, date), (country, year)
    for family in ("foreign_minister", "defence_minister"):
        assert kb.holders(family, country, date), (country, family, date)
    if country not in {"USA"}:
        assert kb.holders("head_of_government", country, date), (country, date)


def test_breadth_of_coverage(kb):
    """Heads of state or government for 40+ countries across 2012-2024; ministers are thinner (see sources.md)."""

    def covered(family, country, years):
        return all(kb.holders(family, country, f"{y}-07-01") for y in years)

    heads = {c for c in kb.countries if covered("leader", c, (2012, 2016, 2020, 2024))}
    assert len(heads) >= 40, sorted(heads)
    foreign = {c for c in kb.countries if any(kb.holders("foreign_minister", c, f"{y}-07-01") for y in range(2010, 2026))}
    defence = {c for c in kb.countries if any(kb.holders("defence_minister", c, f"{y}-07-01") for y in range(2010, 2026))}
    assert len(foreign) >= 30 and len(defence) >= 25
    full = {c for c in kb.countries if covered("foreign_minister", c, range(2010, 2026)) and covered("defence_minister", c, range(2010, 2026))}
    assert {"CHN", "GBR", "JPN", "KOR", "RUS", "USA", "VNM"} <= full


# -- offices on a date, ranks ------------------------------------------------------------------


def test_liu_yunshan_in_2015_is_psc_number_five(kb):
    rank = protocol_rank(kb, "liu-yunshan", "2015-10-10")
    assert rank.rank == kb.ranks["top_leadership"]
    assert "PSC No. 5" in rank.label
    assert hierarchy_order(kb, "liu-yunshan", "2015-10-10") == 5


def test_li_qiang_in_october_2025_is_premier_and_number_two(kb):
    office = office_on(kb, "li-qiang", "2025-10-10")
    assert office.title == "Premier of the State Council" and office.rank == 20
    rank, label = protocol_rank(kb, "li-qiang", "2025-10-10", "Chinese Premier")
    assert (rank, hierarchy_order(kb, "li-qiang", "2025-10-10")) == (20, 2)
    assert "PSC No. 2" in label


def test_before_taking_office_the_premier_was_not_premier(kb):
    assert office_on(kb, "li-qiang", "2020-01-01").title == "Member of the Politburo"
    assert office_on(kb, "li-qiang", None) is None


def test_rank_falls_back_to_the_stated_title(kb):
    assert protocol_rank(kb, "person:someone-unknown", "2025-10-10", "Vice Premier") == (40, "Vice Premier")
    assert protocol_rank(kb, "person:someone-unknown", "2025-10-10", "song and dance ensemble").rank == 90
    assert protocol_rank(kb, "person:someone-unknown", "2025-10-10", "chief dumpling inspector") == (None, "chief dumpling inspector")


def test_delegation_heads_sort_by_rank_then_hierarchy(kb):
    people = ["zhao-leji", "li-qiang", "liu-guozhong"]
    ordered = sorted(people, key=lambda a: rank_sort_key(kb, a, "2025-10-10"))
    assert ordered == ["li-qiang", "zhao-leji", "liu-guozhong"]


def test_china_delegations_to_pyongyang_upgrade(kb):
    """No. 5 in 2015, a Politburo member in July 2023, a vice premier in Sept 2023, the premier in 2025."""
    ranks = [
        protocol_rank(kb, "liu-yunshan", "2015-10-10").rank,
        protocol_rank(kb, "li-hongzhong", "2023-07-27").rank,
        protocol_rank(kb, "liu-guozhong", "2023-09-09").rank,
        protocol_rank(kb, "li-qiang", "2025-10-10").rank,
    ]
    assert ranks == [30, 45, 40, 20]


# -- contradictions ------------------------------------------------------------------------------


def test_vo_van_thuong_as_general_secretary_in_2025_contradicts_the_kb(kb):
    note = office_contradictions(kb, "vo-van-thuong", "Vietnamese Communist Party General Secretary", "2025-10")
    assert note is not None
    assert "To Lam" in note and "Vo Van Thuong" in note


@pytest.mark.parametrize(
    "actor, title, date",
    [
        ("to-lam", "Vietnamese Communist Party General Secretary", "2025-10"),
        ("li-qiang", "Chinese Premier", "2025-10-10"),
        ("kim-jong-un", "North Korean leader", "2025-10-10"),
        ("kim-jong-un", "chairman of the State Affairs Commission", "2025-10-10"),
        ("dmitry-medvedev", "vice chairman of Russia's Security Council", "2025-10-10"),
        ("liu-yunshan", "then ranked fifth", "2015-10-10"),
        ("li-qiang", "former premier", "2035-01-01"),
        ("yang-moo-jin", "professor", "2025-10-08"),
    ],
)
def test_titles_the_kb_agrees_with_or_cannot_judge(kb, actor, title, date):
    assert office_contradictions(kb, actor, title, date) is None


def test_a_title_held_at_another_time_is_a_contradiction(kb):
    note = office_contradictions(kb, "dmitry-medvedev", "Russian President", "2025-10-10")
    assert note is not None and "Vladimir Putin" in note and "2008" in note


def test_a_later_file_replaces_an_actor(tmp_path, kb):
    row = {"id": "li-qiang", "name": "Li Qiang", "kind": "person", "country": "CHN", "aliases": ["Li Qiang"], "offices": [
        {"title": "Premier of the State Council", "country": "CHN", "rank_class": "head_of_government", "start": "2023-03-11", "end": "2028-03", "source": "test"}]}
    (tmp_path / "actors.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    mine = KnowledgeBase.load([tmp_path])
    assert len(mine.offices["li-qiang"]) == 1
    assert office_on(mine, "li-qiang", "2030-01-01") is None
    assert office_on(kb, "li-qiang", "2030-01-01") is not None


@pytest.mark.parametrize(
    "title,family",
    [
        ("Minister of External Affairs", "foreign_minister"),
        ("Minister of International Relations and Cooperation", "foreign_minister"),
        ("Secretary of Foreign Affairs", "foreign_minister"),
        ("Minister for Defence", "defence_minister"),
        ("Minister of State for External Affairs", None),
        ("Deputy Minister of International Relations and Cooperation", None),
        ("Minister for Defence Industry", None),
    ],
)
def test_official_titles_of_foreign_and_defence_ministers_meet_their_family(kb, title, family):
    """Official titles that differ by country (India, South Africa, the Philippines, Australia) are still one office;
    junior posts that share the words are not (None: any family but the one-holder ones)."""
    found = kb.title_family(title)
    if family is None:
        assert found not in FUNCTIONAL_FAMILIES, (title, found)
    else:
        assert found == family
