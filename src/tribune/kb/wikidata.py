"""Grow the knowledge base from a Wikidata JSON entity dump, streaming.

Wikidata's ``latest-all.json`` (and its ``.gz`` / ``.bz2``) is one JSON array
with one entity per line:

    [
    {"type":"item","id":"Q42","labels":{...},"aliases":{...},"claims":{"P39":[...]}, ...},
    ...
    ]

This module reads it line by line (never the whole file), keeps the people who
held a position listed in ``wikidata_positions.jsonl`` (P39 "position held",
with P580 start and P582 end qualifiers), takes their English label and
aliases, their citizenship (P27) and description, and writes them as an
``actors.jsonl`` in a folder that ``KnowledgeBase.load(extra_dirs=[folder])``
(``--kb folder`` on the command line) reads. A person the bundled KB already
has (same name and country) keeps the KB's id and offices; Wikidata's offices
are added where the KB has none of that kind starting the same year.

Position items map to titles and rank classes through a data file, never code:
``kb/data/wikidata_positions.jsonl`` rows are
``{"qid", "title", "country", "rank_class", "organisation"?, "label"?}``; pass
``positions=`` (or ``--positions FILE`` on the command line) to use your own.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Iterable, Iterator

from tribune.kb.knowledge import KnowledgeBase, _pad, fold

HUMAN = "Q5"
_TIME = re.compile(r"^([+-])(\d{1,16})-(\d\d)-(\d\d)T")


@dataclass(frozen=True)
class Position:
    qid: str
    title: str
    country: str | None
    rank_class: str | None
    organisation: str | None = None


@dataclass
class ImportReport:
    entities: int = 0
    people: int = 0
    offices: int = 0
    merged: int = 0  # people the bundled KB already had
    malformed: int = 0  # lines that were not JSON
    skipped_offices: int = 0  # positions known, but already in the KB
    out: str = ""
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("entities", "people", "offices", "merged", "malformed", "skipped_offices", "out")} | {"errors": self.errors[:20]}


def _data_rows(name: str) -> list[dict]:
    text = resources.files("tribune.kb").joinpath("data").joinpath(name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load_positions(path: str | Path | None = None) -> dict[str, Position]:
    """Position Q-id -> title, country and rank class: the bundled file, extended (and overridden) by the user's."""
    rows = _data_rows("wikidata_positions.jsonl")
    if path is not None:
        rows += [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
    return {r["qid"]: Position(r["qid"], r["title"], r.get("country"), r.get("rank_class"), r.get("organisation")) for r in rows}


def load_country_items() -> dict[str, str]:
    """Country Q-id -> ISO alpha-3, for the P27 (citizenship) values the dump gives as items."""
    return {r["qid"]: r["iso3"] for r in _data_rows("wikidata_countries.jsonl")}


def open_dump(path: str | Path) -> IO[str]:
    """A text stream over a dump, decompressing .gz and .bz2 on the fly."""
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    if name.endswith(".bz2"):
        return io.TextIOWrapper(bz2.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def iter_entities(lines: Iterable[str], report: ImportReport | None = None) -> Iterator[dict]:
    """Entities from the lines of a dump: the array brackets and trailing commas are skipped."""
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text in {"[", "]"}:
            continue
        if text.endswith(","):
            text = text[:-1]
        try:
            entity = json.loads(text)
        except json.JSONDecodeError as exc:
            if report is not None:
                report.malformed += 1
                report.errors.append(f"line {number}: {exc.msg}")
            continue
        if isinstance(entity, dict):
            yield entity


def wikidata_time(value: dict | None) -> str | None:
    """A Wikidata time value as an ISO date at its precision (9 year, 10 month, 11 day)."""
    if not value:
        return None
    match = _TIME.match(value.get("time", ""))
    if not match or match.group(1) == "-":
        return None
    year, month, day = int(match.group(2)), match.group(3), match.group(4)
    precision = int(value.get("precision", 11))
    if precision < 9:
        return None
    out = f"{year:04d}"
    if precision >= 10 and month != "00":
        out += f"-{month}"
        if precision >= 11 and day != "00":
            out += f"-{day}"
    return out


def _item_values(entity: dict, prop: str) -> list[tuple[str, dict]]:
    """(item id, statement) for each non-deprecated statement of an item-valued property."""
    out = []
    for statement in entity.get("claims", {}).get(prop, []):
        if statement.get("rank") == "deprecated":
            continue
        snak = statement.get("mainsnak", {})
        if snak.get("snaktype") != "value":
            continue
        value = snak.get("datavalue", {}).get("value")
        if isinstance(value, dict) and value.get("id"):
            out.append((value["id"], statement))
        elif isinstance(value, dict) and value.get("numeric-id") is not None:
            out.append((f"Q{value['numeric-id']}", statement))
    return out


def _string_values(entity: dict, prop: str) -> list[str]:
    out = []
    for statement in entity.get("claims", {}).get(prop, []):
        value = statement.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, str):
            out.append(value)
    return out


def _qualifier_time(statement: dict, prop: str) -> str | None:
    for snak in statement.get("qualifiers", {}).get(prop, []):
        if snak.get("snaktype") == "value":
            return wikidata_time(snak.get("datavalue", {}).get("value"))
    return None


def _english(entity: dict, key: str) -> str | None:
    values = entity.get(key, {})
    for lang in ("en", "en-gb", "en-us", "mul"):
        if lang in values and values[lang].get("value"):
            return values[lang]["value"]
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def person_row(entity: dict, positions: dict[str, Position], countries: dict[str, str]) -> dict | None:
    """An actors.jsonl row for a person who held a mapped position, or None."""
    if entity.get("type") != "item":
        return None
    instance_of = {q for q, _ in _item_values(entity, "P31")}
    if instance_of and HUMAN not in instance_of:
        return None
    name = _english(entity, "labels")
    if not name:
        return None
    qid = entity["id"]
    offices = []
    for position_id, statement in _item_values(entity, "P39"):
        position = positions.get(position_id)
        if position is None:
            continue
        office = {
            "title": position.title,
            "country": position.country,
            "rank_class": position.rank_class,
            "start": _qualifier_time(statement, "P580"),
            "end": _qualifier_time(statement, "P582"),
            "source": f"Wikidata {qid} P39 {position_id}" + (f" (statement {statement['id']})" if statement.get("id") else ""),
        }
        if position.organisation:
            office["organisation"] = position.organisation
        offices.append(office)
    if not offices:
        return None
    citizenships = [countries[q] for q, _ in _item_values(entity, "P27") if q in countries]
    office_countries = [o["country"] for o in offices if o.get("country")]
    country = next((c for c in citizenships if c in office_countries), None) or (citizenships[0] if citizenships else None) or (office_countries[0] if office_countries else None)
    aliases = [a["value"] for a in entity.get("aliases", {}).get("en", []) if a.get("value")]
    # Full-name variants only: a bare surname or a title is never an alias (sources.md).
    aliases = [a for a in aliases if " " in a.strip() and a != name]
    row = {"id": None, "name": name, "kind": "person", "country": country, "aliases": [name, *dict.fromkeys(aliases)], "wikidata": qid, "offices": offices}
    description = _english(entity, "descriptions")
    if description:
        row["description"] = description
    return row


def _kb_row(kb: KnowledgeBase, actor_id: str) -> dict:
    """The bundled KB's row for an actor, rebuilt from what the loader keeps."""
    actor = kb.actors[actor_id]
    row: dict = {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country, "aliases": list(actor.aliases)}
    if actor_id in kb.surnames:
        row["surname"] = kb.surnames[actor_id]
    if actor_id in kb.short_names:
        row["short_name"] = kb.short_names[actor_id]
    if actor.description:
        row["description"] = actor.description
    if kb.relations.get(actor_id):
        row["relations"] = [{"type": r.type, "of": r.of} for r in kb.relations[actor_id]]
    offices = []
    for o in kb.offices.get(actor_id, []):
        entry = {"title": o.title, "organisation": o.organisation, "country": o.country, "rank_class": kb.office_classes.get(o), "start": o.start, "end": o.end, "source": o.source}
        if o in kb.office_orders:
            entry["order"] = kb.office_orders[o]
        offices.append({k: v for k, v in entry.items() if v is not None or k in {"end", "start"}})
    row["offices"] = offices
    return row


def _same_office(kb: KnowledgeBase, existing: dict, new: dict) -> bool:
    """Whether an imported office is one the KB row already has (same kind, same country, same start year)."""
    if (existing.get("country") or "") != (new.get("country") or ""):
        return False
    family_a = kb.title_family(existing["title"]) or existing.get("rank_class")
    family_b = kb.title_family(new["title"]) or new.get("rank_class")
    same_kind = family_a == family_b or existing.get("rank_class") == new.get("rank_class")
    start_a, start_b = existing.get("start") or "", new.get("start") or ""
    return same_kind and (start_a[:4] == start_b[:4] or not start_a or not start_b)


def merge_with_kb(row: dict, kb: KnowledgeBase, used_ids: set[str]) -> tuple[dict, bool, int]:
    """Give the row an id; a person the KB already has keeps the KB's id, aliases and offices.

    Returns (row, merged, offices skipped as already known). Two KB people with
    the name and country (two Kim Yong Chols) are not merged: no evidence says which.
    """
    candidates = []
    for name in [row["name"], *row["aliases"]]:
        for actor in kb.actors_named(name, "person"):
            if actor.country == row["country"] or actor.country is None or row["country"] is None:
                if actor not in candidates:
                    candidates.append(actor)
    wikidata_match = [a for a in candidates if kb.wikidata.get(a.id) == row["wikidata"]]
    if wikidata_match:
        candidates = wikidata_match
    if len(candidates) == 1 and candidates[0].id not in used_ids:
        merged = _kb_row(kb, candidates[0].id)
        skipped = 0
        for office in row["offices"]:
            if any(_same_office(kb, existing, office) for existing in merged["offices"]):
                skipped += 1
                continue
            merged["offices"].append(office)
        merged["aliases"] = list(dict.fromkeys([*merged["aliases"], *row["aliases"]]))
        merged["wikidata"] = row["wikidata"]
        if not merged.get("description") and row.get("description"):
            merged["description"] = row["description"]
        used_ids.add(merged["id"])
        return merged, True, skipped
    base = _slug(row["name"]) or row["wikidata"].lower()
    actor_id = base if base not in kb.actors and base not in used_ids else f"{base}-{row['wikidata'].lower()}"
    row = dict(row, id=actor_id)
    used_ids.add(actor_id)
    return row, False, 0


def import_wikidata(
    dump: str | Path,
    out_dir: str | Path,
    *,
    limit: int | None = None,
    kb: KnowledgeBase | None = None,
    positions: dict[str, Position] | None = None,
    countries: dict[str, str] | None = None,
) -> ImportReport:
    """Stream a dump into ``out_dir/actors.jsonl``; ``limit`` stops after that many entities."""
    kb = kb or KnowledgeBase.load()
    positions = positions if positions is not None else load_positions()
    countries = dict(countries if countries is not None else load_country_items())
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = ImportReport(out=str(out / "actors.jsonl"))
    used_ids: set[str] = set()
    with open_dump(dump) as stream, open(out / "actors.jsonl", "w", encoding="utf-8") as sink:
        for entity in iter_entities(stream, report):
            report.entities += 1
            # A country item met in the dump teaches its ISO code (P298) for later citizenships.
            for iso3 in _string_values(entity, "P298"):
                if entity.get("id") and len(iso3) == 3:
                    countries.setdefault(entity["id"], iso3.upper())
            row = person_row(entity, positions, countries)
            if row is not None:
                row, merged, skipped = merge_with_kb(row, kb, used_ids)
                report.people += 1
                report.merged += merged
                report.skipped_offices += skipped
                report.offices += len(row["offices"])
                row["offices"] = sorted(row["offices"], key=lambda o: _pad(o.get("start") or "0000"))
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            if limit is not None and report.entities >= limit:
                break
    (out / "import-report.json").write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
    return report
