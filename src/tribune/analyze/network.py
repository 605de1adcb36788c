"""Who appeared with whom: the co-appearance network of actors at events, by period."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from tribune.analyze.base import in_period, is_country_actor


def co_appearance_network(
    tb,
    *,
    since: str | None = None,
    until: str | None = None,
    status: str | None = None,
    include_countries: bool = False,
    min_weight: int = 1,
) -> dict:
    """Nodes (actors) and weighted edges (events they both took part in) for events in a period.

    Returns ``{"nodes": [{id, name, kind, country, events}], "edges": [{source, target, weight, events}]}``.
    """
    params: list = []
    where = ""
    if status:
        where = "WHERE e.status = ?"
        params.append(status)
    rows = tb.store.query(
        "SELECT p.event_id, e.date, p.actor_id, p.name, p.country, coalesce(a.kind, 'person') AS kind "
        "FROM event_participants p JOIN events e ON e.id = p.event_id LEFT JOIN actors a ON a.id = p.actor_id "
        f"{where} ORDER BY p.event_id, p.actor_id",
        params,
    )
    by_event: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        if not in_period(r["date"], since, until):
            continue
        if is_country_actor(r["actor_id"]) and not include_countries:
            continue
        by_event[r["event_id"]][r["actor_id"]] = r
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id, actors in by_event.items():
        for actor_id, r in actors.items():
            node = nodes.setdefault(actor_id, {"id": actor_id, "name": r["name"], "kind": r["kind"], "country": r["country"], "events": 0})
            node["events"] += 1
        for a, b in combinations(sorted(actors), 2):
            edges[(a, b)].append(event_id)
    edge_list = [
        {"source": a, "target": b, "weight": len(ev), "events": sorted(ev)} for (a, b), ev in edges.items() if len(ev) >= min_weight
    ]
    edge_list.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    if min_weight > 1:
        linked = {e["source"] for e in edge_list} | {e["target"] for e in edge_list}
        nodes = {k: v for k, v in nodes.items() if k in linked}
    return {
        "since": since,
        "until": until,
        "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["name"])),
        "edges": edge_list,
    }
