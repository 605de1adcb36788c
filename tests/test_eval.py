"""`tribune eval`: the scorer itself on a hand-made case, and the sample corpus against its gold."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import GOLD, SAMPLE
from tribune.evaluate import evaluate


def _event(event_id, kind, date, path, status, people, sentence):
    participants = [{"actor_id": n.lower().replace(" ", "-"), "name": n, "country": c, "title": None, "role": r} for n, c, r in people]
    return {
        "id": event_id,
        "type": kind,
        "date": date,
        "status": status,
        "participants": participants,
        "mentions": [{"doc_id": path, "path": f"corpus/{path}", "sentence": sentence, "start": 0, "end": 1, "status": status, "date": date, "participants": participants}],
    }


def test_scorer_pairs_counts_and_reports_misses():
    gold = {
        "a.txt": {
            "doc_date": "2024-05-02",
            "events": [
                {"id": "p1", "type": "parade", "date": "2024-05-01", "status": "happened", "participants": [{"name": "Jane Roe", "role": "host"}], "evidence": "a parade was held"},
                {"id": "v1", "type": "visit", "date": "2024-05-03", "status": "planned", "participants": [], "evidence": "will visit the port"},
            ],
            "delegations": [{"event_id": "p1", "country": "FRA", "head": "John Doe"}],
        },
        "b.txt": {"doc_date": None, "events": [{"id": "p1", "type": "ceremony", "date": "2024-05", "status": "happened", "participants": [], "evidence": "the ceremony"}]},
        "_events": [{"id": "p1"}, {"id": "v1"}],
    }
    events = [
        _event("e1", "parade", "2024-05-01", "a.txt", "happened", [("Jane Roe", "USA", "host"), ("John Doe", "FRA", "delegation_head")], "Yesterday a parade was held in the capital."),
        _event("e2", "meeting", "2024-05-09", "a.txt", "happened", [], "The ministers met."),
        _event("e1b", "parade", "2024-05-01", "b.txt", "happened", [], "The ceremony drew crowds."),
    ]
    docs = [{"path": "corpus/a.txt", "published": "2024-05-02"}, {"path": "corpus/b.txt", "published": None}]
    report = evaluate(events, docs, gold)
    figures = report.as_dict()
    assert (report.events.tp, report.events.fp, report.events.fn) == (2, 1, 1)
    assert figures["date_accuracy"] == 1.0
    assert figures["delegation_head_accuracy"] == 1.0
    assert figures["document_date_accuracy"] == 1.0
    assert [m["id"] for m in report.misses] == ["v1"]
    assert [s["type"] for s in report.spurious] == ["meeting"]
    # a.txt and b.txt describe gold event p1, but the system kept them apart (e1, e1b)
    assert (report.cross_doc.tp, report.cross_doc.fn) == (0, 1)


def test_sample_corpus_quality_floors(sample_kb):
    """Figures measured when written (see the issue note); floors sit just below them.

    event F1 0.663, participants F1 0.794, status accuracy 0.895,
    document dates 0.826, delegation heads 0.588, parade F1 0.95.
    """
    tb, _ = sample_kb
    report = evaluate(tb.events(), tb.documents(), json.loads(GOLD.read_text(encoding="utf-8")))
    figures = report.as_dict()
    assert figures["documents_scored"] == 46
    assert figures["events"]["f1"] >= 0.62
    assert figures["participants"]["f1"] >= 0.75
    assert figures["status_accuracy"] >= 0.85
    assert figures["non_happened_status"]["recall"] >= 0.6
    assert figures["document_date_accuracy"] >= 0.8
    assert figures["delegation_head_accuracy"] >= 0.5
    assert figures["events_by_type"]["parade"]["f1"] >= 0.9


def test_eval_cli(tmp_path):
    """The way a user runs it: ingest with the CLI, then score with the CLI."""
    db = str(tmp_path / "kb.duckdb")
    ingest = subprocess.run([sys.executable, "-m", "tribune", "ingest", str(SAMPLE), "--db", db, "-q"], capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    result = subprocess.run([sys.executable, "-m", "tribune", "eval", str(GOLD), "--db", db, "--json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"events", "participants", "misses", "spurious", "cross_document_pairs"} <= set(figures)
    assert figures["documents_scored"] == 46
    table = subprocess.run([sys.executable, "-m", "tribune", "eval", str(GOLD), "--db", db], capture_output=True, text=True, timeout=120)
    assert "event precision / recall / F1" in table.stdout and "gold events not found" in table.stdout


def test_seed_gold(seeds_kb):
    """The hand-made gold for the five seeds (data/gold/seeds.json, no text copied from them).

    Measured when written: event F1 0.774, status accuracy 0.917, participant F1 0.813,
    delegation heads 0.667, cross-document pairs 1.0.
    """
    from conftest import ROOT

    tb, _ = seeds_kb
    gold = json.loads((ROOT / "data" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    figures = evaluate(tb.events(), tb.documents(), gold).as_dict()
    assert figures["documents_scored"] == 5
    assert figures["events"]["f1"] >= 0.72
    assert figures["status_accuracy"] >= 0.9
    assert figures["participants"]["f1"] >= 0.78
    assert figures["cross_document_pairs"]["f1"] >= 0.9
