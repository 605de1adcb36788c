"""`tribune kb ...`: the actor knowledge base itself (people, offices over time), without a database.

    tribune kb show "Li Qiang" --date 2025-10-10
    tribune kb import-wikidata latest-all.json.bz2 --out my-kb --limit 100000
    tribune kb show "Some Minister" --kb my-kb
    tribune kb coverage --max-gap 120
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

KbOption = typer.Option(None, "--kb", help="A folder of your own KB files (actors.jsonl ...) read after the bundled ones; repeatable.")


def _load(kb_dirs: Optional[List[Path]]):
    from tribune.kb.knowledge import KnowledgeBase

    return KnowledgeBase.load([str(d) for d in kb_dirs or []])


def find_actors(kb, name: str) -> list:
    """Actors by id, name or alias; failing that, people by surname or second-mention name."""
    from tribune.kb.knowledge import fold

    if name in kb.actors:
        return [kb.actors[name]]
    found = kb.actors_named(name)
    if not found:
        found = kb.people_with_surname(name)
    if not found:
        key = fold(name)
        found = [kb.actors[i] for i, short in kb.short_names.items() if fold(short) == key]
    return found


def actor_profile(kb, actor_id: str, date: str | None = None) -> dict:
    """Everything the KB says about an actor, with the office held on ``date``."""
    from tribune.kb.offices import office_on, protocol_rank

    actor = kb.actors[actor_id]
    offices = []
    for o in sorted(kb.offices.get(actor_id, []), key=lambda o: (o.start or "", o.end or "9999")):
        offices.append(
            {
                "title": o.title,
                "organisation": o.organisation,
                "country": o.country,
                "rank": o.rank,
                "rank_class": kb.rank_class_of(o),
                "order": kb.office_orders.get(o),
                "start": o.start,
                "end": o.end,
                "source": o.source,
            }
        )
    profile = {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "country_name": kb.countries[actor.country].name if actor.country in kb.countries else None,
        "aliases": [a for a in actor.aliases if a != actor.name],
        "surname": kb.surnames.get(actor_id),
        "short_name": kb.short_names.get(actor_id),
        "description": actor.description,
        "wikidata": kb.wikidata.get(actor_id),
        "relations": [{"type": r.type, "of": r.of, "name": kb.actors[r.of].name if r.of in kb.actors else r.of} for r in kb.relations_of(actor_id)],
        "offices": offices,
    }
    if date:
        office = office_on(kb, actor_id, date)
        rank = protocol_rank(kb, actor_id, date)
        held = [o.title for o in kb.offices_at(actor_id, date)]
        profile["on_date"] = {"date": date, "office": office.title if office else None, "rank": rank.rank, "label": rank.label, "all_offices": held}
    return profile


def register(app: typer.Typer) -> None:
    kb_app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None, help="The actor knowledge base: who is who, offices over time, Wikidata import.")
    app.add_typer(kb_app, name="kb")

    @kb_app.command("show")
    def show(
        name: str = typer.Argument(..., help="A name, alias, surname or KB id (\"Kim Jong Un\", \"Kim Jong-un\", \"li-qiang\")."),
        date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD (or YYYY-MM, YYYY): also show the office held that day."),
        kb_dirs: Optional[List[Path]] = KbOption,
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Who this is: aliases, offices with dates and sources, and the office held on --date.

        Example: tribune kb show "Liu Yunshan" --date 2015-10-10
        """
        console = Console(soft_wrap=True, highlight=False)
        if date and not _valid_date(date):
            Console(stderr=True).print(f"error: --date must be YYYY-MM-DD, YYYY-MM or YYYY, not {escape(date)!r}")
            raise typer.Exit(1)
        try:
            kb = _load(kb_dirs)
        except (OSError, ValueError) as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        found = find_actors(kb, name)
        if not found:
            Console(stderr=True).print(f"error: no actor named {escape(name)!r} in the knowledge base")
            raise typer.Exit(1)
        profiles = [actor_profile(kb, a.id, date) for a in found]
        if as_json:
            sys.stdout.write(json.dumps(profiles if len(profiles) > 1 else profiles[0], ensure_ascii=False, indent=2) + "\n")
            return
        if len(profiles) > 1:
            console.print(f"{len(profiles)} actors match {escape(name)!r}:")
        for p in profiles:
            _print_profile(console, p)

    @kb_app.command("coverage")
    def coverage_command(
        country: Optional[List[str]] = typer.Option(None, "--country", help="Only this country (ISO alpha-3); repeatable."),
        max_gap: int = typer.Option(120, "--max-gap", min=0, help="Days a role may go without a known holder and still count as covered."),
        gaps: bool = typer.Option(False, "--gaps", help="Also list the uncovered spans (roles with no holder at all are left out)."),
        kb_dirs: Optional[List[Path]] = KbOption,
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Which countries' heads of state and government, foreign and defence ministers the KB knows for 2010-2026.

        Counts, per country and role, the days of 2010-01-01..2026-06-30 on which no office of that
        role is recorded: a hole there means delegation ranks and office contradictions go unchecked.
        Example: tribune kb coverage --country PRK --country CHN --gaps
        """
        try:
            kb = _load(kb_dirs)
        except (OSError, ValueError) as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        unknown = [c for c in country or [] if c.upper() not in kb.countries]
        if unknown:
            Console(stderr=True).print(f"error: unknown country code(s): {escape(', '.join(unknown))} (use ISO alpha-3, e.g. PRK)")
            raise typer.Exit(1)
        view = coverage_view(kb, country, max_gap)
        if as_json:
            sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=1) + "\n")
            return
        _print_coverage(view, gaps)

    @kb_app.command("import-wikidata")
    def import_command(
        dump: Path = typer.Argument(..., exists=True, dir_okay=False, help="A Wikidata JSON dump (latest-all.json, .json.gz or .json.bz2), or a sample in that format."),
        out: Path = typer.Option(..., "--out", help="Folder to write actors.jsonl into; use it later with --kb."),
        limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Stop after this many entities."),
        positions: Optional[Path] = typer.Option(None, "--positions", exists=True, dir_okay=False, help="Your own position mapping (JSONL: qid, title, country, rank_class); default: the bundled wikidata_positions.jsonl."),
        kb_dirs: Optional[List[Path]] = KbOption,
    ) -> None:
        """Stream a Wikidata dump into KB files: people with positions held (P39, P580/P582), citizenship, aliases.

        Example: tribune kb import-wikidata latest-all.json.bz2 --out my-kb && tribune ingest news/ --kb my-kb
        """
        from tribune.kb.wikidata import import_wikidata, load_positions

        console = Console(soft_wrap=True, highlight=False)
        try:
            report = import_wikidata(dump, out, limit=limit, kb=_load(kb_dirs), positions=load_positions(positions) if positions else None)
        except (OSError, EOFError, ValueError) as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        console.print(
            f"read {report.entities} entities; wrote {report.people} people ({report.merged} merged with the bundled KB) "
            f"and {report.offices} offices to {escape(report.out)}"
        )
        if report.malformed:
            console.print(f"{report.malformed} malformed lines skipped (first: {escape(report.errors[0])})")
        console.print(f"use it with: --kb {escape(str(out))}")


def coverage_view(kb, countries: list[str] | None = None, max_gap: int = 120) -> dict:
    """The coverage report as plain data (for --json and for the table): per country, per role, gap days and spans."""
    from tribune.kb.coverage import ROLES, WINDOW, complete_countries, coverage, role_counts

    report = coverage(kb, [c.upper() for c in countries] if countries else None)
    rows = []
    for code, by_role in report.items():
        rows.append(
            {
                "country": code,
                "name": kb.countries[code].name if code in kb.countries else code,
                "roles": {role: {"gap_days": rc.gap_days, "gaps": rc.gaps, "holders": len(rc.holders)} for role, rc in by_role.items()},
                "complete": all(rc.gap_days <= max_gap for rc in by_role.values()),
            }
        )
    rows.sort(key=lambda r: (not r["complete"], sum(v["gap_days"] for v in r["roles"].values()), r["country"]))
    return {
        "window": list(WINDOW),
        "max_gap_days": max_gap,
        "roles": list(ROLES),
        "complete": complete_countries(report, max_gap),
        "per_role": role_counts(report, max_gap),
        "countries": rows,
    }


_ROLE_HEADERS = {"head_of_state": "head of state", "head_of_government": "head of gov.", "foreign_minister": "foreign min.", "defence_minister": "defence min."}


def _print_coverage(view: dict, show_gaps: bool) -> None:
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True)
    limit = view["max_gap_days"]
    table = Table(title=f"Days without a known holder, {view['window'][0]} to {view['window'][1]}")
    table.add_column("code", no_wrap=True)
    table.add_column("country")
    for role in view["roles"]:
        table.add_column(_ROLE_HEADERS.get(role, role), justify="right")
    table.add_column("complete")
    for row in view["countries"]:
        cells = []
        for role in view["roles"]:
            days = row["roles"][role]["gap_days"]
            style = "green" if days == 0 else ("yellow" if days <= limit else "red")
            cells.append(f"[{style}]{days}[/]")
        table.add_row(row["country"], escape(row["name"]), *cells, "yes" if row["complete"] else "")
    console.print(table)
    per_role = ", ".join(f"{_ROLE_HEADERS.get(r, r)} {n}" for r, n in view["per_role"].items())
    console.print(f"{len(view['complete'])} countries have all four roles with at most {limit} days uncovered; per role: {per_role}")
    if show_gaps:
        for row in view["countries"]:
            for role in view["roles"]:
                gaps = row["roles"][role]["gaps"]
                if gaps and row["roles"][role]["gap_days"] < _window_days(view):
                    spans = "; ".join(f"{a} to {b}" for a, b in gaps)
                    console.print(f"  {row['country']} {_ROLE_HEADERS.get(role, role)}: {spans}")


def _window_days(view: dict) -> int:
    from datetime import date

    a, b = (date.fromisoformat(d) for d in view["window"])
    return (b - a).days + 1


def _valid_date(value: str) -> bool:
    import re

    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value))


def _print_profile(console: Console, p: dict) -> None:
    where = f", {p['country_name'] or p['country']}" if p["country"] else ""
    console.print(f"[bold]{escape(p['name'])}[/bold] ({p['kind']}{escape(where)})  id: {escape(p['id'])}" + (f"  wikidata: {p['wikidata']}" if p["wikidata"] else ""))
    if p["description"]:
        console.print(f"  {escape(p['description'])}")
    if p["aliases"]:
        console.print(f"  also: {escape(', '.join(p['aliases']))}")
    if p["surname"]:
        console.print(f"  surname: {escape(p['surname'])}" + (f"; on second mention: {escape(p['short_name'])}" if p["short_name"] else ""))
    for r in p["relations"]:
        console.print(f"  {escape(r['type'])} of {escape(r['name'])}")
    if p["offices"]:
        console.print("  offices:")
        for o in p["offices"]:
            span = f"{o['start'] or '?'} to {o['end'] or 'present'}"
            rank = f" rank {o['rank']}" if o["rank"] is not None else ""
            order = f", No. {o['order']}" if o["order"] is not None else ""
            console.print(f"    {span:<26} {escape(o['title'])}{rank}{order}  [{escape(o['source'] or 'no source')}]")
    on = p.get("on_date")
    if on:
        if on["office"]:
            console.print(f"  on {on['date']}: {escape(on['label'] or on['office'])} (rank {on['rank']})")
            others = [t for t in on["all_offices"] if t != on["office"]]
            if others:
                console.print(f"    also held: {escape('; '.join(others))}")
        else:
            console.print(f"  on {on['date']}: no office recorded")
