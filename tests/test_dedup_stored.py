"""Near-duplicates looked up in the store's LSH bands find what the in-memory finder finds.

The ingest no longer loads every stored MinHash signature: it queries the
``minhash_bands`` table batch by batch (``StoredDuplicateFinder``). These tests
run both finders over one corpus full of near-copies (copies with more and more
words changed, so some fall either side of the threshold, paragraph pastes,
copies of copies) and require the same duplicates, whatever the batch size.
"""

from __future__ import annotations

import random

import pytest

from tribune.dedup.minhash import DuplicateFinder, StoredDuplicateFinder, minhash_signature, paragraphs_of
from tribune.records import Document
from tribune.store.db import ProcessedDocument, Store

PLACES = ["Tbilisi", "Yerevan", "Baku", "Astana", "Tashkent", "Bishkek", "Ulaanbaatar", "Hanoi", "Manila", "Jakarta", "Lima", "Quito"]
ROLES = ["foreign minister", "defence minister", "prime minister", "trade envoy", "central bank governor", "army chief"]
TOPICS = ["a new rail corridor", "grain exports", "a border survey", "fishing rights", "a power line", "visa rules", "a port lease"]
VERBS = ["discussed", "signed a memorandum on", "postponed talks on", "announced a study of", "criticised delays in", "agreed to review"]
TAILS = [
    "according to a statement released after the meeting",
    "officials from both sides told reporters later that evening",
    "the talks are expected to resume before the end of the quarter",
    "a working group will report to both cabinets within ninety days",
    "local business groups welcomed the outcome with some caution",
]
SWAPS = ["quietly", "formally", "again", "briefly", "publicly", "jointly", "reportedly", "finally"]


def _sentence(rng: random.Random) -> str:
    return (
        f"The {rng.choice(ROLES)} of {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(TOPICS)} with a delegation from "
        f"{rng.choice(PLACES)} on day {rng.randint(1, 28)} of the session, and {rng.choice(TAILS)}."
    )


def _article(rng: random.Random) -> str:
    return "\n\n".join(" ".join(_sentence(rng) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(3, 5)))


def _edit(rng: random.Random, text: str, changes: int) -> str:
    words = text.split(" ")
    for _ in range(changes):
        words.insert(rng.randrange(1, len(words)), rng.choice(SWAPS))
    return " ".join(words)


def corpus(seed: int = 5) -> list[tuple[str, str]]:
    """(doc_id, text): originals, edited copies from light to heavy, pasted paragraphs, copies of copies."""
    rng = random.Random(seed)
    docs: list[tuple[str, str]] = []
    for n in range(40):
        kind = rng.random()
        if docs and kind < 0.35:
            _, source = rng.choice(docs)
            text = _edit(rng, source, rng.choice([1, 2, 4, 8, 12, 20, 30]))
        elif docs and kind < 0.55:
            _, source = rng.choice(docs)
            pasted = rng.choice(source.split("\n\n"))
            parts = _article(rng).split("\n\n")
            parts.insert(rng.randrange(len(parts) + 1), _edit(rng, pasted, rng.choice([0, 1, 3])))
            text = "\n\n".join(parts)
        else:
            text = _article(rng)
        docs.append((f"doc{n:03d}", text))
    return docs


def processed(doc_id: str, text: str) -> ProcessedDocument:
    return ProcessedDocument(
        document=Document(doc_id, f"{doc_id}.txt", text, source_key=f"{doc_id}.txt"),
        sentences=[],
        timexes=[],
        actor_mentions=[],
        mentions=[],
        signature=minhash_signature(text),
        paragraph_signatures=[(i, start, start + len(p), minhash_signature(p)) for i, start, p in paragraphs_of(text)],
    )


def in_memory(docs) -> dict[str, tuple]:
    finder = DuplicateFinder()
    out = {}
    for doc_id, text in docs:
        item = processed(doc_id, text)
        finder.mark(item)
        out[doc_id] = (item.document.duplicate_of, item.paragraph_duplicates)
    return out


def stored(docs, batch_size: int, store: Store | None = None) -> dict[str, tuple]:
    store = store or Store.open(":memory:")
    finder = StoredDuplicateFinder(store)
    out = {}
    items = [processed(doc_id, text) for doc_id, text in docs]
    for at in range(0, len(items), batch_size):
        batch = items[at : at + batch_size]
        with store.held():
            finder.mark_batch(batch)
            store.write_batch(batch)
        out.update({i.document.id: (i.document.duplicate_of, i.paragraph_duplicates) for i in batch})
    return out


def test_corpus_has_near_duplicates_of_both_kinds():
    found = in_memory(corpus())
    assert sum(1 for dup, _ in found.values() if dup) >= 5
    assert sum(1 for _, paras in found.values() if paras) >= 5
    # edits heavy enough to fall below the threshold: not every edited copy is a duplicate
    assert sum(1 for dup, _ in found.values() if not dup) > 10


@pytest.mark.parametrize("batch_size", [1, 4, 16, 64])
def test_stored_bands_find_the_same_duplicates_as_memory(batch_size):
    docs = corpus()
    assert stored(docs, batch_size) == in_memory(docs)


def test_a_later_ingest_finds_copies_of_documents_stored_earlier():
    docs = corpus(seed=9)
    store = Store.open(":memory:")
    first = stored(docs[:20], 8, store)
    later = stored(docs[20:], 8, store)  # a new finder, as a new ingest session makes: everything old comes from the bands
    assert {**first, **later} == in_memory(docs)


def test_bands_are_backfilled_for_a_knowledge_base_written_without_them():
    docs = corpus(seed=11)
    store = Store.open(":memory:")
    stored(docs[:25], 10, store)
    bands = store.con.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
    store.con.execute("DELETE FROM minhash_bands")
    store._backfill_bands(chunk=7)  # what opening an older file does
    assert store.con.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == bands
    later = stored(docs[25:], 10, store)
    assert later == {k: v for k, v in in_memory(docs).items() if k in later}
