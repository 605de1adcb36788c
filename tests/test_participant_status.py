"""Each participant of a merged event carries its own status: attended only where a report that it happened names them."""

from __future__ import annotations

from collections import Counter

import pytest


def _mentions(nlp, text: str, anchor: str = "2024-05-10"):
    doc = nlp.make_doc(text)
    doc._.tribune_doc_id = "test"
    doc._.tribune_anchor = anchor
    doc = nlp(doc)
    return doc._.event_mentions


def _statuses(mentions) -> dict[str, str]:
    return {p.name: p.status for m in mentions for p in m.participants}


@pytest.mark.parametrize(
    "sentence, person",
    [
        ("Brazilian President Lula da Silva opted out of the BRICS summit in Kazan, officials said.", "Luiz Inácio Lula da Silva"),
        ("Indian Prime Minister Narendra Modi declined to attend the summit in Astana on Thursday.", "Narendra Modi"),
        ("Leaders met at the summit in Astana on Thursday; Indian Prime Minister Narendra Modi did not attend the summit.", "Narendra Modi"),
        ("The absence of Indian Prime Minister Narendra Modi at the summit in Astana on Thursday was noted.", "Narendra Modi"),
        ("Indian Prime Minister Narendra Modi pulled out of the summit in Astana, which opened on Thursday.", "Narendra Modi"),
    ],
)
def test_someone_who_stays_away_is_absent(nlp, sentence, person):
    statuses = _statuses(_mentions(nlp, sentence))
    assert statuses.get(person) == "absent", statuses


def test_each_person_of_one_sentence_has_their_own_status(nlp):
    statuses = _statuses(
        _mentions(nlp, "The summit in Astana on Thursday was attended by Kazakh President Kassym-Jomart Tokayev, but Indian Prime Minister Narendra Modi stayed away.")
    )
    assert statuses["Kassym-Jomart Tokayev"] == "happened"
    assert statuses["Narendra Modi"] == "absent"


def test_an_announced_guest_is_expected(nlp):
    statuses = _statuses(_mentions(nlp, "Turkish President Recep Tayyip Erdogan is expected to attend the summit in Baku next month."))
    assert set(statuses.values()) == {"planned"}, statuses


def _account(doc, status, people, published="2025-06-20", date="2025-06-20"):
    """One document's account of a summit in Brasilia: its status, and each person's own status there."""
    from tribune.link.merge import Account

    return Account(
        key=f"{doc}#0",
        doc_id=doc,
        order=int(doc.removeprefix("doc")),
        independent_of=doc,
        type="summit",
        mention_ids=[f"{doc}#0.0"],
        dates=[(date, "day")],
        statuses=[status],
        locations=[("Brasilia", "BRA")],
        participants={
            name: {"name": name, "country": country, "titles": Counter(), "roles": Counter({"attendee": 1}), "statuses": Counter({own: 1})}
            for name, country, own in people
        },
        weapons={},
        confidence=0.8,
        published=published,
    )


def test_merged_event_keeps_each_participants_status_and_sources():
    """A preview expects three leaders; the report written after the summit names two; a third source says one stayed away."""
    from tribune.kb.knowledge import default_kb
    from tribune.link.fastmerge import merge_accounts
    from tribune.link.merge import build_events, set_document_context

    accounts = [
        _account("doc1", "planned", [("ramaphosa", "ZAF", "planned"), ("sheinbaum", "MEX", "planned"), ("albanese", "AUS", "planned")], published="2025-06-15"),
        _account("doc2", "happened", [("ramaphosa", "ZAF", "happened"), ("sheinbaum", "MEX", "happened")]),
        _account("doc3", "happened", [("albanese", "AUS", "absent")], published="2025-06-21"),
    ]
    set_document_context(accounts)
    clusters = merge_accounts(accounts)
    assert len(clusters) == 1
    events, _ = build_events(clusters, default_kb())
    people = {p["actor_id"]: p for p in events[0]["participants"]}
    assert (people["ramaphosa"]["status"], people["ramaphosa"]["sources"]) == ("happened", ["doc2"])
    assert people["sheinbaum"]["status"] == "happened"
    assert (people["albanese"]["status"], people["albanese"]["sources"]) == ("absent", ["doc3"])


def test_a_guest_only_a_preview_names_is_expected_at_an_event_that_happened():
    from tribune.kb.knowledge import default_kb
    from tribune.link.fastmerge import merge_accounts
    from tribune.link.merge import build_events, set_document_context

    accounts = [
        _account("doc1", "planned", [("ramaphosa", "ZAF", "planned"), ("lula", "BRA", "planned")], published="2025-06-15"),
        _account("doc2", "happened", [("lula", "BRA", "happened")]),
    ]
    set_document_context(accounts)
    events, _ = build_events(merge_accounts(accounts), default_kb())
    assert events[0]["status"] == "happened"
    people = {p["actor_id"]: p for p in events[0]["participants"]}
    assert people["ramaphosa"]["status"] == "planned" and people["ramaphosa"]["sources"] == ["doc1"]
    assert people["lula"]["status"] == "happened"


def test_seed_parade_guests_only_a_preview_names_are_expected(seeds_kb):
    """Reads ../shared/seeds at run time: the 2025-10-10 parade's guests, each with their own status."""
    tb, _ = seeds_kb
    parade = next(e for e in tb.events(type="parade") if e["date"] == "2025-10-10")
    status = {p["name"]: p["status"] for p in parade["participants"]}
    for name in ("To Lam", "Thongloun Sisoulith", "Kim Ju Ae"):
        assert status.get(name) == "planned", (name, status)
    for name in ("Li Qiang", "Dmitry Medvedev", "Kim Jong Un"):
        assert status.get(name) == "happened", (name, status)
    assert all(p["sources"] for p in parade["participants"])


def test_actor_profile_counts_only_attended_events(seeds_kb):
    from tribune.analyze.profiles import actor_profile

    tb, _ = seeds_kb
    profile = actor_profile(tb, "to-lam") or {}
    rows = profile.get("events", [])
    assert rows, "To Lam is named at the seed parade"
    assert profile["attended"] == 0
    assert all(e["participation"] != "happened" for e in rows)
    assert not profile["co_appearances"]


@pytest.mark.parametrize(
    "sentence, person",
    [
        ("Other details on Xi Jinping's visit to Hanoi were not available.", "Xi Jinping"),
        ("The meeting dissolved, leading Donald Trump to scrap the signing ceremony in Washington on Friday.", "Donald Trump"),
    ],
)
def test_a_negation_or_cancellation_of_something_else_is_no_absence(nlp, sentence, person):
    statuses = _statuses(_mentions(nlp, sentence))
    assert statuses.get(person) == "happened", statuses


def test_absent_from_the_event(nlp):
    statuses = _statuses(_mentions(nlp, "Argentine President Javier Milei was absent from the summit in Rio on Monday."))
    assert statuses.get("Javier Milei") == "absent", statuses
