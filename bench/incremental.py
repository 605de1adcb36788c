"""What re-ingesting costs: an unchanged corpus, and the corpus plus 1% new articles.

    python bench/incremental.py --articles 2000 --workers 2

Generates a corpus as bench/throughput.py does, ingests it into a fresh
DuckDB (the first ingest), ingests the same folder again (nothing new: every
source is already stored), then adds 1% new articles as a new shard in the
folder and ingests the folder again (reading everything, analysing the new
articles, relinking). Prints each run's time, its share of the first ingest,
and how much of it was the final relink. Numbers only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import describe, run_phase, write_corpus  # noqa: E402


def grow(db: str, target: int) -> None:
    """Copy every stored document (and what was extracted from it) under new ids until there are ``target``."""
    import duckdb

    con = duckdb.connect(db)
    have = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    copies = -(-target // have) - 1
    for k in range(1, copies + 1):
        s = f"'~{k}'"
        con.execute("BEGIN TRANSACTION")
        con.execute(f"INSERT INTO documents SELECT * REPLACE (id || {s} AS id, path || {s} AS path, duplicate_of || {s} AS duplicate_of) FROM documents WHERE NOT contains(id, '~')")
        con.execute(f"INSERT INTO sources SELECT * REPLACE (source_key || {s} AS source_key, doc_id || {s} AS doc_id) FROM sources WHERE NOT contains(doc_id, '~')")
        tables = ["sentences", "timexes", "actor_mentions", "minhashes", "document_conflicts"]
        tables += [t for t in ("minhash_bands",) if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [t]).fetchone()[0]]
        for table in tables:
            con.execute(f"INSERT INTO {table} SELECT * REPLACE (doc_id || {s} AS doc_id) FROM {table} WHERE NOT contains(doc_id, '~')")
        con.execute(f"INSERT INTO paragraph_duplicates SELECT * REPLACE (doc_id || {s} AS doc_id, original_doc_id || {s} AS original_doc_id) FROM paragraph_duplicates WHERE NOT contains(doc_id, '~')")
        con.execute(f"INSERT INTO mentions SELECT * REPLACE (id || {s} AS id, doc_id || {s} AS doc_id) FROM mentions WHERE NOT contains(id, '~')")
        for table in ("mention_participants", "mention_weapons"):
            con.execute(f"INSERT INTO {table} SELECT * REPLACE (mention_id || {s} AS mention_id) FROM {table} WHERE NOT contains(mention_id, '~')")
        con.execute("COMMIT")
    con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--added", type=float, default=0.01, help="share of new articles in the third run")
    parser.add_argument("--corpus", help="an existing corpus folder to copy instead of generating one")
    parser.add_argument(
        "--grow-to",
        type=int,
        default=0,
        help="then copy the stored documents (with their mentions, sentences, signatures) until the knowledge base holds this many, "
        "and time a full relink, an unchanged re-ingest and a +1%% ingest at that size",
    )
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="tribune-incr-"))
    corpus = scratch / "corpus"
    db = str(scratch / "kb.duckdb")
    try:
        if args.corpus:
            shutil.copytree(args.corpus, corpus)
        else:
            write_corpus(corpus, args.articles)
        common = ["--phase", "ingest", "--corpus", str(corpus), "--db", db, "--workers", str(args.workers)]
        first = run_phase(common)
        print(describe("first ingest", first), flush=True)
        again = run_phase(common)
        print(describe("unchanged re-ingest", again), flush=True)
        print(f"{'':<26} {again['seconds']:.1f} s = {100 * again['seconds'] / first['seconds']:.1f}% of the first ingest (target < 5%)", flush=True)
        n_new = max(1, round(first["articles"] * args.added))
        write_corpus(corpus, n_new, seed=11, start=first["articles"], prefix="added")
        more = run_phase(common)
        print(describe(f"+{n_new} new articles", more), flush=True)
        print(
            f"{'':<26} {more['seconds']:.1f} s = {100 * more['seconds'] / first['seconds']:.1f}% of the first ingest (target ~{100 * args.added:.0f}%);"
            f" relink {more['relink_seconds']:.1f} s of it; {more['new']} new documents",
            flush=True,
        )
        if args.grow_to > more["new"] + first["new"]:
            grow(db, args.grow_to)
            relinked = run_phase(["--phase", "relink", "--db", db, "--corpus", str(corpus), "--workers", "1"])
            print(f"grown to {relinked['documents']} documents, {relinked['mentions']} mentions: full relink {relinked['seconds']:.1f} s, "
                  f"{relinked['events']} events, peak RSS {relinked['self_maxrss_mb']:.0f} MB", flush=True)
            again = run_phase(common)
            print(describe(f"unchanged at {relinked['documents']}", again), flush=True)
            n_more = max(1, round(relinked["documents"] * args.added))
            write_corpus(corpus, n_more, seed=13, start=10_000_000, prefix="more")
            more = run_phase(common)
            print(describe(f"+{n_more} new at {relinked['documents']}", more), flush=True)
            print(f"{'':<26} relink {more['relink_seconds']:.1f} s of {more['seconds']:.1f} s", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
