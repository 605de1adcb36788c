"""The development loop on real text: ingest news-dev as a user would and print every `tribune eval` figure.

    python bench/newsdev.py                      # ../shared/data/news-dev, 2 workers
    python bench/newsdev.py --corpus DIR --gold GOLD.json --keep /tmp/nd.duckdb
    python bench/newsdev.py --reference          # also run ../shared/tools/score.py on the same export
    python bench/newsdev.py --cv /tmp/cv         # cross-validated: each fold ingested with a model that never saw it

``--cv DIR`` takes the fold models ``train/models.py --fold-models DIR`` writes (DIR/foldK/eventness.json and
DIR/folds.json, which puts the files of one real-world event in one fold): fold K's files are ingested with
``--kb DIR/foldK``, all into one knowledge base, so linking across folds still happens and every learned decision
about a file was made by a model trained without its cluster. These are the figures to report for news-dev.

news-dev excerpts (``articles/NNN_slug.txt``) start with a header (url, outlet, published, …) and a blank line;
the header is the page store's, not the article's, so it is stripped before ingest, and the stripped copies keep
their file names, which is what the gold is keyed on. The excerpts are third-party text: they are read from
``../shared`` and copied only to a temporary folder, never into the project.

Rules tuned on this project's own sample fit its prose; these figures say how tribune does on real news.
Without ``../shared`` the script says so and exits 0, so it can run anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "news-dev"
SCORER = HERE.parent.parent / "shared" / "tools" / "score.py"


def strip_header(text: str) -> str:
    """Everything after the first blank line: the header is the page store's, not the article's."""
    head, sep, body = text.partition("\n\n")
    return body if sep else text


def stage(articles: Path, into: Path) -> int:
    count = 0
    for path in sorted(articles.glob("*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="surrogateescape")
        (into / path.name).write_bytes(strip_header(raw).encode("utf-8", errors="surrogateescape"))
        count += 1
    return count


def ingest_plan(staged: Path, cv: Path | None) -> list[tuple[list[str], Path | None]]:
    """What to ingest with which model: everything with the shipped one, or each fold with its own."""
    if cv is None:
        return [([str(staged)], None)]
    folds = json.loads((cv / "folds.json").read_text("utf-8"))
    by_fold: dict[int, list[str]] = {}
    for path in sorted(staged.glob("*.txt")):
        fold = folds["documents"].get(f"news-dev:{path.name}")
        if fold is None:
            raise SystemExit(f"{cv / 'folds.json'}: no fold for {path.name}; rerun train/models.py --fold-models {cv}")
        by_fold.setdefault(fold, []).append(str(path))
    return [(files, cv / f"fold{fold}") for fold, files in sorted(by_fold.items())]


def tribune(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tribune", *args], capture_output=True, text=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a folder with articles/ and gold.json")
    parser.add_argument("--gold", type=Path, help="gold file (default: CORPUS/gold.json)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the knowledge base at this path (default: a temporary file)")
    parser.add_argument("--misses", type=int, default=40, help="how many misses and spurious events to list")
    parser.add_argument("--reference", action="store_true", help="also score the export with ../shared/tools/score.py")
    parser.add_argument("--json", action="store_true", help="print tribune eval's figures as JSON")
    parser.add_argument("--cv", type=Path, help="fold models from train/models.py --fold-models DIR")
    args = parser.parse_args()

    articles = args.corpus / "articles"
    gold = args.gold or args.corpus / "gold.json"
    if not articles.is_dir() or not gold.is_file():
        print(f"skipped: no news-dev corpus at {args.corpus} (needs articles/ and gold.json; it lives in ../shared beside the repo)")
        return 0
    with tempfile.TemporaryDirectory(prefix="tribune-newsdev-") as tmp:
        tmp_path = Path(tmp)
        staged = tmp_path / "articles"
        staged.mkdir()
        count = stage(articles, staged)
        db = args.keep or tmp_path / "newsdev.duckdb"
        for leftover in (db, Path(f"{db}.wal")):
            if leftover.exists():
                leftover.unlink()
        started = time.perf_counter()
        for files, kb in ingest_plan(staged, args.cv):
            done = tribune("ingest", *files, "--db", str(db), "--workers", str(args.workers), "--quiet", *(["--kb", str(kb)] if kb else []))
            if done.returncode != 0:
                print(done.stdout + done.stderr)
                return done.returncode
        print(f"ingested {count} excerpts in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        report = tribune("eval", str(gold), "--db", str(db), "--misses", str(args.misses), *(["--json"] if args.json else []))
        sys.stdout.write(report.stdout)
        sys.stderr.write(report.stderr)
        if args.reference:
            if not SCORER.is_file():
                print(f"no reference scorer at {SCORER}")
            else:
                events, docs = tmp_path / "events.jsonl", tmp_path / "docs.jsonl"
                events.write_text(tribune("export", "events", "--db", str(db), "--format", "jsonl").stdout, "utf-8")
                docs.write_text(tribune("export", "docs", "--db", str(db), "--format", "jsonl").stdout, "utf-8")
                scored = subprocess.run([sys.executable, str(SCORER), str(gold), str(events), str(docs)], capture_output=True, text=True)
                print("\nreference scorer (../shared/tools/score.py) on the same export:")
                sys.stdout.write(scored.stdout + scored.stderr)
        return report.returncode


if __name__ == "__main__":
    sys.exit(main())
