"""The backbone's promise on the five seed articles, checked on the exported events."""

from __future__ import annotations

from pathlib import Path


def _parades(tb):
    return [e for e in tb.events(type="parade") if e["date"]]


def _by_date(tb, date):
    return [e for e in _parades(tb) if e["date"] == date]


def test_seed_parades_have_their_dates_resolved_from_the_text(seeds_kb):
    tb, report = seeds_kb
    assert report.new == 5 and report.problems == []
    dates = {e["date"] for e in _parades(tb)}
    assert {"2023-07-27", "2023-09-09", "2025-09-03", "2025-10-10"} <= dates


def test_october_2025_parade_participants_and_titles(seeds_kb):
    tb, _ = seeds_kb
    [parade] = _by_date(tb, "2025-10-10")
    people = {p["name"]: p for p in parade["participants"]}
    assert parade["location"]["country"] == "PRK"
    assert people["Li Qiang"]["country"] == "CHN"
    assert "Premier" in people["Li Qiang"]["title"]
    assert people["Dmitry Medvedev"]["country"] == "RUS"
    assert "Security Council" in people["Dmitry Medvedev"]["title"]
    assert people["Kim Jong Un"]["role"] == "host"
    assert {w["name"] for w in parade["weapons"]} >= {"Hwasong-20"}


def test_expected_versus_reported_statuses_are_kept_per_source(seeds_kb):
    tb, _ = seeds_kb
    [parade] = _by_date(tb, "2025-10-10")
    by_seed: dict[str, set[str]] = {}
    for mention in parade["mentions"]:
        by_seed.setdefault(Path(mention["path"]).name[:3], set()).add(mention["status"])
    assert "happened" in by_seed["000"]
    assert "happened" not in by_seed["001"] and "planned" in by_seed["001"]
    assert parade["status"] == "happened"
    assert parade["sources"] >= 2


def test_beijing_parade_is_one_event_across_three_seeds(seeds_kb):
    tb, _ = seeds_kb
    [parade] = _by_date(tb, "2025-09-03")
    seeds = {Path(m["path"]).name[:3] for m in parade["mentions"]}
    assert seeds == {"000", "001", "002"}
    assert {"Kim Jong Un", "Xi Jinping", "Vladimir Putin"} <= {p["name"] for p in parade["participants"]}
    statuses_002 = {m["status"] for m in parade["mentions"] if Path(m["path"]).name.startswith("002")}
    assert statuses_002 <= {"planned", "speculated"}


def test_september_2023_parade_delegation_head(seeds_kb):
    tb, _ = seeds_kb
    [parade] = _by_date(tb, "2023-09-09")
    heads = {p["name"] for p in parade["participants"] if p["role"] == "delegation_head"}
    assert "Liu Guozhong" in heads


def test_seed_conflicts_are_listed(seeds_kb):
    tb, _ = seeds_kb
    conflicts = tb.conflicts()
    scopes = {(c["scope"], Path(c.get("path") or "x").name[:3], c["attribute"]) for c in conflicts}
    assert ("document", "003", "published") in scopes  # date line 2023-11-11 vs the September parade
    assert ("document", "002", "event date") in scopes  # headline date vs "a date yet to be announced"
    vietnam = [c for c in conflicts if c["scope"] == "event" and "VNM" in c["attribute"]]
    assert vietnam, "Vo Van Thuong and To Lam are both named as Vietnam's General Secretary"
    names = {v["value"] for c in vietnam for v in c["values"]}
    assert {"Vo Van Thuong", "To Lam"} <= names


def test_reingesting_changes_nothing(seeds_kb, seeds_dir):
    tb, _ = seeds_kb
    before = tb.store.counts()
    report = tb.ingest([str(seeds_dir)])
    assert report.new == 0 and report.unchanged == 5
    assert tb.store.counts() == before


def _seed_of(mention) -> str:
    return Path(mention["path"]).name[:3]


def test_weapons_shown_at_the_parade_and_the_exhibition(seeds_kb):
    tb, _ = seeds_kb
    [parade] = _by_date(tb, "2025-10-10")
    assert {w["name"] for w in parade["weapons"]} >= {"Hwasong-20", "Chonma-20"}
    [exhibition] = [e for e in tb.events(type="exhibition") if e["date"] == "2025-10-04"]
    assert "Hwasong-11MA" in {w["name"] for w in exhibition["weapons"]}
    assert {_seed_of(m) for m in exhibition["mentions"]} == {"001"}


def test_kim_in_beijing_happened_per_one_seed_and_planned_per_another(seeds_kb):
    tb, _ = seeds_kb
    [parade] = _by_date(tb, "2025-09-03")
    kim = [m for m in parade["mentions"] if any(p["name"] == "Kim Jong Un" for p in m["participants"])]
    statuses = {_seed_of(m): m["status"] for m in kim}
    assert statuses.get("000") == "happened" and statuses.get("002") in {"planned", "speculated"}


def test_shoigu_met_kim_and_saw_the_arms_exhibition(seeds_kb):
    tb, _ = seeds_kb
    for kind in ("meeting", "exhibition"):
        found = [
            e
            for e in tb.events(type=kind)
            if {"Kim Jong Un", "Sergei Shoigu"} <= {p["name"] for p in e["participants"]} and (e["date"] or "").startswith("2023-07")
        ]
        assert found and all(e["status"] == "happened" for e in found), kind


def test_the_denied_arms_supplies_are_denied(seeds_kb):
    tb, _ = seeds_kb
    denied = [e for e in tb.events(type="arms_transfer") if any(_seed_of(m) == "004" for m in e["mentions"])]
    assert denied and {e["status"] for e in denied} == {"denied"}


def test_the_secret_weapon_candidates_are_speculated(seeds_kb):
    """Seed 001 lists what a promised 'secret weapon' might be: its claim of the Hwasong-20 rests on a
    display that may happen (speculated), never on one it reports as done."""
    tb, _ = seeds_kb
    found = []
    for event in tb.events():
        from_001 = [m for m in event["mentions"] if _seed_of(m) == "001"]
        docs_001 = {m["doc_id"] for m in from_001}
        claims = [c for c in event["claims"] if c["attribute"] == "weapon" and c["value"] == "Hwasong-20" and docs_001 & set(c["doc_ids"])]
        if claims:
            found.append({m["status"] for m in from_001})
    assert found and all("speculated" in statuses and "happened" not in statuses for statuses in found)
