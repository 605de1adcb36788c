"""Memory of near-duplicate lookup as the knowledge base grows: every signature in memory, or bands in DuckDB.

    python bench/dedup_memory.py --documents 20000

Fills a fresh knowledge base with ``--documents`` synthetic documents (random
MinHash signatures: one per document and ``--paragraphs`` per document, their
LSH bands stored as an ingest stores them), then, each in a fresh process,
marks one batch of 32 new documents against it:

(old) ``DuplicateFinder.from_signatures(store.signatures())``, what an ingest
      did before: every stored signature loaded into an in-memory LSH index;
(new) ``StoredDuplicateFinder(store).mark_batch(batch)``: one indexed query of
      the ``minhash_bands`` table for the batch's bands.

Prints each one's peak RSS above the interpreter with the store open, and its
time. Numbers only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402


def _item(rng, doc_id: str, paragraphs: int):
    from tribune.records import Document
    from tribune.store.db import ProcessedDocument

    sig = lambda: rng.integers(0, 2**32, size=128, dtype=np.uint64)  # noqa: E731
    return ProcessedDocument(
        document=Document(doc_id, f"{doc_id}.txt", f"text of {doc_id}", source_key=f"{doc_id}.txt"),
        sentences=[], timexes=[], actor_mentions=[], mentions=[],
        signature=sig(), paragraph_signatures=[(i, 0, 1, sig()) for i in range(paragraphs)],
    )


def fill(db: str, documents: int, paragraphs: int) -> None:
    from tribune.store.db import Store

    rng = np.random.default_rng(1)
    with Store.open(db) as store:
        for at in range(0, documents, 500):
            batch = [_item(rng, f"d{n:08d}", paragraphs) for n in range(at, min(documents, at + 500))]
            with store.held():
                store.write_batch(batch)


def phase(db: str, how: str, paragraphs: int) -> dict:
    from tribune.dedup.minhash import DuplicateFinder, StoredDuplicateFinder
    from tribune.store.db import Store

    rng = np.random.default_rng(2)
    batch = [_item(rng, f"new{n:04d}", paragraphs) for n in range(32)]
    with Store.open(db) as store:
        store.con.execute("SELECT count(*) FROM minhash_bands").fetchall()
        base = _reset_peak()
        started = time.perf_counter()
        with store.held():
            if how == "old":
                finder = DuplicateFinder.from_signatures(store.signatures())
                near = sum(finder.mark(item) for item in batch)
            else:
                near = StoredDuplicateFinder(store).mark_batch(batch)
        seconds = time.perf_counter() - started
        peak = _status("VmHWM")
    return {"how": how, "seconds": seconds, "rss_mb": peak / 1024, "added_mb": (peak - base) / 1024, "near": near}


def _status(field: str) -> int:
    """A field of /proc/self/status in kB (Linux)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> int:
    """Reset the process's peak RSS (VmHWM) to its current RSS (Linux clear_refs 5); returns it in kB."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass
    return _status("VmRSS")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--paragraphs", type=int, default=5, help="paragraph signatures per document")
    parser.add_argument("--phase", choices=["old", "new"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(phase(args.db, args.phase, args.paragraphs)))
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="tribune-dedupmem-"))
    try:
        db = str(scratch / "kb.duckdb")
        t = time.perf_counter()
        fill(db, args.documents, args.paragraphs)
        print(f"{args.documents} documents, {args.documents * (1 + args.paragraphs)} signatures stored in {time.perf_counter() - t:.1f} s")
        for how in ("old", "new"):
            out = subprocess.run([sys.executable, __file__, "--phase", how, "--db", db, "--paragraphs", str(args.paragraphs)], capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            label = {"old": "every signature in memory", "new": "bands queried in DuckDB"}[how]
            print(f"({how}) {label:<28} one batch of 32: {r['seconds']:6.2f} s, peak RSS {r['rss_mb']:6.0f} MB ({r['added_mb']:+.0f} MB over the open store); {r['near']} near-duplicates")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
