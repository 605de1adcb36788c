"""Records in the public export format (../shared/contract/export-format.md) and their writers.

The JSON Lines shape is the reference; Parquet keeps nested fields as nested
columns. Fields are only ever added.

For spreadsheets, events also come as three flat tables (:data:`FLAT_TABLES`):
``events`` (one row an event), ``participants`` (one row a person or country at
an event) and ``mentions`` (one row a sentence reporting an event), joined on
``event_id`` and the stable ``mention_id``/``doc_id``; every cell is a plain
value, lists of names are joined with "; ". ``tribune export events --format csv``
writes the flat events table; docs and conflicts CSV flatten as before.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import IO, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from tribune.store.db import Store


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None  # canonical name, alias or actor id
    country: str | None = None  # ISO alpha-3 of a participant or of the place
    since: str | None = None
    until: str | None = None
    status: str | None = None


def document_records(store: Store) -> Iterator[dict]:
    """Documents in the export shape; ``text`` is the clean text as stored, so what cleaning kept can be checked and reused."""
    for row in store.query(
        "SELECT id, path, url, outlet, title, published, published_source, duplicate_of, dateline, byline, n_words, text "
        "FROM documents ORDER BY path, id"
    ):
        yield row


def _participant(row: dict) -> dict:
    return {"actor_id": row["actor_id"], "name": row["name"], "country": row["country"], "title": row["title"], "role": row["role"]}


def _is_party(p: dict) -> bool:
    return (p.get("actor_id") or "").startswith("country:")


def _people(participants: list[dict]) -> list[dict]:
    """The people and organisations who take part: what ``participants`` holds."""
    return [p for p in participants if not _is_party(p)]


def _parties(participants: list[dict]) -> list[dict]:
    """Countries taking part as states (sender, recipient, target of an arms transfer, a sanction, an
    attack): ``parties``, an extension of the contract. They are kept apart from ``participants``, which
    name the people an article connects with the event (docs/export-format.md)."""
    return [p for p in participants if _is_party(p)]


def _event_participant(row: dict) -> dict:
    """An event's participant with its own status and the documents that give it (an extension of the contract:
    docs/export-format.md). A knowledge base not relinked since statuses were added reads as attended."""
    out = _participant(row)
    out["status"] = row.get("status") or "happened"
    out["sources"] = json.loads(row["sources"]) if row.get("sources") else []
    return out


def _matching_event_ids(store: Store, flt: EventFilter) -> list[str]:
    clauses, params = [], []
    if flt.type:
        clauses.append("e.type = ?")
        params.append(flt.type)
    if flt.status:
        clauses.append("e.status = ?")
        params.append(flt.status)
    if flt.since:
        clauses.append("e.date IS NOT NULL AND rpad(e.date, 10, '-99') >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append("e.date IS NOT NULL AND e.date <= ?")
        params.append(flt.until)
    if flt.country:
        clauses.append("(e.location_country = ? OR EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.country = ?))")
        params.extend([flt.country.upper(), flt.country.upper()])
    if flt.actor:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND "
            "(lower(p.name) = lower(?) OR p.actor_id = ? OR lower(p.name) LIKE '%' || lower(?) || '%'))"
        )
        params.extend([flt.actor, flt.actor, flt.actor])
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = store.query(f"SELECT e.id FROM events e {where} ORDER BY e.date NULLS LAST, e.type, e.id", params)
    return [r["id"] for r in rows]


def event_records(store: Store, flt: EventFilter | None = None) -> list[dict]:
    """Events in the export shape, each with every mention and each source's own account."""
    ids = _matching_event_ids(store, flt or EventFilter())
    if not ids:
        return []
    id_list = ids
    events = {r["id"]: r for r in store.query("SELECT * FROM events WHERE id IN (SELECT unnest(?))", [id_list])}
    participants = defaultdict(list)
    for row in store.query("SELECT * FROM event_participants WHERE event_id IN (SELECT unnest(?)) ORDER BY support DESC, name", [id_list]):
        participants[row["event_id"]].append(_event_participant(row))
    weapons = defaultdict(list)
    for row in store.query("SELECT * FROM event_weapons WHERE event_id IN (SELECT unnest(?)) ORDER BY name", [id_list]):
        weapons[row["event_id"]].append({"name": row["name"], "class": row["class"]})
    mention_rows = store.query(
        "SELECT em.event_id, m.*, d.path FROM event_mentions em JOIN mentions m ON m.id = em.mention_id "
        "JOIN documents d ON d.id = m.doc_id WHERE em.event_id IN (SELECT unnest(?)) ORDER BY d.path, m.sentence_index",
        [id_list],
    )
    mention_ids = [m["id"] for m in mention_rows]
    mention_participants = defaultdict(list)
    for row in store.query("SELECT * FROM mention_participants WHERE mention_id IN (SELECT unnest(?))", [mention_ids]):
        mention_participants[row["mention_id"]].append(_participant(row))
    mentions = defaultdict(list)
    for m in mention_rows:
        mentions[m["event_id"]].append(
            {
                "id": m["id"],
                "doc_id": m["doc_id"],
                "path": m["path"],
                "sentence": m["sentence"],
                "start": m["start_char"],
                "end": m["end_char"],
                "status": m["status"],
                "date": m["date"],
                "participants": _people(mention_participants[m["id"]]),
                "parties": _parties(mention_participants[m["id"]]),
                "trigger": m["trigger"],
                "type": m["type"],
                "date_evidence": m["date_evidence"],
            }
        )
    claims = defaultdict(list)
    for row in store.query("SELECT * FROM claims WHERE event_id IN (SELECT unnest(?)) ORDER BY attribute, subject, value", [id_list]):
        claims[row["event_id"]].append({"attribute": row["attribute"], "subject": row["subject"], "value": row["value"], "doc_ids": json.loads(row["doc_ids"])})
    conflicts = defaultdict(list)
    for row in store.query("SELECT * FROM conflicts WHERE event_id IN (SELECT unnest(?))", [id_list]):
        sides = json.loads(row["claims"])
        conflicts[row["event_id"]].append(
            {"attribute": row["attribute"], "values": [{"value": c["value"], "doc_ids": c.get("doc_ids", [])} for c in sides], "note": row["note"]}
        )
    out = []
    for event_id in ids:
        e = events[event_id]
        out.append(
            {
                "id": e["id"],
                "type": e["type"],
                "date": e["date"],
                "date_end": e["date_end"],
                "location": {"name": e["location_name"], "country": e["location_country"]} if e["location_name"] else None,
                "status": e["status"],
                "participants": _people(participants[event_id]),
                "parties": _parties(participants[event_id]),
                "weapons": weapons[event_id],
                "plover": e["plover"],
                "mentions": mentions[event_id],
                "sources": e["sources"],
                "conflicts": conflicts[event_id],
                "confidence": e["confidence"],
                "merge_reasons": json.loads(e["merge_reasons"]),
                "claims": claims[event_id],
            }
        )
    return out


def conflict_records(store: Store) -> list[dict]:
    """Every conflict: between sources of an event, and inside single documents."""
    out = []
    for row in store.query(
        "SELECT c.*, e.type, e.date FROM conflicts c LEFT JOIN events e ON e.id = c.event_id ORDER BY e.date NULLS LAST, c.attribute"
    ):
        out.append({"scope": "event", "event_id": row["event_id"], "event": f"{row['type']} {row['date'] or ''}".strip(), "attribute": row["attribute"], "note": row["note"], "values": json.loads(row["claims"])})
    for row in store.query(
        "SELECT c.*, d.path FROM document_conflicts c JOIN documents d ON d.id = c.doc_id ORDER BY d.path"
    ):
        out.append({"scope": "document", "doc_id": row["doc_id"], "path": row["path"], "attribute": row["attribute"], "note": row["note"], "values": json.loads(row["claims"])})
    return out


# -- writers ------------------------------------------------------------------------------


_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
"""Characters some readers treat as line ends (Python's splitlines, JavaScript): escaped so a record stays one line."""


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for record in records:
        line = json.dumps(record, ensure_ascii=False, default=str)
        for char, escaped in _LINE_BREAKS.items():
            line = line.replace(char, escaped)
        out.write(line)
        out.write("\n")
        n += 1
    return n


def write_csv(records: Iterable[dict], out: IO[str]) -> int:
    rows = list(records)
    if not rows:
        return 0
    columns = list(rows[0].keys())
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})
    return len(rows)


PARQUET_DATE_FIELDS = ("date_end",)
"""Fields that hold a day (YYYY-MM-DD) or nothing, typed as Parquet dates; a partial value (YYYY-MM) stays in ``date``."""


def _day(value):
    from datetime import date

    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def write_parquet(records: Iterable[dict], path: str) -> int:
    rows = list(records)
    if not rows:
        pq.write_table(pa.table({}), path)
        return len(rows)
    dated = [f for f in PARQUET_DATE_FIELDS if f in rows[0]]
    if dated:
        rows = [{**r, **{f: _day(r.get(f)) for f in dated}} for r in rows]
        table = pa.Table.from_pylist(rows)
        for f in dated:
            i = table.schema.get_field_index(f)
            table = table.set_column(i, pa.field(f, pa.date32()), table.column(f).cast(pa.date32()))
    else:
        table = pa.Table.from_pylist(rows)
    pq.write_table(table, path)
    return len(rows)


# -- flat tables for spreadsheets ----------------------------------------------------------


def _joined(values) -> str:
    return "; ".join(v for v in values if v)


def flat_events(events: Iterable[dict]) -> Iterator[dict]:
    """One row per event, every cell a plain value (lists become counts or "; "-joined names)."""
    for e in events:
        people, countries = e["participants"], e.get("parties", [])
        yield {
            "event_id": e["id"],
            "type": e["type"],
            "date": e["date"],
            "date_end": e["date_end"],
            "status": e["status"],
            "place": (e["location"] or {}).get("name"),
            "place_country": (e["location"] or {}).get("country"),
            "plover": e["plover"],
            "sources": e["sources"],
            "confidence": e["confidence"],
            "participants": _joined(p["name"] for p in people),
            "countries": _joined(sorted({p["country"] for p in countries if p["country"]})),
            "n_participants": len(people) + len(countries),
            "weapons": _joined(w["name"] for w in e["weapons"]),
            "n_mentions": len(e["mentions"]),
            "conflicts": _joined(c["attribute"] for c in e["conflicts"]),
            "n_conflicts": len(e["conflicts"]),
        }


def flat_participants(events: Iterable[dict]) -> Iterator[dict]:
    """One row per participant of an event (people, organisations and countries as parties)."""
    for e in events:
        named_by: dict[str, set[str]] = defaultdict(set)
        for m in e["mentions"]:
            for p in m["participants"] + m.get("parties", []):
                named_by[p["actor_id"]].add(m["doc_id"])
        for p in e["participants"] + e.get("parties", []):
            yield {
                "event_id": e["id"],
                "actor_id": p["actor_id"],
                "name": p["name"],
                "country": p["country"],
                "title": p["title"],
                "role": p["role"],
                "is_country": (p["actor_id"] or "").startswith("country:"),
                "n_documents": len(named_by.get(p["actor_id"], ())),
            }


def flat_mentions(events: Iterable[dict]) -> Iterator[dict]:
    """One row per sentence that reports an event: what that document says (its status and date)."""
    for e in events:
        for m in e["mentions"]:
            yield {
                "mention_id": m["id"],
                "event_id": e["id"],
                "doc_id": m["doc_id"],
                "path": m["path"],
                "type": m["type"],
                "status": m["status"],
                "date": m["date"],
                "date_evidence": m["date_evidence"],
                "trigger": m["trigger"],
                "participants": _joined(p["name"] for p in m["participants"]),
                "start": m["start"],
                "end": m["end"],
                "sentence": m["sentence"],
            }


FLAT_TABLES = {"events": flat_events, "participants": flat_participants, "mentions": flat_mentions}
EXPORT_NAMES = ("events", "participants", "mentions", "docs", "conflicts")


def export_table(tb, what: str, fmt: str, *, since: str | None = None, until: str | None = None) -> list[dict]:
    """The records ``tribune export WHAT --format FMT`` writes (the CLI and the web downloads share it).

    Events are the nested reference records, except as CSV, where a spreadsheet gets the
    flat events table; participants and mentions are always the flat tables."""
    if what not in EXPORT_NAMES:
        raise ValueError(f"cannot export '{what}': choose {', '.join(EXPORT_NAMES)}")
    if what in ("events", "participants", "mentions"):
        events = tb.events(since=since, until=until)
        if what == "events" and fmt != "csv":
            return events
        return list(FLAT_TABLES[what](events))
    return tb.documents() if what == "docs" else tb.conflicts()


def render(records: list[dict], fmt: str) -> str:
    buffer = io.StringIO()
    (write_csv if fmt == "csv" else write_jsonl)(records, buffer)
    return buffer.getvalue()
