"""Merging respects status and direction: an announced trip is its own planned trip; opposite journeys stay apart."""

from __future__ import annotations

from collections import Counter


def _mentions(nlp, text: str, anchor: str = "2024-05-04"):
    doc = nlp.make_doc(text)
    doc._.tribune_doc_id = "test"
    doc._.tribune_anchor = anchor
    doc = nlp(doc)
    return doc._.event_mentions


def test_an_announced_trip_and_a_trip_elsewhere_are_not_the_visit_reported(nlp):
    mentions = _mentions(
        nlp,
        "Kazakh President Kassym-Jomart Tokayev gives a speech to welcome Kyrgyz President Sadyr Japarov on May 3 during the latter's visit to Astana. "
        "Kazakhstan's upcoming military parade on May 7 is expected to draw foreign leaders. "
        "The Foreign Ministry announced on May 3 that Uzbek President Shavkat Mirziyoyev will lead a delegation to Astana to attend the commemorative events and make an official goodwill visit. "
        "Tokayev smiles as he speaks with Japarov on May 3 during the latter's visit to Astana. "
        "Still, analysts assessed that Japarov's trip to Moscow was intended to secure gas supplies.",
    )
    visits = [m for m in mentions if m.type == "visit"]
    reported = next(m.group for m in visits if m.status.value == "happened" and any(p.name == "Sadyr Japarov" for p in m.participants))
    in_reported = {p.name for m in visits if m.group == reported for p in m.participants}
    assert "Shavkat Mirziyoyev" not in in_reported, "an announcement of another leader's trip is not the visit that happened"
    moscow = [m for m in visits if m.location and m.location.country == "RUS"]
    assert moscow and all(m.group != reported for m in moscow), "a trip to Moscow is not the visit to Astana"


def _account(doc, status, date, place, people):
    """people: (actor_id, country, role)."""
    from tribune.link.merge import Account

    return Account(
        key=f"{doc}#0",
        doc_id=doc,
        order=int(doc.removeprefix("doc")),
        independent_of=doc,
        type="visit",
        mention_ids=[f"{doc}#0.0"],
        dates=[(date, {10: "day", 7: "month"}[len(date)])] if date else [],
        statuses=[status],
        locations=[place] if place else [],
        participants={a: {"name": a, "country": c, "titles": Counter(), "roles": Counter({r: 1}), "statuses": Counter()} for a, c, r in people},
        weapons={},
        confidence=0.8,
        published=date if date and len(date) == 10 else "2024-06-03",
    )


def _link(accounts):
    from tribune.link import fastmerge, merge

    assert fastmerge.index_applies(), "merge.py changed: re-read the rules, update fastmerge and its _CHECKED fingerprints"
    merge.set_document_context(accounts)
    slow = [sorted(a.key for a in c.accounts) for c in merge.merge_accounts(accounts)]
    fast = [sorted(a.key for a in c.accounts) for c in fastmerge.merge_accounts(accounts)]
    assert slow == fast
    return slow


def _together(clusters, *keys):
    return any(set(keys) <= set(c) for c in clusters)


def test_visits_in_opposite_directions_do_not_merge():
    """Orban in Ankara and Erdogan in Budapest the same month, with the same two leaders: two trips."""
    accounts = [
        _account("doc1", "happened", "2024-06", ("Ankara", "TUR"), [("orban", "HUN", "visitor"), ("erdogan", "TUR", "host")]),
        # no place of its own: only the direction tells it apart
        _account("doc2", "happened", "2024-06", None, [("erdogan", "TUR", "visitor"), ("orban", "HUN", "host")]),
        # the same trip as the first, told by another paper
        _account("doc3", "happened", "2024-06", None, [("orban", "HUN", "visitor"), ("erdogan", "TUR", "host")]),
    ]
    clusters = _link(accounts)
    assert not _together(clusters, "doc1#0", "doc2#0")
    assert _together(clusters, "doc1#0", "doc3#0")


def test_an_announced_trip_is_not_another_leaders_visit_that_day():
    """A report of Sanchez's visit to Rabat and, the same day, an announcement that Meloni will travel there."""
    accounts = [
        _account("doc1", "happened", "2024-06-03", ("Rabat", "MAR"), [("sanchez", "ESP", "visitor"), ("akhannouch", "MAR", "host")]),
        _account("doc2", "planned", "2024-06-03", ("Rabat", "MAR"), [("meloni", "ITA", "visitor")]),
        # the preview of Sanchez's own visit is that visit
        _account("doc3", "planned", "2024-06-03", ("Rabat", "MAR"), [("sanchez", "ESP", "visitor")]),
    ]
    clusters = _link(accounts)
    assert not _together(clusters, "doc1#0", "doc2#0")
    assert _together(clusters, "doc1#0", "doc3#0")


def test_seed_announced_delegation_is_not_the_lao_visit(seeds_kb):
    """Reads ../shared/seeds at run time: the 2025-10-07 visit is Thongloun's; Li Qiang's announced trip is not part of it."""
    tb, _ = seeds_kb
    visit = next(e for e in tb.events(type="visit") if e["date"] == "2025-10-07")
    names = {p["name"] for p in visit["participants"]}
    assert "Thongloun Sisoulith" in names
    assert "Li Qiang" not in names and "Kim Ju Ae" not in names


def test_fast_index_agrees_with_the_full_scan_on_travellers_and_statuses():
    """fastmerge against merge on random visits and parades whose travellers, hosts and statuses vary,
    so that the direction and traveller rules are hit."""
    import random

    from tribune.link import fastmerge, merge

    assert fastmerge.index_applies()
    rng = random.Random(15)
    people = [("orban", "HUN"), ("erdogan", "TUR"), ("meloni", "ITA"), ("sanchez", "ESP"), ("akhannouch", "MAR")]
    places = [("Ankara", "TUR"), ("Budapest", "HUN"), ("Rabat", "MAR"), None]
    days = ["2024-06-03", "2024-06-04", "2024-06-05", "2024-06", ""]

    def build():
        rng.seed(15)
        out = []
        for d in range(70):
            kind = rng.choice(["visit", "visit", "parade", "ceremony"])
            chosen = rng.sample(people, rng.randint(1, 3))
            roles = [(a, c, rng.choice(["visitor", "host", "delegation_head", "attendee"])) for a, c in chosen]
            account = _account(f"doc{d}", rng.choice(["happened", "happened", "planned", "speculated"]), rng.choice(days) or None, rng.choice(places), roles)
            account.type = kind
            out.append(account)
        merge.set_document_context(out)
        return out

    slow = merge.merge_accounts(build())
    fast = fastmerge.merge_accounts(build())
    assert [([a.key for a in c.accounts], c.reasons) for c in slow] == [([a.key for a in c.accounts], c.reasons) for c in fast]
    accounts = build()
    refused = 0
    for i, a in enumerate(accounts):
        for b in accounts[:i]:
            refused += merge.opposite_directions([b], a) or (a.type == "visit" and merge.another_traveller([b], a))
    assert refused > 20, "the random accounts must exercise the new rules"
    assert sum(len(c.accounts) > 1 for c in slow) > 5
