"""Line-level cleaning of plain-text articles scraped from web pages.

Plain-text dumps of news pages keep the page furniture as lines of their own:
menus, "Most Viewed", weather widgets, photo captions printed twice, the
headline repeated as a teaser, an author blurb after the byline. Each of those
is a whole line, so the cleaner works line by line with rules kept in
``data/boilerplate.json``; it never rewrites the inside of a sentence.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tribune.clean.datelines import Dateline, find_dateline


@dataclass(frozen=True)
class BoilerplateRules:
    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    footer_starts: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def default_rules() -> BoilerplateRules:
    raw = json.loads(resources.files("tribune.clean").joinpath("data/boilerplate.json").read_text("utf-8"))
    return BoilerplateRules(
        exact=frozenset(s.lower() for s in raw["exact"]),
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw["patterns"]),
        footer_starts=tuple(re.compile(p) for p in raw["footer_starts"]),
    )


@dataclass(frozen=True)
class CleanText:
    """The article body and the header fields found while cleaning it."""

    text: str
    title: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    removed: tuple[str, ...] = field(default_factory=tuple)


def _fold(line: str) -> str:
    """A comparison key that ignores quote styles, case, spacing and ellipses."""
    line = unicodedata.normalize("NFKC", line)
    line = line.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    line = re.sub(r"(\.\.\.|\u2026)$", "", line.strip())
    return re.sub(r"\s+", " ", line).lower().strip()


def is_boilerplate(line: str, rules: BoilerplateRules) -> bool:
    stripped = line.strip().strip("-–—").strip()
    if not stripped:
        return False
    if stripped.lower() in rules.exact or stripped.lower().rstrip(":") in rules.exact:
        return True
    return any(p.search(stripped) for p in rules.patterns)


_BYLINE = re.compile(r"^(?:by|written by|reporting by)\s+([A-Z][\w.'\- ]{2,60}?)(?:\s*[\[(|,].*)?$", re.IGNORECASE)


def _byline(line: str) -> str | None:
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    name = match.group(1).strip()
    words = name.split()
    # A byline names a person or desk in a few capitalised words, not a sentence.
    if 1 <= len(words) <= 6 and all(w[:1].isupper() for w in words if w.isalpha()):
        return name
    return None


_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _looks_like_title(line: str) -> bool:
    """Headlines are short and do not end like a sentence (an "U.S." at the end is fine)."""
    words = line.split()
    if not (3 <= len(words) <= 30 and len(line) < 220):
        return False
    end = line.rstrip()
    if end.endswith(".") and not _ABBREVIATION_END.search(end):
        return False
    return not end.endswith((".\"", ":", ","))


def clean_text(raw: str, rules: BoilerplateRules | None = None) -> CleanText:
    """Strip page furniture from a plain-text article and pick out its header."""
    rules = rules or default_rules()
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    removed: list[str] = []
    kept: list[str] = []
    byline: str | None = None

    # Footer: a byline or an advertisement marker in the last part of the page
    # starts the author blurb and related links; nothing after it is the article.
    content_idx = [i for i, ln in enumerate(lines) if ln]
    cut = len(lines)
    if content_idx:
        threshold = content_idx[int(len(content_idx) * 0.6)] if len(content_idx) > 4 else len(lines)
        for i in range(threshold, len(lines)):
            if any(p.match(lines[i]) for p in rules.footer_starts):
                found = _byline(lines[i])
                byline = byline or found
                cut = i
                break
    removed.extend(ln for ln in lines[cut:] if ln)
    lines = lines[:cut]

    seen_folded: set[str] = set()
    previous = ""
    for line in lines:
        if not line:
            kept.append("")
            continue
        if is_boilerplate(line, rules):
            removed.append(line)
            continue
        found = _byline(line)
        if found and len(kept) < 12:
            byline = byline or found
            removed.append(line)
            continue
        folded = _fold(line)
        # Captions printed twice and headlines repeated as teasers.
        if folded == previous or (folded in seen_folded and len(line) < 300):
            removed.append(line)
            continue
        if line.endswith(("...", "\u2026")) and any(s.startswith(folded) for s in seen_folded if s != folded):
            removed.append(line)
            continue
        kept.append(line)
        seen_folded.add(folded)
        previous = folded

    # Teasers cut short with an ellipsis can precede the full headline.
    final: list[str] = []
    for line in kept:
        if line.endswith(("...", "\u2026")):
            folded = _fold(line)
            if any(s != folded and s.startswith(folded) for s in seen_folded):
                removed.append(line)
                continue
        final.append(line)

    paragraphs = [p for p in _paragraphs(final)]
    title = None
    dateline = None
    body: list[str] = []
    for index, para in enumerate(paragraphs):
        if dateline is None and index < 6:
            found_dateline, rest = find_dateline(para)
            if found_dateline is not None:
                dateline = found_dateline
                if not rest:
                    continue
                para = rest
        if title is None and not body and index < 4 and _looks_like_title(para):
            title = para
            continue
        if not body and len(para.split()) < 3:
            # Before the article starts, a line of one or two words is a widget
            # (a city for the weather, a section name), not text.
            removed.append(para)
            continue
        body.append(para)
    if not body and title:
        body, title = [title], None
    return CleanText("\n\n".join(body), title, byline, dateline, tuple(removed))


def _paragraphs(lines: list[str]) -> list[str]:
    """Each non-empty line is a paragraph: scraped text puts one paragraph per line."""
    return [ln for ln in lines if ln]
