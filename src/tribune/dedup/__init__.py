"""Exact and near-duplicate articles and paragraphs (MinHash LSH)."""

from tribune.dedup.minhash import DuplicateFinder, minhash_signature, paragraphs_of

__all__ = ["DuplicateFinder", "minhash_signature", "paragraphs_of"]
