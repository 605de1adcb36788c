"""Assemble a Document from a raw article: clean body, title, outlet, published date.

The published date is the anchor every relative date in the article resolves
against, so where it came from is kept beside it: metadata beats a dateline,
a dateline beats what the text says, and an inference from the content
(an anniversary, say) comes last and is labelled as such.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from tribune.clean.datelines import parse_date_expression
from tribune.clean.html import extract_html
from tribune.clean.text import MIN_SENTENCE_WORDS, clean_text, count_words, holds_sentence
from tribune.ingest.readers import RawArticle
from tribune.records import DateSource, Document, IngestProblem, content_id
from tribune.temporal.docdate import choose_document_date

MIN_WORDS = 8
"""Fewest words a stored document has after cleaning (``tribune ingest --min-words N``).

A document is stored when its clean text holds at least one complete sentence
(``MIN_SENTENCE_WORDS`` words or more ending in a stop) and at least this many
words: a one-sentence wire brief or alert is an article. Whatever falls short
is not stored but reported as a problem, with the reason.
"""


def normalise_published(value: str | None) -> str | None:
    """A metadata date in any common form, as YYYY-MM-DD (or YYYY-MM, YYYY)."""
    if not value:
        return None
    value = value.strip()
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if match:
        return "-".join(g for g in match.groups() if g)
    parsed = parse_date_expression(value)
    return parsed if parsed and not parsed.startswith("XXXX") else None


def _year_for_dateline(month_day: str, text: str) -> str | None:
    """Complete a dateline without a year ("SEOUL, Sept 10") from an anniversary in the content.

    Only an anniversary pins the year safely ("the 75th anniversary of the
    founding" near a "Sept 10" dateline is 2023): the years an article merely
    mentions are often background ("their first meeting since 2019"), and a
    wrong year is worse than none, because every relative date hangs on it.
    """
    from datetime import date

    from tribune.temporal.docdate import infer_document_date

    _, month, day = month_day.split("-")
    for evidence in infer_document_date(text):
        if not evidence.source.startswith("anniversary") or evidence.precision != "day":
            continue
        anchor = date.fromisoformat(evidence.value)
        for year in (anchor.year, anchor.year + 1, anchor.year - 1):
            try:
                candidate = date(year, int(month), int(day))
            except ValueError:
                continue
            if abs((candidate - anchor).days) <= 45:
                return candidate.isoformat()
    return None


def _too_short(text: str, cleaned, min_words: int) -> str | None:
    """Why a clean text is not an article (no sentence, too few words), or None when it is one."""
    n = count_words(text)
    if n == 0:
        why = sorted({reason for reason, _line in cleaned.reasons})
        detail = f": every line was page furniture ({', '.join(why)})" if why else ""
        return f"no article text after cleaning{detail}"
    if not holds_sentence(text):
        return f"no complete sentence after cleaning ({n} words; a sentence has {MIN_SENTENCE_WORDS}+ words and ends in a stop)"
    if n < min_words:
        return f"too little text after cleaning ({n} words; the minimum is {min_words}, see --min-words)"
    return None


def build_document(raw: RawArticle, min_words: int = MIN_WORDS) -> Document | IngestProblem:
    """Clean one raw article into a Document, or say why it holds no article."""
    meta = raw.meta
    url = meta.get("url")
    outlet = meta.get("outlet")
    title = meta.get("title")
    published = normalise_published(meta.get("published"))
    source = DateSource.METADATA if published else DateSource.UNKNOWN
    byline = None
    if raw.kind == "html":
        extracted = extract_html(raw.content, url)
        if extracted is None:
            return IngestProblem(raw.path, "HTML page holds no article text")
        body_source = extracted.text
        title = title or extracted.title
        outlet = outlet or extracted.outlet
        url = url or extracted.url
        byline = extracted.author
        if not published and extracted.published:
            published = normalise_published(extracted.published)
            source = DateSource.METADATA if published else source
    else:
        body_source = raw.content
    cleaned = clean_text(body_source, title=title)
    text = cleaned.text.strip()
    short = _too_short(text, cleaned, min_words)
    if short:
        return IngestProblem(raw.path, short)
    title = title or cleaned.title
    if title and not text.startswith(title):
        # The headline is part of what the outlet says (seed 002's headline dates a
        # parade its body says is unannounced), so it is analysed with the body.
        text = f"{title}\n\n{text}"
    byline = byline or cleaned.byline
    dateline = cleaned.dateline
    if dateline and dateline.outlet and not outlet:
        outlet = dateline.outlet
    if not outlet and url:
        outlet = urlparse(url).hostname
    if not published and dateline and dateline.value and not dateline.has_year:
        published = _year_for_dateline(dateline.value, text)
        if published:
            source = DateSource.DATELINE
    if not published:
        choice = choose_document_date(
            None,
            dateline.value if dateline and dateline.has_year else None,
            f"{title}\n\n{text}" if title else text,
        )
        if choice is not None:
            published, _precision, source_name = choice
            source = DateSource(source_name)
    return Document(
        id=content_id(text, "d"),
        path=raw.path,
        text=text,
        url=url,
        outlet=outlet,
        title=title,
        published=published,
        published_source=source,
        dateline=dateline.raw if dateline else None,
        byline=byline,
        source_key=raw.source_key,
    )
