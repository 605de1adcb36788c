"""The end-of-demo summary: what an analyst wants to see first about a corpus."""

from __future__ import annotations

from collections import Counter


def summarize(tb) -> str:
    counts = tb.store.counts()
    events = tb.events()
    lines = [
        f"Knowledge base {tb.store.path}: {counts['documents']} documents, {counts['mentions']} event mentions, "
        f"{len(events)} events, {counts['conflicts'] + counts['document_conflicts']} conflicts, {counts['problems']} problems.",
        "",
        "Events by type and status:",
    ]
    by_type = Counter((e["type"], e["status"]) for e in events)
    types = sorted({t for t, _ in by_type})
    statuses = ("happened", "planned", "speculated", "denied")
    lines.append(f"  {'type':<18}" + "".join(f"{s:>12}" for s in statuses))
    for t in types:
        lines.append(f"  {t:<18}" + "".join(f"{by_type.get((t, s), 0):>12}" for s in statuses))
    lines += ["", "Parades and their foreign delegations:"]
    for e in (e for e in events if e["type"] == "parade" and e["date"]):
        place = (e["location"] or {}).get("name") or "?"
        host_country = (e["location"] or {}).get("country")
        lines.append(f"  {e['date']}  {place} [{e['status']}], {e['sources']} source(s)")
        for p in e["participants"]:
            if p["actor_id"].startswith("country:"):
                continue
            foreign = host_country is None or (p["country"] and p["country"] != host_country)
            if p["role"] in {"host"} or foreign:
                title = f", {p['title']}" if p["title"] else ""
                # Someone only expected or rumoured to be there is shown as such, not as present.
                status = p.get("status", "happened")
                caveat = ""
                if e["status"] == "happened" and status != "happened":
                    caveat = f"  [{status}] [not in the reports that it happened]"
                lines.append(f"      {p['role']:<16} {p['name']} ({p['country'] or '?'}{title}){caveat}")
        if e["weapons"]:
            lines.append("      weapons shown: " + ", ".join(w["name"] + (f" ({w['class']})" if w["class"] else "") for w in e["weapons"]))
    rejected = tb.store.query("SELECT d.path, r.text, r.reason FROM rejected_dates r JOIN documents d ON d.id = r.doc_id ORDER BY d.path")
    if rejected:
        lines += ["", f"Impossible dates in the articles (kept out of the timeline): {len(rejected)}"]
        lines += [f"  {r['path']}: '{r['text']}': {r['reason']}" for r in rejected]
    problems = tb.problems()
    lines += ["", f"Documents that could not be read: {len(problems)}"]
    for p in problems:
        where = f"{p['path']}:{p['line']}" if p["line"] is not None else p["path"]
        lines.append(f"  {where}: {p['reason']}")
    return "\n".join(lines)
