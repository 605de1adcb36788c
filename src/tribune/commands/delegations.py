"""`tribune delegations --host PRK [--guest CHN]`: who each guest country sent to a host's events, at what rank.

With --guest the view narrows to one guest country and becomes a trend: each delegation's
rank against the previous comparable one (same kind of event), which is the question an
analyst asks ("did Beijing send someone more senior than last time?").
"""

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
        host: Optional[str] = typer.Option(None, "--host", help="ISO alpha-3 of the host country, e.g. PRK (default: every country that hosted foreign guests)."),
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB)."),
        type_: Optional[List[str]] = typer.Option(None, "--type", help="Only events of this type (repeatable), e.g. parade."),
        guest: Optional[str] = typer.Option(None, "--guest", help="Only this guest country (ISO alpha-3, e.g. CHN): its rank over time, against the previous comparable event."),
        as_json: bool = typer.Option(False, "--json", help="The whole view as JSON."),
    ) -> None:
        """Rank of each guest country's delegation head over time at a host's events, with upgrades and downgrades.

        Ranks come from the knowledge base's protocol scale (kb/data/ranks.json; lower = more senior).
        Example: tribune delegations --host PRK --type parade --db kb.duckdb
        Example: tribune delegations --host PRK --guest CHN --db kb.duckdb
        Example: tribune delegations --db kb.duckdb   (every host)
        """
        from tribune.analyze.delegations import delegations as delegation_view
        from tribune.analyze.delegations import hosts as delegation_hosts
        from tribune.api import Tribune
        from tribune.errors import TribuneError

        try:
            with Tribune(db, read_only=True) as tb:
                for code, what in ((host, "--host"), (guest, "--guest")):
                    if code and code.upper() not in tb.kb.countries:
                        Console(stderr=True).print(f"error: {what} {escape(code)!r} is not an ISO alpha-3 country code (e.g. PRK, CHN)")
                        raise typer.Exit(1)
                codes = [host] if host else [h["country"] for h in delegation_hosts(tb)]
                views = [delegation_view(tb, code, types=type_ or None, guest=guest) for code in codes]
        except TribuneError as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        if host is None:
            # only hosts some guest was sent to; with --guest, only those it sent someone to
            views = [v for v in views if any(c["delegations"] for c in v["countries"])]
        if as_json:
            sys.stdout.write(json.dumps(views[0] if host else views, ensure_ascii=False, indent=1) + "\n")
            return
        c = Console(highlight=False, soft_wrap=True)
        for number, view in enumerate(views):
            if number:
                c.print("")
            _print_view(c, view)


def _print_view(c: Console, view: dict) -> None:
    """One host's delegations, or, with a guest, that guest's trend."""
    if view["guest"]:
        _print_trend(c, view)
        return
    c.print(f"[bold]Delegations to {escape(view['host_name'])}[/] ({view['events']} events)")
    for country in view["countries"]:
        c.print(f"\n[bold]{escape(country['name'])}[/] ({country['country']})")
        changes = {ch["to"]["event_id"]: ch["change"] for ch in country["changes"]}
        for d in country["delegations"]:
            rank = f"rank {d['rank']}" if d["rank"] is not None else "rank ?"
            status = "" if d["status"] == "happened" else f" [{d['status']}]"
            if d.get("attendance", "happened") != "happened":
                status += f" [{d['attendance']}, not attended]"
            change = f"  {changes[d['event_id']].upper()}" if changes.get(d["event_id"]) not in (None, "same") else ""
            others = "".join(f"; {o['name']} {o['status']}, not attended" for o in d.get("not_attended", []))
            c.print(f"  {d['date']:<10}  {d['type']:<10}{escape(status)}  {escape(d['head'])} ({escape(d['title'] or '?')}), {rank}{change}{escape(others)}")


def _print_trend(c: Console, view: dict) -> None:
    """One guest country's delegations as a table: rank over time and the change from the previous comparable event."""
    from rich.table import Table

    title = f"Delegations from {view['guest_name']} ({view['guest']}) to {view['host_name']} ({view['host']})"
    if not view["countries"]:
        c.print(f"{escape(title)}: none recorded")
        return
    trend = view["countries"][0]["trend"]
    table = Table(title=escape(title))
    for name, justify in (("date", "left"), ("event", "left"), ("head", "left"), ("title", "left"), ("rank", "right"), ("vs previous comparable event", "left")):
        table.add_column(name, justify=justify)
    for row in trend:
        event = row["type"] + ("" if row["status"] == "happened" else f" [{row['status']}]")
        if row.get("attendance", "happened") != "happened":
            event += f" [{row['attendance']}, not attended]"
        rank = str(row["rank"]) if row["rank"] is not None else "?"
        if row["change"] is None:
            versus = "not compared" if row["status"] != "happened" or row.get("attendance", "happened") != "happened" or row["rank"] is None else "first of its kind"
        else:
            prev = row["previous"]
            same = "same occasion" if (row.get("basis") or "").startswith("occasion") else "same type"
            versus = f"{row['change'].upper()} from {prev['rank']} ({prev['date']} {prev['type']}, {prev['head']}; {same})"
        table.add_row(row["date"], escape(event), escape(row["head"]), escape(row["title"] or "?"), rank, escape(versus))
    c.print(table)
    c.print("rank: protocol level from the knowledge base (kb/data/ranks.json), lower is more senior")
