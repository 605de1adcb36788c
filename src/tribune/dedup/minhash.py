"""Near-duplicate detection with datasketch MinHash LSH.

Syndicated wire copy and lightly edited rewrites are one source, not several:
counting them twice would make a rumour look corroborated. Documents are
compared on word 5-shingles; a document whose estimated Jaccard similarity to
an earlier one reaches ``doc_threshold`` (0.7: a syndicated copy with a new headline and a few words swapped scores about 0.78) is marked a duplicate of it.
Paragraphs are compared the same way, so an article that pastes in another
outlet's paragraph does not count as an independent source for what that
paragraph says.

Signatures are plain arrays, so the store keeps them. The LSH bands of every
stored signature live in the store too (table ``minhash_bands``, indexed by band
hash): an ingest asks it for the candidates of one batch at a time
(:class:`StoredDuplicateFinder`) instead of loading every signature into memory,
so its memory follows the batch, not the corpus. The bands are the ones
datasketch's ``MinHashLSH`` cuts for the same threshold, so the candidates, and
hence the duplicates found, are those of the in-memory :class:`DuplicateFinder`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
DOC_THRESHOLD = 0.7
PARAGRAPH_THRESHOLD = 0.8
DOC, PARAGRAPH = 0, 1  # the ``kind`` of a band row
SHINGLE = 5
MIN_PARAGRAPH_WORDS = 25
SCHEME = "affine32"  # fixed, so stored signatures stay comparable across datasketch upgrades

_WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


_PERMUTATIONS: np.ndarray | None = None


def _permutations() -> np.ndarray:
    """The permutation parameters for seed 1, drawn once per process and shared by every
    MinHash (datasketch would otherwise redraw them from a seeded RandomState per sketch)."""
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations
    return _PERMUTATIONS


def minhash_signature(text: str) -> np.ndarray:
    """The MinHash signature of a text as a uint64 array (stable across processes)."""
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
    mh.update_batch(list(_shingles(text)))
    return mh.hashvalues.astype(np.uint64)


def paragraphs_of(text: str) -> list[tuple[int, int, str]]:
    """(index, start offset, paragraph) for every paragraph long enough to compare."""
    out = []
    offset = 0
    for index, para in enumerate(text.split("\n\n")):
        if len(para.split()) >= MIN_PARAGRAPH_WORDS:
            out.append((index, offset, para))
        offset += len(para) + 2
    return out


def _as_minhash(signature: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=signature, scheme=SCHEME, permutations=_permutations())


@dataclass
class ParagraphMatch:
    paragraph_index: int
    original_doc_id: str
    original_paragraph_index: int


class DuplicateFinder:
    """Remembers every document and paragraph seen and finds near-copies among them."""

    def __init__(self, doc_threshold: float = DOC_THRESHOLD, paragraph_threshold: float = PARAGRAPH_THRESHOLD) -> None:
        self.doc_threshold = doc_threshold
        self.paragraph_threshold = paragraph_threshold
        self._docs = MinHashLSH(threshold=_lsh_threshold(doc_threshold), num_perm=NUM_PERM)
        self._paras = MinHashLSH(threshold=_lsh_threshold(paragraph_threshold), num_perm=NUM_PERM)
        self._doc_sigs: dict[str, MinHash] = {}
        self._para_sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._doc_sigs)

    def add_document_signature(self, doc_id: str, signature: np.ndarray) -> None:
        if doc_id in self._doc_sigs:
            return
        mh = _as_minhash(signature)
        self._doc_sigs[doc_id] = mh
        self._docs.insert(doc_id, mh)

    def add_paragraph_signature(self, doc_id: str, index: int, signature: np.ndarray) -> None:
        key = f"{doc_id}#{index}"
        if key in self._para_sigs:
            return
        mh = _as_minhash(signature)
        self._para_sigs[key] = mh
        self._paras.insert(key, mh)

    def find_document(self, signature: np.ndarray) -> str | None:
        """The most similar earlier document above the threshold, if any."""
        mh = _as_minhash(signature)
        best, best_score = None, 0.0
        for candidate in self._docs.query(mh):
            score = mh.jaccard(self._doc_sigs[candidate])
            if score >= self.doc_threshold and (score > best_score or (score == best_score and candidate < (best or "~"))):
                best, best_score = candidate, score
        return best

    def find_paragraph(self, doc_id: str, signature: np.ndarray) -> tuple[str, int] | None:
        """An earlier paragraph of another document that this one copies, if any."""
        mh = _as_minhash(signature)
        for candidate in sorted(self._paras.query(mh)):
            other_doc, _, other_index = candidate.rpartition("#")
            if other_doc != doc_id and mh.jaccard(self._para_sigs[candidate]) >= self.paragraph_threshold:
                return other_doc, int(other_index)
        return None

    @classmethod
    def from_signatures(cls, signatures) -> "DuplicateFinder":
        """A finder that remembers stored signatures: (doc_id, paragraph index or -1, signature)."""
        finder = cls()
        for doc_id, index, signature in signatures:
            if index < 0:
                finder.add_document_signature(doc_id, signature)
            else:
                finder.add_paragraph_signature(doc_id, index, signature)
        return finder

    def mark(self, item) -> bool:
        """Mark a processed document's near-duplicate original and copied paragraphs, then remember it.

        ``item`` is a ProcessedDocument; returns whether the whole document is a near-duplicate.
        """
        original = self.find_document(item.signature)
        near = bool(original and original != item.document.id)
        if near:
            item.document = replace(item.document, duplicate_of=original)
        duplicates = []
        for index, start, end, signature in item.paragraph_signatures or []:
            found = self.find_paragraph(item.document.id, signature)
            if found:
                duplicates.append((index, start, end, found[0], found[1]))
        item.paragraph_duplicates = duplicates
        self.add_document_signature(item.document.id, item.signature)
        for index, _start, _end, signature in item.paragraph_signatures or []:
            self.add_paragraph_signature(item.document.id, index, signature)
        return near


# -- bands on disk ----------------------------------------------------------------------


def _lsh_threshold(threshold: float) -> float:
    """LSH banding finds pairs near its threshold only half the time, so candidates
    are gathered well below the cut and then checked on the estimated similarity."""
    return max(0.3, threshold - 0.2)


@lru_cache(maxsize=8)
def band_ranges(threshold: float) -> tuple[tuple[int, int], ...]:
    """The (start, end) slices of a signature that datasketch's MinHashLSH bands for this cut."""
    return tuple(MinHashLSH(threshold=_lsh_threshold(threshold), num_perm=NUM_PERM).hashranges)


def band_hashes(signature: np.ndarray, threshold: float) -> list[int]:
    """One signed 64-bit hash per LSH band of a signature (blake2b of the band's bytes).

    Two signatures share a band hash when they share the band (and otherwise with
    probability 2**-64), which is exactly when MinHashLSH makes them candidates."""
    signature = np.ascontiguousarray(signature, dtype=np.uint64)
    return [
        int.from_bytes(hashlib.blake2b(signature[start:end].tobytes(), digest_size=8).digest(), "little", signed=True)
        for start, end in band_ranges(threshold)
    ]


def band_rows(doc_id: str, index: int, signature: np.ndarray) -> list[tuple[int, int, int, str, int]]:
    """Rows of ``minhash_bands`` for one stored signature: (kind, band, hash, doc_id, paragraph_index)."""
    kind, threshold = (DOC, DOC_THRESHOLD) if index < 0 else (PARAGRAPH, PARAGRAPH_THRESHOLD)
    return [(kind, band, h, doc_id, index) for band, h in enumerate(band_hashes(signature, threshold))]


class StoredDuplicateFinder:
    """Near-duplicate marking against the bands stored in DuckDB, one batch at a time.

    Marks a batch as :class:`DuplicateFinder` would mark it after loading every stored
    signature: the candidates of each document and paragraph are the stored ones that
    share an LSH band with it (one indexed query per batch), plus those of the batch's
    earlier documents (kept in memory until the batch is written and its bands stored).
    """

    def __init__(self, store, doc_threshold: float = DOC_THRESHOLD, paragraph_threshold: float = PARAGRAPH_THRESHOLD) -> None:
        self.store = store
        self.doc_threshold = doc_threshold
        self.paragraph_threshold = paragraph_threshold

    def mark_batch(self, items) -> int:
        """Mark each ProcessedDocument of a batch in order; returns how many are whole near-duplicates.

        The store must be held; the caller writes the batch (and so its bands) before the next one."""
        queries: set[tuple[int, int, int]] = set()  # (kind, band, hash)
        for item in items:
            queries.update((DOC, band, h) for band, h in enumerate(band_hashes(item.signature, self.doc_threshold)))
            for _index, _start, _end, signature in item.paragraph_signatures or []:
                queries.update((PARAGRAPH, band, h) for band, h in enumerate(band_hashes(signature, self.paragraph_threshold)))
        stored = self.store.band_candidates(sorted(queries))  # [(doc_id, paragraph index or -1, signature)]
        local = DuplicateFinder(self.doc_threshold, self.paragraph_threshold)
        for doc_id, index, sig in stored:
            if index < 0:
                local.add_document_signature(doc_id, sig)
            else:
                local.add_paragraph_signature(doc_id, index, sig)
        near = 0
        # The finder holds the stored signatures that share a band with some query of the batch, and
        # the batch's own documents as they are marked. LSH answers a query with the signatures that
        # share a band with it, and every stored one that does is here: the answers are those of a
        # finder holding every stored signature.
        for item in items:
            if local.mark(item):
                near += 1
        return near
