"""`tribune actor NAME`: an actor's aliases, offices over time, events and co-appearances."""

from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.markup import escape

from tribune.store.db import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command()
    def actor(
        name: str = typer.Argument(..., help="Name, alias or actor id, e.g. 'Li Qiang' or li-qiang."),
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB)."),
        as_json: bool = typer.Option(False, "--json", help="The profile as JSON."),
    ) -> None:
        """An actor's profile: aliases, offices over time (knowledge base), events, who they appeared with.

        Example: tribune actor "Li Qiang" --db kb.duckdb
        """
        from tribune.analyze.profiles import actor_profile, resolve_actor
        from tribune.api import Tribune
        from tribune.errors import TribuneError

        errors = Console(stderr=True)
        try:
            with Tribune(db, read_only=True) as tb:
                actor_id = resolve_actor(tb, name)
                profile = actor_profile(tb, actor_id) if actor_id else None
        except TribuneError as exc:
            errors.print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        if profile is None:
            errors.print(f"error: no actor named '{escape(name)}' in the knowledge base")
            raise typer.Exit(1)
        if as_json:
            sys.stdout.write(json.dumps(profile, ensure_ascii=False, default=str, indent=1) + "\n")
            return
        c = Console(highlight=False, soft_wrap=True)
        c.print(f"[bold]{escape(profile['name'])}[/] ({profile['kind']}{', ' + profile['country'] if profile['country'] else ''}) id {escape(profile['id'])}")
        if profile["description"]:
            c.print(escape(profile["description"]))
        if profile["aliases"]:
            c.print("aliases: " + escape(", ".join(profile["aliases"])))
        if profile["offices"]:
            c.print("\n[bold]offices[/]")
            for o in profile["offices"]:
                rank = f"  rank {o['rank']}" if o["rank"] is not None else ""
                c.print(f"  {o['start'] or '?':<10} – {o['end'] or 'now':<10}  {escape(o['title'])}{rank}")
        others = len(profile["events"]) - profile["attended"]
        c.print(f"\n[bold]events[/] ({profile['attended']} attended" + (f", {others} only {_only(profile['events'])})" if others else ")"))
        for e in profile["events"]:
            place = f" in {e['location_name']}" if e["location_name"] else ""
            status = "" if e["status"] == "happened" else f" [{e['status']}]"
            own = "" if e["participation"] == "happened" else f" [{e['participation']}]"
            c.print(f"  {e['date'] or '?':<10}  {e['type']}{escape(place)}{escape(status)}  as {escape(e['roles'] or '')}{escape(own)}")
        if profile["co_appearances"]:
            c.print("\n[bold]appeared with[/]")
            for co in profile["co_appearances"][:20]:
                c.print(f"  {escape(co['name'])} ({co['country'] or '?'}): {co['events']} events")


def _only(events: list[dict]) -> str:
    """The statuses of the events an actor was not reported at: "expected", "expected or absent"."""
    return " or ".join(sorted({e["participation"] for e in events if e["participation"] != "happened"}))
