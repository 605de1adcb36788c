"""`tribune brief`: what changed since a date, every line cited to its sources.

Four sections: new events (dated on or after ``since``), delegation upgrades and
downgrades (the head of a guest country's delegation against that country's
previous delegation to the same host), weapons shown for the first time, and
new contradictions between sources. Each item carries the paths of the
documents that support it; the renderers print them on every line.
"""

from __future__ import annotations

import html
from datetime import date as _date

from tribune.analyze.base import event_doc_paths, in_period
from tribune.analyze.delegations import delegations, hosts
from tribune.analyze.weapons import weapons_catalogue


def build_brief(tb, *, since: str | None = None, actor: str | None = None) -> dict:
    actor_id = None
    if actor:
        from tribune.analyze.profiles import resolve_actor

        actor_id = resolve_actor(tb, actor)
    filters = {"since": since} if since else {}
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
                "participants": [_who(p) for p in sorted(people, key=lambda p: p.get("status", "attended") != "attended")][:8],
                "weapons": [w["name"] for w in e["weapons"]],
                "sources": sorted({m["path"] or m["doc_id"] for m in e["mentions"]}),
            }
        )
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
                        "sources": sorted(set(ch["from"]["sources"]) | set(ch["to"]["sources"])),
                    }
                )
    changes.sort(key=lambda c: (c["date"], c["host"], c["country"]))
    weapons = []
    for w in weapons_catalogue(tb, since=since):
        if not w["first_shown"]:
            continue
        if actor_id and w["first_event"] not in {e["id"] for e in events}:
            continue
        weapons.append({k: w[k] for k in ("name", "class", "first_shown", "where", "first_event", "first_type", "sources")})
    contradictions = []
    conflict_events = [c["event_id"] for c in tb.conflicts() if c["scope"] == "event"]
    paths = event_doc_paths(tb, conflict_events)
    event_ids = {e["id"] for e in events}
    doc_paths = {d["id"]: d["path"] or d["id"] for d in tb.documents()}
    doc_dates = {d["id"]: d["published"] for d in tb.documents()}
    for c in tb.conflicts():
        if c["scope"] == "event":
            if c["event_id"] not in event_ids:
                continue
            values = [{"value": v["value"], "sources": sorted(doc_paths.get(d, d) for d in v.get("doc_ids", []))} for v in c["values"]]
            contradictions.append(
                {"scope": "event", "event_id": c["event_id"], "event": c["event"], "attribute": c["attribute"], "note": c["note"], "values": values, "sources": paths.get(c["event_id"], [])}
            )
        else:
            if not in_period(doc_dates.get(c["doc_id"]), since, None) or actor_id:
                continue
            values = [{"value": v["value"], "sources": [c["path"] or c["doc_id"]]} for v in c["values"]]
            contradictions.append(
                {"scope": "document", "doc_id": c["doc_id"], "event": None, "attribute": c["attribute"], "note": c["note"], "values": values, "sources": [c["path"] or c["doc_id"]]}
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
    }


def _who(p: dict) -> str:
    status = p.get("status", "attended")
    return f"{p['name']} ({p['role']})" + ("" if status == "attended" else f" [{status}]")


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
        where = c["event"] or c.get("doc_id")
        sides = "; ".join(f"{v['value']} {_cite(v['sources'])}" for v in c["values"])
        lines.append(f"- {c['attribute']} ({where}): {sides} {_cite(c['sources'])}")
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
    if in_list:
        body.append("</ul>")
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>tribune brief</title></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
