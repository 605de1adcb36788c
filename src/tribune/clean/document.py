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
from tribune.clean.text import clean_text
from tribune.ingest.readers import RawArticle
from tribune.records import DateSource, Document, IngestProblem, content_id
from tribune.temporal.docdate import choose_document_date

MIN_WORDS = 20
"""Fewer words than this after cleaning is a stub, a paywall or an error page."""


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


def build_document(raw: RawArticle) -> Document | IngestProblem:
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
    cleaned = clean_text(body_source)
    text = cleaned.text.strip()
    if len(text.split()) < MIN_WORDS:
        return IngestProblem(raw.path, f"too little text after cleaning ({len(text.split())} words)")
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
