"""`tribune brief`: what changed since a date, every line cited to its sources."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from tribune.store.db import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command()
    def brief(
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB)."),
        since: Optional[str] = typer.Option(None, "--since", help="Only what is dated on or after this day, YYYY-MM-DD."),
        actor: Optional[str] = typer.Option(None, "--actor", help="Only what involves this actor (name, alias or id)."),
        fmt: str = typer.Option("md", "--format", "-f", help="md or html."),
        out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    ) -> None:
        """What changed: new events, delegation upgrades and downgrades, weapons shown for the first time, new contradictions.

        Every line ends with the documents it comes from.
        Example: tribune brief --since 2025-01-01 --db kb.duckdb
        """
        from tribune.analyze.brief import build_brief, render_html, render_markdown
        from tribune.api import Tribune
        from tribune.errors import TribuneError

        from tribune.commands import checked_dates

        (since,) = checked_dates(since=since)
        if fmt not in ("md", "html"):
            Console(stderr=True).print(f"error: unknown format '{escape(fmt)}': choose md or html")
            raise typer.Exit(1)
        try:
            with Tribune(db, read_only=True) as tb:
                data = build_brief(tb, since=since, actor=actor)
        except TribuneError as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        if actor and not data["actor_id"]:
            Console(stderr=True).print(f"warning: no actor named '{escape(actor)}' in the knowledge base")
        text = render_markdown(data) if fmt == "md" else render_html(data)
        if out:
            out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
