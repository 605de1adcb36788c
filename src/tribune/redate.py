"""A second reading for documents whose date line gives a day and a month but no year.

"PARIS, July 14 -" says when, but not which year, and until the year is known
every "on Friday" in the article stays unresolved and its events undated, so
linking can only guess which parade or summit they belong to. The year comes
from one of two pieces of evidence, the first that answers:

1. the linked events: when linking has tied the article's events to other
   sources that date them, the year is the one that puts the date line nearest
   those events (all of them must agree);
2. the article itself: the people it names with a title ("U.S. President Donald
   Trump", "Defence Secretary Jim Mattis") held those offices only in some
   years, and a lead that says "on Friday" under a "July 14" date line is
   written in a year when July 14 is a Friday. Only a single year meeting
   both counts; an article with no titled person the knowledge base knows, or
   no weekday in its lead, gets no year this way.

The article is then read again with the completed date as its anchor, and the
events are relinked. Only documents so completed are read again, once each:
their date is no longer unknown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import re

from tribune.clean.datelines import find_dateline
from tribune.records import DateSource
from tribune.store.db import Store

MAX_GAP_DAYS = 60
"""How far a date line may lie from the event it is mainly about: reports follow within days,
previews come weeks ahead; a candidate year that leaves a larger gap is no evidence."""


def complete_year(month_day: str, event_date: str) -> str | None:
    """``MM-DD`` in the year that puts it nearest ``event_date`` (YYYY-MM-DD, or YYYY-MM: the
    whole month), if near enough."""
    first = date.fromisoformat(event_date if len(event_date) == 10 else event_date + "-01")
    last = first if len(event_date) == 10 else (date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1))
    best: tuple[int, date] | None = None
    for year in (first.year - 1, first.year, first.year + 1):
        try:
            candidate = date.fromisoformat(f"{year}-{month_day}")
        except ValueError:  # 29 February in a common year
            continue
        gap = (first - candidate).days if candidate < first else max((candidate - last).days, 0)
        if best is None or gap < best[0]:
            best = (gap, candidate)
    if best is None or best[0] > MAX_GAP_DAYS:
        return None
    return best[1].isoformat()


def yearless_completions(store: Store) -> dict[str, str]:
    """Document id -> the full date of its year-less date line, from the dates of its events.

    Only events whose day or month another document states count, and they must all point to
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
          AND (d.published IS NULL OR length(d.published) < 10) AND length(e.date) >= 7
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


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
LEAD_CHARS = 300
"""How much of the story's start is its lead: the weekday there is the day of the news."""
EARLIEST_YEAR = 1946


def year_from_offices_and_weekday(month_day: str, lead: str, titled: list[tuple[str, str]], kb, latest_year: int) -> str | None:
    """The single year in which every titled person held an office of the rank of their title
    on ``month_day`` and that day was a weekday the lead names (see the module's docstring)."""
    weekdays = {WEEKDAYS.index(w.lower()) for w in _WEEKDAY.findall(lead)}
    constraints = []
    for actor_id, title in titled:
        _normalised, rank = kb.rank_of_title(title)
        if rank is not None and kb.offices.get(actor_id):
            constraints.append((actor_id, rank))
    if not weekdays or not constraints:
        return None
    found = []
    for year in range(EARLIEST_YEAR, latest_year + 1):
        try:
            day = date.fromisoformat(f"{year}-{month_day}")
        except ValueError:
            continue
        if day.weekday() not in weekdays:
            continue
        iso = day.isoformat()
        if all(any(o.rank == rank for o in kb.offices_at(actor_id, iso)) for actor_id, rank in constraints):
            found.append(iso)
    return found[0] if len(found) == 1 else None


def completions_from_content(store: Store, kb, skip: set[str]) -> dict[str, str]:
    """Document id -> full date, for year-less date lines the article's own titles and lead date."""
    docs = store.query(
        "SELECT id, text, title, dateline FROM documents WHERE dateline IS NOT NULL AND published_source IN ('unknown', 'inferred') "
        "AND (published IS NULL OR length(published) < 10) ORDER BY id"
    )
    candidates = []
    for doc in docs:
        dateline, _rest = find_dateline(doc["dateline"])
        if doc["id"] not in skip and dateline is not None and dateline.value and not dateline.has_year:
            candidates.append((doc, dateline.value[5:]))
    if not candidates:
        return {}
    titled: dict[str, list[tuple[str, str]]] = {}
    for r in store.query(
        "SELECT DISTINCT doc_id, actor_id, title FROM actor_mentions WHERE doc_id IN (SELECT unnest(?)) AND title IS NOT NULL "
        "AND NOT starts_with(actor_id, 'country:') ORDER BY 1, 2, 3",
        [[doc["id"] for doc, _ in candidates]],
    ):
        titled.setdefault(r["doc_id"], []).append((r["actor_id"], r["title"]))
    out = {}
    latest_year = date.today().year
    for doc, month_day in candidates:
        lead = _lead(doc["text"], doc["title"])
        completed = year_from_offices_and_weekday(month_day, lead, titled.get(doc["id"], []), kb, latest_year)
        if completed:
            out[doc["id"]] = completed
    return out


def _lead(text: str, title: str | None) -> str:
    """The first words of the story: the cleaner keeps the headline at the top and the date line out."""
    if title and text.startswith(title):
        text = text[len(title) :]
    return text.lstrip()[:LEAD_CHARS]


def reread_documents(store: Store, load_nlp, kb) -> list:
    """Complete year-less date lines and read those documents again; nothing is written.

    ``load_nlp`` returns the spaCy pipeline; it is called only when a document is to be
    read (most relinks read none). Returns the documents read again (``ProcessedDocument``),
    for the caller to store with ``Store.reanalyse`` and relink in one transaction.
    """
    from tribune.process import process_documents

    completions = yearless_completions(store)
    completions.update(completions_from_content(store, kb, skip=set(completions)))
    if not completions:
        return []
    documents = [
        replace(d, published=completions[d.id], published_source=DateSource.INFERRED) for d in store.stored_documents(sorted(completions))
    ]
    store.release()  # the reading takes the time; readers may read meanwhile
    return process_documents(load_nlp(), documents)
