"""`tribune delegations --host PRK`: who each guest country sent to a host's events, at what rank."""

from __future__ import annotations

import json
import sys
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from tribune.store.db import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command()
    def delegations(
        host: str = typer.Option(..., "--host", help="ISO alpha-3 of the host country, e.g. PRK."),
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB)."),
        type_: Optional[List[str]] = typer.Option(None, "--type", help="Only events of this type (repeatable), e.g. parade."),
        as_json: bool = typer.Option(False, "--json", help="The whole view as JSON."),
    ) -> None:
        """Rank of each guest country's delegation head over time at a host's events, with upgrades and downgrades.

        Ranks come from the knowledge base's protocol scale (kb/data/ranks.json; lower = more senior).
        Example: tribune delegations --host PRK --type parade --db kb.duckdb
        """
        from tribune.analyze.delegations import delegations as delegation_view
        from tribune.api import Tribune
        from tribune.errors import TribuneError

        try:
            with Tribune(db, read_only=True) as tb:
                view = delegation_view(tb, host, types=type_ or None)
        except TribuneError as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        if as_json:
            sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=1) + "\n")
            return
        c = Console(highlight=False, soft_wrap=True)
        c.print(f"[bold]Delegations to {escape(view['host_name'])}[/] ({view['events']} events)")
        for country in view["countries"]:
            c.print(f"\n[bold]{escape(country['name'])}[/] ({country['country']})")
            changes = {ch["to"]["event_id"]: ch["change"] for ch in country["changes"]}
            for d in country["delegations"]:
                rank = f"rank {d['rank']}" if d["rank"] is not None else "rank ?"
                status = "" if d["status"] == "happened" else f" [{d['status']}]"
                change = f"  {changes[d['event_id']].upper()}" if changes.get(d["event_id"]) not in (None, "same") else ""
                c.print(f"  {d['date']:<10}  {d['type']:<10}{escape(status)}  {escape(d['head'])} ({escape(d['title'] or '?')}), {rank}{change}")
