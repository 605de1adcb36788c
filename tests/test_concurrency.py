"""Reading while an ingest writes.

DuckDB lets one process write a file and no other process open it meanwhile,
so tribune's ingest holds the file only while it writes a batch (and while
relinking reads and writes), and the web app opens it only for each read.
These tests run the real CLI ingest in a subprocess and read through the web
app the whole time: every read must succeed and must see whole batches only.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLE

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from tribune.store.db import KnowledgeBaseBusy, Store  # noqa: E402
from tribune.web.app import create_app  # noqa: E402

WHOLE_BATCH_CHECKS = {
    "document without its source": "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.doc_id = d.id)",
    "document without sentences": "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)",
    "document without its signature": "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM minhashes m WHERE m.doc_id = d.id)",
    "mention without its document": "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc_id)",
    "event link without its mention": "SELECT count(*) FROM event_mentions e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = e.mention_id)",
    "event without mentions": "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)",
}


def _ingest(db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tribune", "ingest", str(SAMPLE), "--db", str(db), "--quiet", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _half_batches(tb) -> dict[str, int]:
    found = {}
    for name, sql in WHOLE_BATCH_CHECKS.items():
        n = tb.store.con.execute(sql).fetchone()[0]
        if n:
            found[name] = n
    return found


def test_the_api_answers_while_an_ingest_writes_and_never_shows_half_a_batch(tmp_path):
    db = tmp_path / "kb.duckdb"
    Store.open(str(db)).close()  # an empty knowledge base for the server to open
    client = TestClient(create_app(str(db)))
    kb = client.app.state.kb

    process = _ingest(db, "--batch-size", "2")
    seen_documents: list[int] = []
    reads = failures = 0
    try:
        while process.poll() is None:
            for path in ("/api/overview", "/api/documents", "/api/timeline", "/api/search?q=parade"):
                response = client.get(path)
                reads += 1
                if response.status_code != 200:
                    failures += 1
                    pytest.fail(f"{path} answered {response.status_code} while the ingest wrote: {response.text[:300]}")
                if path == "/api/overview":
                    seen_documents.append(response.json()["counts"]["documents"])
            assert kb(_half_batches) == {}, "a read saw part of a batch"
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()
    out, err = process.communicate()
    assert process.returncode == 0, err

    assert failures == 0
    assert seen_documents == sorted(seen_documents), "the number of documents went down between two reads"
    distinct = sorted(set(seen_documents))
    assert len(distinct) >= 3, f"the reads did not interleave with the ingest's batches: saw only {distinct} documents"
    final = client.get("/api/overview").json()["counts"]
    assert final["documents"] > distinct[0] and final["events"] > 0
    assert kb(_half_batches) == {}
    print(f"\nconcurrency: {reads} API reads during the ingest, none failed; saw the knowledge base at {len(distinct)} sizes: {distinct}")


def test_a_second_writer_is_told_another_process_is_writing(tmp_path):
    db = tmp_path / "kb.duckdb"
    with Store.open(str(db)):
        result = subprocess.run(
            [sys.executable, "-m", "tribune", "ingest", str(SAMPLE), "--db", str(db), "--quiet"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1
        assert "another tribune process" in result.stderr and str(db) in result.stderr
        with pytest.raises(KnowledgeBaseBusy):
            Store.open(str(db))
    Store.open(str(db)).close()  # once the first writer is gone, the file is free again


def test_a_reader_waits_for_a_write_then_gives_a_clear_busy_error(tmp_path):
    """A writer that holds the file longer than the reader's patience costs a 503, not a crash."""
    db = tmp_path / "kb.duckdb"
    Store.open(str(db)).close()
    app = create_app(str(db))  # opened before the writer holds the file, as a server already running
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(4); "
            "print(time.time(), flush=True); c.close(); time.sleep(30)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        reader = Store(str(db), read_only=True, lock_timeout=0.5)
        started = time.monotonic()
        with pytest.raises(KnowledgeBaseBusy, match="busy"):
            reader.con
        assert time.monotonic() - started >= 0.5, "the reader gave up without waiting"
        app.state.kb.tb.store.lock_timeout = 0.3
        busy = TestClient(app).get("/api/overview")
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5" and "busy" in busy.json()["detail"]
        patient = Store(str(db), read_only=True, lock_timeout=30)
        with patient.held():
            read_at = time.time()
            assert patient.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
        letting_go_at = float(holder.stdout.readline())
        assert read_at >= letting_go_at, "the patient reader read while the writer still held the file"
    finally:
        holder.kill()
        holder.wait()
