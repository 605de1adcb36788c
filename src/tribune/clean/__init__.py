"""From raw article to clean Document: boilerplate out, header fields in."""

from tribune.clean.document import build_document
from tribune.clean.html import extract_html
from tribune.clean.text import clean_text

__all__ = ["build_document", "clean_text", "extract_html"]
