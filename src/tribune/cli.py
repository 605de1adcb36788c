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
errors = Console(stderr=True)

DbOption = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB).")


def _open(db: str, read_only: bool = True):
    from tribune.api import Tribune

    try:
        return Tribune(db, read_only=read_only)
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
) -> None:
    """Read articles into the knowledge base.

    Example: tribune ingest data/sample --db kb.duckdb --workers 2

    Sources already ingested are skipped, so an interrupted run resumes where it
    stopped. Files that cannot be read are reported one line each and the run goes on.
    """
    tb = _open(db, read_only=False)
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
    return {"type": type_, "actor": actor, "country": country, "since": since, "until": until, "status": status}


@app.command()
def events(
    db: str = DbOption,
    type_: Optional[str] = typer.Option(None, "--type", help="Event type, e.g. parade, summit, visit."),
    actor: Optional[str] = typer.Option(None, "--actor", help="A participant's name or actor id."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166 alpha-3 of a participant or the place."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY-MM-DD."),
    status: Optional[str] = typer.Option(None, "--status", help="happened, planned, speculated or denied."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line instead of a table."),
) -> None:
    """List events with their date, place, participants and sources.

    Example: tribune events --type parade --actor "Li Qiang" --since 2023-01-01
    """
    with _open(db) as tb:
        rows = tb.events(**_filters(type_, actor, country, since, until, status))
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(show_lines=False)
    for column in ("date", "type", "status", "place", "participants (title, role)", "weapons", "src"):
        table.add_column(column, overflow="fold")
    for e in rows:
        people = "; ".join(
            f"{p['name']}" + (f" ({p['title']}, {p['role']})" if p["title"] else f" ({p['role']})")
            for p in e["participants"]
            if not p["actor_id"].startswith("country:")
        )
        table.add_row(
            e["date"] or "?",
            e["type"],
            e["status"],
            escape((e["location"] or {}).get("name") or ""),
            escape(people),
            escape(", ".join(w["name"] for w in e["weapons"])),
            str(e["sources"]),
        )
    console.print(table)
    console.print(f"{len(rows)} events", highlight=False)


@app.command()
def timeline(
    db: str = DbOption,
    actor: Optional[str] = typer.Option(None, "--actor", help="Only events with this participant."),
    type_: Optional[str] = typer.Option(None, "--type", help="Only events of this type."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3 of a participant or the place."),
    since: Optional[str] = typer.Option(None, "--since"),
    until: Optional[str] = typer.Option(None, "--until"),
) -> None:
    """Dated events in order, one line each.

    Example: tribune timeline --actor "Kim Jong Un" --since 2023-01-01
    """
    with _open(db) as tb:
        rows = tb.timeline(**_filters(type_, actor, country, since, until, None))
    for r in rows:
        mark = "" if r["status"] == "happened" else f" [{r['status']}]"
        who = ", ".join(r["participants"][:6])
        place = f" in {r['place']}" if r["place"] else ""
        console.print(f"{r['date']:<10}  {r['type']:<16}{escape(place)}{escape(mark)}  {escape(who)}  ({r['sources']} src)", highlight=False, soft_wrap=True)


@app.command()
def export(
    what: str = typer.Argument(..., help="events, docs or conflicts"),
    db: str = DbOption,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (required for parquet); stdout otherwise."),
) -> None:
    """Write the knowledge base in the public export format.

    Example: tribune export events --format jsonl > events.jsonl
    Example: tribune export docs --format parquet --out docs.parquet
    """
    from tribune.store.export import write_csv, write_jsonl, write_parquet

    if what not in {"events", "docs", "conflicts"}:
        errors.print(f"error: cannot export '{escape(what)}': choose events, docs or conflicts")
        raise typer.Exit(1)
    if fmt not in {"jsonl", "csv", "parquet"}:
        errors.print(f"error: unknown format '{escape(fmt)}': choose jsonl, csv or parquet")
        raise typer.Exit(1)
    if fmt == "parquet" and out is None:
        errors.print("error: --format parquet needs --out FILE")
        raise typer.Exit(1)
    with _open(db) as tb:
        records = {"events": tb.events, "docs": tb.documents, "conflicts": tb.conflicts}[what]()
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
    """Where sources disagree, with both sides.

    Example: tribune conflicts --db kb.duckdb
    """
    with _open(db) as tb:
        rows = tb.conflicts()
    for c in rows:
        where = c.get("event") or c.get("path")
        console.print(f"[bold]{escape(c['attribute'])}[/] ({escape(str(where))}): {escape(c['note'] or '')}", highlight=False)
        for v in c["values"]:
            support = ", ".join(v.get("doc_ids", [])) or escape(str(v.get("evidence", "")))[:160]
            console.print(f"    {escape(str(v['value']))}: {escape(support)}", highlight=False)
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
