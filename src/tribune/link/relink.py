"""Rebuild the events tables from the stored mentions, in one transaction.

Events are derived data: recomputing them from mentions after each ingest
keeps them consistent with whatever documents are in the store, and a crash
during relinking leaves the previous events in place.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pyarrow as pa

from tribune.kb.knowledge import KnowledgeBase
from tribune.link.fastmerge import merge_accounts  # merge.merge_accounts with an index: same clusters
from tribune.link.merge import accounts_from_rows, build_events
from tribune.store.db import Store


def relink(store: Store, kb: KnowledgeBase) -> int:
    """Merge all mentions into events; returns the number of events."""
    docs = store.query("SELECT id, published, duplicate_of FROM documents ORDER BY ingested_at, id")
    # only the columns linking reads: the sentence texts are most of a mention's bytes
    mentions = store.query(
        "SELECT id, doc_id, sentence_index, start_char, type, status, date, date_precision, location_name, location_country, confidence, grp "
        "FROM mentions ORDER BY doc_id, sentence_index"
    )
    participants = store.query("SELECT * FROM mention_participants")
    weapons = store.query("SELECT * FROM mention_weapons")
    spans = defaultdict(list)
    for row in store.query("SELECT doc_id, start_char, end_char, original_doc_id FROM paragraph_duplicates"):
        spans[row["doc_id"]].append((row["start_char"], row["end_char"], row["original_doc_id"]))
    accounts = accounts_from_rows(mentions, participants, weapons, docs, spans)
    clusters = merge_accounts(accounts)
    events, conflicts = build_events(clusters, kb)
    store.release()  # clustering took the time, and needed no lock: readers could read meanwhile
    with store.transaction():
        con = store.con
        for table in ("event_mentions", "event_participants", "event_weapons", "claims", "conflicts", "events"):
            con.execute(f"DELETE FROM {table}")
        if events:
            columns = ["id", "type", "status", "date", "date_precision", "date_end", "location_name", "location_country", "plover", "sources", "confidence", "merge_reasons"]
            store._insert("events", pa.table({c: [e[c] for e in events] for c in columns}))
            store._insert("event_mentions", pa.table({"event_id": [e["id"] for e in events for _ in e["mention_ids"]], "mention_id": [m for e in events for m in e["mention_ids"]]}))
            prow = [(e["id"], p) for e in events for p in e["participants"]]
            store._insert(
                "event_participants",
                pa.table(
                    {
                        "event_id": [eid for eid, _ in prow],
                        "actor_id": [p["actor_id"] for _, p in prow],
                        "name": [p["name"] for _, p in prow],
                        "country": pa.array([p["country"] for _, p in prow], type=pa.string()),
                        "title": pa.array([p["title"] for _, p in prow], type=pa.string()),
                        "role": [p["role"] for _, p in prow],
                        "support": pa.array([p["support"] for _, p in prow], type=pa.int32()),
                        "status": pa.array([p["status"] for _, p in prow], type=pa.string()),
                        "sources": pa.array([json.dumps(p["sources"]) for _, p in prow], type=pa.string()),
                    }
                ),
            )
            crow = [(e["id"], c) for e in events for c in e["claims"]]
            store._insert(
                "claims",
                pa.table(
                    {
                        "event_id": [eid for eid, _ in crow],
                        "attribute": [c["attribute"] for _, c in crow],
                        "subject": pa.array([c["subject"] for _, c in crow], type=pa.string()),
                        "value": [c["value"] for _, c in crow],
                        "doc_ids": [json.dumps(c["doc_ids"]) for _, c in crow],
                    }
                ),
            )
            wrow = [(e["id"], n, c) for e in events for n, c in e["weapons"].items()]
            store._insert("event_weapons", pa.table({"event_id": [r[0] for r in wrow], "name": [r[1] for r in wrow], "class": pa.array([r[2] for r in wrow], type=pa.string())}))
        if conflicts:
            store._insert(
                "conflicts",
                pa.table(
                    {
                        "event_id": pa.array([c["event_id"] for c in conflicts], type=pa.string()),
                        "doc_id": pa.array([c["doc_id"] for c in conflicts], type=pa.string()),
                        "attribute": [c["attribute"] for c in conflicts],
                        "claims": [json.dumps(c["claims"], ensure_ascii=False) for c in conflicts],
                        "note": pa.array([c["note"] for c in conflicts], type=pa.string()),
                    }
                ),
            )
    return len(events)
