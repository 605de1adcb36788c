"""Train the learned decisions (src/tribune/events/models/) on annotated real news, with cross-validation by cluster.

    python train/models.py                          # what `make train` runs: ../shared/data/news-dev + data/sample
    python train/models.py --fold-models DIR        # also write one model set per fold (for bench/newsdev.py --cv DIR)
    python train/models.py --cache /tmp/ex.pkl      # keep the extracted examples between runs

The model: ``eventness.json`` (is this document-level group of candidate mentions a real event?). Examples
are found with the learned decision off and labelled by pairing the document's groups with its gold events
exactly as `tribune eval` pairs them. (A per-participant keep-or-drop model was tried the same way and
dropped: cross-validated, it could not beat keeping everyone the rules name.) Files
about one real-world event share a cluster (union of files over gold event ids), and a cluster stays in one
fold, so a fold's figures come from a model that never read another report of the same event.

The threshold is the one that maximises event F1 on out-of-fold probabilities; each fold model gets its own
threshold from an inner cross-validation of its training part (nested), so the per-fold models used by
``bench/newsdev.py --cv`` saw nothing of their fold at all. The shipped model is trained on everything with a
fixed seed. Its file holds hashed feature indexes and weights, no text.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

import tribune.nlp  # noqa: F401  (first: events and nlp import each other, issue 13)
from tribune.clean.document import build_document
from tribune.evaluate import Account, _doc_key, _pair, fold_name, load_gold
from tribune.events.eventness import MODEL_FILE, group_features
from tribune.events.learned import LinearModel, hashed
from tribune.events.extract import EventExtractor
from tribune.ingest.readers import read_sources
from tribune.nlp.components import knowledge_base
from tribune.nlp.pipeline import load_pipeline
from tribune.process import anchor_date
from tribune.records import IngestProblem

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "src" / "tribune" / "events" / "models"
DIMS = 2**18
SEED = 13
C = 0.5


@dataclass
class Example:
    corpus: str
    document: str  # gold key
    features: list[int]
    label: int
    type: str


def _newsdev_stager():
    spec = importlib.util.spec_from_file_location("newsdev_bench", REPO / "bench" / "newsdev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.stage


def corpora(shared: Path, staging: Path) -> list[tuple[str, Path, dict]]:
    """(name, folder of articles as a user would ingest them, gold) for every annotated corpus present."""
    found = []
    newsdev = shared / "data" / "news-dev"
    if (newsdev / "articles").is_dir() and (newsdev / "gold.json").is_file():
        into = staging / "news-dev"
        into.mkdir(parents=True, exist_ok=True)
        _newsdev_stager()(newsdev / "articles", into)
        found.append(("news-dev", into, load_gold(newsdev / "gold.json")))
    sample = REPO / "data" / "sample"
    if (sample / "gold.json").is_file():
        found.append(("sample", sample / "articles", load_gold(sample / "gold.json")))
    return found


def accounts_of(mentions) -> dict[int, Account]:
    """The document's account of each group, built as `tribune eval` builds it from an export."""
    by_group: dict[int, list] = defaultdict(list)
    for m in mentions:
        by_group[m.group].append(m)
    accounts = {}
    for group, ms in by_group.items():
        dates = [m.date.value for m in ms if m.date]
        people, seen = [], set()
        for m in ms:
            for p in m.participants:
                if p.actor_id.startswith("country:"):
                    continue  # states are exported as parties, not participants (what eval reads)
                if fold_name(p.name) not in seen:
                    seen.add(fold_name(p.name))
                    people.append({"actor_id": p.actor_id, "name": p.name, "role": p.role, "country": p.country})
        date = max(dates, key=len) if dates else None
        accounts[group] = Account(str(group), ms[0].type, date, ms[0].status.value, people, [m.sentence for m in ms])
    return accounts


def extract_examples(shared: Path) -> list[Example]:
    """Run the pipeline (learned decision off) over every annotated document and label each group."""
    nlp = load_pipeline(learned=False)
    extractor = EventExtractor(nlp.vocab, knowledge_base(()))
    examples: list[Example] = []
    with tempfile.TemporaryDirectory(prefix="tribune-train-") as tmp:
        for name, folder, gold in corpora(shared, Path(tmp)):
            documents = []
            for item in read_sources([str(folder)]):
                if isinstance(item, IngestProblem):
                    continue
                document = build_document(item)
                key = _doc_key(item.source_key or document.path or "")
                if key in gold and not key.startswith("_"):
                    documents.append((key, document))
            print(f"{name}: {len(documents)} annotated documents", file=sys.stderr)
            docs = []
            for key, document in documents:
                doc = nlp.make_doc(document.text)
                doc._.tribune_doc_id = document.id
                doc._.tribune_anchor = anchor_date(document)
                docs.append(doc)
            for (key, document), doc in zip(documents, nlp.pipe(docs, disable=["tribune_events"])):
                anchor = doc._.tribune_anchor
                candidates, groups = extractor.propose(doc, doc._.actors or [], doc._.timexes or [], anchor)
                features = {gi: group_features(candidates, gi, groups) for gi in range(len(groups))}
                accounts = accounts_of(extractor.finish(document.id, candidates, groups, anchor))
                order = sorted(accounts)
                pairs = _pair(gold[key].get("events", []), [accounts[g] for g in order])
                paired = {id(a) for _g, a in pairs}
                for gi in order:
                    examples.append(Example(name, key, hashed(features[gi], DIMS), int(id(accounts[gi]) in paired), accounts[gi].type))
    return examples


def document_folds(shared: Path, folds: int) -> dict[str, int]:
    """A fold per annotated document ("corpus:file"), keeping files linked by any gold event id together."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    documents = []
    for name, path in (("news-dev", shared / "data" / "news-dev" / "gold.json"), ("sample", REPO / "data" / "sample" / "gold.json")):
        if not path.is_file():
            continue
        for key, entry in load_gold(path).items():
            if key.startswith("_"):
                continue
            documents.append(f"{name}:{key}")
            for event in entry.get("events", []):
                if event.get("id"):
                    parent[find(f"{name}:{key}")] = find(f"{name}:event:{event['id']}")
    labels = [find(d) for d in documents]
    assignment = {}
    for k, (_train, test) in enumerate(GroupKFold(n_splits=folds, shuffle=True, random_state=SEED).split(documents, groups=labels)):
        for i in test:
            assignment[documents[i]] = k
    return assignment


def matrix(examples: list[Example]) -> csr_matrix:
    rows, cols = [], []
    for i, e in enumerate(examples):
        rows.extend([i] * len(e.features))
        cols.extend(e.features)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), DIMS))


def fit(X, y) -> LogisticRegression:
    return LogisticRegression(C=C, solver="liblinear", max_iter=2000, random_state=SEED).fit(X, y)


def out_of_fold(X, y, fold: np.ndarray) -> np.ndarray:
    """Each example scored by a model trained on the other folds."""
    probabilities = np.zeros(len(y))
    for k in np.unique(fold):
        train, test = fold != k, fold == k
        probabilities[test] = fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    return probabilities


def event_f1(kept: np.ndarray, y: np.ndarray, gold_total: int) -> float:
    """Kept positives are events found, kept negatives spurious ones, gold events not kept are missed."""
    tp, fp = int((kept & (y == 1)).sum()), int((kept & (y == 0)).sum())
    return 2 * tp / (2 * tp + fp + (gold_total - tp)) if gold_total else 0.0


def best_threshold(probabilities: np.ndarray, y: np.ndarray, gold_total: int) -> tuple[float, float]:
    """The threshold with the best event F1, and that F1."""
    best = (0.0, -1.0)
    for t in np.arange(0.05, 0.75, 0.01):
        f1 = event_f1(probabilities >= t, y, gold_total)
        if f1 > best[1] + 1e-9:
            best = (float(round(t, 2)), f1)
    return best


def to_model(clf: LogisticRegression, threshold: float) -> LinearModel:
    coef = clf.coef_[0]
    nonzero = np.nonzero(coef)[0]
    return LinearModel(DIMS, float(clf.intercept_[0]), {int(i): float(coef[i]) for i in nonzero}, threshold)


def write_model(model: LinearModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")


def gold_event_counts(shared: Path) -> dict[str, int]:
    counts = {}
    for name, path in (("news-dev", shared / "data" / "news-dev" / "gold.json"), ("sample", REPO / "data" / "sample" / "gold.json")):
        if path.is_file():
            for key, entry in load_gold(path).items():
                if not key.startswith("_"):
                    counts[f"{name}:{key}"] = len(entry.get("events", []))
    return counts


def gold_total(examples: list[Example], mask: np.ndarray, gold: dict[str, int]) -> int:
    """Gold events of the documents the masked examples come from: what recall is counted against."""
    return sum(gold.get(d, 0) for d in {f"{e.corpus}:{e.document}" for e, m in zip(examples, mask) if m})


def train_eventness(examples: list[Example], gold: dict[str, int], assignment: dict[str, int], folds: int, out: Path, fold_models: Path | None) -> None:
    X, y = matrix(examples), np.array([e.label for e in examples])
    fold = np.array([assignment[f"{e.corpus}:{e.document}"] for e in examples])
    total = gold_total(examples, np.ones(len(y), dtype=bool), gold)
    oof = out_of_fold(X, y, fold)
    threshold, f1 = best_threshold(oof, y, total)
    base_f1 = event_f1(np.ones(len(y), dtype=bool), y, total)
    print(f"eventness (is the group an event?): {len(y)} examples ({int(y.sum())} positive), gold {total}, folds {folds} by cluster")
    print(f"  F1 keeping every candidate {base_f1:.3f}; cross-validated with the model {f1:.3f} at threshold {threshold}")
    for corpus in sorted({e.corpus for e in examples}):
        mask = np.array([e.corpus == corpus for e in examples])
        sub_total = gold_total(examples, mask, gold)
        sub_base = event_f1(np.ones(int(mask.sum()), dtype=bool), y[mask], sub_total)
        print(f"  {corpus}: F1 {sub_base:.3f} -> {event_f1(oof[mask] >= threshold, y[mask], sub_total):.3f}")
    model = to_model(fit(X, y), threshold)
    write_model(model, out / MODEL_FILE)
    print(f"  wrote {out / MODEL_FILE} ({len(model.weights)} weights)")
    if fold_models:
        for k in range(folds):
            train = fold != k
            inner = out_of_fold(X[train], y[train], fold[train])
            t, _ = best_threshold(inner, y[train], gold_total(examples, train, gold))
            write_model(to_model(fit(X[train], y[train]), t), fold_models / f"fold{k}" / MODEL_FILE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the model files (default: the package's)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--fold-models", type=Path, help="also write DIR/foldK/*.json and DIR/folds.json")
    parser.add_argument("--cache", type=Path, help="reuse (or write) the extracted examples here")
    args = parser.parse_args()

    if not (args.shared / "data" / "news-dev" / "gold.json").is_file():
        print(f"cannot train: no news-dev gold at {args.shared}/data/news-dev (../shared beside the repository)", file=sys.stderr)
        return 2
    if args.cache and args.cache.is_file():
        groups = pickle.loads(args.cache.read_bytes())
    else:
        groups = extract_examples(args.shared)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(groups))
    assignment = document_folds(args.shared, args.folds)
    train_eventness(groups, gold_event_counts(args.shared), assignment, args.folds, args.out, args.fold_models)
    if args.fold_models:
        (args.fold_models / "folds.json").write_text(json.dumps({"folds": args.folds, "documents": assignment}, indent=0, sort_keys=True), encoding="utf-8")
        print(f"wrote {args.folds} fold model sets under {args.fold_models}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
