"""`tribune weapons`: the weapons catalogue (name, class, first shown, where, events)."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tribune.store.db import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command()
    def weapons(
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB)."),
        since: Optional[str] = typer.Option(None, "--since", help="Only weapons first shown on or after this date."),
        as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
    ) -> None:
        """Weapons catalogue: each weapon's class, when and where it was first shown, and its events.

        Example: tribune weapons --db kb.duckdb
        """
        from tribune.analyze.weapons import weapons_catalogue
        from tribune.api import Tribune
        from tribune.commands import checked_dates
        from tribune.errors import TribuneError

        (since,) = checked_dates(since=since)
        try:
            with Tribune(db, read_only=True) as tb:
                rows = weapons_catalogue(tb, since=since)
        except TribuneError as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        if as_json:
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        table = Table()
        for column in ("weapon", "class", "first shown", "where", "events", "source of first showing"):
            table.add_column(column, overflow="fold")
        for w in rows:
            table.add_row(
                escape(w["name"]),
                escape(w["class"] or ""),
                (w["first_shown"] or "not shown") + (f" ({w['first_type']})" if w["first_type"] else ""),
                escape(w["where"] or ""),
                str(len(w["events"])),
                escape("; ".join(w["sources"])),
            )
        console = Console()
        console.print(table)
        console.print(f"{len(rows)} weapons", highlight=False)
