"""The DuckDB knowledge base: schema, batch writes, and the reads other modules share.

Writes go through Arrow tables and ``INSERT ... SELECT`` (row-by-row
``executemany`` manages about 2k rows/s in DuckDB), one transaction per
batch of documents: a batch is either all in or not there at all, which is
what lets an interrupted ingest resume without duplicates or half-written
documents. Every query takes its values as bound parameters; no user string
is ever spliced into SQL.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import duckdb
import numpy as np
import pyarrow as pa

from tribune.errors import SchemaError, TribuneError
from tribune.records import DateSource, Document, EventMention, IngestProblem, Sentence, Timex

SCHEMA_VERSION = 2
"""1: the first release. 2: claims and rejected_dates tables (filled by `tribune relink`)."""
DEFAULT_DB = "tribune.duckdb"
_ADDED_COLUMNS = (
    ("actors", "description", "VARCHAR"),
    ("actor_mentions", "government", "BOOLEAN"),
    ("actor_mentions", "linked_by", "VARCHAR"),
    ("mention_participants", "status", "VARCHAR"),
    ("event_participants", "status", "VARCHAR"),
    ("event_participants", "sources", "VARCHAR"),
)
"""Columns added after a table first shipped: added in place to older knowledge bases."""


@dataclass
class ProcessedDocument:
    """Everything the pipeline learned from one document, ready to store in one go."""

    document: Document
    sentences: list[Sentence]
    timexes: list[Timex]
    actor_mentions: list  # list[ActorMention]
    mentions: list[EventMention]
    signature: np.ndarray | None = None
    paragraph_signatures: list[tuple[int, int, int, np.ndarray]] | None = None  # (index, start, end, sig)
    paragraph_duplicates: list[tuple[int, int, int, str, int]] | None = None
    document_conflicts: list[tuple[str, str, list[dict]]] | None = None
    rejected_dates: list | None = None  # list[temporal.validate.RejectedDate]
    encoding: str = "utf-8"


class KnowledgeBaseBusy(TribuneError):
    """Another process held the knowledge base for longer than we were willing to wait."""


class Store:
    """A tribune knowledge base in one DuckDB file (or in memory with ``":memory:"``).

    DuckDB lets one process write a file and nobody else open it meanwhile, not
    even to read. So a store holds its file only for a unit of work: the
    connection opens on first use and :meth:`release` (or the end of the
    outermost :meth:`held` block) closes it again, letting ``tribune serve``
    read between an ingest's batches. Opening retries while another process
    holds the file, for up to ``lock_timeout`` seconds. Writers additionally
    take an advisory lock on ``<db>.writer.lock`` for their whole life, so two
    ingests never interleave their bookkeeping; that file holds the writer's process
    id and is removed when the writer closes (see :meth:`_take_writer_lock`).
    """

    def __init__(self, path: str, *, read_only: bool = False, lock_timeout: float = 60.0) -> None:
        self.path = path
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        self._depth = 0
        self._writer_lock = None
        self._checked = False
        self._in_transaction = False

    # -- opening ----------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False, lock_timeout: float = 60.0) -> "Store":
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise TribuneError(f"{path}: no such knowledge base (run 'tribune ingest PATH --db {path}' first)")
        store = cls(path, read_only=read_only, lock_timeout=lock_timeout)
        if not read_only and path != ":memory:":
            store._take_writer_lock()
        try:
            store.con  # opens, migrates or checks the schema version
        except BaseException:
            store.close()
            raise
        return store

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._con = self._connect()
            if not self._checked:
                self._checked = True
                try:
                    self.check_version() if self.read_only else self.migrate()
                except BaseException:
                    self._checked = False
                    self._con.close()
                    self._con = None
                    raise
        return self._con

    def _connect(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_timeout
        pause = 0.01
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise TribuneError(f"{self.path}: cannot open the knowledge base: {exc}") from exc
                if time.monotonic() >= deadline:
                    raise KnowledgeBaseBusy(
                        f"{self.path}: busy: another tribune process held it for over {self.lock_timeout:.0f} s; try again when it is done"
                    ) from exc
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
            except duckdb.Error as exc:
                raise TribuneError(f"{self.path}: not a tribune knowledge base or damaged: {exc}") from exc

    @property
    def writer_lock_path(self) -> str:
        return self.path + ".writer.lock"

    def _check_folder(self) -> None:
        """A knowledge base in a folder that is missing or cannot be written: one line that says which."""
        folder = Path(self.path).resolve().parent
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "does not exist"
            raise TribuneError(f"{self.path}: cannot create the knowledge base: {folder} {what}; create it or choose another --db")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise TribuneError(f"{self.path}: cannot write in {folder} (read-only or not yours); choose a --db in a folder you can write")

    def _take_writer_lock(self) -> None:
        """Hold ``<db>.writer.lock`` (an advisory flock) for the writer's whole life, and remove it at the end.

        The file holds the writer's process id, so a second writer can say who is writing. A writer
        killed outright leaves the file behind but not the lock (the system drops a dead process's
        locks), so the next writer just takes it. Because the file is removed on release, a writer
        that opened it just before the previous one removed it would lock a file nobody else sees:
        after locking, the path must still name the file we hold, else we try again."""
        import fcntl

        self._check_folder()
        path = self.writer_lock_path
        for _ in range(20):
            try:
                handle = open(path, "a+")
            except OSError as exc:
                raise TribuneError(f"{self.path}: cannot create {path}: {exc.strerror}; choose a --db in a folder you can write") from None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.seek(0)
                holder = handle.read().strip()
                handle.close()
                who = f" (process {holder})" if holder.isdigit() else ""
                raise KnowledgeBaseBusy(
                    f"{self.path}: another tribune process{who}, an ingest or a relink, is writing to it and holds {path}; wait for it to finish"
                ) from None
            try:
                same = os.fstat(handle.fileno()).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                handle.seek(0)
                handle.truncate()
                handle.write(f"{os.getpid()}\n")
                handle.flush()
                self._writer_lock = handle
                return
            handle.close()  # the previous writer removed it between our open and our lock
        raise KnowledgeBaseBusy(f"{self.path}: could not take {path}: other writers keep replacing it")

    def _release_writer_lock(self) -> None:
        if self._writer_lock is None:
            return
        try:
            os.unlink(self.writer_lock_path)  # while still locked, so no one can be holding it
        except OSError:
            pass
        self._writer_lock.close()
        self._writer_lock = None

    @contextmanager
    def held(self) -> Iterator["Store"]:
        """Keep the file open for the whole block: one consistent view, or one batch of writes."""
        self._depth += 1
        try:
            self.con
            yield self
        finally:
            self._depth -= 1
            if self._depth == 0:
                self.release()

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """Hold the file and write the block's statements all or none.

        Nested blocks join the outermost one, so steps that are each atomic can be
        made atomic together (re-reading documents and relinking them, say)."""
        with self.held():
            if self._in_transaction:
                yield self
                return
            self.con.execute("BEGIN TRANSACTION")
            self._in_transaction = True
            try:
                yield self
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            else:
                self.con.execute("COMMIT")
            finally:
                self._in_transaction = False

    def release(self) -> None:
        """Close the file so that other processes can open it; the next use reopens it.

        A no-op inside :meth:`held` and for in-memory stores (closing would lose them)."""
        if self._con is not None and self._depth == 0 and self.path != ":memory:":
            self._con.close()
            self._con = None

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        self._release_writer_lock()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> None:
        """Create the schema, or check that an existing one is one this version understands."""
        schema = resources.files("tribune.store").joinpath("schema.sql").read_text("utf-8")
        self.con.execute(schema)
        for table, column, kind in _ADDED_COLUMNS:
            self.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
        self._backfill_bands()
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        if row[0] is None or row[0] < SCHEMA_VERSION:
            self.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
        elif row[0] > SCHEMA_VERSION:
            raise SchemaError(f"{self.path}: written by a newer tribune (schema {row[0]} > {SCHEMA_VERSION}); upgrade tribune")

    def _backfill_bands(self, chunk: int = 20000) -> None:
        """Band rows for the signatures of a knowledge base written before ``minhash_bands`` existed,
        a chunk of signatures at a time (one transaction), so that opening it needs no more memory than an ingest."""
        if self.con.execute("SELECT EXISTS (SELECT 1 FROM minhash_bands) OR NOT EXISTS (SELECT 1 FROM minhashes)").fetchone()[0]:
            return
        (last,) = self.con.execute("SELECT max(rowid) FROM minhashes").fetchone()
        self.con.execute("BEGIN TRANSACTION")
        try:
            for low in range(0, last + 1, chunk):
                rows = self.con.execute(
                    "SELECT doc_id, paragraph_index, signature FROM minhashes WHERE rowid >= ? AND rowid < ?", [low, low + chunk]
                ).fetchall()
                self._insert_bands([(d, i, np.frombuffer(b, dtype=np.uint64)) for d, i, b in rows])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _insert_bands(self, signatures: Iterable[tuple[str, int, np.ndarray]]) -> None:
        from tribune.dedup.minhash import band_rows

        rows = [row for doc_id, index, sig in signatures for row in band_rows(doc_id, index, sig)]
        self._insert(
            "minhash_bands",
            pa.table(
                {
                    "kind": pa.array([r[0] for r in rows], type=pa.int8()),
                    "band": pa.array([r[1] for r in rows], type=pa.int16()),
                    "hash": pa.array([r[2] for r in rows], type=pa.int64()),
                    "doc_id": pa.array([r[3] for r in rows], type=pa.string()),
                    "paragraph_index": pa.array([r[4] for r in rows], type=pa.int32()),
                }
            ),
            "kind, band, hash, doc_id, paragraph_index",
        )

    def band_candidates(self, queries: Sequence[tuple[int, int, int]]) -> list[tuple[str, int, np.ndarray]]:
        """The stored signatures sharing at least one LSH band with a query: (kind, band, hash) each.

        One query for a whole batch, through the hash index; only the candidates' signatures are read."""
        if not queries:
            return []
        wanted = pa.table(
            {
                "kind": pa.array([q[0] for q in queries], type=pa.int8()),
                "band": pa.array([q[1] for q in queries], type=pa.int16()),
                "hash": pa.array([q[2] for q in queries], type=pa.int64()),
            }
        )
        view = "_tribune_band_queries"
        self.con.register(view, wanted)
        try:
            rows = self.con.execute(
                f"""
                WITH hit AS (
                    SELECT DISTINCT b.doc_id, b.paragraph_index
                    FROM {view} q JOIN minhash_bands b ON b.hash = q.hash AND b.band = q.band AND b.kind = q.kind
                )
                SELECT m.doc_id, m.paragraph_index, m.signature
                FROM hit JOIN minhashes m ON m.doc_id = hit.doc_id AND m.paragraph_index = hit.paragraph_index
                ORDER BY m.doc_id, m.paragraph_index
                """
            ).fetchall()
        finally:
            self.con.unregister(view)
        return [(d, i, np.frombuffer(b, dtype=np.uint64)) for d, i, b in rows]

    def check_version(self) -> None:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException as exc:
            raise TribuneError(f"{self.path}: not a tribune knowledge base") from exc
        if row[0] is not None and row[0] > SCHEMA_VERSION:
            raise SchemaError(f"{self.path}: written by a newer tribune (schema {row[0]} > {SCHEMA_VERSION}); upgrade tribune")
        if row[0] is not None and row[0] < SCHEMA_VERSION:
            raise SchemaError(f"{self.path}: written by an older tribune (schema {row[0]} < {SCHEMA_VERSION}); run 'tribune relink --db {self.path}' once to upgrade it")

    # -- ingest bookkeeping ---------------------------------------------------------

    def source_keys(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT source_key FROM sources").fetchall()}

    def document_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT id FROM documents").fetchall()}

    def signatures(self) -> Iterator[tuple[str, int, np.ndarray]]:
        for doc_id, index, blob in self.con.execute("SELECT doc_id, paragraph_index, signature FROM minhashes").fetchall():
            yield doc_id, index, np.frombuffer(blob, dtype=np.uint64)

    def has_unlinked_mentions(self) -> bool:
        """Whether some stored mention belongs to no event: the events are older than the mentions."""
        row = self.con.execute(
            "SELECT EXISTS (SELECT 1 FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM event_mentions e WHERE e.mention_id = m.id))"
        ).fetchone()
        return bool(row[0])

    def record_problems(self, problems: Sequence[IngestProblem]) -> None:
        if not problems:
            return
        table = pa.table(
            {
                "path": [p.path for p in problems],
                "line": pa.array([p.line for p in problems], type=pa.int32()),
                "reason": [p.reason for p in problems],
            }
        )
        self._insert("problems", table, "path, line, reason")

    def record_source(self, source_key: str, doc_id: str, path: str, encoding: str) -> None:
        self.con.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING",
            [source_key, doc_id, path, encoding],
        )

    def _insert(self, table_name: str, table: pa.Table, columns: str | None = None) -> None:
        if table.num_rows == 0:
            return
        view = f"_tribune_insert_{table_name}"
        self.con.register(view, table)
        try:
            target = f"{table_name} ({columns})" if columns else table_name
            self.con.execute(f"INSERT INTO {target} SELECT * FROM {view}")
        finally:
            self.con.unregister(view)

    def write_batch(self, batch: Sequence[ProcessedDocument]) -> int:
        """Store a batch of processed documents in one transaction; returns how many were new."""
        ids = [item.document.id for item in batch]
        known = {r[0] for r in self.con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
        fresh: list[ProcessedDocument] = []
        seen: set[str] = set()
        for item in batch:
            if item.document.id in known or item.document.id in seen:
                continue
            seen.add(item.document.id)
            fresh.append(item)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for item in batch:
                d = item.document
                self.con.execute(
                    "INSERT INTO sources VALUES (?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING",
                    [d.source_key or d.path or d.id, d.id, d.path, item.encoding],
                )
            if fresh:
                self._write_rows(fresh)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(fresh)

    def _write_rows(self, items: Sequence[ProcessedDocument]) -> None:
        docs = [i.document for i in items]
        self._insert(
            "documents",
            pa.table(
                {
                    "id": [d.id for d in docs],
                    "path": [d.path for d in docs],
                    "url": [d.url for d in docs],
                    "outlet": [d.outlet for d in docs],
                    "title": [d.title for d in docs],
                    "published": [d.published for d in docs],
                    "published_source": [d.published_source.value for d in docs],
                    "dateline": [d.dateline for d in docs],
                    "byline": [d.byline for d in docs],
                    "language": [d.language for d in docs],
                    "duplicate_of": [d.duplicate_of for d in docs],
                    "text": [d.text for d in docs],
                    "n_words": pa.array([len(d.text.split()) for d in docs], type=pa.int32()),
                }
            ),
            "id, path, url, outlet, title, published, published_source, dateline, byline, language, duplicate_of, text, n_words",
        )
        self._write_analysis(items)
        self._write_signatures(items)

    def _write_analysis(self, items: Sequence[ProcessedDocument]) -> None:
        """Everything the pipeline read from the text: rewritten alone when a document is re-read (``reanalyse``)."""
        sentences = [s for i in items for s in i.sentences]
        self._insert(
            "sentences",
            pa.table(
                {
                    "doc_id": [s.doc_id for s in sentences],
                    "idx": pa.array([s.index for s in sentences], type=pa.int32()),
                    "start_char": pa.array([s.start for s in sentences], type=pa.int32()),
                    "end_char": pa.array([s.end for s in sentences], type=pa.int32()),
                    "text": [s.text for s in sentences],
                }
            ),
        )
        timex_rows = [(i.document.id, t) for i in items for t in i.timexes]
        self._insert(
            "timexes",
            pa.table(
                {
                    "doc_id": [d for d, _ in timex_rows],
                    "start_char": pa.array([t.start for _, t in timex_rows], type=pa.int32()),
                    "end_char": pa.array([t.end for _, t in timex_rows], type=pa.int32()),
                    "text": [t.text for _, t in timex_rows],
                    "type": [t.type for _, t in timex_rows],
                    "value": [t.value for _, t in timex_rows],
                }
            ),
        )
        actor_rows = [(i.document.id, a) for i in items for a in i.actor_mentions]
        self._insert(
            "actor_mentions",
            pa.table(
                {
                    "doc_id": [d for d, _ in actor_rows],
                    "start_char": pa.array([a.start for _, a in actor_rows], type=pa.int32()),
                    "end_char": pa.array([a.end for _, a in actor_rows], type=pa.int32()),
                    "text": [a.text for _, a in actor_rows],
                    "actor_id": [a.actor_id for _, a in actor_rows],
                    "title": [a.title for _, a in actor_rows],
                    "government": [bool(getattr(a, "government", False)) for _, a in actor_rows],
                    "linked_by": [getattr(a, "via", None) for _, a in actor_rows],
                }
            ),
            "doc_id, start_char, end_char, text, actor_id, title, government, linked_by",
        )
        actors = {}
        for _, a in actor_rows:
            # Keep the mention that says most about the actor (an appositive description).
            if a.actor_id not in actors or (getattr(a, "description", None) and not getattr(actors[a.actor_id], "description", None)):
                actors[a.actor_id] = a
        for m in (m for i in items for m in i.mentions):
            for p in m.participants:
                actors.setdefault(p.actor_id, p)
        if actors:
            ids = list(actors)
            table = pa.table(
                {
                    "id": ids,
                    "name": [actors[i].name for i in ids],
                    "kind": [getattr(actors[i], "kind", "person") for i in ids],
                    "country": [actors[i].country for i in ids],
                    "known": [bool(getattr(actors[i], "known", True)) for i in ids],
                    "description": pa.array([getattr(actors[i], "description", None) for i in ids], type=pa.string()),
                }
            )
            view = "_tribune_actors_new"
            self.con.register(view, table)
            try:
                self.con.execute(f"INSERT INTO actors (id, name, kind, country, known, description) SELECT * FROM {view} ON CONFLICT (id) DO NOTHING")
            finally:
                self.con.unregister(view)
        mentions = [m for i in items for m in i.mentions]
        self._insert(
            "mentions",
            pa.table(
                {
                    "id": [m.id for m in mentions],
                    "doc_id": [m.doc_id for m in mentions],
                    "sentence_index": pa.array([m.sentence_index for m in mentions], type=pa.int32()),
                    "start_char": pa.array([m.start for m in mentions], type=pa.int32()),
                    "end_char": pa.array([m.end for m in mentions], type=pa.int32()),
                    "sentence": [m.sentence for m in mentions],
                    "trigger": [m.trigger for m in mentions],
                    "type": [m.type for m in mentions],
                    "status": [m.status.value for m in mentions],
                    "date": [m.date.value if m.date else None for m in mentions],
                    "date_precision": [m.date.precision if m.date else None for m in mentions],
                    "date_evidence": [m.date_evidence for m in mentions],
                    "location_name": [m.location.name if m.location else None for m in mentions],
                    "location_country": [m.location.country if m.location else None for m in mentions],
                    "confidence": pa.array([m.confidence for m in mentions], type=pa.float64()),
                    "grp": pa.array([m.group for m in mentions], type=pa.int32()),
                }
            ),
        )
        participants = [(m.id, p) for m in mentions for p in m.participants]
        self._insert(
            "mention_participants",
            pa.table(
                {
                    "mention_id": [mid for mid, _ in participants],
                    "actor_id": [p.actor_id for _, p in participants],
                    "name": [p.name for _, p in participants],
                    "country": [p.country for _, p in participants],
                    "title": [p.title for _, p in participants],
                    "role": [p.role for _, p in participants],
                    "status": pa.array([p.status for _, p in participants], type=pa.string()),
                }
            ),
        )
        weapons = [(m.id, w) for m in mentions for w in m.weapons]
        self._insert(
            "mention_weapons",
            pa.table(
                {
                    "mention_id": [mid for mid, _ in weapons],
                    "name": [w.name for _, w in weapons],
                    "class": [w.weapon_class for _, w in weapons],
                    "country": [w.country for _, w in weapons],
                }
            ),
        )
        rejected = [(i.document.id, r) for i in items for r in (i.rejected_dates or [])]
        self._insert(
            "rejected_dates",
            pa.table(
                {
                    "doc_id": [d for d, _ in rejected],
                    "start_char": pa.array([r.start for _, r in rejected], type=pa.int32()),
                    "end_char": pa.array([r.end for _, r in rejected], type=pa.int32()),
                    "text": [r.text for _, r in rejected],
                    "reason": [r.reason for _, r in rejected],
                }
            ),
        )
        conflict_rows = [(i.document.id, *c) for i in items for c in (i.document_conflicts or [])]
        self._insert(
            "document_conflicts",
            pa.table(
                {
                    "doc_id": [r[0] for r in conflict_rows],
                    "attribute": [r[1] for r in conflict_rows],
                    "note": [r[2] for r in conflict_rows],
                    "claims": [json.dumps(r[3], ensure_ascii=False) for r in conflict_rows],
                }
            ),
        )

    def _write_signatures(self, items: Sequence[ProcessedDocument]) -> None:
        sig_rows = []
        for item in items:
            if item.signature is not None:
                sig_rows.append((item.document.id, -1, item.signature.tobytes()))
            for index, _start, _end, sig in item.paragraph_signatures or []:
                sig_rows.append((item.document.id, index, sig.tobytes()))
        self._insert(
            "minhashes",
            pa.table(
                {
                    "doc_id": [r[0] for r in sig_rows],
                    "paragraph_index": pa.array([r[1] for r in sig_rows], type=pa.int32()),
                    "signature": pa.array([r[2] for r in sig_rows], type=pa.binary()),
                }
            ),
        )
        self._insert_bands((r[0], r[1], np.frombuffer(r[2], dtype=np.uint64)) for r in sig_rows)
        para_rows = [(i.document.id, *row) for i in items for row in (i.paragraph_duplicates or [])]
        self._insert(
            "paragraph_duplicates",
            pa.table(
                {
                    "doc_id": [r[0] for r in para_rows],
                    "paragraph_index": pa.array([r[1] for r in para_rows], type=pa.int32()),
                    "start_char": pa.array([r[2] for r in para_rows], type=pa.int32()),
                    "end_char": pa.array([r[3] for r in para_rows], type=pa.int32()),
                    "original_doc_id": [r[4] for r in para_rows],
                    "original_paragraph_index": pa.array([r[5] for r in para_rows], type=pa.int32()),
                }
            ),
        )

    def reanalyse(self, items: Sequence[ProcessedDocument]) -> None:
        """Replace what the pipeline read from stored documents, and their dates, in one transaction.

        For documents read again once their date became known (``tribune.redate``). Their
        signatures and duplicate marks stay. Their mentions leave every event: call it inside
        the transaction of the relink that follows (transactions nest), so that no reader
        ever sees the events without them.
        """
        ids = [item.document.id for item in items]
        with self.transaction():
            for table in ("event_mentions", "mention_participants", "mention_weapons"):
                self.con.execute(f"DELETE FROM {table} WHERE mention_id IN (SELECT id FROM mentions WHERE doc_id IN (SELECT unnest(?)))", [ids])
            for table in ("sentences", "timexes", "actor_mentions", "mentions", "rejected_dates", "document_conflicts"):
                self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
            for item in items:
                d = item.document
                self.con.execute("UPDATE documents SET published = ?, published_source = ? WHERE id = ?", [d.published, d.published_source.value, d.id])
            self._write_analysis(items)

    # -- reads shared by link, export, analysis ------------------------------------------

    def stored_documents(self, ids: Sequence[str]) -> list[Document]:
        """Stored documents as the cleaner made them, to be read again."""
        rows = self.query(
            "SELECT d.*, (SELECT min(s.source_key) FROM sources s WHERE s.doc_id = d.id) AS source_key "
            "FROM documents d WHERE d.id IN (SELECT unnest(?)) ORDER BY d.id",
            [list(ids)],
        )
        return [
            Document(
                id=r["id"],
                path=r["path"],
                text=r["text"],
                url=r["url"],
                outlet=r["outlet"],
                title=r["title"],
                published=r["published"],
                published_source=DateSource(r["published_source"]),
                dateline=r["dateline"],
                byline=r["byline"],
                language=r["language"] or "en",
                duplicate_of=r["duplicate_of"],
                source_key=r["source_key"] or r["path"] or r["id"],
            )
            for r in rows
        ]

    def query(self, sql: str, params: Iterable | None = None) -> list[dict]:
        """Rows as dicts; ``sql`` is tribune's own, values always bound as parameters."""
        cursor = self.con.execute(sql, list(params or []))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "sources", "mentions", "events", "conflicts", "document_conflicts", "problems", "actors"):
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out
