"""`tribune event ID`: one merged event and each source's own account of it, side by side."""

from __future__ import annotations

from collections import defaultdict

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tribune.store.db import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command("event")
    def event_command(
        event_id: str = typer.Argument(..., help="An event id (the first column of `tribune events`, or `id` in --json and the export); a unique prefix is enough."),
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base."),
    ) -> None:
        """Show one event: the merged view, why it was merged, and what each source says.

        Example: tribune event e3c1f0 --db kb.duckdb
        """
        from tribune.analyze.sources import doc_ids_in, name_documents, source_labels
        from tribune.api import Tribune
        from tribune.errors import TribuneError

        console = Console(soft_wrap=True)
        try:
            with Tribune(db, read_only=True) as tb:
                matches = [e for e in tb.events() if e["id"].startswith(event_id)]
                labels = source_labels(tb, {m["doc_id"] for e in matches[:1] for m in e["mentions"]} | doc_ids_in(matches[0].get("merge_reasons", []) if len(matches) == 1 else []))
        except TribuneError as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        if len(matches) != 1:
            Console(stderr=True).print(f"error: {'no' if not matches else len(matches)} events match '{escape(event_id)}'")
            raise typer.Exit(1)
        event = matches[0]
        place = (event["location"] or {}).get("name") or "?"
        console.print(f"[bold]{event['type']}[/] {event['date'] or 'undated'} in {escape(place)} - {event['status']}, {event['sources']} independent source(s), confidence {event['confidence']}", highlight=False)
        for p in event["participants"]:
            if not p["actor_id"].startswith("country:"):
                own = "" if p.get("status", "happened") == "happened" else f"  [{p['status']}, not attended]"
                console.print(f"  {p['role']:<16} {escape(p['name'])} ({p['country'] or '?'}{', ' + escape(p['title']) if p['title'] else ''}){escape(own)}", highlight=False)
        if event.get("parties"):
            console.print("  states taking part: " + ", ".join(f"{escape(p['name'])} ({p['role']})" for p in event["parties"]), highlight=False)
        if event["weapons"]:
            console.print("  weapons: " + ", ".join(escape(w["name"]) for w in event["weapons"]), highlight=False)
        for conflict in event["conflicts"]:
            sides = " vs ".join(f"{escape(str(v['value']))} ({escape('; '.join(labels.get(d, d) for d in v['doc_ids'])) or 'no document'})" for v in conflict["values"])
            console.print(f"  [red]conflict[/] {escape(conflict['attribute'])}: {sides}", highlight=False)
        console.print("\nWhy these accounts were merged:", highlight=False)
        for reason in event.get("merge_reasons", []):
            console.print(f"  {escape(name_documents(reason, labels))}", highlight=False)
        by_source: dict[str, list[dict]] = defaultdict(list)
        for mention in event["mentions"]:
            by_source[labels.get(mention["doc_id"], mention["path"] or mention["doc_id"])].append(mention)
        console.print("\nSources:", highlight=False)
        for name, mentions in by_source.items():
            statuses = ", ".join(sorted({m["status"] for m in mentions}))
            console.print(f"  {escape(name)}  \\[{statuses}] {escape(mentions[0]['path'] or '')}", highlight=False)
        table = Table(title="each source's own account", show_lines=True)
        for column in ("source", "status", "date", "participants", "sentence"):
            table.add_column(column, overflow="fold")
        for name, mentions in by_source.items():
            for m in mentions:
                people = ", ".join(f"{p['name']} ({p['role']})" for p in m["participants"] if not p["actor_id"].startswith("country:"))
                table.add_row(escape(name), m["status"], m["date"] or "?", escape(people), escape(m["sentence"]))
        console.print(table)
