"""One ingest run's bookkeeping, shared by every engine (local processes, Ray).

Engines differ in where the NLP runs; what happens around it must not differ:
which sources are already stored, which documents are exact or near copies,
what is written in each batch, which problems and duplicate sources are
recorded, and what the report counts. That lives here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from typing import Iterable, Iterator

from tribune.dedup.minhash import StoredDuplicateFinder
from tribune.ingest.readers import RawArticle, read_sources
from tribune.records import IngestProblem
from tribune.store.db import ProcessedDocument, Store


@dataclass
class IngestReport:
    read: int = 0  # articles read from the sources
    new: int = 0  # documents stored by this run
    unchanged: int = 0  # sources already in the knowledge base
    duplicates: int = 0  # exact copies of a stored document
    near_duplicates: int = 0
    problems: list[IngestProblem] = field(default_factory=list)
    events: int = 0
    mentions: int = 0
    seconds: float = 0.0
    words: int = 0

    @property
    def rate(self) -> float:
        return self.new / self.seconds if self.seconds else 0.0


ProgressCallback = Callable[[int, int], None]  # (articles done, problems so far)


class IngestSession:
    """What one ingest knows and records while documents stream through it."""

    def __init__(
        self,
        store: Store,
        *,
        on_progress: ProgressCallback | None = None,
        on_problem: Callable[[IngestProblem], None] | None = None,
    ) -> None:
        self.store = store
        self.report = IngestReport()
        self.seen_keys = store.source_keys()
        self.known_ids = store.document_ids()
        self.queued: set[str] = set()
        # near-copies are looked up in the store's LSH bands batch by batch: nothing the size of the corpus is loaded
        self.finder = StoredDuplicateFinder(store)
        store.release()  # held again only while a batch is written: readers get the gaps
        self.on_progress = on_progress
        self.on_problem = on_problem
        self._problems: list[IngestProblem] = []
        self._sources: list[tuple[str, str, str, str]] = []

    @property
    def own_files(self) -> list[str]:
        """The knowledge base's own files, never to be read as articles."""
        path = self.store.path
        return [path, path + ".wal", path + ".writer.lock"] if path != ":memory:" else []

    def new_sources(self, paths: Iterable[str], max_bytes: int) -> Iterator[RawArticle]:
        """The articles under ``paths`` not stored yet; problems and counts recorded on the way."""
        for item in read_sources(paths, max_bytes=max_bytes, exclude=self.own_files):
            if isinstance(item, IngestProblem):
                self.problem(item)
                continue
            self.report.read += 1
            if item.source_key in self.seen_keys:
                self.report.unchanged += 1
                continue
            yield item

    def problem(self, p: IngestProblem) -> None:
        self._problems.append(p)
        self.report.problems.append(p)
        if self.on_problem:
            self.on_problem(p)

    def is_exact_copy(self, doc_id: str, source_key: str, path: str, encoding: str) -> bool:
        """True (and the source recorded against the stored copy) when the document is already there."""
        if doc_id in self.known_ids or doc_id in self.queued:
            self.report.duplicates += 1
            self._sources.append((source_key, doc_id, path, encoding))
            return True
        self.queued.add(doc_id)
        return False

    def store_batch(self, processed: list[ProcessedDocument]) -> None:
        """Mark near-duplicates, write the batch in one transaction, record what is pending."""
        with self.store.held():
            if processed:
                self.report.near_duplicates += self.finder.mark_batch(processed)
                self.report.new += self.store.write_batch(processed)
                self.report.mentions += sum(len(i.mentions) for i in processed)
                self.report.words += sum(len(i.document.text.split()) for i in processed)
                self.known_ids.update(i.document.id for i in processed)
            self.flush()

    def needs_relink(self) -> bool:
        """New documents, no events yet, or mentions no event holds (a run killed before
        relinking): in each case the events must be rebuilt, or they stay stale for good."""
        with self.store.held():
            return bool(self.report.new) or not self.store.counts()["events"] or self.store.has_unlinked_mentions()

    def flush(self) -> None:
        """Write pending problems and duplicate sources, and report progress."""
        if self._problems or self._sources:
            with self.store.held():
                if self._problems:
                    self.store.record_problems(list(self._problems))
                    self._problems.clear()
                for source in self._sources:
                    self.store.record_source(*source)
                self._sources.clear()
        if self.on_progress:
            r = self.report
            self.on_progress(r.new + r.duplicates + r.unchanged, len(r.problems))
