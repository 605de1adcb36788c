"""The per-batch stage: clean Documents in, ProcessedDocuments out.

This is the one function that runs the NLP, in-process on a laptop, in a pool
of worker processes with ``--workers N``, and as a Ray Data map step on a
cluster. It touches no database: everything it learns comes back as plain
records, so the caller decides where they are stored.
"""

from __future__ import annotations

import os
from typing import Iterable, Sequence

from spacy.language import Language

from tribune.dedup.minhash import minhash_signature, paragraphs_of
from tribune.records import Document, Sentence
from tribune.store.db import ProcessedDocument
from tribune.temporal.validate import impossible_dates
from tribune.temporal.docdate import choose_document_date, dateline_conflicts

_NOT_ANNOUNCED = ("yet to be announced", "not yet been announced", "has not been announced", "undisclosed date", "date to be announced")


def process_documents(nlp: Language, documents: Sequence[Document], batch_size: int = 16) -> list[ProcessedDocument]:
    """Run the pipeline over documents and collect what each one yields."""
    docs = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.tribune_doc_id = document.id
        doc._.tribune_anchor = anchor_date(document)
        docs.append(doc)
    out: list[ProcessedDocument] = []
    for document, doc in zip(documents, nlp.pipe(docs, batch_size=batch_size)):
        sentences = [Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
        paragraphs = [(index, start, start + len(text), minhash_signature(text)) for index, start, text in paragraphs_of(document.text)]
        out.append(
            ProcessedDocument(
                document=document,
                sentences=sentences,
                timexes=list(doc._.timexes or []),
                actor_mentions=list(doc._.actors or []),
                mentions=list(doc._.event_mentions or []),
                signature=minhash_signature(_body(document)),
                paragraph_signatures=paragraphs,
                document_conflicts=document_conflicts(document, doc._.event_mentions or []),
                rejected_dates=impossible_dates(document.text),
            )
        )
    return out


def _body(document: Document) -> str:
    """The text without its headline: syndicated copies keep the story and change the headline."""
    if document.title and document.text.startswith(document.title):
        return document.text[len(document.title) :].lstrip()
    return document.text


def anchor_date(document: Document) -> str | None:
    """The date relative expressions resolve against: the published date, unless the
    date line contradicts the content, in which case the content's own date is
    the better anchor ("on Monday" in a report of a parade means the parade's week)."""
    published = document.published if document.published and len(document.published) == 10 else None
    if published and document.published_source.value == "dateline" and dateline_conflicts(published, document.text):
        inferred, precision, _source = choose_document_date(None, None, document.text)
        if inferred and precision == "day":
            return inferred
    return published


def document_conflicts(document: Document, mentions) -> list[tuple[str, str, list[dict]]]:
    """Inconsistencies inside one document: its date line against its content, a date against "not announced"."""
    conflicts = []
    if document.dateline and document.published and document.published_source.value == "dateline":
        note = dateline_conflicts(document.published, document.text)
        if note:
            conflicts.append(("published", note, [{"value": document.published, "evidence": document.dateline}, {"value": "content", "evidence": note}]))
    by_group: dict[int, list] = {}
    for m in mentions:
        by_group.setdefault(m.group, []).append(m)
    for group in by_group.values():
        dated = [m for m in group if m.date_evidence and m.date and m.date.precision == "day"]
        vague = [m for m in group if any(p in m.sentence.lower() for p in _NOT_ANNOUNCED)]
        if dated and vague:
            conflicts.append(
                (
                    "event date",
                    f"the {group[0].type} is dated {dated[0].date.value} in one sentence and not yet announced in another",
                    [{"value": dated[0].date.value, "evidence": dated[0].sentence}, {"value": "not announced", "evidence": vague[0].sentence}],
                )
            )
    return conflicts


# -- worker processes -----------------------------------------------------------------

_WORKER_NLP: Language | None = None


def _init_worker(model: str, kb_dirs: tuple[str, ...]) -> None:
    """Load the pipeline once per worker process (the model is the expensive part)."""
    global _WORKER_NLP
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from tribune.nlp.pipeline import load_pipeline

    _WORKER_NLP = load_pipeline(model, kb_dirs)


def share_with_forked_workers(nlp: Language, kb) -> None:
    """Make a pipeline loaded in this process the one forked workers use (``_init_shared_worker``).

    Loading the model, the KB and the gazetteer once before the fork, as ``nlp.pipe(n_process=N)``
    does, spares every worker its own load (seconds of CPU each) and shares the pages copy-on-write."""
    global _WORKER_NLP
    kb.load_gazetteer()
    _WORKER_NLP = nlp


def _init_shared_worker() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    assert _WORKER_NLP is not None, "share_with_forked_workers must run before the pool forks"


def _work(documents: list[Document]) -> list[ProcessedDocument]:
    assert _WORKER_NLP is not None, "worker not initialised"
    return process_documents(_WORKER_NLP, documents)


def chunks(items: Iterable, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
