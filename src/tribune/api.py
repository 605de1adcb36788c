"""The Python API: everything the CLI and the web UI do, as plain method calls.

    from tribune.api import Tribune
    with Tribune("kb.duckdb") as tb:
        report = tb.ingest(["articles/"])
        for event in tb.events(type="parade", since="2023-01-01"):
            print(event["date"], [p["name"] for p in event["participants"]])
"""

from __future__ import annotations

import itertools
import multiprocessing
import time
from typing import Callable, Iterable, Iterator

from tribune.clean.document import MIN_WORDS, build_document
from tribune.events.learned import check_models
from tribune.filters import normalize_filters
from tribune.ingest.readers import DEFAULT_MAX_BYTES, RawArticle
from tribune.kb.knowledge import KnowledgeBase
from tribune.link.docdates import infer_dates_from_events
from tribune.link.relink import relink
from tribune.nlp.pipeline import DEFAULT_MODEL
from tribune.process import _init_shared_worker, chunks, process_documents, share_with_forked_workers
from tribune.records import Document, IngestProblem
from tribune.redate import reread_documents
from tribune.session import IngestReport, IngestSession, ProgressCallback
from tribune.store.db import DEFAULT_DB, ProcessedDocument, Store
from tribune.store.export import EventFilter, conflict_records, document_records, event_records


class Tribune:
    """A knowledge base on disk and the operations on it."""

    def __init__(
        self,
        db: str = DEFAULT_DB,
        *,
        read_only: bool = False,
        model: str = DEFAULT_MODEL,
        kb_dirs: Iterable[str] = (),
        lock_timeout: float = 60.0,
    ) -> None:
        self.store = Store.open(db, read_only=read_only, lock_timeout=lock_timeout)
        self.model = model
        self.kb_dirs = tuple(kb_dirs)
        self._kb: KnowledgeBase | None = None
        self._nlp = None
        self._search = None  # the in-memory BM25 index, built on first search

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Tribune":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            from tribune.nlp.components import knowledge_base

            self._kb = knowledge_base(self.kb_dirs)
        return self._kb

    def nlp(self):
        if self._nlp is None:
            from tribune.nlp.pipeline import load_pipeline

            self._nlp = load_pipeline(self.model, self.kb_dirs)
        return self._nlp

    # -- ingest -----------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str],
        *,
        workers: int = 1,
        batch_size: int = 32,
        max_bytes: int = DEFAULT_MAX_BYTES,
        on_progress: ProgressCallback | None = None,
        on_problem: Callable[[IngestProblem], None] | None = None,
        min_words: int = MIN_WORDS,
    ) -> IngestReport:
        """Read, clean, deduplicate, analyse and store articles, then relink events.

        Sources already stored are skipped (by path, or path#line), so running
        the same ingest twice, or again after an interruption, adds nothing twice.
        ``min_words``: a clean text with fewer words (or no complete sentence) is
        not stored but reported as a problem (``tribune.clean.document.MIN_WORDS``).
        """
        started = time.perf_counter()
        check_models(self.kb_dirs)  # a missing or corrupt model file stops the run here, before any worker starts
        session = IngestSession(self.store, on_progress=on_progress, on_problem=on_problem)
        report, store = session.report, self.store
        encodings: dict[str, str] = {}

        def documents() -> Iterator[Document]:
            for item in session.new_sources(paths, max_bytes):
                built = _safe_build(item, min_words)
                if isinstance(built, IngestProblem):
                    session.problem(built)
                elif not session.is_exact_copy(built.id, item.source_key, item.path, item.encoding):
                    encodings[built.id] = item.encoding
                    yield built

        def store_batch(processed: list[ProcessedDocument]) -> None:
            for item in processed:
                item.encoding = encodings.get(item.document.id, "utf-8")
            session.store_batch(processed)

        if workers > 1:
            batches = chunks(documents(), batch_size)
            first = next(batches, None)  # nothing new (an unchanged re-ingest): no model to load, no pool to start
            if first is not None:
                context = multiprocessing.get_context("fork")
                share_with_forked_workers(self.nlp(), self.kb)  # loaded once here, inherited by every worker
                with context.Pool(workers, initializer=_init_shared_worker) as pool:
                    for processed in pool.imap(_work_safe, itertools.chain([first], batches)):
                        for failure in processed[1]:
                            session.problem(failure)
                        store_batch(processed[0])
        else:
            nlp = self.nlp()
            for batch in chunks(documents(), batch_size):
                done, failures = _process_safe(nlp, batch)
                for failure in failures:
                    session.problem(failure)
                store_batch(done)
        session.flush()
        report.events = self.relink() if session.needs_relink() else store.counts()["events"]
        store.release()
        report.seconds = time.perf_counter() - started
        return report

    def relink(self) -> int:
        """Rebuild the events from the stored mentions (the file is held only to read and to write).

        Documents whose date line lacks only the year get it from the events they were
        linked to, are read again with that date, and the events are rebuilt once more
        (``tribune.redate``)."""
        events = relink(self.store, self.kb)
        with self.store.transaction():
            infer_dates_from_events(self.store)
        reread = reread_documents(self.store, self.nlp, self.kb)
        if reread:
            with self.store.transaction():  # a reader sees them re-read and relinked, or neither
                self.store.reanalyse(reread)
                events = relink(self.store, self.kb)
                infer_dates_from_events(self.store)
        return events

    # -- queries ------------------------------------------------------------------------

    def events(self, **filters) -> list[dict]:
        """Events in the export shape. Filters are read as a user writes them (``tribune.filters``):
        ``type="Parade"``, ``country="China"`` or ``"CN"``; an unknown value raises BadFilter."""
        return event_records(self.store, EventFilter(**normalize_filters(filters, lambda: self.kb)))

    def documents(self) -> list[dict]:
        return list(document_records(self.store))

    def conflicts(self) -> list[dict]:
        return conflict_records(self.store)

    def problems(self) -> list[dict]:
        return self.store.query("SELECT path, line, reason, max(seen_at) AS seen_at FROM problems GROUP BY path, line, reason ORDER BY path, line")

    def timeline(self, **filters) -> list[dict]:
        """Events in date order with one line of who and where: the analyst's first view."""
        rows = []
        for event in self.events(**filters):
            if not event["date"]:
                continue
            rows.append(
                {
                    "date": event["date"],
                    "type": event["type"],
                    "status": event["status"],
                    "place": (event["location"] or {}).get("name"),
                    "participants": [p["name"] for p in event["participants"] if not p["actor_id"].startswith("country:")],
                    "sources": event["sources"],
                    "id": event["id"],
                }
            )
        rows.sort(key=lambda r: (r["date"], r["type"]))
        return rows

    def undated(self, **filters) -> list[dict]:
        """Events no source dates (so no timeline can place them), listed rather than left out."""
        from tribune.analyze.overview import undated_items

        return undated_items(self, **filters)

    def search(self, query: str, *, limit: int = 50) -> dict:
        """Actors, events and documents matching a query: every word must occur; "quoted words" as written."""
        from tribune.analyze.search import SearchIndex

        from tribune.analyze.sources import source_labels

        if self._search is None:
            self._search = SearchIndex()
        found = self._search.search_all(self, query, limit=limit)
        labels = source_labels(self, [d["id"] for d in found["documents"]]) if found["documents"] else {}
        for d in found["documents"]:
            d["source"] = labels.get(d["id"], d["id"])  # outlet, date and headline: how an analyst names it
        return found


def _safe_build(item: RawArticle, min_words: int = MIN_WORDS) -> Document | IngestProblem:
    try:
        return build_document(item, min_words)
    except Exception as exc:  # a cleaner bug must not cost the rest of the corpus
        return IngestProblem(item.path, f"cleaning failed: {type(exc).__name__}: {exc}")


def _process_safe(nlp, batch: list[Document]) -> tuple[list[ProcessedDocument], list[IngestProblem]]:
    """Process a batch; if it fails, process its documents one by one to isolate the bad one."""
    try:
        return process_documents(nlp, batch), []
    except Exception:
        done, failures = [], []
        for document in batch:
            try:
                done.extend(process_documents(nlp, [document]))
            except Exception as exc:
                failures.append(IngestProblem(document.path or document.id, f"analysis failed: {type(exc).__name__}: {exc}"))
        return done, failures


def _work_safe(batch: list[Document]) -> tuple[list[ProcessedDocument], list[IngestProblem]]:
    from tribune import process

    return _process_safe(process._WORKER_NLP, batch)
