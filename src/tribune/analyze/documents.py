"""Documents: the list, and one document with its entities and event sentences located for the reader."""

from __future__ import annotations

import json


def document_list(tb) -> list[dict]:
    return tb.store.query(
        "SELECT d.id, d.path, d.outlet, d.title, d.published, d.published_source, d.duplicate_of, d.n_words, "
        "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.id) AS mentions "
        "FROM documents d ORDER BY d.published DESC NULLS LAST, d.path"
    )


def document_view(tb, doc_id: str) -> dict | None:
    """A document with the spans a reader highlights: actor mentions and event-mention sentences."""
    rows = tb.store.query("SELECT * FROM documents WHERE id = ?", [doc_id])
    if not rows:
        return None
    doc = rows[0]
    entities = tb.store.query(
        "SELECT am.start_char, am.end_char, am.text, am.actor_id, am.title, a.name, a.kind FROM actor_mentions am "
        "LEFT JOIN actors a ON a.id = am.actor_id WHERE am.doc_id = ? ORDER BY am.start_char",
        [doc_id],
    )
    mentions = tb.store.query(
        "SELECT m.id, m.start_char, m.end_char, m.sentence, m.trigger, m.type, m.status, m.date, em.event_id "
        "FROM mentions m LEFT JOIN event_mentions em ON em.mention_id = m.id WHERE m.doc_id = ? ORDER BY m.start_char",
        [doc_id],
    )
    conflicts = tb.store.query("SELECT attribute, note, claims FROM document_conflicts WHERE doc_id = ?", [doc_id])
    for c in conflicts:
        c["values"] = json.loads(c.pop("claims"))
    timexes = tb.store.query("SELECT start_char, end_char, text, type, value FROM timexes WHERE doc_id = ? ORDER BY start_char", [doc_id])
    return {
        "id": doc["id"],
        "path": doc["path"],
        "url": doc["url"],
        "outlet": doc["outlet"],
        "title": doc["title"],
        "published": doc["published"],
        "published_source": doc["published_source"],
        "dateline": doc["dateline"],
        "byline": doc["byline"],
        "duplicate_of": doc["duplicate_of"],
        "text": doc["text"],
        "entities": entities,
        "mentions": mentions,
        "timexes": timexes,
        "conflicts": conflicts,
    }
