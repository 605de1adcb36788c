"""Score a knowledge base against hand-made gold annotations (../shared/contract/gold-format.md).

Every figure that the reference scorer (``../shared/tools/score.py``) prints is computed here by its
definitions, so the two agree on the same export: events are compared per article, the way an analyst
reads: what does *this* document say happened, when, with whom, and how sure is it. A document's view of
an event is what its own mentions say (the participants they name, their most precise date, the status of
the first that gives one), falling back to the merged event where they are silent. Gold and system events
are paired one to one, best first, by a score that needs a compatible type and some agreeing evidence
(the date at the gold's precision, the evidence quote, shared people). A gold event without a date counts
as dated right; a participant is anyone the view names (people and countries), matched by folded name.
tribune adds what the reference does not print: figures per type, the country and canonical spelling of
matched people, and the lists of misses and spurious events.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

def fold_name(name: str) -> str:
    """Names compared after case, accent and hyphen folding."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return re.sub(r"[\s\-]+", " ", name).strip().lower()


@dataclass
class Account:
    """What one document says about one system event: the reference scorer's document view."""

    event_id: str
    type: str
    date: str | None
    status: str
    participants: list[dict]  # everyone its mentions name (people and countries), first naming kept
    sentences: list[str]  # as written
    location: str | None = None
    weapons: list[str] = field(default_factory=list)

    @property
    def folded_sentences(self) -> list[str]:
        return [_ref_text(s) for s in self.sentences]

    def people(self) -> dict[str, dict]:
        """Folded name -> participant, people and organisations only (for country and spelling checks)."""
        return {fold_name(p["name"]): p for p in self.participants if not str(p.get("actor_id", "")).startswith("country:")}


def document_accounts(events: list[dict]) -> dict[str, list[Account]]:
    """Per document key (file basename, or basename#line), that document's accounts of events."""
    by_doc: dict[str, list[Account]] = defaultdict(list)
    for event in events:
        per_doc: dict[str, list[dict]] = defaultdict(list)
        for mention in event.get("mentions", []):
            if mention.get("path"):
                per_doc[_doc_key(mention["path"])].append(mention)
        for key, mentions in per_doc.items():
            people, seen = [], set()
            for m in mentions:
                for p in m.get("participants") or []:
                    if _ref_name(p.get("name")) not in seen:
                        seen.add(_ref_name(p.get("name")))
                        people.append(p)
            dates = [m["date"] for m in mentions if m.get("date")]
            status = next((m["status"] for m in mentions if m.get("status")), event.get("status"))
            location = event.get("location")
            location = location.get("name") if isinstance(location, dict) else location
            weapons = [w.get("name") if isinstance(w, dict) else w for w in event.get("weapons", [])]
            by_doc[key].append(
                Account(
                    event["id"], event.get("type", ""), max(dates, key=len) if dates else event.get("date"), status or "",
                    people or list(event.get("participants", [])), [m.get("sentence") or "" for m in mentions], location, weapons,
                )
            )
    return by_doc


def _doc_key(path: str) -> str:
    base, _, line = path.partition("#")
    name = Path(base).name
    return f"{name}#{line}" if line else name


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class EvalReport:
    events: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    participants: Counts = field(default_factory=Counts)
    date_right: int = 0
    date_total: int = 0
    status_right: int = 0
    status_total: int = 0
    nonhappened_gold: int = 0  # gold events not 'happened'; of them, those given exactly their status
    nonhappened_found: int = 0
    nonhappened_system: int = 0  # paired system views not 'happened'; of them, those whose status is the gold's
    nonhappened_right: int = 0
    location_right: int = 0
    location_total: int = 0
    weapons_found: int = 0
    weapons_gold: int = 0
    delegation_right: int = 0
    delegation_total: int = 0
    # Of the participants matched by name: is the country right, and is the name given in its canonical form?
    participant_country_right: int = 0
    participant_country_total: int = 0
    participant_name_right: int = 0
    participant_name_total: int = 0
    country_errors: list[dict] = field(default_factory=list)  # matched participants whose country disagrees with the gold
    name_errors: list[dict] = field(default_factory=list)  # matched participants not given in the gold's canonical form
    doc_date_right: int = 0
    doc_date_total: int = 0
    cross_doc: Counts = field(default_factory=Counts)
    # The merged view, per real-world event of the gold's _events (see ``score_merged``)
    merged_date_right: int = 0
    merged_date_total: int = 0
    merged_participants: Counts = field(default_factory=Counts)
    merged_events: int = 0
    merged_errors: list[dict] = field(default_factory=list)
    documents_scored: int = 0
    documents_missing: list[str] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)  # gold events not found
    spurious: list[dict] = field(default_factory=list)  # system events not in gold

    def as_dict(self) -> dict:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        p, r, f = self.events.prf()
        pp, pr, pf = self.participants.prf()
        cp, cr, cf = self.cross_doc.prf()
        return {
            "documents_scored": self.documents_scored,
            "documents_missing": self.documents_missing,
            "events": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": self.events.tp, "fp": self.events.fp, "fn": self.events.fn},
            "events_by_type": {t: dict(zip(("precision", "recall", "f1"), (round(x, 3) for x in c.prf()))) | {"gold": c.tp + c.fn} for t, c in sorted(self.by_type.items())},
            "date_accuracy": ratio(self.date_right, self.date_total),
            "status_accuracy": ratio(self.status_right, self.status_total),
            "non_happened_status": {"precision": ratio(self.nonhappened_right, self.nonhappened_system), "recall": ratio(self.nonhappened_found, self.nonhappened_gold)},
            "participants": {"precision": round(pp, 3), "recall": round(pr, 3), "f1": round(pf, 3)},
            "participant_country_accuracy": ratio(self.participant_country_right, self.participant_country_total),
            "participant_name_accuracy": ratio(self.participant_name_right, self.participant_name_total),
            "participants_matched": self.participant_name_total,
            "participant_country_checked": self.participant_country_total,
            "delegation_head_accuracy": ratio(self.delegation_right, self.delegation_total),
            "location_accuracy": ratio(self.location_right, self.location_total),
            "weapon_recall": ratio(self.weapons_found, self.weapons_gold),
            "document_date_accuracy": ratio(self.doc_date_right, self.doc_date_total),
            "cross_document_pairs": {"precision": round(cp, 3), "recall": round(cr, 3), "f1": round(cf, 3)},
            "merged": {
                "events": self.merged_events,
                "date_accuracy": ratio(self.merged_date_right, self.merged_date_total),
                "participants": dict(zip(("precision", "recall", "f1"), (round(x, 3) for x in self.merged_participants.prf()))),
            },
        }


def _pair(gold_events: list[dict], accounts: list[Account]) -> list[tuple[dict, Account]]:
    """One-to-one pairing, best first, as the reference scorer pairs: 2 x date + 2 x quote + 0.5 x shared people."""
    options = []
    for gi, g in enumerate(gold_events):
        for si, a in enumerate(accounts):
            if not _ref_types(g["type"], a.type):
                continue
            by_date = _ref_date(g.get("date"), a.date) if g.get("date") else 0.0
            by_quote = float(_ref_evidence(g.get("evidence"), a.folded_sentences))
            shared = _ref_shared_people(g.get("participants", []), a.participants)
            if by_date or by_quote or shared:
                options.append((2 * by_date + 2 * by_quote + 0.5 * shared, gi, si))
    pairs, used_g, used_s = [], set(), set()
    for _score, gi, si in sorted(options, reverse=True):
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gold_events[gi], accounts[si]))
    return pairs


def evaluate(events: list[dict], documents: list[dict], gold: dict) -> EvalReport:
    """Compare exported events and documents with a gold file's annotations."""
    report = EvalReport()
    accounts = document_accounts(events)
    docs = {_doc_key(d["path"]): d for d in documents if d.get("path")}
    gold_docs = {k: v for k, v in gold.items() if not k.startswith("_")}
    gold_to_system: dict[tuple[str, str], str] = {}
    for key, entry in sorted(gold_docs.items()):
        if key not in docs:
            report.documents_missing.append(key)
        else:
            report.documents_scored += 1
        if entry.get("doc_date"):
            report.doc_date_total += 1
            report.doc_date_right += (docs.get(key, {}).get("published") or "") == entry["doc_date"]
        gold_events = entry.get("events", [])
        system = accounts.get(key, [])
        pairs = _pair(gold_events, system)
        paired_gold = {id(g) for g, _ in pairs}
        paired_system = {id(a) for _, a in pairs}
        report.events.tp += len(pairs)
        report.events.fn += len(gold_events) - len(pairs)
        report.events.fp += len(system) - len(pairs)
        for g in gold_events:
            counts = report.by_type[g["type"]]
            if id(g) in paired_gold:
                counts.tp += 1
            else:
                counts.fn += 1
                report.misses.append({"document": key, "id": g.get("id"), "type": g["type"], "date": g.get("date"), "evidence": g.get("evidence")})
        for a in system:
            if id(a) not in paired_system:
                report.by_type[a.type].fp += 1
                report.spurious.append({"document": key, "event_id": a.event_id, "type": a.type, "date": a.date, "sentence": a.sentences[0] if a.sentences else None})
        for g, a in pairs:
            gold_to_system[(key, g.get("id"))] = a.event_id
            report.date_total += 1
            report.date_right += (not g.get("date")) or _ref_date(g["date"], a.date) == 1.0
            report.status_total += 1
            report.status_right += a.status == g.get("status")
            if g.get("status") != "happened":
                report.nonhappened_gold += 1
                report.nonhappened_found += a.status == g.get("status")
            if (a.status or "happened") != "happened":
                report.nonhappened_system += 1
                report.nonhappened_right += a.status == g.get("status")
            if g.get("location"):
                report.location_total += 1
                report.location_right += _ref_name(a.location) == _ref_name(g["location"])
            gold_weapons = {_ref_name(w) for w in g.get("weapons", [])}
            report.weapons_gold += len(gold_weapons)
            report.weapons_found += len(gold_weapons & {_ref_name(w) for w in a.weapons})
            shared = _ref_shared_people(g.get("participants", []), a.participants)
            report.participants.tp += shared
            report.participants.fn += len(g.get("participants", [])) - shared
            report.participants.fp += len(a.participants) - shared
            gold_people = {fold_name(p["name"]): p for p in g.get("participants", [])}
            _score_matched_participants(report, key, g, gold_people, a)
        for delegation in entry.get("delegations", []):
            report.delegation_total += 1
            match = next((a for g, a in pairs if g.get("id") == delegation.get("event_id")), None)
            if match is not None and any(
                p.get("role") in ("delegation_head", "visitor") and _ref_names_match(p.get("name"), delegation.get("head")) for p in match.participants
            ):
                report.delegation_right += 1
    # Cross-document merging: pairs of articles' accounts of one real-world event (the gold's _events)
    # should share a system event, and accounts of different ones should not.
    real = gold.get("_events") or []
    items = real.items() if isinstance(real, dict) else [(e.get("id"), e) for e in real]
    reference: dict[tuple[str, str], str] = {}
    for ref_id, ref in items:
        for f in ref.get("files", ref.get("mentioned_in", [])):
            for g in gold.get(f, {}).get("events", []):
                if g.get("id") == ref_id or (g.get("id") or "").startswith(ref_id):
                    reference[(f, g.get("id"))] = ref_id
    keys = [k for k in reference if k in gold_to_system]
    for (k1, k2) in combinations(keys, 2):
        if k1[0] == k2[0]:
            continue
        same_gold, same_system = reference[k1] == reference[k2], gold_to_system[k1] == gold_to_system[k2]
        report.cross_doc.tp += same_gold and same_system
        report.cross_doc.fn += same_gold and not same_system
        report.cross_doc.fp += same_system and not same_gold
    score_merged(report, events, gold, gold_to_system)
    return report


_REFERENCE_TYPE_GROUPS = ({"summit", "meeting"}, {"parade", "ceremony"}, {"letter", "statement"}, {"speech", "statement"}, {"exhibition", "parade"})


def _ref_name(name: str | None) -> str:
    """The reference scorer's folding: ASCII, lower case, punctuation and hyphens as spaces."""
    name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[-‐–.'’]", " ", name).split())


def _ref_text(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _ref_names_match(a: str | None, b: str | None) -> bool:
    a, b = _ref_name(a), _ref_name(b)
    return bool(a and b) and (a == b or sorted(a.split()) == sorted(b.split()))


def _ref_types(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in _REFERENCE_TYPE_GROUPS)


def _ref_date(gold: str | None, system: str | None) -> float:
    """1 at the gold's precision, 0.5 where the system's date is a coarser prefix of it (or the gold has none)."""
    if not gold:
        return 0.5
    if not system:
        return 0.0
    if system[: len(gold)] == gold:
        return 1.0
    return 0.5 if gold.startswith(system) else 0.0


def _ref_evidence(evidence: str | None, sentences: list[str]) -> bool:
    quote = _ref_text(evidence)
    words = set(quote.split())
    return bool(quote) and any(quote in s or (words and len(words & set(s.split())) / len(words) >= 0.6) for s in sentences)


def _ref_shared_people(gold_people: list[dict], system_people: list[dict]) -> int:
    used: set[int] = set()
    found = 0
    for g in gold_people:
        for i, p in enumerate(system_people):
            if i not in used and _ref_names_match(g["name"], p.get("name") or ""):
                used.add(i)
                found += 1
                break
    return found


def score_merged(report: EvalReport, events: list[dict], gold: dict, pairs: dict[tuple[str, str], str]) -> None:
    """Score the merged events per real-world event of the gold's ``_events``.

    For each real-world event some of whose articles' accounts were paired with system events: the system
    event most of them landed in (ties: the one whose date agrees with the reference date, then by id). Its
    date against the reference date (exact at the reference's precision), and its event-level participants
    against the people named by the gold accounts that say the event happened (all accounts where none
    does). Where the event happened, a participant whose own status is not ``attended`` (expected, absent,
    ...) is not counted as having been there.
    """
    by_id = {e["id"]: e for e in events}
    real = gold.get("_events") or []
    items = real.items() if isinstance(real, dict) else [(e.get("id"), e) for e in real]
    for ref_id, ref in items:
        files = ref.get("files", ref.get("mentioned_in", []))
        accounts = [(f, g) for f in files for g in gold.get(f, {}).get("events", []) if g.get("id") == ref_id or (g.get("id") or "").startswith(ref_id)]
        landed = [pairs[(f, g.get("id"))] for f, g in accounts if (f, g.get("id")) in pairs]
        if not landed:
            continue
        report.merged_events += 1
        ref_date = ref.get("date")
        chosen = max(sorted(set(landed)), key=lambda sid: (landed.count(sid), _ref_date(ref_date, (by_id.get(sid) or {}).get("date")) if ref_date else 0))
        event = by_id.get(chosen) or {}
        happened = [g for _f, g in accounts if g.get("status") == "happened"]
        gold_names = {_ref_name(p["name"]) for g in (happened or [g for _f, g in accounts]) for p in g.get("participants", [])}
        system_names = {_ref_name(p.get("name")) for p in event.get("participants", []) if not (happened and p.get("status") and p["status"] != "happened")}
        found = {g for g in gold_names if any(_ref_names_match(g, s) for s in system_names)}
        report.merged_participants.tp += len(found)
        report.merged_participants.fn += len(gold_names) - len(found)
        report.merged_participants.fp += len(system_names) - len(found)
        date_right = None
        if ref_date:
            report.merged_date_total += 1
            date_right = _ref_date(ref_date, event.get("date")) == 1.0
            report.merged_date_right += date_right
        extra = sorted(s for s in system_names if not any(_ref_names_match(g, s) for g in gold_names))
        if date_right is False or extra:
            report.merged_errors.append({"event": ref_id, "reference_date": ref_date, "system_date": event.get("date"), "system_event": chosen, "not_in_reference": extra})


def _score_matched_participants(report: EvalReport, key: str, gold_event: dict, gold_people: dict[str, dict], account: Account) -> None:
    """Country and name accuracy over the participants both sides name (the true positives of participant F1).

    F1 says whether the right people were found; these say whether what the system
    records about them is right. The country is what delegation ranks and "who sent
    whom" group by, so a Russian minister filed under Belarus is an error F1 cannot
    see. Name accuracy asks for the gold's canonical form ("Kim Jong Un", not
    "Kim Jong-un" or "KIM Jong Un"): F1 folds case, accents and hyphens away, so a system
    that matches but never canonicalises would still score 1.0 there. Accents alone are
    not held against it (gold files are often typed in ASCII: "Lula da Silva" with or
    without the accent is the same spelling). Gold participants without a country are
    left out of the country figure.
    """
    people = account.people()
    for name in sorted(set(gold_people) & set(people)):
        gold, system = gold_people[name], people[name]
        report.participant_name_total += 1
        if _spelling(system["name"]) == _spelling(gold["name"]):
            report.participant_name_right += 1
        else:
            report.name_errors.append({"document": key, "event": gold_event.get("id"), "gold_name": gold["name"], "system_name": system["name"]})
        if gold.get("country"):
            report.participant_country_total += 1
            if system.get("country") == gold["country"]:
                report.participant_country_right += 1
            else:
                report.country_errors.append(
                    {"document": key, "event": gold_event.get("id"), "name": gold["name"], "gold_country": gold["country"], "system_country": system.get("country")}
                )


def _spelling(name: str) -> str:
    """A name as spelled, accents and extra spaces aside: case and hyphens still count."""
    name = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in name if not unicodedata.combining(ch)).split())


def load_gold(path: str | Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{exc.lineno}: malformed gold JSON: {exc.msg}") from exc

