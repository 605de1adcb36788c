"""The co-attendance network and phrase search, on knowledge bases whose rows the tests write.

The rows are written straight into the store (no spaCy), so each test says
exactly which events and documents exist and what must come out.
"""

from __future__ import annotations

import json

import pytest

from tribune.analyze.network import co_appearance_network, network_layout
from tribune.analyze.search import SearchIndex, parse_query, phrase_pattern, term_spans


def _kb(tmp_path):
    from tribune.api import Tribune

    tb = Tribune(str(tmp_path / "kb.duckdb"))
    tb.store.con  # creates the schema
    return tb


ACTORS = {
    "ana": ("Ana Ferreira", "BRA"),
    "bo": ("Bo Lindqvist", "SWE"),
    "cai": ("Cai Wen", "CHN"),
    "dara": ("Dara Okafor", "NGA"),
    "country:BRA": ("Brazil", "BRA"),
}


def _event(tb, event_id, type_, status, date, people, *, status_conflict=False):
    tb.store.con.execute(
        "INSERT INTO events (id, type, status, date, location_name, sources, confidence, merge_reasons) VALUES (?, ?, ?, ?, ?, 1, 0.9, '[]')",
        [event_id, type_, status, date, f"Place of {event_id}"],
    )
    for actor_id in people:
        name, country = ACTORS[actor_id]
        tb.store.con.execute(
            "INSERT INTO event_participants (event_id, actor_id, name, country, role, support) VALUES (?, ?, ?, ?, 'attendee', 1)",
            [event_id, actor_id, name, country],
        )
    if status_conflict:
        claims = json.dumps([{"value": "happened", "doc_ids": ["d1"]}, {"value": "denied", "doc_ids": ["d2"]}])
        tb.store.con.execute("INSERT INTO conflicts (event_id, attribute, claims, note) VALUES (?, 'status', ?, 'sources disagree')", [event_id, claims])


@pytest.fixture
def network_kb(tmp_path):
    tb = _kb(tmp_path)
    for actor_id, (name, country) in ACTORS.items():
        kind = "country" if actor_id.startswith("country:") else "person"
        tb.store.con.execute("INSERT INTO actors (id, name, kind, country, known) VALUES (?, ?, ?, ?, true)", [actor_id, name, kind, country])
    _event(tb, "m1", "meeting", "happened", "2024-03-04", ["ana", "bo", "cai", "country:BRA"])
    _event(tb, "p1", "parade", "happened", "2023", ["ana", "bo"])
    _event(tb, "v1", "visit", "happened", None, ["cai", "dara"])
    # none of these puts two people in one place
    _event(tb, "l1", "letter", "happened", "2024-05-01", ["ana", "bo", "dara"])
    _event(tb, "s1", "statement", "happened", "2024-05-02", ["ana", "dara"])
    _event(tb, "m2", "meeting", "speculated", "2024-06-01", ["ana", "bo", "dara"])
    _event(tb, "m3", "meeting", "planned", "2024-07-01", ["bo", "dara"])
    _event(tb, "m4", "meeting", "happened", "2024-08-01", ["ana", "bo", "dara"], status_conflict=True)
    yield tb
    tb.close()


def _weights(net) -> dict[tuple[str, str], int]:
    return {(e["source"], e["target"]): e["weight"] for e in net["edges"]}


def test_links_count_only_events_both_attended(network_kb):
    net = co_appearance_network(network_kb)
    assert _weights(net) == {("ana", "bo"): 2, ("ana", "cai"): 1, ("bo", "cai"): 1, ("cai", "dara"): 1}
    ana_bo = next(e for e in net["edges"] if (e["source"], e["target"]) == ("ana", "bo"))
    # what the link is made of, oldest first, with date, type and place
    assert [(a["id"], a["type"], a["date"]) for a in ana_bo["attended"]] == [("p1", "parade", "2023"), ("m1", "meeting", "2024-03-04")]
    assert ana_bo["events"] == ["m1", "p1"]
    assert ana_bo["attended"][0]["place"] == "Place of p1"
    nodes = {n["id"]: n for n in net["nodes"]}
    assert "country:BRA" not in nodes  # countries are not people in a room
    assert nodes["ana"]["events"] == 2 and nodes["dara"]["events"] == 1


def test_period_and_minimum_weight(network_kb):
    assert _weights(co_appearance_network(network_kb, since="2024-01-01")) == {("ana", "bo"): 1, ("ana", "cai"): 1, ("bo", "cai"): 1}
    strong = co_appearance_network(network_kb, min_weight=2)
    assert _weights(strong) == {("ana", "bo"): 2}
    assert {n["id"] for n in strong["nodes"]} == {"ana", "bo"}


def test_layout_places_every_linked_actor_inside_the_frame_with_one_colour_per_country(network_kb):
    net = co_appearance_network(network_kb)
    layout = network_layout(network_kb, net, width=800, height=500)
    assert {n["id"] for n in layout["nodes"]} == {"ana", "bo", "cai", "dara"}
    for n in layout["nodes"]:
        assert 0 <= n["x"] <= 800 and 0 <= n["y"] <= 500, n
    points = {(n["x"], n["y"]) for n in layout["nodes"]}
    assert len(points) == 4  # no two actors on one spot
    legend = {c["country"]: c for c in layout["legend"]}
    assert set(legend) == {"BRA", "SWE", "CHN", "NGA"}
    assert len({c["colour"] for c in legend.values()}) == 4
    assert legend["BRA"]["name"] == "Brazil"
    assert all(n["colour"] == legend[n["country"]]["colour"] for n in layout["nodes"])
    json.dumps(layout)  # plain JSON for the page


def test_layout_of_an_empty_network(network_kb):
    layout = network_layout(network_kb, co_appearance_network(network_kb, since="2030"))
    assert layout["nodes"] == [] and layout["edges"] == [] and layout["legend"] == []


# -- search -----------------------------------------------------------------------------------

DOCS = {
    "d1": ("Trade talks", "Mariana Souza met Jonas Berg in Recife on Monday to discuss port fees."),
    "d2": ("Port fees", "Jonas Almeida and Carla Berg met port workers; Mariana Souza was absent."),
    "d3": ("Fishing quotas", "Jonas-Berg's proposal on fishing quotas was rejected, officials said."),
    "d4": ("Weather", "Heavy rain fell on Recife for a third day."),
}


@pytest.fixture
def search_kb(tmp_path):
    tb = _kb(tmp_path)
    for doc_id, (title, text) in DOCS.items():
        tb.store.con.execute("INSERT INTO documents (id, title, text, published_source) VALUES (?, ?, ?, 'none')", [doc_id, title, text])
    tb.store.con.execute("INSERT INTO actors (id, name, kind, country, known) VALUES ('jonas-berg', 'Jonas Berg', 'person', 'SWE', false)")
    tb.store.con.execute("INSERT INTO actors (id, name, kind, country, known) VALUES ('carla-berg', 'Carla Berg', 'person', 'SWE', false)")
    tb.store.con.execute(
        "INSERT INTO mentions (id, doc_id, sentence_index, start_char, end_char, sentence, trigger, type, status, date, confidence, grp) "
        "VALUES ('mx', 'd1', 0, 0, 10, ?, 'met', 'meeting', 'happened', '2024-02-05', 0.9, 0)",
        [DOCS["d1"][1]],
    )
    tb.store.con.execute("INSERT INTO events (id, type, status, date, sources, confidence, merge_reasons) VALUES ('ev1', 'meeting', 'happened', '2024-02-05', 1, 0.9, '[]')")
    tb.store.con.execute("INSERT INTO event_mentions VALUES ('ev1', 'mx')")
    tb.store.con.execute("INSERT INTO event_participants (event_id, actor_id, name, country, role, support) VALUES ('ev1', 'jonas-berg', 'Jonas Berg', 'SWE', 'attendee', 1)")
    yield tb
    tb.close()


def test_parse_query_splits_phrases_and_words():
    q = parse_query('"Jonas Berg" Recife  “port fees”')
    assert [" ".join(p) for p in q.phrases] == ["jonas berg", "port fees"]
    assert q.loose == ["recife"] and q.words == ["jonas", "berg", "port", "fees", "recife"]
    assert parse_query('"Recife"').loose == ["recife"] and not parse_query('"Recife"').phrases
    assert parse_query('"unclosed phrase').phrases == [["unclosed", "phrase"]]
    assert parse_query("  ").words == []


def test_phrase_pattern_matches_whole_words_in_order():
    pattern = phrase_pattern(["jonas", "berg"])
    assert pattern.search("met Jonas  Berg there") and pattern.search("Jonas-Berg's proposal")
    assert not pattern.search("Jonas Bergman") and not pattern.search("Berg Jonas") and not pattern.search("Jonas Almeida and Carla Berg")


def test_quoted_phrase_only_matches_documents_holding_it(search_kb):
    index = SearchIndex()
    ids = {r["id"] for r in index.search(search_kb, '"Jonas Berg"')}
    assert ids == {"d1", "d3"}  # d2 has both words, apart


def test_unquoted_words_match_as_a_phrase_where_one_exists(search_kb):
    index = SearchIndex()
    assert {r["id"] for r in index.search(search_kb, "Jonas Berg")} == {"d1", "d3"}
    # no document holds "fees Souza" together: every document with both words
    assert {r["id"] for r in index.search(search_kb, "fees Souza")} == {"d1", "d2"}
    assert index.search(search_kb, "Jonas Recife weather") == []  # every word must occur


def test_search_all_finds_actors_and_events(search_kb):
    found = SearchIndex().search_all(search_kb, "Jonas Berg")
    assert [a["id"] for a in found["actors"]] == ["jonas-berg"]  # not Carla Berg
    assert [(e["id"], e["match"]) for e in found["events"]] == [("ev1", "participant")]
    assert found["events"][0]["names"] == ["Jonas Berg"]
    by_text = SearchIndex().search_all(search_kb, '"port fees"')
    assert [(e["id"], e["match"]) for e in by_text["events"]] == [("ev1", "text")]
    assert by_text["actors"] == []


def test_hostile_queries_are_data(search_kb):
    index = SearchIndex()
    for q in ("'); DROP TABLE documents; --", '"%"', "_", "\\", '"'):
        index.search_all(search_kb, q)
    assert search_kb.store.query("SELECT count(*) AS n FROM documents")[0]["n"] == 4


def test_term_spans_mark_the_phrase():
    text = "Mariana Souza met Jonas Berg; Jonas left."
    assert term_spans(text, [], ["jonas berg"]) == [(18, 28)]
