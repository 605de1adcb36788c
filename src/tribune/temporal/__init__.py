"""Temporal normalisation: TIMEX3 values for expressions, dates for documents.

Public API:
    find_timexes(text, anchor, *, entities=None, tense_hint=None) -> list[Timex]
    infer_document_date(text) -> list[DateEvidence]
    choose_document_date(metadata, dateline, text) -> (value, precision, DateSource)
    dateline_conflicts(dateline_value, text, ...) -> str | None
The spaCy component "tribune_timex" is registered by importing
``tribune.temporal.component``.
"""

from .docdate import DateEvidence, choose_document_date, dateline_conflicts, infer_document_date
from .normalize import find_timexes, parse_with_dateparser

__all__ = [
    "DateEvidence",
    "choose_document_date",
    "dateline_conflicts",
    "find_timexes",
    "infer_document_date",
    "parse_with_dateparser",
]
