"""The tribune command line: a thin shell over tribune.api.

Every command opens the knowledge base given by --db (default ./tribune.duckdb),
calls one API method and prints the result. Errors the user can act on are
printed as one line, without a traceback, with exit status 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tribune.errors import TribuneError
from tribune.ingest.readers import DEFAULT_MAX_BYTES
from tribune.clean.document import MIN_WORDS
from tribune.store.db import DEFAULT_DB

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="tribune: who stood where, when, and who says so. A sourced, time-aware knowledge base of geopolitical events from news articles.",
)
console = Console()
errors = Console(stderr=True, soft_wrap=True)  # an error is one line, however long, so logs can be grepped

DbOption = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB).")


def _open(db: str, read_only: bool = True, kb_dirs: Optional[List[Path]] = None):
    from tribune.api import Tribune

    try:
        return Tribune(db, read_only=read_only, kb_dirs=[str(d) for d in kb_dirs or []])
    except TribuneError as exc:
        errors.print(f"error: {escape(str(exc))}")
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files or folders: .txt .md .html .json .jsonl, or .gz of these."),
    db: str = DbOption,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes running the NLP."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per stored batch (one transaction each)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Largest article to read, in bytes."),
    min_words: int = typer.Option(MIN_WORDS, "--min-words", min=1, help="Fewest words a stored article has after cleaning; it also needs one complete sentence. Shorter ones are reported, not stored."),
    strict: bool = typer.Option(False, "--strict", help="Exit with status 2 if any file could not be read."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or ray (Ray Data; needs tribune[scale])."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="A running Ray cluster (default: RAY_ADDRESS, else a local instance)."),
    kb_dirs: Optional[List[Path]] = typer.Option(
        None, "--kb", help="A folder of your own KB files (actors.jsonl ..., or an eventness.json model) read after the bundled ones; repeatable."
    ),
) -> None:
    """Read articles into the knowledge base.

    Example: tribune ingest data/sample --db kb.duckdb --workers 2

    Sources already ingested are skipped, so an interrupted run resumes where it
    stopped. Files that cannot be read are reported one line each and the run goes on.
    A path that does not exist stops the run before anything is written (exit status 2).
    """
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        errors.print(f"error: no such file or folder: {escape(', '.join(missing))}; nothing was ingested", highlight=False)
        raise typer.Exit(2)
    tb = _open(db, read_only=False, kb_dirs=kb_dirs)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]} articles/s"),
        TextColumn("{task.fields[problems]} problems"),
        TimeElapsedColumn(),
        console=errors,
        disable=quiet or not errors.is_terminal,
    )

    def problem(p) -> None:
        # One line per problem, never wrapped, so that logs can be grepped by file name.
        errors.print(f"[yellow]skipped[/] {escape(str(p))}", highlight=False, soft_wrap=True)

    try:
        with progress:
            task = progress.add_task("ingest", total=None, rate="-", problems=0)
            import time

            start = time.perf_counter()

            def on_progress(done: int, problems: int) -> None:
                elapsed = time.perf_counter() - start
                progress.update(task, completed=done, rate=f"{done / elapsed:.1f}" if elapsed else "-", problems=problems)

            if engine == "ray":
                try:
                    from tribune.scale import ray_ingest
                except ImportError as exc:  # pragma: no cover - depends on the installed extras
                    raise TribuneError(f"--engine ray needs Ray: pip install 'tribune[scale]' ({exc})") from exc
                report = ray_ingest(tb, [str(p) for p in paths], workers=workers, batch_size=batch_size, max_bytes=max_bytes, on_progress=on_progress, on_problem=problem, address=ray_address, min_words=min_words)
            elif engine == "local":
                report = tb.ingest([str(p) for p in paths], workers=workers, batch_size=batch_size, max_bytes=max_bytes, on_progress=on_progress, on_problem=problem, min_words=min_words)
            else:
                raise TribuneError(f"unknown engine '{engine}': choose local or ray")
    except TribuneError as exc:
        errors.print(f"error: {escape(str(exc))}")
        raise typer.Exit(1)
    finally:
        tb.close()
    console.print(
        f"read {report.read} articles: {report.new} new, {report.unchanged} already stored, "
        f"{report.duplicates} exact duplicates, {report.near_duplicates} near-duplicates; "
        f"{report.mentions} event mentions, {report.events} events; {len(report.problems)} problems "
        f"({report.seconds:.1f} s, {report.rate:.1f} articles/s)",
        highlight=False,
        soft_wrap=True,
    )
    if report.problems and strict:
        raise typer.Exit(2)


def _filters(type_: Optional[str], actor: Optional[str], country: Optional[str], since: Optional[str], until: Optional[str], status: Optional[str]) -> dict:
    """The filters checked before anything is opened: an unknown value is one line and exit status 2."""
    from tribune.filters import BadFilter, normalize_filters

    try:
        return normalize_filters({"type": type_, "actor": actor, "country": country, "since": since, "until": until, "status": status})
    except BadFilter as exc:
        errors.print(f"error: {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)


def _unique_prefix_length(ids, shortest: int = 8) -> int:
    """The shortest id prefix (at least ``shortest`` characters) that tells every event apart, as git shortens hashes."""
    ids = sorted(ids)
    n = shortest
    for a, b in zip(ids, ids[1:]):
        common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        n = max(n, common + 1)
    return n


@app.command()
def events(
    db: str = DbOption,
    type_: Optional[str] = typer.Option(None, "--type", help="Event type, e.g. parade, summit, visit, weapons_test (any case)."),
    actor: Optional[str] = typer.Option(None, "--actor", help="A participant's name or actor id."),
    country: Optional[str] = typer.Option(None, "--country", help="A participant's country or the place's: a name (China, North Korea) or ISO 3166 code (CHN, CN)."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY, YYYY-MM or YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY, YYYY-MM or YYYY-MM-DD."),
    status: Optional[str] = typer.Option(None, "--status", help="happened, planned, speculated or denied."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line instead of a table."),
) -> None:
    """List events with their date, place, participants and sources.

    Example: tribune events --type parade --actor "Li Qiang" --since 2023-01-01
    """
    filters = _filters(type_, actor, country, since, until, status)
    with _open(db) as tb:
        rows = tb.events(**filters)
        width = _unique_prefix_length(r["id"] for r in tb.store.query("SELECT id FROM events")) if not as_json else 0
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(show_lines=False)
    for column in ("id", "date", "type", "status", "place", "participants (title, role)", "weapons", "src"):
        table.add_column(column, overflow="fold", no_wrap=column == "id")
    for e in rows:
        people = "; ".join(
            f"{p['name']}" + (f" ({p['title']}, {p['role']})" if p["title"] else f" ({p['role']})")
            for p in e["participants"]
            if not p["actor_id"].startswith("country:")
        )
        table.add_row(
            e["id"][:width],
            e["date"] or "?",
            e["type"],
            e["status"],
            escape((e["location"] or {}).get("name") or ""),
            escape(people),
            escape(", ".join(w["name"] for w in e["weapons"])),
            str(e["sources"]),
        )
    console.print(table)
    console.print(f"{len(rows)} events; details of one: tribune event ID (a unique prefix of the id is enough)", highlight=False, soft_wrap=True)


@app.command()
def timeline(
    db: str = DbOption,
    actor: Optional[str] = typer.Option(None, "--actor", help="Only events with this participant."),
    type_: Optional[str] = typer.Option(None, "--type", help="Only events of this type."),
    country: Optional[str] = typer.Option(None, "--country", help="A participant's country or the place's: a name or ISO 3166 code."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY, YYYY-MM or YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY, YYYY-MM or YYYY-MM-DD."),
) -> None:
    """Dated events in order, one line each.

    Example: tribune timeline --actor "Kim Jong Un" --since 2023-01-01
    """
    filters = _filters(type_, actor, country, since, until, None)
    with _open(db) as tb:
        rows = tb.timeline(**filters)
        undated = tb.undated(**filters)
    for r in rows:
        mark = "" if r["status"] == "happened" else f" [{r['status']}]"
        who = ", ".join(r["participants"][:6])
        place = f" in {r['place']}" if r["place"] else ""
        console.print(f"{r['date']:<10}  {r['type']:<16}{escape(place)}{escape(mark)}  {escape(who)}  ({r['sources']} src)", highlight=False, soft_wrap=True)
    if undated:
        # An event no source dates cannot be placed on a timeline; it is listed, not dropped.
        console.print(f"\nundated ({len(undated)}): no source gives a date", highlight=False)
        for r in undated:
            mark = "" if r["status"] == "happened" else f" [{r['status']}]"
            place = f" in {r['place']}" if r["place"] else ""
            who = ", ".join(r["participants"])
            console.print(f"{'':<10}  {r['type']:<16}{escape(place)}{escape(mark)}  {escape(who)}  ({r['sources']} src)  {r['id']}", highlight=False, soft_wrap=True)


@app.command()
def search(
    query: str = typer.Argument(..., help='Words to find; "quoted words" must occur as written.'),
    db: str = DbOption,
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many of each: actors, events, documents."),
    as_json: bool = typer.Option(False, "--json", help="The API's JSON (actors, events, documents) instead of text."),
) -> None:
    """Search actors, events and documents.

    Every word must occur; a quoted phrase must occur as written, words in order.

    Example: tribune search '"Li Qiang"' --db kb.duckdb
    """
    with _open(db) as tb:
        found = tb.search(query, limit=limit)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    console.print(f"actors ({len(found['actors'])})", highlight=False)
    for a in found["actors"]:
        console.print(f"  {escape(a['name'])}  {a['country'] or ''}  {a['events']} events  {escape(a['id'])}", highlight=False, soft_wrap=True)
    console.print(f"events ({len(found['events'])})", highlight=False)
    for e in found["events"]:
        why = ", ".join(e["names"]) if e["match"] == "participant" else (e["sentence"] or "")[:120]
        place = f" in {e['place']}" if e["place"] else ""
        console.print(f"  {e['date'] or 'undated':<10}  {e['type']}{escape(place)}  {escape('[' + e['status'] + ']')}  {e['id']}  ({e['match']}: {escape(why)})", highlight=False, soft_wrap=True)
    console.print(f"documents ({len(found['documents'])})", highlight=False)
    for d in found["documents"]:
        snippet = " ".join(d["snippet"].split())[:160]
        console.print(f"  {escape(d['source'])}\n      {escape(snippet)}", highlight=False, soft_wrap=True)


@app.command()
def export(
    what: str = typer.Argument(..., help="events, participants, mentions, docs or conflicts"),
    db: str = DbOption,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (required for parquet); stdout otherwise."),
) -> None:
    """Write the knowledge base in the public export format.

    events and docs as JSON Lines are the reference (docs/export-format.md). For
    spreadsheets, events, participants and mentions are flat tables joined on
    event_id (and mention_id, doc_id): events as CSV is the flat events table.

    Example: tribune export events --format jsonl > events.jsonl
    Example: tribune export participants --format csv --out participants.csv
    Example: tribune export docs --format parquet --out docs.parquet
    """
    from tribune.store.export import EXPORT_NAMES, export_table, write_csv, write_jsonl, write_parquet

    if what not in EXPORT_NAMES:
        errors.print(f"error: cannot export '{escape(what)}': choose {', '.join(EXPORT_NAMES)}")
        raise typer.Exit(1)
    if fmt not in {"jsonl", "csv", "parquet"}:
        errors.print(f"error: unknown format '{escape(fmt)}': choose jsonl, csv or parquet")
        raise typer.Exit(1)
    if fmt == "parquet" and out is None:
        errors.print("error: --format parquet needs --out FILE")
        raise typer.Exit(1)
    with _open(db) as tb:
        records = export_table(tb, what, fmt)
    if fmt == "parquet":
        n = write_parquet(records, str(out))
    else:
        handle = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            n = (write_csv if fmt == "csv" else write_jsonl)(records, handle)
        finally:
            if out:
                handle.close()
    if out:
        console.print(f"wrote {n} {what} to {out}", highlight=False)


@app.command()
def conflicts(db: str = DbOption) -> None:
    """Where sources disagree, with both sides and the documents (outlet, date, headline) behind each.

    Example: tribune conflicts --db kb.duckdb
    """
    from tribune.analyze.sources import source_labels

    with _open(db) as tb:
        rows = tb.conflicts()
        labels = source_labels(tb, {d for c in rows for v in c["values"] for d in v.get("doc_ids", [])} | {c.get("doc_id") for c in rows})
    for c in rows:
        if c["scope"] == "event":
            where = f"{c['event']}, event {c['event_id']}"
        else:
            where = labels.get(c["doc_id"], c.get("path") or c["doc_id"])
        console.print(f"[bold]{escape(c['attribute'])}[/] ({escape(str(where))}): {escape(c['note'] or '')}", highlight=False, soft_wrap=True)
        for v in c["values"]:
            support = "; ".join(labels.get(d, d) for d in v.get("doc_ids", [])) or str(v.get("evidence", ""))[:160]
            console.print(f"    {escape(str(v['value']))}" + (f": {escape(support)}" if support else ""), highlight=False, soft_wrap=True)
    console.print(f"{len(rows)} conflicts", highlight=False)


@app.command()
def summary(db: str = DbOption) -> None:
    """What the knowledge base holds: events by type and status, parades and their foreign delegations, failed files.

    Example: tribune summary --db kb.duckdb
    """
    from tribune.analyze.summary import summarize

    with _open(db) as tb:
        report = summarize(tb)
    console.print(report, highlight=False, markup=False)


@app.command()
def relink(db: str = DbOption) -> None:
    """Recompute events from stored mentions (after editing the knowledge base files).

    Example: tribune relink --db kb.duckdb
    """
    tb = _open(db, read_only=False)
    try:
        n = tb.relink()
    finally:
        tb.close()
    console.print(f"{n} events", highlight=False)


from tribune.commands import register_all  # noqa: E402  (commands defined in their own modules)

register_all(app)


def main() -> None:  # pragma: no cover
    app()
