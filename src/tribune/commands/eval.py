"""`tribune eval GOLD.json`: extraction quality against hand-made gold annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tribune.store.db import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold annotations (gold-format.md)."),
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base holding the ingested articles."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
        misses: int = typer.Option(15, "--misses", help="How many misses and spurious events to list."),
    ) -> None:
        """Score the knowledge base against gold annotations: events, dates, statuses, participants, merging.

        Besides each article's own account, the merged view is scored per real-world event of the gold's
        _events: the merged event's date against the reference date, and its attended participants against
        the people the gold's accounts of it name (those that say it happened, where any does).

        Participant country and name accuracy are measured over the people both sides name:
        is the system's country (ISO alpha-3) the gold's, and is the name the gold's canonical form.

        Example: tribune ingest data/sample/articles --db kb.duckdb && tribune eval data/sample/gold.json --db kb.duckdb
        """
        from tribune.api import Tribune
        from tribune.errors import TribuneError
        from tribune.evaluate import evaluate, load_gold

        console = Console(soft_wrap=True)
        try:
            gold_data = load_gold(gold)
            with Tribune(db, read_only=True) as tb:
                report = evaluate(tb.events(), tb.documents(), gold_data)
        except (TribuneError, ValueError) as exc:
            Console(stderr=True).print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        figures = report.as_dict()
        if as_json:
            extra = {"merged_errors": report.merged_errors, "misses": report.misses, "spurious": report.spurious, "participant_country_errors": report.country_errors, "participant_name_errors": report.name_errors}
            sys.stdout.write(json.dumps(figures | extra, ensure_ascii=False, indent=2) + "\n")
            return
        e = figures["events"]
        console.print(f"documents scored: {figures['documents_scored']} (missing from the KB: {len(figures['documents_missing'])})", highlight=False)
        table = Table(title="tribune eval")
        table.add_column("measure")
        table.add_column("value", justify="right")
        rows = [
            ("event precision / recall / F1", f"{e['precision']:.3f} / {e['recall']:.3f} / {e['f1']:.3f}"),
            ("date accuracy (paired)", _fmt(figures["date_accuracy"])),
            ("status accuracy (paired)", _fmt(figures["status_accuracy"])),
            ("non-happened status precision / recall", f"{figures['non_happened_status']['precision']:.3f} / {figures['non_happened_status']['recall']:.3f}"),
            ("participant precision / recall / F1", "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**figures["participants"])),
            ("participant country accuracy (matched people)", _count(figures["participant_country_accuracy"], report.participant_country_right, report.participant_country_total)),
            ("participant name accuracy (canonical form)", _count(figures["participant_name_accuracy"], report.participant_name_right, report.participant_name_total)),
            ("delegation-head accuracy", _fmt(figures["delegation_head_accuracy"])),
            ("document-date accuracy", _fmt(figures["document_date_accuracy"])),
            ("cross-document pair P / R / F1", "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**figures["cross_document_pairs"])),
            (f"merged events: date accuracy ({figures['merged']['events']} real-world events)", _count(figures["merged"]["date_accuracy"], report.merged_date_right, report.merged_date_total)),
            ("merged events: participant precision / recall / F1", "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**figures["merged"]["participants"])),
        ]
        for name, value in rows:
            table.add_row(name, value)
        console.print(table)
        by_type = Table(title="events by type")
        for column in ("type", "gold", "precision", "recall", "f1"):
            by_type.add_column(column, justify="right" if column != "type" else "left")
        for kind, c in figures["events_by_type"].items():
            by_type.add_row(kind, str(c["gold"]), f"{c['precision']:.2f}", f"{c['recall']:.2f}", f"{c['f1']:.2f}")
        console.print(by_type)
        if misses:
            _listing(console, "gold events not found", report.misses, misses, lambda m: f"{m['type']} {m['date'] or '?'} - {escape(str(m['evidence'] or ''))[:100]}")
            _listing(console, "system events not in gold", report.spurious, misses, lambda s: f"{s['type']} {s['date'] or '?'} - {escape(str(s['sentence'] or ''))[:100]}")
            _listing(console, "participants with the wrong country", report.country_errors, misses, lambda c: f"{escape(c['name'])} gold {c['gold_country']}, system {c['system_country'] or 'none'}")
            _listing(console, "participants not in canonical form", report.name_errors, misses, lambda n: f"{escape(n['system_name'])} (gold: {escape(n['gold_name'])})")
            _listing(
                console,
                "merged events with a wrong date or people not in the reference",
                report.merged_errors,
                misses,
                lambda m: f"{escape(str(m['event']))}: date {m['system_date'] or '?'} (reference {m['reference_date'] or '?'})" + (f"; not there: {escape(', '.join(m['not_in_reference']))}" if m["not_in_reference"] else ""),
            )


def _listing(console: Console, heading: str, rows: list[dict], most: int, describe) -> None:
    """One of eval's lists of what went wrong, each row under the document it is about."""
    console.print(f"\n{heading} (first {most} of {len(rows)}):", highlight=False)
    for row in rows[:most]:
        console.print(f"  {escape(row['document'])}: {describe(row)}", highlight=False)


def _count(value: float | None, right: int, total: int) -> str:
    return "n/a" if value is None else f"{value:.3f} ({right}/{total})"


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
