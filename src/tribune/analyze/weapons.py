"""The weapons catalogue: each weapon system, its class, when and where it was first shown."""

from __future__ import annotations

from collections import defaultdict

from tribune.analyze.base import event_doc_paths

# Events at which a weapon is shown to the world, in order of preference for "first shown".
SHOWING_TYPES = ("parade", "exhibition", "weapons_test", "military_exercise", "ceremony")


def weapons_catalogue(tb, *, since: str | None = None, until: str | None = None) -> list[dict]:
    """One row per weapon: name, class, country, first shown (date, where, event), and every event.

    "First shown" is the earliest dated event that *happened* (not planned or speculated)
    of a showing type (parade, exhibition, test, exercise, ceremony); failing that the
    earliest dated happened event of any type.
    """
    rows = tb.store.query(
        "SELECT w.name, any_value(w.class) AS class, e.id, e.type, e.status, e.date, e.location_name, e.location_country "
        "FROM event_weapons w JOIN events e ON e.id = w.event_id GROUP BY w.name, e.id, e.type, e.status, e.date, "
        "e.location_name, e.location_country ORDER BY w.name, e.date NULLS LAST",
    )
    by_name: dict[str, list[dict]] = defaultdict(list)
    classes: dict[str, str | None] = {}
    for r in rows:
        by_name[r["name"]].append(r)
        classes[r["name"]] = classes.get(r["name"]) or r["class"]
    paths = event_doc_paths(tb, sorted({r["id"] for r in rows}))
    out = []
    for name, events in by_name.items():
        shown = [e for e in events if e["date"] and e["status"] == "happened"]
        preferred = [e for e in shown if e["type"] in SHOWING_TYPES] or shown
        first = min(preferred, key=lambda e: e["date"]) if preferred else None
        kb_weapon = tb.kb.weapon(name)
        item = {
            "name": name,
            "class": classes[name] or (kb_weapon.weapon_class if kb_weapon else None),
            "country": kb_weapon.country if kb_weapon else None,
            "first_shown": first["date"] if first else None,
            "first_event": first["id"] if first else None,
            "first_type": first["type"] if first else None,
            "where": first["location_name"] if first else None,
            "where_country": first["location_country"] if first else None,
            "sources": paths.get(first["id"], []) if first else [],
            "events": [
                {"id": e["id"], "type": e["type"], "status": e["status"], "date": e["date"], "place": e["location_name"]} for e in events
            ],
        }
        if since and (not item["first_shown"] or item["first_shown"].ljust(10, "9") < since):
            continue
        if until and (not item["first_shown"] or item["first_shown"] > until):
            continue
        out.append(item)
    out.sort(key=lambda w: (w["first_shown"] is None, w["first_shown"] or "", w["name"]))
    return out
