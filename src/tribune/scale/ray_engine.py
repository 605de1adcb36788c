"""``tribune ingest --engine ray``: the same stages as Ray Data map steps, merged into the knowledge base.

    from tribune.api import Tribune
    from tribune.scale import ray_ingest

    with Tribune("kb.duckdb") as tb:
        report = ray_ingest(tb, ["articles/"], workers=8)

The driver reads the sources with ``IngestSession.new_sources`` (skipping sources the
knowledge base already holds) and hands them to Ray in windows of
``window`` articles. Each window is one Ray Data pipeline::

    from_arrow(raw articles)
      -> map_batches(analyse, ActorPoolStrategy(size=workers))   # build_document + process_documents,
                                                                 # one spaCy pipeline per actor
      -> write_parquet(shard_dir/window-NNNNN/)                  # one row per article

and the driver then merges the window's Parquet shards into DuckDB in input
order, with the same bookkeeping as the local engine (exact and near
duplicates, sources, problems; ``Store.write_batch``, one transaction per
batch), and relinks events once at the end. Exact duplicates of a document
are analysed by Ray and dropped at the merge (the local engine skips them
before analysis); everything stored is what the local engine stores.

Each Parquet row holds ``seq`` (input order), ``source_key``, ``path``,
``encoding``, ``doc_id``, ``n_words``, ``n_mentions``, ``problem`` (a JSON
IngestProblem, or null) and ``payload``: the ProcessedDocument, pickled. The
shards are an intermediate between Ray workers and the merge of one tribune
version, not an exchange format (``tribune export`` is that): only merge
shards your own cluster wrote.

Ray is an optional dependency (``pip install 'tribune[scale]'``) and is
imported only when this function runs.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from tribune.api import Tribune, _process_safe, _safe_build
from tribune.clean.document import MIN_WORDS
from tribune.events.learned import check_models
from tribune.session import IngestReport, IngestSession, ProgressCallback
from tribune.ingest.readers import DEFAULT_MAX_BYTES, RawArticle
from tribune.records import IngestProblem
from tribune.store.db import ProcessedDocument

DEFAULT_WINDOW = 4096
"""Articles per Ray pipeline run: bounds the driver's memory (raw text in, results merged)."""

RAW_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("source_key", pa.string()),
        ("path", pa.string()),
        ("content", pa.large_string()),
        ("kind", pa.string()),
        ("meta", pa.string()),
        ("encoding", pa.string()),
    ]
)

RESULT_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("source_key", pa.string()),
        ("path", pa.string()),
        ("encoding", pa.string()),
        ("doc_id", pa.string()),
        ("n_words", pa.int32()),
        ("n_mentions", pa.int32()),
        ("problem", pa.string()),
        ("payload", pa.large_binary()),
    ]
)


# -- the map step (runs in Ray actors; also callable in-process) ------------------------------


def _problem_json(p: IngestProblem) -> str:
    return json.dumps({"path": p.path, "reason": p.reason, "line": p.line})


def analyse_batch(nlp, batch: pa.Table, min_words: int = MIN_WORDS) -> pa.Table:
    """Raw articles in, one result row per article out: clean (build_document), then analyse (process_documents)."""
    rows = batch.to_pylist()
    out = {name: [] for name in RESULT_SCHEMA.names}

    def emit(row: dict, *, doc_id=None, n_words=None, n_mentions=None, problem=None, payload=None) -> None:
        for name, value in (
            ("seq", row["seq"]),
            ("source_key", row["source_key"]),
            ("path", row["path"]),
            ("encoding", row["encoding"]),
            ("doc_id", doc_id),
            ("n_words", n_words),
            ("n_mentions", n_mentions),
            ("problem", problem),
            ("payload", payload),
        ):
            out[name].append(value)

    documents, owners = [], []
    for row in rows:
        raw = RawArticle(row["source_key"], row["path"], row["content"], row["kind"], json.loads(row["meta"] or "{}"), row["encoding"])
        built = _safe_build(raw, min_words)
        if isinstance(built, IngestProblem):
            emit(row, problem=_problem_json(built))
            continue
        documents.append(built)
        owners.append(row)
    done, failures = _process_safe(nlp, documents) if documents else ([], [])
    by_id = {item.document.id: item for item in done}
    failed = {f.path: f for f in failures}
    for document, row in zip(documents, owners):
        item = by_id.get(document.id)
        if item is None:
            failure = failed.get(document.path or document.id) or IngestProblem(document.path or document.id, "analysis failed")
            emit(row, problem=_problem_json(failure))
            continue
        if item.document is not document:
            item = replace(item, document=document)  # an exact copy inside the batch keeps its own source
        emit(
            row,
            doc_id=document.id,
            n_words=len(document.text.split()),
            n_mentions=len(item.mentions),
            payload=pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL),
        )
    return pa.table(out, schema=RESULT_SCHEMA)


class _Analyser:
    """A Ray actor holding one spaCy pipeline (loading the model is the expensive part)."""

    def __init__(self, model: str, kb_dirs: tuple[str, ...], min_words: int = MIN_WORDS) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        self.min_words = min_words
        from tribune.nlp.pipeline import load_pipeline

        self.nlp = load_pipeline(model, tuple(kb_dirs))

    def __call__(self, batch: pa.Table) -> pa.Table:
        return analyse_batch(self.nlp, batch, self.min_words)


# -- the driver -----------------------------------------------------------------------------


def _start_ray(workers: int, address: str | None):
    """Connect to a cluster (address or RAY_ADDRESS) or start a local instance; returns (ray, started_here)."""
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("the Ray engine needs Ray: pip install 'tribune[scale]'") from exc
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if ray.is_initialized():
        return ray, False
    if address or os.environ.get("RAY_ADDRESS"):
        ray.init(address=address or os.environ["RAY_ADDRESS"], log_to_driver=False, logging_level=logging.WARNING)
    else:
        # one CPU slot per analysing actor, plus one for Ray Data's own small tasks (write_parquet)
        ray.init(num_cpus=workers + 1, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    return ray, True


def ray_ingest(
    tb: Tribune,
    paths: Iterable[str],
    *,
    workers: int = 2,
    batch_size: int = 32,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: ProgressCallback | None = None,
    on_problem: Callable[[IngestProblem], None] | None = None,
    shard_dir: str | None = None,
    window: int = DEFAULT_WINDOW,
    address: str | None = None,
    min_words: int = MIN_WORDS,
) -> IngestReport:
    """``Tribune.ingest`` with the NLP on Ray Data; the same knowledge base comes out.

    ``workers``: Ray actors, each holding a spaCy pipeline (one CPU each).
    ``shard_dir``: where the Parquet result shards go (a temporary folder,
    removed afterwards, when not given; on a multi-node cluster, a path every
    node can write and the driver can read). ``address``: a running Ray
    cluster (default: ``RAY_ADDRESS``, else a local instance with
    ``workers + 1`` CPUs, shut down afterwards).
    """
    started = time.perf_counter()
    check_models(tb.kb_dirs)  # a bad model file is one clear error here, not a failure in every Ray worker
    session = IngestSession(tb.store, on_progress=on_progress, on_problem=on_problem)
    report, store = session.report, tb.store

    def merge_window(folder: Path) -> None:
        files = sorted(folder.rglob("*.parquet"))
        if not files:
            return
        table = pa.concat_tables([pq.read_table(f, schema=RESULT_SCHEMA) for f in files]).sort_by("seq")
        batch: list[ProcessedDocument] = []
        for offset in range(0, table.num_rows, batch_size):
            for row in table.slice(offset, batch_size).to_pylist():
                if row["problem"]:
                    session.problem(IngestProblem(**json.loads(row["problem"])))
                    continue
                if session.is_exact_copy(row["doc_id"], row["source_key"], row["path"], row["encoding"]):
                    continue
                item: ProcessedDocument = pickle.loads(row["payload"])
                item.encoding = row["encoding"]
                batch.append(item)
            if len(batch) >= batch_size:
                session.store_batch(batch)
                batch = []
        session.store_batch(batch)

    ray, started_ray = _start_ray(workers, address)
    scratch = None
    if shard_dir is None:
        scratch = Path(tempfile.mkdtemp(prefix="tribune-ray-"))
        out_root = scratch
    else:
        out_root = Path(shard_dir)
        out_root.mkdir(parents=True, exist_ok=True)
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.execution_options.preserve_order = True

        def run_window(number: int, rows: list[dict]) -> None:
            folder = out_root / f"window-{number:05d}"
            if folder.exists():
                shutil.rmtree(folder)
            raw = pa.Table.from_pylist(rows, schema=RAW_SCHEMA)
            blocks = max(1, min(len(rows), max(workers, min(len(rows) // max(1, batch_size), workers * 4))))
            ds = ray.data.from_arrow(raw).repartition(blocks)
            ds = ds.map_batches(
                _Analyser,
                fn_constructor_kwargs={"model": tb.model, "kb_dirs": tuple(tb.kb_dirs), "min_words": min_words},
                compute=ray.data.ActorPoolStrategy(size=workers),
                batch_size=batch_size,
                batch_format="pyarrow",
                num_cpus=1,
            )
            ds.write_parquet(str(folder))
            merge_window(folder)
            if scratch is not None:
                shutil.rmtree(folder, ignore_errors=True)

        rows: list[dict] = []
        number = 0
        seq = 0
        for item in session.new_sources(paths, max_bytes):
            rows.append(
                {
                    "seq": seq,
                    "source_key": item.source_key,
                    "path": item.path,
                    "content": item.content,
                    "kind": item.kind,
                    "meta": json.dumps(item.meta, ensure_ascii=False),
                    "encoding": item.encoding,
                }
            )
            seq += 1
            if len(rows) >= window:
                run_window(number, rows)
                rows, number = [], number + 1
        if rows:
            run_window(number, rows)
        session.flush()
        report.events = tb.relink() if session.needs_relink() else store.counts()["events"]
        store.release()
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        if started_ray:
            ray.shutdown()
    report.seconds = time.perf_counter() - started
    return report
