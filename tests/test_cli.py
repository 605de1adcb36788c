"""The CLI run the way a user runs it: a subprocess, real files, real output."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import SAMPLE

CONTRACT_EVENT_FIELDS = {"id", "type", "date", "date_end", "location", "status", "participants", "weapons", "plover", "mentions", "sources", "conflicts", "confidence"}
CONTRACT_MENTION_FIELDS = {"doc_id", "path", "sentence", "start", "end", "status", "date", "participants"}
CONTRACT_PARTICIPANT_FIELDS = {"actor_id", "name", "country", "title", "role"}
CONTRACT_DOC_FIELDS = {"id", "path", "url", "outlet", "title", "published", "published_source", "duplicate_of"}


def tribune(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tribune", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder with a few sample articles and a knowledge base made by `tribune ingest`."""
    work = tmp_path_factory.mktemp("cli")
    corpus = work / "articles"
    corpus.mkdir()
    picked = sorted(p for p in SAMPLE.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})[:6]
    assert picked, "the sample corpus is missing"
    for path in picked:
        shutil.copy(path, corpus / path.name)
    articles = sum(len([l for l in p.read_text().splitlines() if l.strip()]) if p.suffix == ".jsonl" else 1 for p in picked)
    (work / "expected_docs").write_text(str(articles))
    (corpus / "broken.jsonl").write_text('{"text": 1}\n{oops\n', encoding="utf-8")
    result = tribune("ingest", "articles", "--db", "kb.duckdb", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "broken.jsonl:1" in result.stderr and "broken.jsonl:2" in result.stderr
    assert "articles" in result.stdout and "events" in result.stdout
    return work


def test_ingest_twice_adds_nothing(workdir):
    result = tribune("ingest", "articles", "--db", "kb.duckdb", "--strict", cwd=workdir)
    assert "0 new" in result.stdout
    assert result.returncode == 2, "--strict exits 2 when some file could not be read"


def test_export_events_jsonl_follows_the_contract(workdir):
    result = tribune("export", "events", "--db", "kb.duckdb", "--format", "jsonl", cwd=workdir)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events
    for event in events:
        assert CONTRACT_EVENT_FIELDS <= set(event)
        assert event["status"] in {"happened", "planned", "speculated", "denied"}
        assert event["mentions"], "every event points back to the sentences that state it"
        for mention in event["mentions"]:
            assert CONTRACT_MENTION_FIELDS <= set(mention)
            assert mention["path"].startswith("articles/"), "paths stay as given to ingest"
            for participant in mention["participants"]:
                assert CONTRACT_PARTICIPANT_FIELDS <= set(participant)
        for participant in event["participants"]:
            assert CONTRACT_PARTICIPANT_FIELDS <= set(participant)
        if event["date"]:
            assert len(event["date"]) in (4, 7, 10)


def test_export_sentence_offsets_point_into_the_document(workdir):
    import duckdb

    events = [json.loads(line) for line in tribune("export", "events", "--db", "kb.duckdb", cwd=workdir).stdout.splitlines()]
    con = duckdb.connect(str(workdir / "kb.duckdb"), read_only=True)
    texts = dict(con.execute("SELECT id, text FROM documents").fetchall())
    con.close()
    for event in events:
        for mention in event["mentions"]:
            assert texts[mention["doc_id"]][mention["start"] : mention["end"]].strip() == mention["sentence"]


def test_export_docs_in_three_formats(workdir):
    jsonl = tribune("export", "docs", "--db", "kb.duckdb", cwd=workdir)
    docs = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(docs) == int((workdir / "expected_docs").read_text())  # one per file, one per JSON Lines record
    assert all(CONTRACT_DOC_FIELDS <= set(d) for d in docs)
    assert all(d["published_source"] in {"metadata", "dateline", "text", "inferred", "unknown"} for d in docs)
    as_csv = tribune("export", "docs", "--db", "kb.duckdb", "--format", "csv", cwd=workdir)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert {r["id"] for r in rows} == {d["id"] for d in docs}
    out = tribune("export", "events", "--db", "kb.duckdb", "--format", "parquet", "--out", "events.parquet", cwd=workdir)
    assert out.returncode == 0, out.stderr
    table = pq.read_table(workdir / "events.parquet")
    assert CONTRACT_EVENT_FIELDS <= set(table.column_names)


def test_events_filters_and_timeline(workdir):
    everything = [json.loads(l) for l in tribune("events", "--db", "kb.duckdb", "--json", cwd=workdir).stdout.splitlines()]
    parades = [json.loads(l) for l in tribune("events", "--db", "kb.duckdb", "--json", "--type", "parade", cwd=workdir).stdout.splitlines()]
    assert parades and all(e["type"] == "parade" for e in parades)
    assert len(parades) < len(everything)
    since = [json.loads(l) for l in tribune("events", "--db", "kb.duckdb", "--json", "--since", "2020-01-01", cwd=workdir).stdout.splitlines()]
    assert all(e["date"] and e["date"][:4] >= "2020" for e in since)
    timeline = tribune("timeline", "--db", "kb.duckdb", cwd=workdir).stdout.split("\nundated (")[0].splitlines()
    dates = [line.split()[0] for line in timeline if line.strip()]
    assert dates == sorted(dates)


def test_summary_and_conflicts_run(workdir):
    summary = tribune("summary", "--db", "kb.duckdb", cwd=workdir)
    assert summary.returncode == 0
    assert "Events by type and status" in summary.stdout
    assert "broken.jsonl" in summary.stdout, "the summary lists files that could not be read"
    assert tribune("conflicts", "--db", "kb.duckdb", cwd=workdir).returncode == 0


def test_clear_errors(tmp_path):
    missing = tribune("events", "--db", "nowhere.duckdb", cwd=tmp_path)
    assert missing.returncode == 1 and "no such knowledge base" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = tribune("export", "events", "--format", "xml", cwd=tmp_path)
    assert bad.returncode == 1 and "unknown format" in bad.stderr
