"""HTML articles through trafilatura: the article body and its metadata.

trafilatura already solves boilerplate removal for HTML and measures itself on
public benchmarks; tribune only asks it for the body and the metadata and then
runs the same line cleaner as for plain text, which catches what survives
(duplicated captions, a repeated headline).
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True)
class HtmlExtract:
    text: str
    title: str | None
    outlet: str | None
    published: str | None  # from the page's metadata only, never guessed from the text
    author: str | None
    url: str | None


def extract_html(html: str, url: str | None = None) -> HtmlExtract | None:
    """The article in an HTML page, or None when the page holds no article text."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None or not (result.text or "").strip():
        return None
    text = result.text
    title = (result.title or "").strip() or None
    if title:
        lines = text.split("\n")
        if lines and lines[0].strip() == title:
            text = "\n".join(lines[1:])
    return HtmlExtract(
        text=text,
        title=title,
        outlet=(result.sitename or result.hostname or None),
        published=result.date or None,
        author=result.author or None,
        url=result.url or url,
    )
