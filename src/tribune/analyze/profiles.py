"""Actor profiles: aliases, offices over time (from the knowledge base), events, co-appearances."""

from __future__ import annotations

from tribune.analyze.base import is_country_actor, rank_labels
from tribune.analyze.network import ATTENDED, network_settings


def find_actors(tb, query: str | None = None, *, limit: int = 200) -> list[dict]:
    """Actors in the knowledge base with how many events each appears in; optionally by name."""
    params: list = []
    where = ""
    if query:
        where = "WHERE lower(a.name) LIKE '%' || lower(?) || '%' OR a.id = ?"
        params += [query, query]
    params.append(limit)
    return tb.store.query(
        "SELECT a.id, a.name, a.kind, a.country, count(DISTINCT p.event_id) AS events "
        "FROM actors a LEFT JOIN event_participants p ON p.actor_id = a.id AND coalesce(p.status, 'happened') = 'happened' "
        f"{where} GROUP BY ALL ORDER BY events DESC, a.name LIMIT ?",
        params,
    )


def resolve_actor(tb, name: str) -> str | None:
    """An actor id for an id, canonical name or alias (the KB's), or a unique partial name."""
    if tb.store.query("SELECT 1 FROM actors WHERE id = ?", [name]):
        return name
    rows = tb.store.query("SELECT id FROM actors WHERE lower(name) = lower(?)", [name])
    if rows:
        return rows[0]["id"]
    for actor in tb.kb.actors_named(name):
        return actor.id
    code = tb.kb.country_code(name, metonymy=False)
    if code and tb.store.query("SELECT 1 FROM actors WHERE id = ?", [f"country:{code}"]):
        return f"country:{code}"
    rows = find_actors(tb, name, limit=2)
    rows = [r for r in rows if r["id"] != name]
    return rows[0]["id"] if rows else None


def actor_profile(tb, actor_id: str) -> dict | None:
    """Who an actor is and where they were. Each event carries ``participation``, the actor's own status there
    (attended, expected, absent...): ``attended`` and co-appearances count only the events they attended."""
    rows = tb.store.query("SELECT id, name, kind, country, known FROM actors WHERE id = ?", [actor_id])
    kb_actor = tb.kb.actors.get(actor_id)
    if not rows and kb_actor is None:
        return None
    row = rows[0] if rows else {"id": actor_id, "name": kb_actor.name, "kind": kb_actor.kind, "country": kb_actor.country, "known": True}
    aliases = set(kb_actor.aliases) if kb_actor else set()
    surface = tb.store.query(
        "SELECT text, count(*) AS n FROM actor_mentions WHERE actor_id = ? GROUP BY text ORDER BY n DESC, text LIMIT 40", [actor_id]
    )
    titles = tb.store.query(
        "SELECT title, count(*) AS n FROM actor_mentions WHERE actor_id = ? AND title IS NOT NULL GROUP BY title ORDER BY n DESC LIMIT 20",
        [actor_id],
    )
    labels = rank_labels()
    offices = []
    for office in sorted(tb.kb.offices.get(actor_id, []), key=lambda o: (o.start or "", o.end or "9999")):
        offices.append(
            {
                "title": office.title,
                "organisation": office.organisation,
                "country": office.country,
                "rank": office.rank,
                "rank_label": labels.get(office.rank) if office.rank is not None else None,
                "start": office.start,
                "end": office.end,
                "source": office.source,
            }
        )
    events = tb.store.query(
        "SELECT e.id, e.type, e.status, e.date, e.location_name, e.location_country, e.sources, "
        "string_agg(DISTINCT p.role, ', ') AS roles, max(p.title) AS title, coalesce(min(p.status), 'happened') AS participation "
        "FROM events e JOIN event_participants p ON p.event_id = e.id WHERE p.actor_id = ? "
        "GROUP BY ALL ORDER BY e.date NULLS LAST, e.type",
        [actor_id],
    )
    # who attended events with them: the network's rule (analyze/network.py), not any shared mention
    co = tb.store.query(
        "SELECT o.actor_id AS id, any_value(o.name) AS name, any_value(o.country) AS country, count(DISTINCT o.event_id) AS events "
        "FROM event_participants me JOIN event_participants o ON o.event_id = me.event_id AND o.actor_id <> me.actor_id "
        f"JOIN events e ON e.id = me.event_id WHERE me.actor_id = ? AND {ATTENDED} AND coalesce(me.status, 'happened') = 'happened' AND coalesce(o.status, 'happened') = 'happened' GROUP BY o.actor_id ORDER BY events DESC, name LIMIT 50",
        [actor_id, list(network_settings()["co_presence_types"])],
    )
    co = [c for c in co if not is_country_actor(c["id"])]
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "country": row["country"],
        "known": bool(row["known"]),
        "description": getattr(kb_actor, "description", None) if kb_actor else None,
        "aliases": sorted(aliases | {s["text"] for s in surface} - {row["name"]}),
        "titles_as_written": [{"title": t["title"], "mentions": t["n"]} for t in titles],
        "offices": offices,
        "events": events,
        "attended": sum(e["participation"] == "happened" for e in events),
        "co_appearances": co,
        "mentions": sum(s["n"] for s in surface),
    }
