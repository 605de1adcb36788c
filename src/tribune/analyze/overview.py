"""The overview page: counts, latest events, open conflicts, documents that failed to ingest."""

from __future__ import annotations

from collections import Counter

from tribune.analyze.base import STATUSES


def overview(tb, *, latest: int = 12) -> dict:
    counts = tb.store.counts()
    events = tb.events()
    by_type = Counter(e["type"] for e in events)
    by_status = Counter(e["status"] for e in events)
    dated = sorted((e for e in events if e["date"]), key=lambda e: (e["date"], e["id"]), reverse=True)
    return {
        "counts": counts,
        "by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_status": {s: by_status.get(s, 0) for s in STATUSES},
        "latest_events": [_brief_event(e) for e in dated[:latest]],
        "conflicts": tb.conflicts(),
        "problems": tb.problems(),
        "span": [dated[-1]["date"], dated[0]["date"]] if dated else None,
    }


def _brief_event(e: dict) -> dict:
    return {
        "id": e["id"],
        "date": e["date"],
        "type": e["type"],
        "status": e["status"],
        "place": (e["location"] or {}).get("name"),
        "participants": [p["name"] for p in e["participants"] if not p["actor_id"].startswith("country:")][:6],
        "sources": e["sources"],
    }


def timeline_items(tb, **filters) -> list[dict]:
    """Dated events for the timeline page (the API's timeline), statuses and sources included."""
    rows = []
    for e in tb.events(**{k: v for k, v in filters.items() if v}):
        if not e["date"]:
            continue
        item = _brief_event(e)
        item["countries"] = sorted({p["country"] for p in e["participants"] if p["country"]})
        item["weapons"] = [w["name"] for w in e["weapons"]]
        item["conflicts"] = len(e["conflicts"])
        rows.append(item)
    rows.sort(key=lambda r: (r["date"], r["type"], r["id"]))
    return rows


def filter_choices(tb) -> dict:
    """Values the filter menus offer."""
    types = [r["type"] for r in tb.store.query("SELECT DISTINCT type FROM events ORDER BY type")]
    countries = [
        r["c"]
        for r in tb.store.query(
            "SELECT DISTINCT c FROM (SELECT country AS c FROM event_participants UNION SELECT location_country FROM events) WHERE c IS NOT NULL ORDER BY c"
        )
    ]
    return {"types": types, "statuses": list(STATUSES), "countries": countries}
