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
    """Dated events for the timeline page (the API's timeline), statuses and sources included.

    Each item says how precise its date is and the days it covers (``start`` and
    ``end``, inclusive): an event dated only to a month or a year is drawn as a
    span over that month or year, not as a point on its first day.
    """
    rows = []
    for e in tb.events(**{k: v for k, v in filters.items() if v}):
        if not e["date"]:
            continue
        item = _brief_event(e)
        item["precision"] = date_precision(e["date"])
        item["start"], item["end"] = date_span(e["date"], e.get("date_end"))
        item["countries"] = sorted({p["country"] for p in e["participants"] if p["country"]})
        item["weapons"] = [w["name"] for w in e["weapons"]]
        item["conflicts"] = len(e["conflicts"])
        rows.append(item)
    rows.sort(key=lambda r: (r["date"], r["type"], r["id"]))
    return rows


def undated_items(tb, **filters) -> list[dict]:
    """Events no source dates: listed beside the timeline, since they cannot be placed on it.

    A period filter (since, until) leaves none: an undated event is in no period.
    """
    if filters.get("since") or filters.get("until"):
        return []
    rows = []
    for e in tb.events(**{k: v for k, v in filters.items() if v}):
        if e["date"]:
            continue
        item = _brief_event(e)
        item["conflicts"] = len(e["conflicts"])
        rows.append(item)
    rows.sort(key=lambda r: (r["type"], -r["sources"], r["id"]))
    return rows


def date_precision(value: str) -> str:
    """day, month or year, from the length of a partial ISO date."""
    return {10: "day", 7: "month"}.get(len(value), "year")


def date_span(value: str, end: str | None = None) -> tuple[str, str]:
    """The first and last day (ISO, inclusive) a partial date covers, to the end of ``end`` if given."""
    import calendar

    def first(v: str) -> str:
        return v if len(v) == 10 else (v + "-01" if len(v) == 7 else v[:4] + "-01-01")

    def last(v: str) -> str:
        if len(v) == 10:
            return v
        if len(v) == 7:
            year, month = int(v[:4]), int(v[5:7])
            return f"{v}-{calendar.monthrange(year, month)[1]:02d}"
        return v[:4] + "-12-31"

    finish = last(end) if end and end >= value else last(value)
    return first(value), finish


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
