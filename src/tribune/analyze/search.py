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
        """Documents matching ``query``, each with a snippet around the first hit.

        Every word must occur (BM25 over the conjunction); a quoted phrase must occur
        as written, words in order ("Li Hongzhong" does not match "Li Qiang met Zhao
        Hongzhong"); an unquoted query of several words ranks the documents holding
        them as a phrase first.
        """
        parsed = parse_query(query)
        if not parsed.words:
            return []
        with self._lock:
            con = self._ensure(tb)
            if not con.execute("SELECT count(*) FROM docs").fetchone()[0]:
                return []
            rows = con.execute(
                "SELECT id, title, path, text, score FROM (SELECT *, fts_main_docs.match_bm25(id, ?, conjunctive := 1) AS score FROM docs) "
                "WHERE score IS NOT NULL ORDER BY score DESC, id",
                [" ".join(parsed.words)[:500]],
            ).fetchall()
        out = []
        for doc_id, title, path, text, score in rows:
            haystack = f"{title}\n{text}"
            if not all(phrase_pattern(p).search(haystack) for p in parsed.phrases):
                continue
            whole = bool(parsed.loose_phrase) and phrase_pattern(parsed.loose_phrase).search(haystack) is not None
            start, end = _snippet_window(text, parsed.terms, parsed.highlight_phrases)
            out.append(
                {
                    "id": doc_id,
                    "title": title or None,
                    "path": path or None,
                    "score": round(float(score), 4),
                    "phrase": whole or bool(parsed.phrases),
                    "snippet": text[start:end],
                    "snippet_start": start,
                    "terms": parsed.terms,
                    "phrases": parsed.highlight_phrases,
                }
            )
        if parsed.loose_phrase and any(r["phrase"] for r in out):
            out = [r for r in out if r["phrase"]]  # the words stand together somewhere: only those documents
        out.sort(key=lambda r: (-r["score"], r["id"]))
        return out[: int(limit)]

    def search_all(self, tb, query: str, *, limit: int = 50) -> dict:
        """Actors, events and documents for a query: what the search page and ``/api/search`` show."""
        parsed = parse_query(query)
        return {
            "query": (query or "").strip(),
            "phrases": [" ".join(p) for p in parsed.phrases],
            "words": parsed.words,
            "actors": find_actors_matching(tb, parsed, limit=limit),
            "events": find_events_matching(tb, parsed, limit=limit),
            "documents": self.search(tb, query, limit=limit),
        }


class ParsedQuery:
    """A query split into quoted phrases and loose words (all lower-cased ``\\w+`` tokens).

    ``words`` is every token (what BM25 must find), ``phrases`` the quoted ones of two
    words or more (which must occur as written), ``loose_phrase`` the unquoted words
    in order when there are several and nothing is quoted (a phrase match ranks first
    among documents, and is what an actor name or an evidence sentence must hold).
    """

    def __init__(self, phrases: list[list[str]], loose: list[str]) -> None:
        self.phrases = [p for p in phrases if len(p) > 1]
        single = [p[0] for p in phrases if len(p) == 1]
        self.loose = single + loose
        self.words = [w for p in self.phrases for w in p] + self.loose
        self.loose_phrase = loose if len(loose) > 1 and not self.phrases else []
        self.terms = [w for w in self.loose if len(w) > 1]
        self.highlight_phrases = [" ".join(p) for p in self.phrases] + ([" ".join(self.loose_phrase)] if self.loose_phrase else [])

    @property
    def required(self) -> list[list[str]]:
        """What a name or a sentence must contain: each phrase, then the loose words (each on its own)."""
        return [list(p) for p in self.phrases] + [[w] for w in self.loose]


def parse_query(query: str | None) -> ParsedQuery:
    """Split a query into "quoted phrases" and words; an unmatched quote runs to the end."""
    query = (query or "").strip()[:500]
    phrases: list[list[str]] = []
    loose: list[str] = []
    for i, part in enumerate(re.split(r'["\u201c\u201d]', query)):
        tokens = re.findall(r"\w+", part.lower())
        if i % 2:
            if tokens:
                phrases.append(tokens)
        else:
            loose += tokens
    return ParsedQuery(phrases, loose)


def phrase_pattern(words: list[str]) -> re.Pattern:
    """The words in order, separated by anything that is not a word character, as whole words."""
    return re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)


def _matches(text: str, parsed: ParsedQuery) -> bool:
    return all(phrase_pattern(p).search(text) for p in parsed.required)


def _contains_clause(column: str, parsed: ParsedQuery) -> tuple[str, list[str]]:
    """A prefilter: the column holds every word (bound parameters); the phrase check follows in Python."""
    words = sorted(set(parsed.words))
    return " AND ".join(f"contains(lower({column}), ?)" for _ in words), words


def find_actors_matching(tb, parsed: ParsedQuery, *, limit: int = 50) -> list[dict]:
    """Actors whose name, or a name an article calls them by, holds the query (phrases as written)."""
    if not parsed.words:
        return []
    by_name, params = _contains_clause("name", parsed)
    by_text, params2 = _contains_clause("text", parsed)
    candidates = tb.store.query(
        f"SELECT id, name AS label FROM actors WHERE {by_name} "
        f"UNION SELECT DISTINCT actor_id AS id, text AS label FROM actor_mentions WHERE {by_text}",
        params + params2,
    )
    ids = sorted({r["id"] for r in candidates if _matches(r["label"], parsed) and _whole(r["label"], parsed)})
    if not ids:
        return []
    return tb.store.query(
        "SELECT a.id, a.name, a.kind, a.country, count(DISTINCT p.event_id) AS events "
        "FROM actors a LEFT JOIN event_participants p ON p.actor_id = a.id WHERE a.id IN (SELECT unnest(?)) "
        "GROUP BY ALL ORDER BY events DESC, a.name LIMIT ?",
        [ids, int(limit)],
    )


def find_events_matching(tb, parsed: ParsedQuery, *, limit: int = 50) -> list[dict]:
    """Events a matching actor took part in, or whose evidence sentence holds the query.

    Each says why it matched: ``participant`` (with the names) or ``text`` (with the sentence).
    """
    if not parsed.words:
        return []
    actors = find_actors_matching(tb, parsed, limit=200)
    why: dict[str, dict] = {}
    if actors:
        for r in tb.store.query(
            "SELECT event_id, name FROM event_participants WHERE actor_id IN (SELECT unnest(?)) ORDER BY event_id, name",
            [[a["id"] for a in actors]],
        ):
            entry = why.setdefault(r["event_id"], {"match": "participant", "names": [], "sentence": None})
            if r["name"] not in entry["names"]:
                entry["names"].append(r["name"])
    clause, params = _contains_clause("m.sentence", parsed)
    by_text: dict[str, tuple[bool, str]] = {}
    for r in tb.store.query(
        f"SELECT em.event_id, m.sentence FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE {clause} ORDER BY em.event_id, m.id",
        params,
    ):
        if r["event_id"] in why or not _matches(r["sentence"], parsed):
            continue
        whole = _whole(r["sentence"], parsed)
        if r["event_id"] not in by_text or (whole and not by_text[r["event_id"]][0]):
            by_text[r["event_id"]] = (whole, r["sentence"])
    if any(whole for whole, _ in by_text.values()):
        by_text = {k: v for k, v in by_text.items() if v[0]}  # as with documents: the phrase where it occurs
    for event_id, (_whole_match, sentence) in by_text.items():
        why[event_id] = {"match": "text", "names": [], "sentence": sentence}
    if not why:
        return []
    rows = tb.store.query(
        "SELECT id, type, status, date, location_name AS place, sources FROM events WHERE id IN (SELECT unnest(?))",
        [list(why)],
    )
    people: dict[str, list[str]] = {}
    for r in tb.store.query(
        "SELECT event_id, name FROM event_participants WHERE event_id IN (SELECT unnest(?)) AND actor_id NOT LIKE 'country:%' "
        "ORDER BY event_id, support DESC, name",
        [list(why)],
    ):
        people.setdefault(r["event_id"], []).append(r["name"])
    out = [{**r, "participants": people.get(r["id"], [])[:6], **why[r["id"]]} for r in rows]
    out.sort(key=lambda e: (e["match"] != "participant", -(e["sources"] or 0), e["date"] or "", e["id"]))
    return out[: int(limit)]


def _whole(text: str, parsed: ParsedQuery) -> bool:
    """Several loose words name one thing in a name or a sentence: they must stand together there."""
    return not parsed.loose_phrase or phrase_pattern(parsed.loose_phrase).search(text) is not None


def _snippet_window(text: str, terms: list[str], phrases: list[str] = (), width: int = 240) -> tuple[int, int]:
    hits = [m.start() for m in (phrase_pattern(p.split()).search(text) for p in phrases) if m]
    if not hits:
        lowered = text.lower()
        hits = [i for i in (lowered.find(t[:5]) for t in terms) if i >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    return start, end


def _sql_literal(value: str) -> str:
    """A file path as a SQL string literal (LOAD takes no parameters); the path is ours, not the user's."""
    return value.replace("'", "''")


def term_spans(text: str, terms: list[str], phrases: list[str] = ()) -> list[tuple[int, int]]:
    """Where the search terms (or words starting with their stems) and the phrases occur in a text."""
    spans = []
    for phrase in phrases:
        for m in phrase_pattern(phrase.split()).finditer(text):
            spans.append((m.start(), m.end()))
    for term in terms:
        stem = re.escape(term[: max(4, len(term) - 2)] if len(term) > 4 else term)
        for m in re.finditer(rf"\b{stem}\w*", text, flags=re.IGNORECASE):
            if not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return sorted(set(spans))
