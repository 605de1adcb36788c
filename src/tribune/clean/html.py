"""HTML articles through trafilatura: the article body and its metadata.

trafilatura already solves boilerplate removal for HTML and measures itself on
public benchmarks; tribune only asks it for the body and the metadata and then
runs the same line cleaner as for plain text, which catches what survives
(duplicated captions, a repeated headline). Tables are kept: in news they hold
results, casualty counts and lists of delegations, which are article text.
"""

from __future__ import annotations

from dataclasses import dataclass

from html.parser import HTMLParser

import trafilatura

_SKIP = {"script", "style", "iframe", "noscript", "nav", "footer", "aside", "header", "form", "svg", "template"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section", "article", "br"}


class _TextCollector(HTMLParser):
    """Paragraph text from any HTML, however deep, leaving out scripts and page furniture."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in _SKIP and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)


def _plain_paragraphs(html: str) -> str:
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # the standard parser is lenient; anything it still rejects is not an article
        return ""
    lines = [" ".join(line.split()) for line in "".join(collector.parts).split("\n")]
    paragraphs = [line for line in lines if len(line.split()) >= 8]
    return "\n".join(paragraphs)


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
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None or not (result.text or "").strip():
        fallback = _plain_paragraphs(html)
        if not fallback:
            return None
        # lxml gives up on pages nested deeper than it allows (255 levels); the
        # standard library's parser does not, so the article is kept.
        return HtmlExtract(text=fallback, title=None, outlet=None, published=None, author=None, url=url)
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
