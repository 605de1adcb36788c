"""A second reading for documents whose date line gives a day and a month but no year.

"PARIS, July 14 -" says when, but not which year, and until the year is known
every "on Friday" in the article stays unresolved and its events undated, so
linking can only guess which parade or summit they belong to. Once linking has
tied the article's main event to other sources that do date it, the year is
the one that puts the date line nearest that event; the article is then read
again with that date as its anchor, and the events are relinked. Only documents
so completed are read again, once each: their date is no longer unknown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tribune.clean.datelines import find_dateline
from tribune.records import DateSource
from tribune.store.db import Store

MAX_GAP_DAYS = 60
"""How far a date line may lie from the event it is mainly about: reports follow within days,
previews come weeks ahead; a candidate year that leaves a larger gap is no evidence."""


def complete_year(month_day: str, event_date: str) -> str | None:
    """``MM-DD`` in the year that puts it nearest ``event_date`` (YYYY-MM-DD), if near enough."""
    event = date.fromisoformat(event_date)
    best: tuple[int, date] | None = None
    for year in (event.year - 1, event.year, event.year + 1):
        try:
            candidate = date.fromisoformat(f"{year}-{month_day}")
        except ValueError:  # 29 February in a common year
            continue
        gap = abs((candidate - event).days)
        if best is None or gap < best[0]:
            best = (gap, candidate)
    if best is None or best[0] > MAX_GAP_DAYS:
        return None
    return best[1].isoformat()


def yearless_completions(store: Store) -> dict[str, str]:
    """Document id -> the full date of its year-less date line, from the dates of its events.

    Only events whose day another document states count, and they must all point to
    the same year: a report that recalls last year's summit beside this week's talks
    gives two years, and then none is chosen.
    """
    rows = store.query(
        """
        SELECT DISTINCT m.doc_id, e.date, d.dateline
        FROM mentions m
        JOIN event_mentions em ON em.mention_id = m.id
        JOIN events e ON e.id = em.event_id
        JOIN documents d ON d.id = m.doc_id
        WHERE d.dateline IS NOT NULL AND d.published_source IN ('unknown', 'inferred')
          AND (d.published IS NULL OR length(d.published) < 10) AND length(e.date) = 10
          AND EXISTS (
              SELECT 1 FROM event_mentions other
              JOIN mentions om ON om.id = other.mention_id
              WHERE other.event_id = e.id AND om.doc_id <> m.doc_id AND om.date = e.date
          )
        ORDER BY m.doc_id, e.date
        """
    )
    found: dict[str, set[str]] = {}
    for row in rows:
        dateline, _rest = find_dateline(row["dateline"])
        if dateline is None or not dateline.value or dateline.has_year:
            continue
        completed = complete_year(dateline.value[5:], row["date"])
        found.setdefault(row["doc_id"], set()).add(completed)
    return {doc_id: dates.pop() for doc_id, dates in found.items() if len(dates) == 1 and None not in dates}


def redate_documents(store: Store, nlp) -> int:
    """Complete year-less date lines from linked events and read those documents again.

    Returns how many documents were read again; the caller relinks when it is not 0.
    """
    from tribune.process import process_documents

    completions = yearless_completions(store)
    if not completions:
        return 0
    documents = [
        replace(d, published=completions[d.id], published_source=DateSource.INFERRED) for d in store.stored_documents(sorted(completions))
    ]
    store.release()  # the reading takes the time; readers may read meanwhile
    store.reanalyse(process_documents(nlp, documents))
    return len(documents)
