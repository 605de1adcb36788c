"""`tribune brief`: what changed since a date, every line cited to its sources.

Five sections: new events (dated on or after ``since``), delegation upgrades and
downgrades (the head of a guest country's delegation against that country's
previous delegation to the same host), weapons shown for the first time, new
contradictions between sources, and the events no source dates (which a period
cannot hold, so they are listed apart rather than silently left out: with
``since``, those reported by a document published since then). Each item carries
the documents that support it, named by outlet, date and file name
(``analyze.sources.citation``; never an id or an absolute path); the renderers
print them on every line.
"""

from __future__ import annotations

import html
from datetime import date as _date

from tribune.analyze.base import event_doc_paths, in_period
from tribune.analyze.delegations import delegations, hosts
from tribune.analyze.sources import citations
from tribune.analyze.weapons import weapons_catalogue


def build_brief(tb, *, since: str | None = None, actor: str | None = None) -> dict:
    actor_id = None
    if actor:
        from tribune.analyze.profiles import resolve_actor

        actor_id = resolve_actor(tb, actor)
    filters = {"since": since} if since else {}
    cite = citations(tb)

    def named(keys) -> list[str]:
        return sorted({cite.get(k, k) for k in keys})

    events = tb.events(**filters)
    if actor_id:
        events = [e for e in events if any(p["actor_id"] == actor_id for p in e["participants"])]
    new_events = []
    for e in sorted((e for e in events if e["date"]), key=lambda e: (e["date"], e["type"], e["id"])):
        people = [p for p in e["participants"] if not p["actor_id"].startswith("country:")]
        new_events.append(
            {
                "id": e["id"],
                "date": e["date"],
                "type": e["type"],
                "status": e["status"],
                "place": (e["location"] or {}).get("name"),
                # who was there first; the rest marked with their own status ("expected", "absent")
                "participants": [_who(p) for p in sorted(people, key=lambda p: p.get("status", "happened") != "happened")][:8],
                "weapons": [w["name"] for w in e["weapons"]],
                "sources": named(m["doc_id"] for m in e["mentions"]),
            }
        )
    undated = _undated_events(tb, since=since, actor_id=actor_id, named=named)
    changes = []
    for h in hosts(tb):
        view = delegations(tb, h["country"])
        for country in view["countries"]:
            for ch in country["changes"]:
                if ch["change"] == "same" or not in_period(ch["to"]["date"], since, None):
                    continue
                if actor_id and actor_id not in (ch["to"]["actor_id"], ch["from"]["actor_id"], f"country:{country['country']}"):
                    continue
                changes.append(
                    {
                        "host": view["host"],
                        "country": country["country"],
                        "change": ch["change"],
                        "date": ch["to"]["date"],
                        "event_id": ch["to"]["event_id"],
                        "type": ch["to"]["type"],
                        "from": {k: ch["from"][k] for k in ("head", "title", "rank", "date", "event_id", "type")},
                        "to": {k: ch["to"][k] for k in ("head", "title", "rank", "date", "event_id", "type")},
                        "sources": named([*ch["from"]["sources"], *ch["to"]["sources"]]),
                    }
                )
    changes.sort(key=lambda c: (c["date"], c["host"], c["country"]))
    weapons = []
    for w in weapons_catalogue(tb, since=since):
        if not w["first_shown"]:
            continue
        if actor_id and w["first_event"] not in {e["id"] for e in events}:
            continue
        weapons.append({**{k: w[k] for k in ("name", "class", "first_shown", "where", "first_event", "first_type")}, "sources": named(w["sources"])})
    contradictions = []
    conflict_events = [c["event_id"] for c in tb.conflicts() if c["scope"] == "event"]
    paths = event_doc_paths(tb, conflict_events)
    event_ids = {e["id"] for e in events}
    doc_dates = {d["id"]: d["published"] for d in tb.documents()}
    for c in tb.conflicts():
        if c["scope"] == "event":
            if c["event_id"] not in event_ids:
                continue
            values = [{"value": v["value"], "sources": named(v.get("doc_ids", []))} for v in c["values"]]
            contradictions.append(
                {"scope": "event", "event_id": c["event_id"], "event": c["event"], "attribute": c["attribute"], "note": c["note"], "values": values, "sources": named(paths.get(c["event_id"], []))}
            )
        else:
            if not in_period(doc_dates.get(c["doc_id"]), since, None) or actor_id:
                continue
            source = named([c["doc_id"]])
            values = [{"value": v["value"], "sources": source} for v in c["values"]]
            contradictions.append(
                {"scope": "document", "doc_id": c["doc_id"], "document": source[0], "event": None, "attribute": c["attribute"], "note": c["note"], "values": values, "sources": source}
            )
    return {
        "since": since,
        "actor": actor,
        "actor_id": actor_id,
        "generated": _date.today().isoformat(),
        "new_events": new_events,
        "delegation_changes": changes,
        "first_shown_weapons": weapons,
        "contradictions": contradictions,
        "undated_events": undated,
    }


def _undated_events(tb, *, since: str | None, actor_id: str | None, named) -> list[dict]:
    """Events with no date, each cited; with ``since``, those a document published since then reports."""
    published = {d["id"]: d["published"] for d in tb.documents()} if since else {}
    out = []
    for e in tb.events():
        if e["date"]:
            continue
        if actor_id and not any(p["actor_id"] == actor_id for p in e["participants"]):
            continue
        if since and not any(in_period(published.get(m["doc_id"]), since, None) for m in e["mentions"]):
            continue
        people = [p for p in e["participants"] if not p["actor_id"].startswith("country:")]
        out.append(
            {
                "id": e["id"],
                "type": e["type"],
                "status": e["status"],
                "place": (e["location"] or {}).get("name"),
                "participants": [_who(p) for p in people][:8],
                "sources": named(m["doc_id"] for m in e["mentions"]),
            }
        )
    out.sort(key=lambda e: (e["type"], e["sources"], e["id"]))
    return out


def _who(p: dict) -> str:
    status = p.get("status", "happened")
    return f"{p['name']} ({p['role']})" + ("" if status == "happened" else f" [{status}]")


def _cite(sources: list[str]) -> str:
    return "[" + "; ".join(sources) + "]" if sources else "[no source]"


def render_markdown(brief: dict) -> str:
    title = "# tribune brief"
    scope = []
    if brief["since"]:
        scope.append(f"since {brief['since']}")
    if brief["actor"]:
        scope.append(f"actor {brief['actor']}")
    lines = [title + (f" ({', '.join(scope)})" if scope else ""), ""]
    lines += [f"## New events ({len(brief['new_events'])})", ""]
    for e in brief["new_events"]:
        place = f" in {e['place']}" if e["place"] else ""
        status = "" if e["status"] == "happened" else f" [{e['status']}]"
        who = f": {', '.join(e['participants'])}" if e["participants"] else ""
        weapons = f"; weapons: {', '.join(e['weapons'])}" if e["weapons"] else ""
        lines.append(f"- {e['date']} {e['type']}{place}{status}{who}{weapons} {_cite(e['sources'])}")
    lines += ["", f"## Delegation upgrades and downgrades ({len(brief['delegation_changes'])})", ""]
    for c in brief["delegation_changes"]:
        lines.append(
            f"- {c['date']} {c['country']} to {c['host']}: {c['change']}, {c['to']['head']} ({c['to']['title']}, rank {c['to']['rank']}) "
            f"after {c['from']['head']} ({c['from']['title']}, rank {c['from']['rank']}, {c['from']['date']}) {_cite(c['sources'])}"
        )
    lines += ["", f"## Weapons shown for the first time ({len(brief['first_shown_weapons'])})", ""]
    for w in brief["first_shown_weapons"]:
        where = f" in {w['where']}" if w["where"] else ""
        cls = f" ({w['class']})" if w["class"] else ""
        lines.append(f"- {w['first_shown']} {w['name']}{cls}, {w['first_type']}{where} {_cite(w['sources'])}")
    lines += ["", f"## New contradictions ({len(brief['contradictions'])})", ""]
    for c in brief["contradictions"]:
        where = c["event"] or c.get("document") or c.get("doc_id")
        sides = "; ".join(f"{v['value']} {_cite(v['sources'])}" for v in c["values"])
        lines.append(f"- {c['attribute']} ({where}): {sides} {_cite(c['sources'])}")
    undated = brief.get("undated_events", [])
    lines += ["", f"## Undated events ({len(undated)})", ""]
    if undated:
        lines.append("No source dates these, so no period holds them and the sections above leave them out.")
        lines.append("")
    for e in undated:
        place = f" in {e['place']}" if e["place"] else ""
        status = "" if e["status"] == "happened" else f" [{e['status']}]"
        who = f": {', '.join(e['participants'])}" if e["participants"] else ""
        lines.append(f"- {e['type']}{place}{status}{who} {_cite(e['sources'])}")
    return "\n".join(lines) + "\n"


def render_html(brief: dict) -> str:
    """A standalone HTML page; every value escaped."""
    e = html.escape
    md = render_markdown(brief).splitlines()
    body = []
    in_list = False
    for line in md:
        if line.startswith("- "):
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{e(line[2:])}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        if line.startswith("## "):
            body.append(f"<h2>{e(line[3:])}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{e(line[2:])}</h1>")
        elif line:
            body.append(f"<p>{e(line)}</p>")
    if in_list:
        body.append("</ul>")
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>tribune brief</title></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
