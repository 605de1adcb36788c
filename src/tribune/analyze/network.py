"""Who appeared with whom: the co-attendance network of actors at events, by period.

A link between two actors is the events they both *attended*: events of a type
that brings people together (``data/network.json``), whose merged status is
happened, and that no source says did not happen (a status conflict). Letters,
statements, sanctions, planned or speculated events and disputed ones name
people who were not in the same place, so they do not count. Every link keeps
the events it is made of, so the page can say what a line means.

:func:`network_layout` places the nodes with networkx (a force-directed layout
per connected component, components packed side by side) and gives every
country a colour from one palette; the browser only draws it and keeps labels
apart.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from itertools import combinations

from tribune.analyze.base import in_period, is_country_actor


@lru_cache(maxsize=1)
def network_settings() -> dict:
    """Co-presence event types and the country palette (analyze/data/network.json)."""
    path = resources.files("tribune.analyze").joinpath("data", "network.json")
    try:
        return json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{exc.lineno}: {exc.msg}") from exc


ATTENDED = (
    "e.status = 'happened' AND e.type IN (SELECT unnest(?)) "
    "AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.event_id = e.id AND c.attribute = 'status')"
)


def attended_events(tb) -> dict[str, dict]:
    """Events that count as attendance, by id: co-presence type, happened, no status conflict."""
    rows = tb.store.query(f"SELECT e.id, e.type, e.date, e.location_name FROM events e WHERE {ATTENDED}", [list(network_settings()["co_presence_types"])])
    return {r["id"]: {"id": r["id"], "type": r["type"], "date": r["date"], "place": r["location_name"]} for r in rows}


def co_appearance_network(
    tb,
    *,
    since: str | None = None,
    until: str | None = None,
    include_countries: bool = False,
    min_weight: int = 1,
) -> dict:
    """Nodes (actors) and weighted edges (events both attended) for events in a period.

    Returns ``{"nodes": [{id, name, kind, country, events}], "edges": [{source, target,
    weight, events, attended}]}``: ``events`` the ids, ``attended`` each event's id, date,
    type and place (oldest first).
    """
    rows = tb.store.query(
        "SELECT p.event_id, e.type, e.date, e.location_name, p.actor_id, p.name, p.country, coalesce(a.kind, 'person') AS kind "
        "FROM event_participants p JOIN events e ON e.id = p.event_id LEFT JOIN actors a ON a.id = p.actor_id "
        f"WHERE {ATTENDED} AND coalesce(p.status, 'happened') = 'happened' ORDER BY p.event_id, p.actor_id",  # expected or absent people are not there
        [list(network_settings()["co_presence_types"])],
    )
    events: dict[str, dict] = {}
    by_event: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        if not in_period(r["date"], since, until):
            continue
        if is_country_actor(r["actor_id"]) and not include_countries:
            continue
        events.setdefault(r["event_id"], {"id": r["event_id"], "type": r["type"], "date": r["date"], "place": r["location_name"]})
        by_event[r["event_id"]][r["actor_id"]] = r
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id, actors in by_event.items():
        for actor_id, r in actors.items():
            node = nodes.setdefault(actor_id, {"id": actor_id, "name": r["name"], "kind": r["kind"], "country": r["country"], "events": 0})
            node["events"] += 1
        for a, b in combinations(sorted(actors), 2):
            edges[(a, b)].append(event_id)

    def when(event_id: str) -> tuple:
        return (events[event_id]["date"] or "", event_id)

    edge_list = [
        {"source": a, "target": b, "weight": len(ev), "events": sorted(ev), "attended": [events[e] for e in sorted(ev, key=when)]}
        for (a, b), ev in edges.items()
        if len(ev) >= min_weight
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


def country_colours(tb, nodes: list[dict]) -> list[dict]:
    """The legend: each country of the nodes with its name, colour and number of actors.

    Countries are coloured in order of how many actors they have (ties by code),
    from one palette; those beyond it and actors without a country share a grey.
    """
    settings = network_settings()
    palette, other = settings["palette"], settings["other_colour"]
    counts: dict[str | None, int] = defaultdict(int)
    for n in nodes:
        counts[n.get("country")] += 1
    codes = sorted((c for c in counts if c), key=lambda c: (-counts[c], c))
    names = {}
    if codes:
        rows = tb.store.query("SELECT id, name FROM actors WHERE id IN (SELECT unnest(?))", [[f"country:{c}" for c in codes]])
        names = {r["id"].split(":", 1)[1]: r["name"] for r in rows}
        for c in codes:
            if c not in names and c in tb.kb.countries:
                names[c] = tb.kb.countries[c].name
    legend = [
        {"country": c, "name": names.get(c, c), "colour": palette[i] if i < len(palette) else other, "actors": counts[c]}
        for i, c in enumerate(codes)
    ]
    if counts.get(None):
        legend.append({"country": None, "name": "no country", "colour": other, "actors": counts[None]})
    return legend


def network_layout(tb, net: dict, *, width: int = 1000, height: int = 620, max_nodes: int = 80, seed: int = 7) -> dict:
    """Positions (networkx), colours and a legend for drawing ``net``.

    Keeps the ``max_nodes`` actors with the strongest links (the page lists the
    rest in its table), drops actors with no link, lays out each connected
    component with a weighted spring layout and packs the components in rows,
    biggest first, so a few small groups do not squash the main one.
    """
    import networkx as nx

    strength: dict[str, int] = defaultdict(int)
    for e in net["edges"]:
        strength[e["source"]] += e["weight"]
        strength[e["target"]] += e["weight"]
    by_id = {n["id"]: n for n in net["nodes"]}
    keep = sorted((i for i in strength if i in by_id), key=lambda i: (-strength[i], -by_id[i]["events"], by_id[i]["name"]))[:max_nodes]
    kept = set(keep)
    edges = [e for e in net["edges"] if e["source"] in kept and e["target"] in kept]
    graph = nx.Graph()
    graph.add_nodes_from(keep)
    for e in edges:
        graph.add_edge(e["source"], e["target"], weight=e["weight"])
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    # each component gets a square cell whose side grows with the root of its size
    sides = [math.sqrt(len(c)) for c in components]
    total = sum(s * s for s in sides) or 1.0
    row_width = max(max(sides, default=1.0), math.sqrt(total * width / height))
    x = y = row_h = 0.0
    for comp, side in zip(components, sides):
        if x > 0 and x + side > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        sub = graph.subgraph(comp)
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            # Kamada-Kawai spaces nodes evenly by graph distance (no dense core); spring refines it
            start = nx.kamada_kawai_layout(sub)
            local = nx.spring_layout(sub, pos=start, weight="weight", seed=seed, k=2.5 / math.sqrt(len(comp)), iterations=60)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        inner = side * 0.8
        for node, (px, py) in local.items():
            pos[node] = (x + side * 0.1 + (px - min(xs)) / span * inner, y + side * 0.1 + (py - min(ys)) / span * inner)
        x += side
        row_h = max(row_h, side)
    used_w = max((p[0] for p in pos.values()), default=1.0) or 1.0
    used_h = max((p[1] for p in pos.values()), default=1.0) or 1.0
    margin = 40
    # x and y scaled apart to fill the frame; room on the right for the labels of the last column
    scale_x, scale_y = (width - 2 * margin - 110) / used_w, (height - 2 * margin) / used_h
    legend = country_colours(tb, [by_id[i] for i in keep])
    colour = {entry["country"]: entry["colour"] for entry in legend}
    nodes = []
    for i in keep:
        px, py = pos[i]
        n = by_id[i]
        nodes.append({**n, "x": round(float(margin + px * scale_x), 1), "y": round(float(margin + py * scale_y), 1), "strength": strength[i], "colour": colour.get(n.get("country"), network_settings()["other_colour"])})
    return {"width": width, "height": height, "nodes": nodes, "edges": edges, "legend": legend, "shown": len(nodes), "total": len(by_id)}
