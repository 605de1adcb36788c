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
    assert (preview["published"], preview["published_source"]) == ("2018-06", "inferred")
    # A document mainly about an undated (planned) event stays undated rather than wrongly dated.
    assert docs["rus_prk_summit_2023-09-13_preview_meridian.txt"]["published"] is None


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
