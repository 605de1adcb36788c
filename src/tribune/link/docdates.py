"""Dating undated documents from the other documents about the same events.

An article with no date line, no metadata and no anniversary to go by still
reports events that other, dated articles report too. Once linking has put
its accounts into events, the latest event it is mainly about dates it: news about
an event is written within weeks of it. The month of that event is recorded as
the document's date, labelled ``inferred``, so no one mistakes it for a date line.
"""

from __future__ import annotations

from tribune.store.db import Store


def infer_dates_from_events(store: Store) -> int:
    """Give undated documents the month of the event they are mainly about; returns how many.

    The main event is the one most of the document's sentences report. Only its
    month is used, and only when a dated document supports that event: background
    events ("their first meeting, in 2019") say nothing about when a report was written.
    """
    rows = store.query(
        """
        WITH per_event AS (
            SELECT m.doc_id, e.id AS event_id, e.date, count(*) AS n
            FROM mentions m
            JOIN event_mentions em ON em.mention_id = m.id
            JOIN events e ON e.id = em.event_id
            JOIN documents d ON d.id = m.doc_id
            WHERE d.published IS NULL
            GROUP BY m.doc_id, e.id, e.date
        ), ranked AS (
            SELECT *, row_number() OVER (PARTITION BY doc_id ORDER BY n DESC, event_id) AS position,
                   count(*) OVER (PARTITION BY doc_id, n) AS tied
            FROM per_event
        )
        SELECT doc_id, date FROM ranked r
        WHERE position = 1 AND tied = 1 AND date IS NOT NULL AND length(date) >= 7
          AND EXISTS (
              SELECT 1 FROM event_mentions other
              JOIN mentions om ON om.id = other.mention_id
              JOIN documents od ON od.id = om.doc_id
              WHERE other.event_id = r.event_id AND od.published IS NOT NULL
          )
        """
    )
    for row in rows:
        store.con.execute(
            "UPDATE documents SET published = ?, published_source = 'inferred' WHERE id = ? AND published IS NULL",
            [row["date"][:7], row["doc_id"]],
        )
    return len(rows)
