"""Delegations compare like with like: the same commemoration, else the same type; one rule for every view."""

from __future__ import annotations

from tribune.analyze.delegations import comparable_trend, delegations


def _item(date, kind, head, rank, occasion=None, status="happened", attendance="happened"):
    return {
        "event_id": f"{kind}-{date}", "date": date, "type": kind, "occasion": occasion, "status": status, "attendance": attendance,
        "head": head, "actor_id": head.lower(), "title": None, "rank": rank, "rank_label": None, "rank_source": "office",
    }


def test_same_commemoration_before_same_type_and_never_another_type():
    """Hungary at Poland's events: the Independence Day parade is set against the last Independence Day parade."""
    items = [
        _item("2014-11-11", "parade", "Minister A", 50, occasion="independence"),
        _item("2016-05-03", "parade", "Premier B", 20, occasion="constitution"),
        _item("2017-02-01", "visit", "President C", 10),
        _item("2018-11-11", "parade", "Speaker D", 30, occasion="independence"),
        _item("2019-06-01", "parade", "Minister E", 50),
        _item("2020-03-01", "visit", "Minister F", 50),
        _item("2021-11-11", "parade", "Premier G", 20, occasion="independence", attendance="planned"),
    ]
    rows = {r["date"]: r for r in comparable_trend(items)}
    assert rows["2018-11-11"]["previous"]["head"] == "Minister A" and rows["2018-11-11"]["change"] == "upgrade"
    assert rows["2018-11-11"]["basis"] == "occasion independence"
    assert rows["2019-06-01"]["previous"]["head"] == "Speaker D" and rows["2019-06-01"]["change"] == "downgrade"
    assert rows["2017-02-01"]["change"] is None, "a visit is not compared with a parade"
    assert rows["2020-03-01"]["previous"]["head"] == "President C"
    assert rows["2021-11-11"]["change"] is None, "only expected: nobody came, nothing to compare"


def test_special_representative_is_the_head_not_the_leader_represented(nlp):
    doc = nlp.make_doc(
        "Wang Yi is in Hanoi from Saturday to Monday as the special representative of President Xi Jinping, "
        "and he carried a message from Xi to the Vietnamese leadership."
    )
    doc._.tribune_doc_id = "test"
    doc._.tribune_anchor = "2024-05-06"
    doc = nlp(doc)
    visits = [m for m in doc._.event_mentions if m.type == "visit"]
    assert visits
    names = {p.name for m in visits for p in m.participants}
    assert "Wang Yi" in names and "Xi Jinping" not in names


def _seed_view(tb, **kw):
    return delegations(tb, "PRK", **kw)


def test_host_and_guest_views_give_the_same_changes(seeds_kb):
    """Reads ../shared/seeds at run time."""
    tb, _ = seeds_kb
    host_view = {c["country"]: c for c in _seed_view(tb)["countries"]}
    for guest in ("CHN", "RUS"):
        (country,) = _seed_view(tb, guest=guest)["countries"]
        from_trend = {(r["event_id"], r["previous"]["event_id"], r["change"]) for r in country["trend"] if r["change"]}
        from_host = {(ch["to"]["event_id"], ch["from"]["event_id"], ch["change"]) for ch in host_view[guest]["changes"]}
        assert from_trend == from_host


def test_seed_delegation_sequences(seeds_kb):
    """China: Liu Yunshan (2015) -> Liu Guozhong (2023-09) -> Li Qiang (2025-10, upgrade); Russia: Shoigu -> Medvedev (upgrade)."""
    tb, _ = seeds_kb
    view = {c["country"]: c for c in _seed_view(tb)["countries"]}
    china = [(d["date"][:7], d["head"]) for d in view["CHN"]["delegations"] if d["type"] == "parade" and d["attendance"] == "happened"]
    assert china == [("2015-10", "Liu Yunshan"), ("2023-09", "Liu Guozhong"), ("2025-10", "Li Qiang")]
    li = next(ch for ch in view["CHN"]["changes"] if ch["to"]["head"] == "Li Qiang")
    assert li["change"] == "upgrade"
    medvedev = next(ch for ch in view["RUS"]["changes"] if ch["to"]["head"] == "Dmitry Medvedev")
    assert (medvedev["from"]["head"], medvedev["change"]) == ("Sergei Shoigu", "upgrade")
    heads = {d["head"] for c in view.values() for d in c["delegations"] if d["attendance"] == "happened"}
    assert "To Lam" not in heads and "Kim Ju Ae" not in heads
    laos = [d for d in view["LAO"]["delegations"] if d["type"] == "parade"]
    assert laos and all(d["attendance"] == "planned" for d in laos)
    vietnam = next(d for d in view["VNM"]["delegations"] if d["type"] == "parade")
    assert {"name": "To Lam", "actor_id": "to-lam", "status": "planned"} in vietnam["not_attended"]


def test_a_meeting_abroad_with_no_place_is_no_delegation_to_the_host(sample_kb):
    """The sample's unplaced meeting on the day Kim was a guest at Beijing's parade is not China's delegation to Pyongyang."""
    tb, _ = sample_kb
    view = delegations(tb, "PRK")
    assert not [d for c in view["countries"] for d in c["delegations"] if d["date"] == "2025-09-03"]
    china = next(c for c in view["countries"] if c["country"] == "CHN")
    assert "Xi Jinping" not in {d["head"] for d in china["delegations"] if d["date"].startswith("2018")}


def test_delegations_command_without_a_host_on_the_seeds(seeds_dir, tmp_path):
    """`tribune ingest ../shared/seeds` then `tribune delegations`, as a new user types them (reads the seeds at run time)."""
    import subprocess
    import sys

    db = str(tmp_path / "m.duckdb")
    run = lambda *a: subprocess.run([sys.executable, "-m", "tribune", *a], capture_output=True, text=True, timeout=300)
    assert run("ingest", str(seeds_dir), "--db", db, "-q").returncode == 0
    done = run("delegations", "--db", db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    start = lines.index(next(l for l in lines if l.startswith("Delegations to North Korea")))
    block = lines[start:]
    china = [l for l in block[: next(i for i, l in enumerate(block) if l.startswith("Russia"))] if "parade" in l]
    assert [l.split()[2:4] for l in china] == [["Liu", "Yunshan"], ["Liu", "Guozhong"], ["Li", "Qiang"]]
    assert china[-1].rstrip().endswith("UPGRADE")
    medvedev = next(l for l in block if "Dmitry Medvedev" in l)
    assert "UPGRADE" in medvedev
    assert any("To Lam planned, not attended" in l for l in block)
    assert any("Thongloun Sisoulith" in l and "[planned, not attended]" in l and "parade" in l for l in block)
