"""Cross-document linking: mentions of one real-world event become one Event.

First each document's mentions are folded into that document's account of an
event (its group); then accounts from different documents are merged when
their types are compatible, their dates agree at the coarser precision (or
are within two days of each other, which is then recorded as a conflict),
their places do not contradict each other, and, where dates are vague, they
share participants. Undated accounts (most often background in an article
about something else) are placed by what their own document says around
them: its publication date, the main event it reports (two reports of one
parade mention one speech), the place of its main event of the same type
("the parade"), and whether it is a copy of another report; among the events
an undated account fits it joins the one dated nearest its article. Every
merge keeps its reason (see ``compatible``). Attributes are kept as
claims with the documents that support them; the event-level value is the
best-supported one, and incompatible values are stored as conflicts.

Status rule: a report that an event happened supersedes an earlier report
that it was planned or speculated; a denial against a report that it
happened is a conflict, never silently resolved.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date as Date

from tribune.events.lexicon import PLOVER_CATEGORY
from tribune.kb.knowledge import KnowledgeBase
from tribune.records import PARTICIPANT_STATUS_OF_MENTION, PARTICIPANT_STATUSES, content_id

STATUS_ORDER = {"happened": 0, "planned": 1, "speculated": 2, "denied": 3}
TYPE_FAMILY = {"ceremony": "parade", "meeting": "summit"}


@dataclass
class Account:
    """What one document says about one event (a group of its mentions)."""

    key: str  # doc_id#group
    doc_id: str
    order: int  # ingest order of the document, for stable ids
    independent_of: str  # the document this account counts as (its original if a duplicate)
    type: str
    mention_ids: list[str]
    dates: list[tuple[str, str]]  # (value, precision) per dated mention
    statuses: list[str]
    locations: list[tuple[str, str | None]]
    participants: dict[str, dict]  # actor_id -> {name, country, titles: Counter, roles: Counter}
    weapons: dict[str, str | None]
    confidence: float
    published: str | None = None
    anchor: str | None = None
    """The event its document mainly reports ("parade 2025-10-10"): two reports of one happening share it."""
    context_of: str | None = None
    """For an account that names no place: its document's main account of the same type ("the parade")."""
    context_places: set[str] = field(default_factory=set)
    """Where that main account says its event took place (or another of the document's accounts of that event)."""
    context_country: str | None = None
    linked_places: set[str] = field(default_factory=set)
    """Where the event that main account was linked to took place (set by ``resolve_context`` while merging)."""
    linked_country: str | None = None

    @property
    def date(self) -> str | None:
        """The document's most precise date for the event."""
        if not self.dates:
            return None
        return max(self.dates, key=lambda d: (len(d[0]), Counter(v for v, _ in self.dates)[d[0]]))[0]

    def link_place_names(self) -> set[str]:
        """Its own places, or else those of its document's main event of the same type."""
        return self.place_names() or self.context_places | self.linked_places

    @property
    def status(self) -> str:
        return min(self.statuses, key=lambda s: STATUS_ORDER[s]) if self.statuses else "happened"

    def place_names(self) -> set[str]:
        return {name.lower() for name, _ in self.locations}

    @property
    def country(self) -> str | None:
        countries = [c for _, c in self.locations if c]
        return Counter(countries).most_common(1)[0][0] if countries else None


@dataclass
class Cluster:
    accounts: list[Account] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def family(self) -> str:
        return TYPE_FAMILY.get(self.accounts[0].type, self.accounts[0].type)

    def best_date(self) -> str | None:
        """The most precise date, most often given, earliest on a tie."""
        dated = [a.date for a in self.accounts if a.date]
        if not dated:
            return None
        finest = max(len(d) for d in dated)
        counts = Counter(d for d in dated if len(d) == finest)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def country(self) -> str | None:
        countries = [a.country for a in self.accounts if a.country]
        return Counter(countries).most_common(1)[0][0] if countries else None

    def actor_ids(self) -> set[str]:
        return {aid for a in self.accounts for aid in a.participants if not aid.startswith("country:")}

    def copy_of(self, account: Account) -> Account | None:
        """Its account of the same type in another document that is a copy of the same original, if any."""
        return next((b for b in self.accounts if b.independent_of == account.independent_of and b.doc_id != account.doc_id and b.type == account.type), None)

    def reported_with(self, account: Account) -> bool:
        """Whether another document whose main event is the account's document's holds an account of it."""
        return account.anchor is not None and any(b.anchor == account.anchor and b.doc_id != account.doc_id for b in self.accounts)

    def party_ids(self) -> set[str]:
        """Countries named as parties (who sent troops to whom, who sanctioned whom)."""
        return {aid for a in self.accounts for aid in a.participants if aid.startswith("country:")}

    def place_names(self) -> set[str]:
        return {n for a in self.accounts for n in a.link_place_names()}

    def weapon_names(self) -> set[str]:
        return {w for a in self.accounts for w in a.weapons}


def _days_apart(a: str, b: str) -> int | None:
    if len(a) < 10 or len(b) < 10:
        return None
    try:
        return abs((Date.fromisoformat(a[:10]) - Date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


PUBLICATION_WINDOW_DAYS = 45
"""An undated account can be of an event dated within this many days of its article."""


def compatible(cluster: Cluster, account: Account) -> str | None:
    """Why an account belongs to a cluster, or None when it does not.

    Rules, in words: the types must be of one family; known countries must
    agree; dates that agree to the day suffice; coarser agreement needs shared
    people or the same place; days two apart are merged only with people and
    place in common, or a day apart for the same type and people where one side
    names no place (and recorded as a date conflict). An undated account joins
    an event dated near its article's publication when it names the same
    people, or the same place for the same type; it joins an account of the
    same type in another report of the same main event when they share a
    person, a named place or two countries named as parties; a near-duplicate
    copy's account joins the original's; with no date near, two people and a
    named place (not just a country) suffice, and in a report with no date at
    all (or only a month inferred for it), one person and a named place, two
    people and the same country, one person where it names no place (not for
    statements and letters), or two countries as parties, if only one event has
    them. A weapons test a day apart from another, each reported on its own day,
    with a country in common, is the same launch told across time zones; a test
    dated only to the year joins the test of the same named weapon that year.
    An account that names no place goes by its document's main event of the
    same type ("the parade"). Travellers going the other way never merge (A's
    leader visiting B is not B's visiting A: ``opposite_directions``), nor does
    an announced trip with a visit that happened when they name different
    travellers (``another_traveller``).
    """
    if TYPE_FAMILY.get(account.type, account.type) != cluster.family:
        return None
    c_date, a_date = cluster.best_date(), account.date
    c_country, a_country = cluster.country(), account.country
    if c_country and a_country and c_country != a_country:
        return None
    if opposite_directions(cluster.accounts, account):
        return None
    if account.type == "visit" and another_traveller(cluster.accounts, account):
        return None
    places = account.link_place_names()
    same_place = bool(c_country and c_country == (a_country or account.context_country or account.linked_country)) or bool(cluster.place_names() & places)
    shared = cluster.actor_ids() & {k for k in account.participants if not k.startswith("country:")}
    # A named weapon system is as telling as a person: two reports of a Hwasong-15 launch.
    shared |= {f"weapon:{w}" for w in cluster.weapon_names() & set(account.weapons)}
    if c_date and a_date:
        n = min(len(c_date), len(a_date))
        if c_date[:n] == a_date[:n]:
            if n >= 10:
                return f"same type and date {a_date[:n]}"
            if n >= 7 and (shared or same_place):
                return f"same type, month {a_date[:7]} and {'participants' if shared else 'place'}"
            if shared and same_place:
                return f"same type, year {a_date[:4]}, place and participants"
            weapons = sorted(s[len("weapon:") :] for s in shared if s.startswith("weapon:"))
            if weapons and account.type == "weapons_test" and all(b.type == "weapons_test" for b in cluster.accounts):
                # "the Hwasong-15 the North tested three years ago": the named system's test that year
                return f"same type, year {a_date[:4]} and weapon {weapons[0]}"
            return None
        apart = _days_apart(c_date, a_date)
        if apart is not None and apart <= 2 and shared and (same_place or any(s.startswith("weapon:") for s in shared)):
            return f"same type, place and participants; dates {c_date} and {a_date} disagree"
        if apart == 1 and shared and not (cluster.place_names() and places) and all(b.type == account.type for b in cluster.accounts):
            # a day apart, nothing said of one side's place: a preview's day against the arrival's
            return f"same type and participants {sorted(shared)}; dates {c_date} and {a_date} a day apart"
        if apart == 1 and account.type == "weapons_test" and all(b.type == "weapons_test" for b in cluster.accounts) and not (cluster.place_names() and places):
            # two reports of a launch, each the day it was written: one side's Tuesday is the other's Wednesday
            parties = cluster.party_ids() & {k for k in account.participants if k.startswith("country:")}
            if parties and _fresh(account) and any(_fresh(b) for b in cluster.accounts):
                return f"same type and parties {sorted(parties)}, each reported on its day; dates {c_date} and {a_date} a day apart"
        return None
    copy = (shared or same_place) and cluster.copy_of(account)
    if copy:
        return f"undated; same type and {'participants' if shared else 'place'} in a copy of the report {copy.key}"
    near = _near_publication(c_date, a_date, account, cluster)
    if near and (len(shared) >= 2 or (shared and same_place)):
        return f"undated; same type, participants {sorted(shared)}{' and place' if same_place else ''}, reported within {PUBLICATION_WINDOW_DAYS} days"
    named_place = cluster.place_names() & places
    parties = cluster.party_ids() & {k for k in account.participants if k.startswith("country:")}
    if len(shared) >= 2 and named_place:
        # with no date near, a country is too wide: Vladivostok 2019 and Vostochny 2023 had the same two leaders
        return f"undated; same type, place and participants {sorted(shared)}"
    own_place = cluster.place_names() & account.place_names()  # its own words, not its document's main event's
    if account.anchor and (shared or own_place or len(parties) >= 2) and (not (c_date or a_date) or _within(account.anchor.split(" ")[-1], c_date or a_date)):
        if cluster.reported_with(account):
            evidence = f"participants {sorted(shared)}" if shared else f"place {sorted(own_place)[0]}" if own_place else f"parties {sorted(parties)}"
            return f"undated; same type and {evidence} in another report of the same {account.anchor}"
    if (not account.published or len(account.published) < 10) and account.anchor is None and a_date is None:
        # A report with no date of its own (or only a month inferred for it): what it shares with one event,
        # if only one event has it.
        if shared and named_place:
            return f"{ONLY_CANDIDATE}: same type, place {sorted(named_place)[0]} and participants {sorted(shared)} in a report with no date"
        if len(shared) >= 2 and same_place:
            return f"{ONLY_CANDIDATE}: same type, country {c_country} and participants {sorted(shared)} in a report with no date"
        if shared and not places and not a_country and account.type not in {"statement", "letter"}:  # one speaks and writes often
            return f"{ONLY_CANDIDATE}: same type and participants {sorted(shared)}, no place said, in a report with no date"
        if len(parties) >= 2 and (same_place or not (places or a_country)):
            return f"{ONLY_CANDIDATE}: same type and parties {sorted(parties)} in a report with no date"
    return None


TRAVELLER_ROLES = ("visitor", "delegation_head")


def _travel(accounts: list[Account]) -> tuple[set[str], set[str]]:
    """Where the travellers of some accounts come from (their visitors' and delegation heads' countries) and
    where they go (the accounts' own places, else their hosts' countries)."""
    origins, places, hosts = set(), set(), set()
    for a in accounts:
        for actor_id, p in a.participants.items():
            if actor_id.startswith("country:") or not p.get("country"):
                continue
            roles = p["roles"]
            if any(roles.get(r) for r in TRAVELLER_ROLES):
                origins.add(p["country"])
            elif roles.get("host"):
                hosts.add(p["country"])
        if a.country:  # its own words: the document's main event's place may be another event's
            places.add(a.country)
    # a place said outweighs a host read off roles (a leader called "host" of a summit abroad)
    return origins, places or hosts


def opposite_directions(accounts: list[Account], account: Account) -> bool:
    """Whether the account's travellers go the other way from the event's: A's leader in B is not B's in A.

    A traveller comes from abroad, so a guest from the country the other side's event took place in
    (or whose host it had) is on another trip."""
    c_from, c_to = _travel(accounts)
    a_from, a_to = _travel([account])
    return bool(a_from & c_to) or bool(c_from & a_to)


def another_traveller(accounts: list[Account], account: Account) -> bool:
    """An announced trip (planned or speculated) against a visit that happened, or the other way round, with
    travellers on both sides and none in common: "Premier Li will lead a delegation" is not Thongloun's visit."""
    a_planned = account.status in ("planned", "speculated")
    if not all((b.status in ("planned", "speculated")) != a_planned for b in accounts):
        return False
    mine = {k for k, p in account.participants.items() if not k.startswith("country:") and any(p["roles"].get(r) for r in TRAVELLER_ROLES)}
    theirs = {k for b in accounts for k, p in b.participants.items() if not k.startswith("country:") and any(p["roles"].get(r) for r in TRAVELLER_ROLES)}
    return bool(mine) and bool(theirs) and not mine & theirs


def _fresh(account: Account) -> bool:
    """News of the day: its date is within a day of its article's."""
    apart = _days_apart(account.published, account.date) if account.published and account.date else None
    return apart is not None and apart <= 1


ONLY_CANDIDATE = "undated; the only event that fits"
"""The reason's opening for evidence that counts only when a single event meets it (see ``choose``)."""


def _interval(value: str) -> tuple[Date, Date] | None:
    """First and last day of a day or a month."""
    try:
        if len(value) >= 10:
            day = Date.fromisoformat(value[:10])
            return day, day
        if len(value) == 7:
            first = Date.fromisoformat(value + "-01")
            following = Date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, Date.fromordinal(following.toordinal() - 1)
    except ValueError:
        return None
    return None


def _gap(a: str | None, b: str | None) -> int | None:
    """Days between a day (a publication) and a day or month (an event); None when either is vaguer.

    A month counts only for reports written during it or after it: a report from before it is None."""
    if not a or not b or len(a) < 10 or len(b) < 7:
        return None
    first, last = _interval(a), _interval(b)
    if first is None or last is None:
        return None
    if len(b) < 10 and first[0] < last[0]:
        return None
    return max((last[0] - first[1]).days, (first[0] - last[1]).days, 0)


def _within(a: str | None, b: str | None) -> bool:
    """Whether a day (a publication) and a day or month (an event) lie within the publication window."""
    gap = _gap(a, b)
    return gap is not None and gap <= PUBLICATION_WINDOW_DAYS


def _near_publication(c_date: str | None, a_date: str | None, account: Account, cluster: Cluster) -> bool:
    """Whether the undated side was published close to the dated side's date (or to each other)."""
    undated_pubs = [a.published for a in cluster.accounts if not a.date]
    if a_date is None and c_date is not None:
        return _within(account.published, c_date)
    if a_date is not None and c_date is None:
        return any(_within(p, a_date) for p in undated_pubs)
    return any(_within(account.published, p) for p in undated_pubs)


def preference(cluster: Cluster, account: Account, reason: str, number: int) -> tuple:
    """Which of the events an undated (or only month- or year-dated) account fits it joins (the smallest
    wins): the original of a copy first, then the event dated nearest to the account's article (news is
    about what just happened; "their summit in June" is the latest June summit), then the one sharing
    most people, then the earliest made."""
    c_date = cluster.best_date()
    if c_date:
        gap = _gap(account.published, c_date)
    else:
        gaps = [g for g in (_gap(account.published, a.published) for a in cluster.accounts if not a.date) if g is not None]
        gap = min(gaps) if gaps else None
    shared = cluster.actor_ids() & set(account.participants)
    return ("in a copy of" not in reason, gap if gap is not None else 1 << 30, -len(shared), number)


def choose(options: list[tuple[tuple, object, str]]):
    """The option (preference, cluster, reason) an account joins: the most preferred on full evidence;
    failing that, the one event that fits on evidence that counts only when it is the only one; else None."""
    full = [o for o in options if not o[2].startswith(ONLY_CANDIDATE)]
    if full:
        return min(full, key=lambda o: o[0])
    return options[0] if len(options) == 1 else None


def merge_accounts(accounts: list[Account]) -> list[Cluster]:
    """Greedy clustering, most precise dates first, so vague accounts join well-dated events."""
    clusters: list[Cluster] = []
    ordered = sorted(accounts, key=lambda a: (-(len(a.date) if a.date else 0), a.order, a.key))
    home: dict[str, Cluster] = {}  # account key -> its cluster
    for account in ordered:
        resolve_context(account, home)
        options = []
        for number, cluster in enumerate(clusters):
            if any(a.doc_id == account.doc_id for a in cluster.accounts):
                continue  # one document's separate groups are separate events by its own account
            reason = compatible(cluster, account)
            if reason:
                options.append((preference(cluster, account, reason, number), cluster, reason))
                if account.date and len(account.date) >= 10:
                    break  # an account dated to the day joins the first event that fits
        picked = choose(options)
        if picked is not None:
            _, chosen, reason = picked
            chosen.accounts.append(account)
            chosen.reasons.append(f"{account.key}: {reason}")
        else:
            chosen = Cluster([account], [f"{account.key}: first account"])
            clusters.append(chosen)
        home[account.key] = chosen
    return clusters


def build_events(clusters: list[Cluster], kb: KnowledgeBase) -> tuple[list[dict], list[dict]]:
    """Event rows (with participants, weapons and mentions) and conflict rows from clusters."""
    events, conflicts = [], []
    for cluster in clusters:
        first = min(cluster.accounts, key=lambda a: (a.order, a.key))
        event_id = content_id(first.key, "e")
        date = cluster.best_date()
        docs_by_date: dict[str, set[str]] = defaultdict(set)
        for a in cluster.accounts:
            if a.date:
                docs_by_date[a.date].add(a.doc_id)
        _date_conflicts(event_id, docs_by_date, conflicts)
        status, status_conflict = _status(cluster)
        if status_conflict:
            conflicts.append({"event_id": event_id, "doc_id": None, "attribute": "status", "claims": status_conflict, "note": "sources disagree on whether it happened"})
        location_counts = Counter()
        location_docs: dict[tuple[str, str | None], set[str]] = defaultdict(set)
        for a in cluster.accounts:
            for loc in a.locations:
                location_counts[loc] += 1
                location_docs[loc].add(a.doc_id)
        location = _best_location(location_counts, location_docs, kb)
        participants = _participants(cluster)
        conflicts.extend(_office_conflicts(event_id, cluster, kb))
        conflicts.extend(_knowledge_base_conflicts(event_id, cluster, date, kb))
        weapons: dict[str, str | None] = {}
        for a in cluster.accounts:
            for name, cls in a.weapons.items():
                weapons.setdefault(name, cls)
        independent = {a.independent_of for a in cluster.accounts}
        confidence = min(0.99, sum(a.confidence for a in cluster.accounts) / len(cluster.accounts) + 0.05 * (len(independent) - 1))
        kind = first.type if all(a.type == first.type for a in cluster.accounts) else Counter(a.type for a in cluster.accounts).most_common(1)[0][0]
        events.append(
            {
                "claims": _claims(cluster),
                "id": event_id,
                "type": kind,
                "status": status,
                "date": date,
                "date_precision": {10: "day", 7: "month", 4: "year"}.get(len(date)) if date else None,
                "date_end": None,
                "location_name": location[0] if location else None,
                "location_country": location[1] if location else None,
                "plover": PLOVER_CATEGORY.get(kind),
                "sources": len(independent),
                "confidence": round(confidence, 2),
                "merge_reasons": json.dumps(cluster.reasons, ensure_ascii=False),
                "mention_ids": [m for a in cluster.accounts for m in a.mention_ids],
                "participants": participants,
                "weapons": weapons,
            }
        )
    return events, conflicts


def _claims(cluster: Cluster) -> list[dict]:
    """Each value any source gives for each attribute, with the documents that give it."""
    support: dict[tuple[str, str | None, str], set[str]] = defaultdict(set)
    for a in cluster.accounts:
        if a.date:
            support[("date", None, a.date)].add(a.doc_id)
        support[("status", None, a.status)].add(a.doc_id)
        for name, country in a.locations:
            support[("place", None, f"{name} ({country})" if country else name)].add(a.doc_id)
        for actor_id, p in a.participants.items():
            support[("participant", None, p["name"])].add(a.doc_id)
            for title in p["titles"]:
                support[("title", p["name"], title)].add(a.doc_id)
            for role in p["roles"]:
                support[("role", p["name"], role)].add(a.doc_id)
        for weapon in a.weapons:
            support[("weapon", None, weapon)].add(a.doc_id)
    return [
        {"attribute": attribute, "subject": subject, "value": value, "doc_ids": sorted(docs)}
        for (attribute, subject, value), docs in sorted(support.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2]))
    ]


def _best_location(counts: Counter, docs: dict, kb: KnowledgeBase) -> tuple[str, str | None] | None:
    """The most-supported country, then its most specific place (a city over the country's name)."""
    if not counts:
        return None
    by_country: Counter = Counter()
    for (name, country), n in counts.items():
        by_country[country] += len(docs[(name, country)])
    top = max(by_country, key=lambda c: (by_country[c], c or ""))
    options = [loc for loc in counts if loc[1] == top]
    country_name = kb.countries[top].name if top in kb.countries else None

    def score(loc):
        return (loc[0] != country_name, len(docs[loc]), counts[loc], loc[0])

    return max(options, key=score)


def _date_conflicts(event_id: str, docs_by_date: dict[str, set[str]], conflicts: list[dict]) -> None:
    days = {d: docs for d, docs in docs_by_date.items() if len(d) >= 10}
    if len(days) > 1:
        conflicts.append(
            {
                "event_id": event_id,
                "doc_id": None,
                "attribute": "date",
                "claims": [{"value": d, "doc_ids": sorted(docs)} for d, docs in sorted(days.items())],
                "note": "sources give different days",
            }
        )


def _status(cluster: Cluster) -> tuple[str, list[dict] | None]:
    by_status: dict[str, set[str]] = defaultdict(set)
    for a in cluster.accounts:
        by_status[a.status].add(a.doc_id)
    if "happened" in by_status:
        if "denied" in by_status:
            return "happened", [{"value": s, "doc_ids": sorted(d)} for s, d in sorted(by_status.items())]
        return "happened", None
    for status in ("planned", "speculated", "denied"):
        if status in by_status:
            return status, None
    return "happened", None


def _participants(cluster: Cluster) -> list[dict]:
    merged: dict[str, dict] = {}
    for a in cluster.accounts:
        for actor_id, p in a.participants.items():
            entry = merged.setdefault(actor_id, {"actor_id": actor_id, "name": p["name"], "country": p["country"], "titles": Counter(), "roles": Counter(), "docs": set(), "by_status": defaultdict(set)})
            entry["titles"].update(p["titles"])
            entry["roles"].update(p["roles"])
            entry["docs"].add(a.doc_id)
            entry["country"] = entry["country"] or p["country"]
            for status in p.get("statuses") or {PARTICIPANT_STATUS_OF_MENTION.get(a.status, "happened"): 1}:
                entry["by_status"][status].add(a.doc_id)
    out = []
    for entry in merged.values():
        roles = entry["roles"]
        role = _best_role(roles)
        title = entry["titles"].most_common(1)[0][0] if entry["titles"] else None
        status, sources = participant_status(entry["by_status"])
        out.append(
            {"actor_id": entry["actor_id"], "name": entry["name"], "country": entry["country"], "title": title, "role": role, "support": len(entry["docs"]), "status": status, "sources": sources}
        )
    out.sort(key=lambda p: (-p["support"], p["name"]))
    return out


def participant_status(by_status: dict[str, set[str]]) -> tuple[str, list[str]]:
    """A participant's own status at a merged event, and the documents that give it.

    Attended only where a report that the event happened names them: a preview's
    "is expected to lead the delegation" makes them expected, whatever the reports
    written after the event say of others. Otherwise the strongest of what is said
    of them (``PARTICIPANT_STATUSES``): an absence ("will not attend", "opted out")
    over a denial, an announcement, a rumour.
    """
    for status in PARTICIPANT_STATUSES:
        if by_status.get(status):
            return status, sorted(by_status[status])
    return "happened", []


ROLE_PRIORITY = ("host", "delegation_head", "visitor", "sender", "recipient", "speaker", "target", "delegation_member", "attendee", "other")


def _best_role(roles: Counter) -> str:
    """The most specific role any source gives, most-supported first."""
    if not roles:
        return "other"
    top = max(roles.values())
    candidates = [r for r, n in roles.items() if n == top or r in {"host", "delegation_head"}]
    return min(candidates, key=ROLE_PRIORITY.index)


def _knowledge_base_conflicts(event_id: str, cluster: Cluster, date: str | None, kb: KnowledgeBase) -> list[dict]:
    """A source gives someone an office the knowledge base says they did not hold then.

    The article is not corrected (the KB may be the one out of date); both sides are kept.
    """
    from tribune.kb.offices import office_contradictions

    out = []
    seen: set[tuple[str, str]] = set()
    for a in cluster.accounts:
        for actor_id, p in a.participants.items():
            if actor_id.startswith("country:"):
                continue
            for title in p["titles"]:
                if (actor_id, title) in seen:
                    continue
                seen.add((actor_id, title))
                note = office_contradictions(kb, actor_id, title, date or a.date or a.published)
                if note:
                    docs = sorted({b.doc_id for b in cluster.accounts if title in b.participants.get(actor_id, {}).get("titles", {})})
                    out.append(
                        {
                            "event_id": event_id,
                            "doc_id": None,
                            "attribute": f"office of {p['name']}",
                            "claims": [{"value": f"{p['name']}: {title}", "doc_ids": docs}, {"value": "knowledge base", "doc_ids": []}],
                            "note": note,
                        }
                    )
    return out


def _office_conflicts(event_id: str, cluster: Cluster, kb: KnowledgeBase) -> list[dict]:
    """Two people given the same one-holder office for one country at one event."""
    holders: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    names: dict[str, str] = {}
    for a in cluster.accounts:
        for actor_id, p in a.participants.items():
            if actor_id.startswith("country:"):
                continue
            names[actor_id] = p["name"]
            for title in p["titles"]:
                normalised, rank = kb.rank_of_title(title)
                if normalised and rank is not None and rank <= 20 and p["country"]:
                    holders[(normalised, p["country"])][actor_id].add(a.doc_id)
            for role in p["roles"]:
                if role == "delegation_head" and p["country"]:
                    holders[("delegation head", p["country"])][actor_id].add(a.doc_id)
    out = []
    for (title, country), actors in holders.items():
        if len(actors) > 1:
            out.append(
                {
                    "event_id": event_id,
                    "doc_id": None,
                    "attribute": f"{title} ({country})",
                    "claims": [{"value": names[aid], "actor_id": aid, "doc_ids": sorted(docs)} for aid, docs in sorted(actors.items())],
                    "note": f"sources name different people as {title} of {country}",
                }
            )
    return out


def accounts_from_rows(mention_rows: list[dict], participant_rows: list[dict], weapon_rows: list[dict], doc_rows: list[dict], duplicated_spans: dict[str, list[tuple[int, int, str]]]) -> list[Account]:
    """Fold stored mentions into per-document accounts of events."""
    docs = {d["id"]: d for d in doc_rows}
    order = {d["id"]: i for i, d in enumerate(doc_rows)}
    parts: dict[str, list[dict]] = defaultdict(list)
    for p in participant_rows:
        parts[p["mention_id"]].append(p)
    weapons: dict[str, list[dict]] = defaultdict(list)
    for w in weapon_rows:
        weapons[w["mention_id"]].append(w)
    accounts: dict[str, Account] = {}
    for m in mention_rows:
        doc = docs.get(m["doc_id"])
        if doc is None:
            continue
        key = f"{m['doc_id']}#{m['grp']}"
        independent = doc["duplicate_of"] or m["doc_id"]
        for start, end, original in duplicated_spans.get(m["doc_id"], []):
            if start <= m["start_char"] < end:
                independent = original
        account = accounts.get(key)
        if account is None:
            account = accounts[key] = Account(key, m["doc_id"], order[m["doc_id"]], independent, m["type"], [], [], [], [], {}, {}, 0.0, doc["published"])
        account.mention_ids.append(m["id"])
        if m["date"]:
            account.dates.append((m["date"], m["date_precision"]))
        account.statuses.append(m["status"])
        if m["location_name"]:
            account.locations.append((m["location_name"], m["location_country"]))
        account.confidence = max(account.confidence, m["confidence"])
        for p in parts.get(m["id"], []):
            entry = account.participants.setdefault(p["actor_id"], {"name": p["name"], "country": p["country"], "titles": Counter(), "roles": Counter(), "statuses": Counter()})
            # a knowledge base written before participants had a status of their own: the mention's
            entry["statuses"][p.get("status") or PARTICIPANT_STATUS_OF_MENTION.get(m["status"], "happened")] += 1
            if p["title"]:
                entry["titles"][p["title"]] += 1
            entry["roles"][p["role"]] += 1
        for w in weapons.get(m["id"], []):
            account.weapons.setdefault(w["name"], w["class"])
    out = list(accounts.values())
    set_document_context(out)
    return out


def set_document_context(accounts: list[Account]) -> None:
    """Give each account what its own document says around it: the main event it reports, and, for an
    account that names no place, the document's main account of the same type (and that account's places)."""
    by_doc: dict[str, list[Account]] = defaultdict(list)
    for a in accounts:
        by_doc[a.doc_id].append(a)
    for doc_accounts in by_doc.values():
        ranked = sorted(doc_accounts, key=lambda a: (-len(a.mention_ids), a.key))
        news = [a for a in ranked if a.date and len(a.date) >= 10 and _reported_soon(a)]
        anchor = f"{TYPE_FAMILY.get(news[0].type, news[0].type)} {news[0].date[:10]}" if news else None
        for a in doc_accounts:
            a.anchor = anchor
            if a.locations:
                continue
            family = TYPE_FAMILY.get(a.type, a.type)
            same = [b for b in ranked if b is not a and TYPE_FAMILY.get(b.type, b.type) == family]
            dated = [b for b in same if b.date]
            main = next((b for b in dated if len(b.date) >= 10 and _reported_soon(b)), dated[0] if dated else None)
            if main is None:
                continue
            a.context_of = main.key
            # where the main account says it was, or another account of the document of the same type and days
            placed = next((b for b in same if b.locations and (b is main or _same_days(b.date, main.date))), None)
            if placed is not None:
                a.context_places = placed.place_names()
                a.context_country = placed.country


def _reported_soon(account: Account) -> bool:
    """Its date lies within the publication window of its article (or the article's date is unknown)."""
    return not account.published or len(account.published) < 10 or _within(account.published, account.date)


def _same_days(a: str | None, b: str | None) -> bool:
    apart = _days_apart(a, b) if a and b else None
    return apart is not None and apart <= 2


def resolve_context(account: Account, home: dict[str, Cluster]) -> None:
    """Where the account's document's main event of its type took place, now that that account is linked."""
    event = home.get(account.context_of) if account.context_of else None
    if event is None:
        account.linked_places, account.linked_country = set(), None
        return
    account.linked_places = event.place_names()
    countries = Counter(a.country or a.context_country or a.linked_country for a in event.accounts if a.country or a.context_country or a.linked_country)
    account.linked_country = countries.most_common(1)[0][0] if countries else None
