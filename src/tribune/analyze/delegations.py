"""Delegation-rank trends: who each guest country sent to a host's events, at what protocol rank.

A host's events: those placed in the host country, those with no place whose host
participant is from it (a host named for an event placed abroad is an extraction
error, not a visit to the host), and unplaced spectacles it evidently staged
(``implied_host``); an unplaced event is dropped where its host is from another
country or the host's own people were guests abroad that day (``_held_in_host_country``).

Rank comes from the knowledge base's protocol scale (``kb/data/ranks.json``; a
lower number is more senior): the office the delegation head held on the
event's date (``KnowledgeBase.office_at``), or failing that the title the
sources give them (``KnowledgeBase.rank_of_title``). Comparing a country's
delegation with its previous one to the same host gives upgrades and
downgrades, like with like (``comparable_trend``, the one rule every view
reads): each delegation against the last one that country sent to the same
commemoration (the party's 80th anniversary against its 70th), else to an
event of the same type, because a premier at a parade after a minister at a
trade visit says nothing about a change of protocol level. The head is chosen
among the guests a report of the event names (participant status
``attended``); a special representative is the head, not the leader they
represent (the extractor does not make the represented leader a participant).
"""

from __future__ import annotations

from collections import defaultdict

from tribune.analyze.base import event_doc_paths, is_country_actor, rank_labels
from tribune.records import PARTICIPANT_STATUSES

GUEST_ROLES = ("delegation_head", "attendee", "visitor", "delegation_member")


def hosts(tb) -> list[dict]:
    """Countries that hosted events with foreign guests, with how many such events."""
    rows = tb.store.query(
        "SELECT e.location_country AS country, count(DISTINCT e.id) AS events FROM events e "
        "JOIN event_participants p ON p.event_id = e.id "
        "WHERE e.location_country IS NOT NULL AND p.country IS NOT NULL AND p.country <> e.location_country "
        "AND NOT starts_with(p.actor_id, 'country:') GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    return rows


PRESIDED_TYPES = ("parade", "ceremony", "exhibition")
"""Spectacles a country stages at home, with its own leader presiding, if any leader attends."""
LEADER_RANK = 20  # head of state, party leader, head of government (kb/data/ranks.json)


def implied_host(tb, event_rows: list[dict]) -> str | None:
    """The host of a parade, ceremony or exhibition whose sources name no place and no host.

    Two readings, each only when it is unambiguous: the one country whose head of state,
    party leader or head of government attends (not as a visitor) on that date; failing
    that, the one country that commemorates a founding or victory on that day of the
    year (``temporal/data/anniversaries.jsonl``: a parade on 10 October is the Workers'
    Party's). Articles about a foreign delegation often name the parade by its occasion
    only ("the parade for the party's 70th anniversary").
    """
    from tribune.temporal.docdate import commemorations

    date = event_rows[0]["date"]
    leaders = set()
    for r in event_rows:
        if r["role"] == "visitor" or not r["country"] or is_country_actor(r["actor_id"]):
            continue
        office = tb.kb.office_at(r["actor_id"], date)
        if office is not None and office.rank is not None and office.rank <= LEADER_RANK:
            leaders.add(r["country"])
    if len(leaders) == 1:
        return leaders.pop()
    if leaders or len(date) != 10:
        return None
    marked = {c.country for c in commemorations() if c.date.isoformat()[5:] == date[5:] and c.date.year < int(date[:4])}
    return marked.pop() if len(marked) == 1 else None



def rank_of(tb, actor_id: str, title: str | None, date: str | None) -> tuple[int | None, str | None, str]:
    """(rank, title used, where the rank came from: 'office' from the KB, 'title' as written, or 'unknown')."""
    office = tb.kb.office_at(actor_id, date) if date else None
    if office is not None and office.rank is not None:
        return office.rank, office.title, "office"
    normalised, rank = tb.kb.rank_of_title(title)
    if rank is not None:
        return rank, normalised or title, "title"
    if office is not None:
        return office.rank, office.title, "office"
    return None, title, "unknown"


def delegations(tb, host: str, *, types: list[str] | None = None, include_denied: bool = False, guest: str | None = None) -> dict:
    """Each guest country's delegation heads at the host's events, in date order, with changes.

    With ``guest`` only that country is kept, and each of its entries carries a ``trend`` row
    (see ``comparable_trend``): the rank set against the previous comparable delegation.
    Returns ``{"host", "guest", "countries": [{"country", "delegations": [...], "changes": [...], "trend": [...]}], "events": n}``;
    each delegation is ``{event_id, date, type, status, place, head, actor_id, title, rank, rank_label,
    rank_source, alternatives, sources}`` and each change ``{from, to, change: upgrade|downgrade|same}``.
    """
    host = host.upper()
    guest = guest.upper() if guest else None
    params: list = [host, host]
    clauses = []
    if types:
        clauses.append("e.type IN (SELECT unnest(?))")
        params.append(list(types))
    if not include_denied:
        clauses.append("e.status <> 'denied'")
    extra = (" AND " + " AND ".join(clauses)) if clauses else ""
    select = (
        "SELECT e.id AS event_id, e.date, e.type, e.status, e.location_name, e.location_country, p.actor_id, p.name, p.country, p.title, p.role, p.support, "
        "coalesce(p.status, 'happened') AS attendance "
        "FROM events e JOIN event_participants p ON p.event_id = e.id WHERE e.date IS NOT NULL AND "
    )
    rows = tb.store.query(
        select + "(e.location_country = ? OR (e.location_country IS NULL AND EXISTS (SELECT 1 FROM event_participants h "
        "WHERE h.event_id = e.id AND h.role = 'host' AND h.country = ?)))" + extra + " ORDER BY e.date, e.id",
        params,
    )
    unplaced = tb.store.query(
        select + "e.location_country IS NULL AND e.type IN (SELECT unnest(?)) AND NOT EXISTS (SELECT 1 FROM event_participants h "
        "WHERE h.event_id = e.id AND h.role = 'host')" + extra + " ORDER BY e.date, e.id",
        [list(PRESIDED_TYPES)] + params[2:],
    )
    by_unplaced: dict[str, list[dict]] = defaultdict(list)
    for r in unplaced:
        by_unplaced[r["event_id"]].append(r)
    for event_rows in by_unplaced.values():
        if implied_host(tb, event_rows) == host:
            rows.extend(event_rows)
    rows = _held_in_host_country(tb, host, rows)
    rows.sort(key=lambda r: (r["date"], r["event_id"]))
    labels = rank_labels()
    by_event_country: dict[tuple[str, str], list[dict]] = defaultdict(list)
    events: dict[str, dict] = {}
    for r in rows:
        if not r["country"] or r["country"] == host or is_country_actor(r["actor_id"]) or r["role"] not in GUEST_ROLES:
            continue
        if guest and r["country"] != guest:
            continue
        events[r["event_id"]] = r
        by_event_country[(r["event_id"], r["country"])].append(r)
    paths = event_doc_paths(tb, sorted(events))
    per_country: dict[str, list[dict]] = defaultdict(list)
    for (event_id, country), people in by_event_country.items():
        # Who came: the head is chosen among those a report of the event names; a delegation no report of
        # the event names anyone of is listed with their status ("expected") and never compared.
        came = [p for p in people if p["attendance"] == "happened"]
        not_came = [{"name": p["name"], "actor_id": p["actor_id"], "status": p["attendance"]} for p in people if p["attendance"] != "happened"] if came else []
        attendance = "happened" if came else min((p["attendance"] for p in people), key=PARTICIPANT_STATUSES.index)
        people = came or [p for p in people if p["attendance"] == attendance]
        ranked = []
        for p in people:
            rank, title, source = rank_of(tb, p["actor_id"], p["title"], p["date"])
            ranked.append((p, rank, title, source))
        # The head: a named delegation head (best supported first), else the most senior guest.
        ranked.sort(key=lambda x: (x[0]["role"] != "delegation_head", -(x[0]["support"] or 0), x[1] if x[1] is not None else 999, x[0]["name"]))
        head, rank, title, source = ranked[0]
        e = events[event_id]
        per_country[country].append(
            {
                "event_id": event_id,
                "date": e["date"],
                "type": e["type"],
                "status": e["status"],
                "attendance": attendance,
                "place": e["location_name"],
                "head": head["name"],
                "actor_id": head["actor_id"],
                "title": title or head["title"],
                "title_as_written": head["title"],
                "rank": rank,
                "rank_label": labels.get(rank) if rank is not None else None,
                "rank_source": source,
                "alternatives": [
                    {"name": p["name"], "actor_id": p["actor_id"], "role": p["role"], "rank": r} for p, r, _t, _s in ranked[1:]
                ],
                "sources": paths.get(event_id, []),
                "not_attended": not_came,
            }
        )
    occasions = _occasions(host)
    countries = []
    for country, items in per_country.items():
        items.sort(key=lambda d: (d["date"], d["event_id"]))
        for item in items:
            item["occasion"] = occasions.get(item["date"][5:10]) if len(item["date"]) == 10 else None
        trend = comparable_trend(items)
        by_id = {d["event_id"]: d for d in items}
        changes = [
            {"from": by_id[row["previous"]["event_id"]], "to": by_id[row["event_id"]], "change": row["change"], "country": country, "basis": row["basis"]}
            for row in trend
            if row["change"] is not None
        ]
        entry = {"country": country, "name": _country_name(tb, country), "delegations": items, "changes": changes}
        if guest:
            entry["trend"] = trend
        countries.append(entry)
    countries.sort(key=lambda c: (-len(c["delegations"]), c["country"]))
    return {
        "host": host,
        "host_name": _country_name(tb, host),
        "guest": guest,
        "guest_name": _country_name(tb, guest) if guest else None,
        "events": len(events),
        "countries": countries,
        "scale": labels,
    }


def comparable_trend(items: list[dict]) -> list[dict]:
    """One guest country's delegations in date order, each against the previous one of the same kind.

    The same kind: the same commemoration where the country sent someone to an earlier one
    (the party's 80th anniversary against its 70th, ``occasion``), else the same event type (a
    parade with a parade, a visit with a visit). Only delegations that happened, that someone
    a report of the event names attended, and that have a known rank are compared; the rest
    are listed with ``change: None``. This is the one rule: ``changes`` (every host view, the
    brief, the web page) and ``trend`` (``--guest``) are both read from it, so ``--host`` and
    ``--guest`` answer alike.
    Each row: ``{event_id, date, type, occasion, status, attendance, head, title, rank, rank_label,
    previous, change, rank_delta, basis}`` where ``previous`` is ``{event_id, date, type, head,
    title, rank}`` or None (first of its kind), ``change`` is upgrade | downgrade | same | None,
    ``rank_delta`` the previous rank minus this one (positive: more senior than last time) and
    ``basis`` what made them comparable ("occasion wpk-founding", "type parade").
    """
    trend = []
    compared: list[dict] = []
    for item in items:
        row = {k: item.get(k) for k in ("event_id", "date", "type", "occasion", "status", "attendance", "head", "actor_id", "title", "rank", "rank_label", "rank_source")}
        row.update(previous=None, change=None, rank_delta=None, basis=None)
        if item["status"] == "happened" and item.get("attendance", "happened") == "happened" and item["rank"] is not None:
            previous, basis = None, None
            if item.get("occasion"):
                previous = next((p for p in reversed(compared) if p.get("occasion") == item["occasion"]), None)
                basis = f"occasion {item['occasion']}"
            if previous is None:
                previous = next((p for p in reversed(compared) if p["type"] == item["type"]), None)
                basis = f"type {item['type']}"
            if previous is not None:
                row["previous"] = {k: previous[k] for k in ("event_id", "date", "type", "head", "title", "rank")}
                row["rank_delta"] = previous["rank"] - item["rank"]
                row["change"] = "upgrade" if row["rank_delta"] > 0 else "downgrade" if row["rank_delta"] < 0 else "same"
                row["basis"] = basis
            compared.append(item)
        trend.append(row)
    return trend


def _occasions(host: str) -> dict[str, str]:
    """The host's commemorations by day of the year ("10-10": the Workers' Party's founding)."""
    from tribune.temporal.docdate import commemorations

    out: dict[str, str] = {}
    for c in commemorations():
        if c.country == host:
            out.setdefault(c.date.isoformat()[5:], c.id)
    return out


TRAVELLER_ROLES = ("visitor", "delegation_head")


def _held_in_host_country(tb, host: str, rows: list[dict]) -> list[dict]:
    """Drop events with no place that cannot have been held in the host's country.

    Two signs, each from the knowledge base's own events: a host from another country ("Xi hosted
    Kim"), or the host's own people attending, as guests, an event placed abroad that day (Kim at
    Beijing's parade: the meeting that day with no place was in Beijing, not Pyongyang)."""
    unplaced = {r["event_id"] for r in rows if not r["location_country"]}
    if not unplaced:
        return rows
    abroad = {
        r["date"][:10]
        for r in tb.store.query(
            "SELECT DISTINCT e.date FROM events e JOIN event_participants p ON p.event_id = e.id "
            "WHERE e.location_country IS NOT NULL AND e.location_country <> ? AND p.country = ? "
            "AND p.role IN (SELECT unnest(?)) AND coalesce(p.status, 'happened') = 'happened' AND e.date IS NOT NULL AND length(e.date) = 10",
            [host, host, list(TRAVELLER_ROLES)],
        )
    }
    foreign_host = {r["event_id"] for r in rows if r["event_id"] in unplaced and r["role"] == "host" and r["country"] and r["country"] != host and not is_country_actor(r["actor_id"])}
    return [r for r in rows if r["event_id"] not in unplaced or (r["date"][:10] not in abroad and r["event_id"] not in foreign_host)]


def _country_name(tb, code: str) -> str:
    country = tb.kb.countries.get(code)
    return country.name if country else code
