"""Documents named as an analyst names them: outlet, date and headline, never a hash.

Document ids (``d3ea491101a2e4289``) are stable keys for joins and URLs, but nobody
can tell from one which article it is; absolute paths are long and say where a file
happened to lie on the machine that ingested it. Every place that cites a document
to a person (``tribune conflicts``, merge explanations, the brief) goes through
:func:`source_labels`, so they all name a document the same way.
"""

from __future__ import annotations

import re
from pathlib import PurePath

DOC_KEY = re.compile(r"\bd[0-9a-f]{16}(?:#\d+)?\b")
"""A document id, optionally with the ``#group`` of one of its accounts (as merge reasons write it)."""

TITLE_LIMIT = 90


def short_name(path: str | None) -> str | None:
    """The file name (and ``#line`` of a JSON Lines record) without the folders above it."""
    if not path:
        return None
    return PurePath(path.replace("\\", "/")).name or path


def label(doc: dict) -> str:
    """``Outlet, 2025-10-10, "Headline"``; the file name stands in for a missing outlet."""
    parts = [doc.get("outlet") or short_name(doc.get("path")) or doc.get("id") or "unknown document"]
    if doc.get("published"):
        parts.append(str(doc["published"]))
    title = (doc.get("title") or "").strip()
    if title:
        if len(title) > TITLE_LIMIT:
            title = title[: TITLE_LIMIT - 1].rstrip() + "…"
        parts.append(f'"{title}"')
    return ", ".join(parts)


def citation(doc: dict) -> str:
    """The short form for a citation at the end of a line: ``file.txt (Outlet, 2025-10-10)``.

    No folders (an absolute path says where the files lay on the ingesting machine, not
    what they are); the headline stands in for a document that came without a file."""
    parts = [p for p in (doc.get("outlet"), doc.get("published") and str(doc["published"])) if p]
    name = short_name(doc.get("path"))
    if name:
        return f"{name} ({', '.join(parts)})" if parts else name
    title = (doc.get("title") or "").strip()[:TITLE_LIMIT]
    return ", ".join(parts + ([f'"{title}"'] if title else [doc.get("id") or "unknown document"]))


def citations(tb) -> dict[str, str]:
    """Citation of every document, keyed by its id and by its path (views list either)."""
    out: dict[str, str] = {}
    for r in tb.store.query("SELECT id, path, outlet, title, published FROM documents"):
        out[r["id"]] = citation(r)
        if r["path"]:
            out[r["path"]] = out[r["id"]]
    return out


def source_labels(tb, doc_ids=None) -> dict[str, str]:
    """Document id -> its label, for the given ids (all documents when None)."""
    if doc_ids is None:
        rows = tb.store.query("SELECT id, path, outlet, title, published FROM documents")
    else:
        ids = sorted({d for d in doc_ids if d})
        if not ids:
            return {}
        rows = tb.store.query("SELECT id, path, outlet, title, published FROM documents WHERE id IN (SELECT unnest(?))", [ids])
    return {r["id"]: label(r) for r in rows}


def doc_ids_in(texts) -> set[str]:
    """Every document id mentioned in some strings (merge reasons cite ``docid#group``)."""
    found: set[str] = set()
    for text in texts:
        found.update(m.group(0).split("#")[0] for m in DOC_KEY.finditer(text or ""))
    return found


def name_documents(text: str, labels: dict[str, str]) -> str:
    """The text with each known document id (or ``id#group``) replaced by the document's label."""

    def swap(match: re.Match) -> str:
        return labels.get(match.group(0).split("#")[0], match.group(0))

    return DOC_KEY.sub(swap, text or "")
