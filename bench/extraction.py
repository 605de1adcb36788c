"""Does cleaning keep the article? tribune's stored text on real pages, beside trafilatura's own output.

    python bench/extraction.py                    # both checks, from ../shared/data
    python bench/extraction.py --only benchmark   # the article-extraction benchmark only
    python bench/extraction.py --only newsdev     # the news-dev evidence check only
    python bench/extraction.py --misses 20        # list more of what was lost

1. The article-extraction benchmark (``../shared/data/article-extraction-benchmark``: 181 real pages, each
   with the article body a person marked). Every page is ingested as a user would (``Tribune.ingest`` on the
   ``.html.gz`` files), the stored text is read back from the export (``tribune export docs`` carries it), and it
   is scored against the ground truth with the benchmark's own measure: words (``\\w+``) cut into 4-word
   shingles, true and false positives and misses counted as multisets and normalised per page, precision and
   recall averaged over the pages, F1 the harmonic mean of the two averages. trafilatura runs on the same pages
   in the same run, twice: as a user calls it (``trafilatura.extract`` with its defaults) and as tribune calls it
   (before tribune's line cleaner). A page tribune does not store is "dropped" and scores zero recall.

   tribune puts the headline on the first line of a document's text (it is analysed with the body) and also
   exports it as ``title``; the benchmark's bodies have no headline. The first row scores the stored text less
   that headline line; the second scores the stored text exactly as exported.

2. news-dev fidelity (``../shared/data/news-dev``): every gold ``evidence`` quote must be found in the stored
   text of its document, after folding case, whitespace and punctuation. The excerpts are staged (their
   page-store header stripped) by ``bench/newsdev.py``'s own code.

The pages and excerpts are third-party text: they are read from ``../shared`` and staged only in a temporary
folder, never copied into the project. Without ``../shared`` the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from newsdev import DEFAULT_CORPUS as NEWSDEV, stage  # noqa: E402  (the staging news-dev needs, not a copy)

BENCHMARK = HERE.parent.parent / "shared" / "data" / "article-extraction-benchmark"

# -- the benchmark's measure ------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """4-word shingles of a text, counted; a text shorter than n words is one shingle."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """(true positives, false positives, misses) over shingles, as shares of their sum so every page weighs the same."""
    a, b = shingles(truth), shingles(predicted)
    tp, fp, fn = sum((a & b).values()), sum((b - a).values()), sum((a - b).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages (a page with nothing to score in one of them is left out of it)."""

    def ratio(hit: float, other: float, tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return hit / (hit + other) if hit + other else 0.0

    precision = statistics.mean(ratio(tp, fp, tp, fp, fn) for tp, fp, fn in pages if tp + fp > 0)
    recall = statistics.mean(ratio(tp, fn, tp, fp, fn) for tp, fp, fn in pages if tp + fn > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


# -- ingest as a user would -----------------------------------------------------------------------


def ingest(paths: list[Path], db: Path, workers: int) -> tuple[dict[str, dict], dict[str, str]]:
    """Ingest the files into a new knowledge base; the exported documents by file name, and the problems by file name."""
    from tribune.api import Tribune

    problems: dict[str, str] = {}
    with Tribune(str(db)) as tb:
        tb.ingest([str(p) for p in paths], workers=workers, on_problem=lambda p: problems.setdefault(Path(p.path).name, p.reason))
        docs = {Path(d["path"]).name: d for d in tb.documents()}
    return docs, problems


def body_of(doc: dict) -> str:
    """The stored text less the headline tribune puts on its first line (the export gives it as ``title`` too)."""
    text, title = doc.get("text") or "", doc.get("title")
    if title and text.startswith(title + "\n\n"):
        return text[len(title) + 2 :]
    return text


# -- 1. the article-extraction benchmark --------------------------------------------------------


def run_benchmark(root: Path, workers: int, misses: int) -> bool:
    import trafilatura

    from tribune.clean.html import extract_html
    from tribune.clean.text import clean_text

    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {key: root / "html" / f"{key}.html.gz" for key in sorted(truth)}
    absent = [key for key, path in pages.items() if not path.is_file()]
    if absent:
        print(f"benchmark: {len(absent)} pages of ground-truth.json have no html/<id>.html.gz in {root}; they count as dropped")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tribune-extraction-") as tmp:
        docs, problems = ingest([p for p in pages.values() if p.is_file()], Path(tmp) / "bench.duckdb", workers)
    seconds = time.perf_counter() - started

    rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in ("body", "stored", "traf_tribune", "traf_default")}
    dropped: dict[str, list[str]] = {name: [] for name in rows}
    lost: list[tuple[float, str, list[tuple[str, str]]]] = []
    for key, path in pages.items():
        gold = truth[key].get("articleBody", "")
        doc = docs.get(path.name)
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace") if path.is_file() else ""
        extracted = extract_html(html) if html else None
        outputs = {
            "body": body_of(doc) if doc else "",
            "stored": (doc.get("text") or "") if doc else "",
            "traf_tribune": extracted.text if extracted else "",
            "traf_default": (trafilatura.extract(html) or "") if html else "",
        }
        for name, text in outputs.items():
            rows[name].append(page_counts(gold, text))
            if not text.strip():
                dropped[name].append(key)
        # What the line cleaner lost that trafilatura had: the check that cleaning keeps the article.
        kept, had, want = shingles(outputs["body"]), shingles(outputs["traf_tribune"]), shingles(gold)
        gone = sum(((want & had) - (want & kept)).values())
        if gone:
            cleaned = clean_text(extracted.text, title=extracted.title)
            words = " ".join(_TOKEN.findall(gold))
            why = [(reason, line) for reason, line in cleaned.reasons if " ".join(_TOKEN.findall(line)) in words]
            lost.append((gone / max(1, sum(want.values())), key, why))

    labels = {
        "body": "tribune, stored text less its headline line",
        "stored": "tribune, stored text as exported (headline + body)",
        "traf_tribune": f"trafilatura {trafilatura.__version__}, as tribune calls it",
        "traf_default": f"trafilatura {trafilatura.__version__}, defaults (extract)",
    }
    figures = {name: scores(r) for name, r in rows.items()}
    print(f"article-extraction benchmark: {len(pages)} pages ({root}); tribune ingest {seconds:.1f} s")
    print(f"  {'system':<54} {'precision':>9} {'recall':>8} {'F1':>8} {'dropped':>8}")
    for name, label in labels.items():
        f = figures[name]
        print(f"  {label:<54} {f['precision']:>9.4f} {f['recall']:>8.4f} {f['f1']:>8.4f} {len(dropped[name]):>8}")
    for key in dropped["body"]:
        print(f"  dropped by tribune: {key}: {problems.get(pages[key].name, 'not stored')}")
    lost.sort(reverse=True)
    if lost:
        print(f"  pages where the line cleaner lost ground-truth text trafilatura had ({len(lost)}; worst {min(misses, len(lost))}):")
        for share, key, why in lost[:misses]:
            print(f"    {key}: {share:.1%} of the body's shingles")
            for reason, line in why[:3]:
                print(f"      removed as {reason}: {line[:90]}")
    ours = figures["body"]
    traf_f1 = max(figures["traf_tribune"]["f1"], figures["traf_default"]["f1"])
    traf_recall = max(figures["traf_tribune"]["recall"], figures["traf_default"]["recall"])
    checks = [
        (f"F1 >= trafilatura's, both ways of calling it ({ours['f1']:.5f} vs {traf_f1:.5f})", ours["f1"] >= traf_f1),
        (f"recall >= trafilatura's, both ways of calling it ({ours['recall']:.5f} vs {traf_recall:.5f})", ours["recall"] >= traf_recall),
        (f"0 pages dropped ({len(dropped['body'])})", not dropped["body"]),
        (f"precision >= 0.933 ({ours['precision']:.5f})", ours["precision"] >= 0.933),
    ]
    for label, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}")
    return all(ok for _, ok in checks)


# -- 2. news-dev: every evidence quote survives cleaning ----------------------------------------------


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def fold(text: str) -> str:
    """Case, whitespace and punctuation folded away: what is left is the words in order."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(re.findall(r"\w+", text))


def run_newsdev(corpus: Path, workers: int, misses: int) -> bool:
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="tribune-fidelity-") as tmp:
        staged = Path(tmp) / "articles"
        staged.mkdir()
        count = stage(corpus / "articles", staged)
        started = time.perf_counter()
        docs, problems = ingest([staged], Path(tmp) / "newsdev.duckdb", workers)
        seconds = time.perf_counter() - started
    total, found, lost = 0, 0, []
    for name, entry in sorted(gold.items()):
        if name.startswith("_"):
            continue
        doc = docs.get(name)
        text = fold(doc.get("text") or "") if doc else ""
        for event in entry.get("events", []):
            quote = event.get("evidence")
            if not quote:
                continue
            total += 1
            if fold(quote) in text:
                found += 1
            else:
                lost.append((name, problems.get(name) or ("not stored" if doc is None else "not in the stored text"), quote))
    dropped = sorted(set(gold) - set(docs) - {k for k in gold if k.startswith("_")})
    print(f"news-dev fidelity: {count} excerpts ingested in {seconds:.1f} s ({corpus})")
    print(f"  evidence quotes found in the stored text: {found}/{total} ({found / total:.1%})" if total else "  no evidence quotes in the gold")
    print(f"  documents not stored: {len(dropped)}" + "".join(f"\n    {n}: {problems.get(n, 'not stored')}" for n in dropped))
    for name, why, quote in lost[:misses]:
        print(f"  lost ({why}): {name}: {quote[:100]}")
    ok = total > 0 and found == total
    print(f"  {'ok  ' if ok else 'MISS'} 100% of the evidence quotes survive cleaning")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", type=Path, default=BENCHMARK, help="the article-extraction benchmark folder")
    parser.add_argument("--corpus", type=Path, default=NEWSDEV, help="the news-dev folder (articles/ and gold.json)")
    parser.add_argument("--only", choices=("benchmark", "newsdev"), help="run one of the two checks")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--misses", type=int, default=10, help="how many losses to list")
    args = parser.parse_args()

    ran = False
    if args.only in (None, "benchmark"):
        if (args.benchmark / "ground-truth.json").is_file() and (args.benchmark / "html").is_dir():
            run_benchmark(args.benchmark, args.workers, args.misses)
            ran = True
        else:
            print(f"skipped: no article-extraction benchmark at {args.benchmark} (needs ground-truth.json and html/; it lives in ../shared beside the repo)")
    if args.only in (None, "newsdev"):
        if (args.corpus / "articles").is_dir() and (args.corpus / "gold.json").is_file():
            if ran:
                print()
            run_newsdev(args.corpus, args.workers, args.misses)
        else:
            print(f"skipped: no news-dev corpus at {args.corpus} (needs articles/ and gold.json; it lives in ../shared beside the repo)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
