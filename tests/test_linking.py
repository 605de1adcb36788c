"""Cross-document linking on the sample corpus: merges, claims, conflicts, stable ids."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE


def _events_on(tb, kind, date):
    return [e for e in tb.events(type=kind) if e["date"] == date]


def test_each_merge_is_explained_and_each_value_is_a_claim(sample_kb):
    tb, _ = sample_kb
    for event in tb.events():
        documents = {m["doc_id"] for m in event["mentions"]}
        assert len(event["merge_reasons"]) == len(documents), "one stated reason per document merged in"
        assert {r.split("#", 1)[0] for r in event["merge_reasons"]} == documents
        for claim in event["claims"]:
            assert set(claim["doc_ids"]) <= documents, "a claim is supported only by the event's own documents"


def test_wrong_delegation_head_is_a_conflict_with_both_sides(sample_kb):
    tb, _ = sample_kb
    [parade] = _events_on(tb, "parade", "2023-09-09")
    conflicts = [c for c in parade["conflicts"] if c["attribute"] == "delegation head (CHN)"]
    assert conflicts, "one outlet names Li Hongzhong, another Liu Guozhong"
    names = {v["value"] for v in conflicts[0]["values"]}
    assert names == {"Li Hongzhong", "Liu Guozhong"}
    assert all(v["doc_ids"] for v in conflicts[0]["values"])


def test_date_line_against_content_is_listed(sample_kb):
    tb, _ = sample_kb
    listed = [c for c in tb.conflicts() if c["scope"] == "document" and c["attribute"] == "published"]
    assert any(Path(c["path"]).name == "prk_parade_2022-04-25_harbour.txt" for c in listed)
    # the parade itself is still dated by its content, not by the wrong date line
    assert _events_on(tb, "parade", "2022-04-25")


def test_syndicated_copy_is_not_an_independent_source(sample_kb):
    tb, _ = sample_kb
    docs = {Path(d["path"]).name: d for d in tb.documents()}
    pair = {"rus_prk_visit_2024-06-19_harbour.txt", "rus_prk_visit_2024-06-19_continental.txt"}
    assert sum(docs[name]["duplicate_of"] is not None for name in pair) == 1
    for event in tb.events():
        paths = {Path(m["path"]).name for m in event["mentions"]}
        if pair <= paths:
            assert event["sources"] <= len(paths) - 1


def test_planned_then_reported_is_one_happened_event(sample_kb):
    tb, _ = sample_kb
    [parade] = _events_on(tb, "parade", "2025-10-10")
    by_status = {m["status"] for m in parade["mentions"]}
    assert {"planned", "happened"} <= by_status
    assert parade["status"] == "happened"
    assert parade["sources"] >= 3


def test_event_ids_are_stable_when_more_documents_arrive(tmp_path):
    from tribune.api import Tribune

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(SAMPLE.iterdir())
    for path in files[: len(files) // 2]:
        shutil.copy(path, corpus / path.name)
    with Tribune(str(tmp_path / "kb.duckdb")) as tb:
        tb.ingest([str(corpus)])
        before = {e["id"] for e in tb.events()}
        for path in files[len(files) // 2 :]:
            shutil.copy(path, corpus / path.name)
        tb.ingest([str(corpus)])
        after = {e["id"] for e in tb.events()}
    assert before and before <= after


def test_event_command_shows_each_source(sample_kb, tmp_path):
    tb, _ = sample_kb
    [parade] = _events_on(tb, "parade", "2023-07-27")
    db = tmp_path / "copy.duckdb"
    tb.store.con.execute("CHECKPOINT")
    shutil.copy(tb.store.path, db)
    result = subprocess.run([sys.executable, "-m", "tribune", "event", parade["id"][:10], "--db", str(db)], capture_output=True, text=True, timeout=120, env={"COLUMNS": "200", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert "Why these accounts were merged" in result.stdout
    for path in {Path(m["path"]).name for m in parade["mentions"]}:
        assert path in result.stdout


def test_undated_document_is_dated_by_its_main_event(sample_kb):
    """A preview with a year-less dateline gets the month of the summit it is about, labelled inferred."""
    tb, _ = sample_kb
    docs = {Path(d["path"]).name: d for d in tb.documents()}
    preview = docs["us_prk_summit_2018-06-12_preview_dispatch.txt"]
    # (the month, from linking; or a day in it, where the text already pins it down)
    assert (preview["published"][:7], preview["published_source"]) == ("2018-06", "inferred")
    # A document mainly about an undated (speculated) event is not dated by the background it recalls
    # ("last met in April 2019"): it stays undated, or takes the month of the event it previews.
    published = docs["rus_prk_summit_2023-09-13_preview_meridian.txt"]["published"]
    assert published is None or published.startswith("2023-09")


def test_summary_marks_guests_only_expected(sample_kb):
    """A headline expected Xi at the October 2025 parade; the reports that it happened do not name him."""
    from tribune.analyze.summary import summarize

    tb, _ = sample_kb
    lines = summarize(tb).splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("2025-10-10"))
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("      "):
            break
        block.append(line)
    xi = [line for line in block if "Xi Jinping" in line]
    li = [line for line in block if "Li Qiang" in line]
    assert xi and "[not in the reports that it happened]" in xi[0]
    assert li and "[not in the reports" not in li[0]


# -- linking rules on accounts built in code -------------------------------------------------------


def _account(doc, grp, kind, dates=(), published=None, places=(), people=(), order=None, original=None, mentions=1):
    from collections import Counter

    from tribune.link.merge import Account

    number = int(doc.removeprefix("doc"))
    return Account(
        key=f"{doc}#{grp}",
        doc_id=doc,
        order=number if order is None else order,
        independent_of=original or doc,
        type=kind,
        mention_ids=[f"{doc}#{grp}.{i}" for i in range(mentions)],
        dates=[(d, {10: "day", 7: "month", 4: "year"}[len(d)]) for d in dates],
        statuses=["happened"],
        locations=list(places),
        participants={p: {"name": p, "country": None, "titles": Counter(), "roles": Counter()} for p in people},
        weapons={},
        confidence=0.8,
        published=published,
    )


def _link(accounts):
    """Both implementations, which must agree; returns the clusters as lists of account keys, and the reasons."""
    from tribune.link import fastmerge, merge

    assert fastmerge.index_applies(), "merge.py changed: re-read the rules, update fastmerge and its _CHECKED fingerprints"
    merge.set_document_context(accounts)
    slow = merge.merge_accounts(accounts)
    fast = fastmerge.merge_accounts(accounts)
    as_keys = [sorted(a.key for a in c.accounts) for c in slow]
    assert as_keys == [sorted(a.key for a in c.accounts) for c in fast]
    assert [c.reasons for c in slow] == [c.reasons for c in fast]
    reasons = {r.split(": ", 1)[0]: r.split(": ", 1)[1] for c in slow for r in c.reasons}
    return as_keys, reasons


def _together(clusters, *keys):
    return any(set(keys) <= set(c) for c in clusters)


def test_undated_account_joins_an_event_of_the_month_it_was_written_in():
    """"The two leaders met" in a report from mid-September joins the September meeting known only by its month."""
    accounts = [
        _account("doc1", 0, "meeting", ["2023-09"], "2024-06-19", [("Vostochny Cosmodrome", "RUS")], ["kim", "putin"]),
        _account("doc2", 0, "meeting", [], "2023-09-10", [], ["kim", "putin"]),
        # written before that month: a month is too vague to say it is the same meeting
        _account("doc3", 0, "meeting", [], "2023-08-01", [], ["kim", "putin"]),
    ]
    clusters, reasons = _link(accounts)
    assert _together(clusters, "doc1#0", "doc2#0")
    assert "reported within 45 days" in reasons["doc2#0"]
    assert not _together(clusters, "doc1#0", "doc3#0")


def test_the_parade_takes_the_place_of_the_articles_own_parade():
    """'He last attended the parade ten years ago' in a Moscow parade report is a Moscow parade."""
    accounts = [
        _account("doc1", 0, "parade", ["2025-05-09"], "2025-05-06", [("Red Square", "RUS")], ["xi"], mentions=3),
        _account("doc1", 1, "parade", ["2015-05-09"], "2025-05-06", [("Moscow", "RUS")], ["xi"]),
        _account("doc2", 0, "parade", ["2025-05-09"], "2025-05-09", [], ["xi", "putin"], mentions=4),
        _account("doc2", 1, "parade", ["2015"], "2025-05-09", [], ["xi"]),
        # Beijing's 2015 parade, with the same guest: the year alone does not make it Moscow's
        _account("doc3", 0, "parade", ["2015-09-03"], "2015-09-03", [("Beijing", "CHN")], ["xi", "putin"]),
    ]
    clusters, reasons = _link(accounts)
    assert _together(clusters, "doc1#0", "doc2#0")
    assert _together(clusters, "doc1#1", "doc2#1")
    assert reasons["doc2#1"] == "same type, year 2015, place and participants"
    assert not _together(clusters, "doc2#1", "doc3#0")


def test_undated_accounts_in_reports_of_the_same_event_merge():
    """Two reports of one parade each mention the leader's speech without a date: one speech."""
    accounts = [
        _account("doc1", 0, "parade", ["2025-10-10"], "2025-10-11", [("Pyongyang", "PRK")], ["kim", "li"], mentions=4),
        _account("doc1", 1, "statement", [], "2025-10-11", [], ["kim"]),
        _account("doc2", 0, "parade", ["2025-10-10"], "2025-10-10", [("Pyongyang", "PRK")], ["kim"], mentions=3),
        _account("doc2", 1, "statement", [], "2025-10-10", [], ["kim"]),
        # a report of another parade also mentions a speech by him: another speech
        _account("doc3", 0, "parade", ["2024-10-10"], "2024-10-10", [("Pyongyang", "PRK")], ["kim"], mentions=3),
        _account("doc3", 1, "statement", [], "2024-10-10", [], ["kim"]),
    ]
    clusters, reasons = _link(accounts)
    assert _together(clusters, "doc1#1", "doc2#1")
    assert "in another report of the same parade 2025-10-10" in reasons["doc2#1"]
    assert not _together(clusters, "doc1#1", "doc3#1")
    assert not _together(clusters, "doc2#1", "doc3#1")


def test_background_between_countries_in_reports_of_the_same_event_merges():
    """Two parade reports both mention, undated, that one country sends arms to another: one claim, one event."""
    accounts = [
        _account("doc1", 0, "parade", ["2023-07-27"], "2023-07-28", [("Pyongyang", "PRK")], ["kim"], mentions=4),
        _account("doc1", 1, "arms_transfer", [], "2023-07-28", [], ["country:PRK", "country:RUS", "country:UKR"]),
        _account("doc2", 0, "parade", ["2023-07-27"], "2023-07-27", [("Pyongyang", "PRK")], ["kim"], mentions=4),
        _account("doc2", 1, "arms_transfer", [], "2023-07-27", [], ["country:PRK", "country:RUS"]),
        # one country in common is not enough
        _account("doc3", 0, "parade", ["2023-07-27"], "2023-07-27", [("Pyongyang", "PRK")], ["kim"], mentions=4),
        _account("doc3", 1, "arms_transfer", [], "2023-07-27", [], ["country:PRK", "country:IRN"]),
    ]
    clusters, reasons = _link(accounts)
    assert _together(clusters, "doc1#1", "doc2#1")
    assert "parties ['country:PRK', 'country:RUS']" in reasons["doc2#1"]
    assert not _together(clusters, "doc1#1", "doc3#1")


def test_visit_a_day_apart_with_no_place_on_one_side_merges():
    """A preview says he will travel for the 3rd; the report says he arrived on the 2nd."""
    accounts = [
        _account("doc1", 0, "visit", ["2025-09-02"], "2025-09-03", [], ["kim"]),
        _account("doc2", 0, "visit", ["2025-09-03"], "2025-08-28", [("Beijing", "CHN")], ["kim"]),
        # a meeting the day before is another meeting
        _account("doc3", 0, "meeting", ["2025-09-02"], "2025-09-03", [], ["kim", "xi"]),
        _account("doc4", 0, "summit", ["2025-09-03"], "2025-09-03", [], ["kim", "xi"]),
    ]
    clusters, reasons = _link(accounts)
    assert _together(clusters, "doc1#0", "doc2#0")
    assert "a day apart" in reasons["doc2#0"]
    assert not _together(clusters, "doc3#0", "doc4#0")


def test_near_duplicate_copy_counts_once():
    """A syndicated copy's undated welcome ceremony joins the original's, whatever else is near."""
    accounts = [
        _account("doc1", 0, "visit", ["2024-06-19"], "2024-06-19", [("Pyongyang", "PRK")], ["putin"], mentions=3),
        _account("doc1", 1, "ceremony", [], "2024-06-19", [("Kim Il Sung Square", "PRK")]),
        _account("doc2", 0, "visit", ["2024-06-19"], "2024-06-19", [("Pyongyang", "PRK")], ["putin"], mentions=3, original="doc1"),
        _account("doc2", 1, "ceremony", [], "2024-06-19", [("Kim Il Sung Square", "PRK")], original="doc1"),
    ]
    clusters, reasons = _link(accounts)
    assert _together(clusters, "doc1#1", "doc2#1")
    assert "in a copy of the report doc1#1" in reasons["doc2#1"]


def test_undated_account_joins_the_nearest_event_not_the_first():
    """Two Kim-Putin meetings fit an undated mention; the one near the article's date wins."""
    accounts = [
        _account("doc1", 0, "meeting", ["2023-07-26"], "2023-07-27", [], ["kim", "putin"]),
        _account("doc2", 0, "meeting", ["2023-09-13"], "2023-09-13", [("Vostochny Cosmodrome", "RUS")], ["kim", "putin"]),
        _account("doc3", 0, "meeting", [], "2023-09-09", [], ["kim", "putin"]),
    ]
    clusters, _ = _link(accounts)
    assert _together(clusters, "doc2#0", "doc3#0")
    assert not _together(clusters, "doc1#0", "doc3#0")


def test_report_with_no_date_joins_the_only_event_that_fits():
    """'A treaty signed during Putin's visit to Pyongyang', in a report with no date at all."""
    signing = [
        _account("doc1", 0, "agreement", ["2024-06-19"], "2024-06-19", [("Pyongyang", "PRK")], ["putin", "kim"]),
        _account("doc2", 0, "agreement", [], None, [("Pyongyang", "PRK")], ["putin"]),
    ]
    clusters, reasons = _link(signing)
    assert _together(clusters, "doc1#0", "doc2#0")
    assert reasons["doc2#0"].startswith("undated; the only event that fits")
    # two visits by him to that city: nothing says which one the report means
    visits = [
        _account("doc1", 0, "visit", ["2000-07-19"], "2000-07-20", [("Pyongyang", "PRK")], ["putin"]),
        _account("doc2", 0, "visit", ["2024-06-19"], "2024-06-19", [("Pyongyang", "PRK")], ["putin", "kim"]),
        _account("doc3", 0, "visit", [], None, [("Pyongyang", "PRK")], ["putin"]),
    ]
    clusters, _ = _link(visits)
    assert ["doc3#0"] in clusters


def test_distinct_annual_parades_stay_apart():
    accounts = [
        _account("doc1", 0, "parade", ["2024-10-10"], "2024-10-10", [("Pyongyang", "PRK")], ["kim"]),
        _account("doc2", 0, "parade", ["2025-10-10"], "2025-10-10", [("Pyongyang", "PRK")], ["kim"]),
        _account("doc3", 0, "parade", [], "2025-10-11", [("Pyongyang", "PRK")], ["kim"]),
        _account("doc4", 0, "parade", ["2025-10"], "2025-10-20", [], []),
    ]
    clusters, _ = _link(accounts)
    assert not _together(clusters, "doc1#0", "doc2#0")
    assert _together(clusters, "doc2#0", "doc3#0")
    assert not _together(clusters, "doc1#0", "doc3#0")
    assert not _together(clusters, "doc2#0", "doc4#0"), "a month alone, with nothing else in common, is not enough"


def test_fast_index_gives_the_same_clusters_as_the_full_scan():
    """fastmerge's index against merge's scan on random accounts built to hit every rule."""
    import random

    from tribune.link import fastmerge, merge

    rng = random.Random(6)
    kinds = ["parade", "ceremony", "meeting", "summit", "statement", "weapons_test"]
    places = [("Pyongyang", "PRK"), ("Kim Il Sung Square", "PRK"), ("Moscow", "RUS"), ("Beijing", "CHN")]
    days = ["2025-10-08", "2025-10-10", "2025-10-11", "2025-10-17", "2025-11-20"]

    def build():
        rng.seed(6)
        out = []
        for d in range(60):
            published = None if rng.random() < 0.15 else rng.choice(days)
            original = f"doc{d - 1}" if d and rng.random() < 0.15 else None
            for g in range(rng.randint(1, 4)):
                roll = rng.random()
                dates = [rng.choice(days)] if roll < 0.4 else [rng.choice(days)[:7]] if roll < 0.55 else []
                out.append(
                    _account(
                        f"doc{d}", g, rng.choice(kinds), dates, published,
                        [rng.choice(places)] if rng.random() < 0.5 else [],
                        rng.sample(["kim", "xi", "putin", "li", "lam", "country:PRK", "country:RUS"], rng.randint(0, 3)),
                        original=original, mentions=rng.randint(1, 4),
                    )
                )
        merge.set_document_context(out)
        return out

    slow = merge.merge_accounts(build())
    fast = fastmerge.merge_accounts(build())
    assert [([a.key for a in c.accounts], c.reasons) for c in slow] == [([a.key for a in c.accounts], c.reasons) for c in fast]
    assert sum(len(c.accounts) > 1 for c in slow) > 10


def test_a_launch_reported_on_each_side_of_the_date_line_is_one_launch():
    """Washington's Tuesday evening is Pyongyang's Wednesday morning: two reports, each of its own day."""
    accounts = [
        _account("doc1", 0, "weapons_test", ["2017-11-28"], "2017-11-28", [], ["country:PRK", "country:USA"]),
        _account("doc2", 0, "weapons_test", ["2017-11-29"], "2017-11-29", [], ["country:PRK", "kim"]),
        # "longer than the Hwasong-15 it tested three years ago", in a later report: that year's test of it
        _account("doc3", 0, "weapons_test", ["2017"], "2020-10-10", [], ["country:PRK"]),
        # another country's launch the next day is another launch
        _account("doc4", 0, "weapons_test", ["2017-11-29"], "2017-11-29", [], ["country:IRN"]),
        # and a year-only test of another missile is not that one
        _account("doc5", 0, "weapons_test", ["2017"], "2020-10-11", [], ["country:PRK"]),
    ]
    accounts[1].weapons = {"Hwasong-15": "ICBM"}
    accounts[2].weapons = {"Hwasong-15": "ICBM"}
    accounts[4].weapons = {"Hwasong-12": "IRBM"}
    clusters, reasons = _link(accounts)
    assert _together(clusters, "doc1#0", "doc2#0", "doc3#0")
    assert "each reported on its day" in reasons["doc2#0"]
    assert reasons["doc3#0"] == "same type, year 2017 and weapon Hwasong-15"
    assert not _together(clusters, "doc1#0", "doc4#0")
    assert not _together(clusters, "doc1#0", "doc5#0")


def test_report_with_no_date_joins_the_only_event_with_its_people_or_parties():
    """A report with no date of its own: the same two leaders in the same country, one person and no
    place said, or the same two countries as parties, if only one event has them."""
    accounts = [
        _account("doc1", 0, "meeting", ["2023-09-13"], "2023-09-14", [("Vostochny Cosmodrome", "RUS")], ["kim", "putin"]),
        _account("doc1", 1, "parade", ["2023-07-27"], "2023-09-14", [("Pyongyang", "PRK")], ["shoigu"]),
        _account("doc2", 0, "troop_deployment", ["2024-10-28"], "2024-10-29", [("Russia", "RUS")], ["country:PRK", "country:RUS"]),
        _account("doc2", 1, "statement", ["2024-10-28"], "2024-10-29", [], ["kirby"]),
        _account("doc3", 0, "meeting", [], None, [("Russia", "RUS")], ["kim", "putin"]),
        _account("doc3", 1, "parade", [], None, [], ["shoigu"]),
        _account("doc4", 0, "troop_deployment", [], "2024-10", [], ["country:PRK", "country:RUS", "country:UKR"]),
        # one speaks often: a statement by the same man says nothing about which statement it is
        _account("doc4", 1, "statement", [], "2024-10", [], ["kirby"]),
    ]
    clusters, reasons = _link(accounts)
    assert _together(clusters, "doc1#0", "doc3#0")
    assert "country RUS and participants" in reasons["doc3#0"]
    assert _together(clusters, "doc1#1", "doc3#1")
    assert _together(clusters, "doc2#0", "doc4#0")
    assert "parties" in reasons["doc4#0"]
    assert not _together(clusters, "doc2#1", "doc4#1")
