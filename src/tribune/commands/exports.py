"""`tribune network` (co-appearance network, GEXF or JSON) and `tribune export-plover` (PLOVER-style JSON)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from tribune.store.db import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command()
    def network(
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB)."),
        fmt: str = typer.Option("gexf", "--format", "-f", help="gexf (Gephi) or json."),
        out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file; stdout otherwise."),
        since: Optional[str] = typer.Option(None, "--since", help="Only events on or after this date."),
        until: Optional[str] = typer.Option(None, "--until", help="Only events on or before this date."),
        min_weight: int = typer.Option(1, "--min-weight", min=1, help="Only links with at least this many events both attended."),
    ) -> None:
        """Who attended events with whom (gatherings that happened, both people there), for Gephi (GEXF) or as JSON.

        Example: tribune network --format gexf --out net.gexf --since 2023-01-01
        """
        from tribune.analyze.network import co_appearance_network
        from tribune.api import Tribune
        from tribune.errors import TribuneError
        from tribune.commands import checked_dates
        from tribune.exporters.gexf import write_gexf

        since, until = checked_dates(since=since, until=until)
        if fmt not in ("gexf", "json"):
            Console(stderr=True).print(f"error: unknown format '{escape(fmt)}': choose gexf or json")
            raise typer.Exit(1)
        try:
            with Tribune(db, read_only=True) as tb:
                net = co_appearance_network(tb, since=since, until=until, min_weight=min_weight)
        except TribuneError as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        if fmt == "gexf":
            if out:
                with open(out, "wb") as handle:
                    write_gexf(net, handle)
            else:
                write_gexf(net, sys.stdout.buffer)
        else:
            text = json.dumps(net, ensure_ascii=False, indent=1) + "\n"
            out.write_text(text, encoding="utf-8") if out else sys.stdout.write(text)
        if out:
            Console(stderr=True).print(f"wrote {len(net['nodes'])} actors and {len(net['edges'])} links to {escape(str(out))}", highlight=False)

    @app.command("export-plover")
    def export_plover(
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB)."),
        out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file; stdout otherwise."),
        since: Optional[str] = typer.Option(None, "--since"),
        until: Optional[str] = typer.Option(None, "--until"),
    ) -> None:
        """Events as PLOVER-style JSON (POLECAT-like fields plus status and evidence sentences).

        Example: tribune export-plover --out events.plover.json --db kb.duckdb
        """
        from tribune.api import Tribune
        from tribune.errors import TribuneError
        from tribune.commands import checked_dates
        from tribune.exporters.plover import write_plover

        since, until = checked_dates(since=since, until=until)
        try:
            with Tribune(db, read_only=True) as tb:
                events = tb.events(since=since, until=until)
        except TribuneError as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                n = write_plover(events, handle)
            Console(stderr=True).print(f"wrote {n} events to {escape(str(out))}", highlight=False)
        else:
            write_plover(events, sys.stdout)
