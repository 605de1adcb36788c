"""Small reads shared by the analysis views (web pages, JSON API, CLI commands).

Every view in ``tribune.analyze`` takes a :class:`tribune.api.Tribune` and
returns plain dicts and lists. SQL lives here and in the sibling modules,
never in the web layer, and every value is a bound parameter.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from tribune.filters import PARTIAL_DATE

STATUSES = ("happened", "planned", "speculated", "denied")


def is_country_actor(actor_id: str | None) -> bool:
    return bool(actor_id) and actor_id.startswith("country:")


def event_by_id(tb, event_id: str) -> dict | None:
    """One event in the export shape (narrowed by type and date so only a few are built)."""
    rows = tb.store.query("SELECT type, date FROM events WHERE id = ?", [event_id])
    if not rows:
        return None
    row = rows[0]
    filters = {"type": row["type"]}
    if row["date"] and PARTIAL_DATE.match(row["date"]):  # the filters take only YYYY[-MM[-DD]]
        filters.update(since=row["date"], until=row["date"])
    for event in tb.events(**filters):
        if event["id"] == event_id:
            return event
    return next((e for e in tb.events(type=row["type"]) if e["id"] == event_id), None)


def documents_by_id(tb, doc_ids: list[str], *, text: bool = False) -> dict[str, dict]:
    if not doc_ids:
        return {}
    columns = "id, path, url, outlet, title, published, published_source, duplicate_of" + (", text" if text else "")
    rows = tb.store.query(f"SELECT {columns} FROM documents WHERE id IN (SELECT unnest(?))", [list(doc_ids)])
    return {r["id"]: r for r in rows}


def event_doc_paths(tb, event_ids: list[str]) -> dict[str, list[str]]:
    """The source documents (paths, or ids where a document has no path) of each event."""
    out: dict[str, list[str]] = {e: [] for e in event_ids}
    if not event_ids:
        return out
    rows = tb.store.query(
        "SELECT DISTINCT em.event_id, coalesce(d.path, d.id) AS path FROM event_mentions em "
        "JOIN mentions m ON m.id = em.mention_id JOIN documents d ON d.id = m.doc_id "
        "WHERE em.event_id IN (SELECT unnest(?)) ORDER BY 1, 2",
        [list(event_ids)],
    )
    for r in rows:
        out[r["event_id"]].append(r["path"])
    return out


@lru_cache(maxsize=1)
def rank_labels() -> dict[int, str]:
    """Protocol rank number -> label, from the knowledge base's rank scale (kb/data/ranks.json)."""
    data = json.loads(resources.files("tribune.kb").joinpath("data", "ranks.json").read_text("utf-8"))
    labels: dict[int, str] = {}
    for entry in data.get("scale", []):
        label = entry.get("label", entry["rank_class"]).split(" (")[0]
        labels.setdefault(int(entry["rank"]), label)
    return labels


def in_period(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether a partial ISO date lies in [since, until] (both optional)."""
    if not since and not until:
        return True
    if not date:
        return False
    if since and date.ljust(10, "9") < since:
        return False
    if until and date > until:
        return False
    return True
