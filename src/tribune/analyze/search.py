"""Full-text search over documents with DuckDB's FTS extension (BM25).

The index is built in a private **in-memory** DuckDB database holding a copy of
the documents (id, title, path, text), never in the knowledge base file: that
works on a knowledge base opened read-only (as ``tribune serve`` opens it),
never changes the user's file, and costs a few hundred milliseconds per
thousand documents. The index is rebuilt when the number of documents or the
latest ingest time changes. The extension is loaded from the
``duckdb_extension_fts`` package (no download). Queries are bound parameters.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import duckdb


def fts_extension_path() -> str:
    import duckdb_extension_fts

    base = Path(duckdb_extension_fts.__file__).parent
    found = sorted(base.rglob("fts.duckdb_extension"))
    wanted = f"v{duckdb.__version__}"
    for path in found:
        if wanted in path.parts:
            return str(path)
    if not found:
        raise RuntimeError("duckdb-extension-fts is installed but holds no fts.duckdb_extension")
    return str(found[-1])


class SearchIndex:
    """A BM25 index over a knowledge base's documents, kept in memory."""

    def __init__(self) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        self._fingerprint = None
        self._lock = threading.Lock()

    def _ensure(self, tb) -> duckdb.DuckDBPyConnection:
        fingerprint = tuple(tb.store.con.execute("SELECT count(*), max(ingested_at) FROM documents").fetchone())
        if self._con is not None and fingerprint == self._fingerprint:
            return self._con
        table = tb.store.con.execute("SELECT id, coalesce(title, '') AS title, coalesce(path, '') AS path, text FROM documents").arrow()
        con = duckdb.connect(":memory:")
        con.execute(f"LOAD '{_sql_literal(fts_extension_path())}'")
        con.register("_docs", table)
        con.execute("CREATE TABLE docs AS SELECT * FROM _docs")
        con.unregister("_docs")
        if con.execute("SELECT count(*) FROM docs").fetchone()[0]:
            con.execute("PRAGMA create_fts_index('docs', 'id', 'title', 'text', stemmer = 'english', stopwords = 'english', overwrite = 1)")
        if self._con is not None:
            self._con.close()
        self._con, self._fingerprint = con, fingerprint
        return con

    def search(self, tb, query: str, *, limit: int = 50) -> list[dict]:
        """Documents matching ``query`` (words, BM25-ranked), each with a snippet around the first hit."""
        query = (query or "").strip()
        if not query:
            return []
        with self._lock:
            con = self._ensure(tb)
            if not con.execute("SELECT count(*) FROM docs").fetchone()[0]:
                return []
            rows = con.execute(
                "SELECT id, title, path, text, score FROM (SELECT *, fts_main_docs.match_bm25(id, ?) AS score FROM docs) "
                "WHERE score IS NOT NULL ORDER BY score DESC, id LIMIT ?",
                [query[:500], int(limit)],
            ).fetchall()
        out = []
        terms = [t for t in re.findall(r"\w+", query.lower()) if len(t) > 1]
        for doc_id, title, path, text, score in rows:
            start, end = _snippet_window(text, terms)
            out.append(
                {
                    "id": doc_id,
                    "title": title or None,
                    "path": path or None,
                    "score": round(float(score), 4),
                    "snippet": text[start:end],
                    "snippet_start": start,
                    "terms": terms,
                }
            )
        return out


def _snippet_window(text: str, terms: list[str], width: int = 240) -> tuple[int, int]:
    lowered = text.lower()
    hits = [i for i in (lowered.find(t[:5]) for t in terms) if i >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    return start, end


def _sql_literal(value: str) -> str:
    """A file path as a SQL string literal (LOAD takes no parameters); the path is ours, not the user's."""
    return value.replace("'", "''")


def term_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the search terms (or words starting with their stems) occur in a text."""
    spans = []
    for term in terms:
        stem = re.escape(term[: max(4, len(term) - 2)] if len(term) > 4 else term)
        for m in re.finditer(rf"\b{stem}\w*", text, flags=re.IGNORECASE):
            spans.append((m.start(), m.end()))
    return sorted(set(spans))
