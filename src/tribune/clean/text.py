"""Line-level cleaning of plain-text articles scraped from web pages.

Plain-text dumps of news pages keep the page furniture as lines of their own:
menus, "Most Viewed", weather widgets, photo captions printed twice, the
headline repeated as a teaser, an author blurb after the byline. Each of those
is a whole line, so the cleaner works line by line with rules kept in
``data/boilerplate.json``; it never rewrites the inside of a sentence.

What the cleaner may remove is decided by evidence about the whole line (it is
a menu, a widget, a byline, a caption printed twice, the headline again), and a
line that holds a complete sentence is never taken for a menu or a widget: the
lead of a report is its most important sentence, and losing it costs more than
keeping a stray label. A link word trailing a paragraph ("... signed four
agreements. more") does not make it a headline or a label; lines are kept
whole or removed whole, never rewritten.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tribune.clean.datelines import _STORE_LINE, Dateline, find_dateline


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
    """The article body and the header fields found while cleaning it.

    ``removed`` lists the lines taken out; ``reasons`` says, for each, which rule
    took it (``menu`` from the exact list, ``furniture`` from the patterns, ``byline``, ``repeated caption``, ``repeated
    headline``, ``teaser``, ``widget``, ``footer``, ``title``, ``dateline``), so
    a user can check what cleaning dropped.
    """

    text: str
    title: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    removed: tuple[str, ...] = field(default_factory=tuple)
    reasons: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _fold(line: str) -> str:
    """A comparison key that ignores quote styles, case, spacing and ellipses."""
    line = unicodedata.normalize("NFKC", line)
    line = line.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    line = re.sub(r"(\.\.\.|\u2026)$", "", line.strip())
    return re.sub(r"\s+", " ", line).lower().strip()


_WORD = re.compile(r"\w+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+")


def count_words(text: str) -> int:
    """Words in text; scripts written without spaces (Chinese, Japanese, Thai) count a word per two characters.

    ``str.split`` sees a Japanese paragraph as one word, which made a whole
    article look like a stub.
    """
    unspaced = sum(math.ceil(len(run) / 2) for run in _UNSPACED.findall(text))
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text)))
    return spaced + unspaced


MIN_SENTENCE_WORDS = 4
"""A complete sentence has at least this many words before its final stop."""

_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f]+[\"'\u201d\u2019)\]]*(?=\s|$)|[\u3002\uff01\uff1f]")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def holds_sentence(line: str) -> bool:
    """Whether a line holds at least one complete sentence: words that start with a letter and end in a stop.

    A headline ("Ministers agree on new fisheries pact") has no stop; a label
    ("Share", "Most Viewed") has too few words; a sentence ending in an
    abbreviation ("... against U.S.") is not told from a headline by its stop,
    so it needs a second stop before it.
    """
    start = 0
    for match in _SENTENCE_END.finditer(line):
        chunk = line[start : match.end()].strip()
        start = match.end()
        if count_words(chunk) < MIN_SENTENCE_WORDS:
            continue
        if _ABBREVIATION_END.search(chunk.rstrip("\"'\u201d\u2019)]")) and match.end() >= len(line.rstrip()):
            continue
        if re.search(r"[^\W\d_]", chunk):
            return True
    return False


def is_boilerplate(line: str, rules: BoilerplateRules) -> bool:
    return _furniture(line, rules) is not None


def _furniture(line: str, rules: BoilerplateRules) -> str | None:
    """Why a whole line is page furniture, or None when it is not."""
    stripped = line.strip().strip("-–—").strip()
    if not stripped:
        return None
    if stripped.lower() in rules.exact or stripped.lower().rstrip(":") in rules.exact:
        return "menu"
    if holds_sentence(stripped):
        return None
    if any(p.search(stripped) for p in rules.patterns):
        return "furniture"
    return None


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


def _looks_like_title(line: str) -> bool:
    """Headlines are short and do not end like a sentence (an "U.S." at the end is fine)."""
    words = line.split()
    if not (3 <= len(words) <= 30 and len(line) < 220):
        return False
    end = line.rstrip()
    if end.endswith(".") and not _ABBREVIATION_END.search(end):
        return False
    if end.endswith((".\"", ":", ",")):
        return False
    # A stop inside the line ends a sentence that the rest continues: a lead, not a headline.
    inner = [m for m in _SENTENCE_END.finditer(end) if m.end() < len(end)]
    return not any(holds_sentence(end[: m.end()]) for m in inner)


def _continued(lines: list[str], index: int) -> bool:
    """Whether the next line carries on this line's sentence ("Photos" / "which were released online ...").

    Some pages break a paragraph across lines; a first line that reads like a
    label is then the start of a sentence, not a menu.
    """
    line = lines[index]
    if index + 1 >= len(lines) or _SENTENCE_END.search(line[-1:] or "."):
        return False
    following = lines[index + 1]
    return bool(following) and following[0].islower()


_PLACE_LINE = re.compile(r"^[A-Z][A-Z.'\- ]+,\s*[A-Z][A-Z.'\- ]+\s*[-\u2013\u2014:]?$")
"""A dateline standing alone before the lead ("GENEVA, SWITZERLAND"): the outlet's text, not a widget."""


def _teaser(line: str) -> bool:
    """A headline cut short with an ellipsis ("... Marking His First Multilateral..."): long enough to be one.

    "If you ..." or "Here's the thing ..." are a writer's pause, not a teaser.
    """
    return line.endswith(("...", "\u2026")) and len(line.split()) >= 6


def _same_headline(line: str, title: str | None) -> bool:
    """Whether a line is the known headline, perhaps without the site name the page title adds ("... | Site")."""
    if not title:
        return False
    a, b = _fold(line), _fold(title)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter.split()) >= 3 and longer.startswith(shorter) and not longer[len(shorter)].isalnum()


def clean_text(raw: str, rules: BoilerplateRules | None = None, title: str | None = None) -> CleanText:
    """Strip page furniture from a plain-text article and pick out its header.

    ``title`` is the headline when the page's metadata gave one: the line that
    repeats it is the headline, and no other line is taken for one.
    """
    rules = rules or default_rules()
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    reasons: list[tuple[str, str]] = []
    kept: list[str] = []
    byline: str | None = None

    def drop(line: str, why: str) -> None:
        reasons.append((why, line))

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
    for ln in lines[cut:]:
        if ln:
            drop(ln, "footer")
    lines = lines[:cut]

    seen_folded: set[str] = set()
    previous = ""
    # Without a headline from the metadata, the first headline-like line before any sentence is the headline.
    headline: str | None = None
    in_body = False
    for index, line in enumerate(lines):
        if not line:
            kept.append("")
            continue
        why = None if _continued(lines, index) else _furniture(line, rules)
        if why:
            drop(line, why)
            continue
        found = _byline(line)
        if found and len(kept) < 12:
            byline = byline or found
            drop(line, "byline")
            continue
        folded = _fold(line)
        # A caption printed twice comes right after itself; the headline comes back as a teaser.
        if folded == previous:
            drop(line, "repeated caption")
            continue
        if folded in seen_folded and _same_headline(line, title or headline):
            drop(line, "repeated headline")
            continue
        if _teaser(line) and any(s.startswith(folded) for s in seen_folded if s != folded):
            drop(line, "teaser")
            continue
        if not in_body:
            if holds_sentence(line):
                in_body = True
            elif headline is None and _looks_like_title(line):
                headline = line
        kept.append(line)
        seen_folded.add(folded)
        previous = folded

    # Teasers cut short with an ellipsis can precede the full headline.
    final: list[str] = []
    for line in kept:
        if _teaser(line):
            folded = _fold(line)
            if any(s != folded and s.startswith(folded) for s in seen_folded):
                drop(line, "teaser")
                continue
        final.append(line)

    paragraphs = _drop_repeated_blocks(_paragraphs(final), drop)
    found_title = None
    dateline = None
    body: list[str] = []
    for index, para in enumerate(paragraphs):
        if dateline is None and index < 6:
            found_dateline, rest = find_dateline(para)
            if found_dateline is not None:
                dateline = found_dateline
                if not rest:
                    drop(para, "dateline")
                    continue
                # A wire dateline ("SEOUL, July 28 (AP) -") is the outlet's own text and stays;
                # a store line ("date 2023-11-11") is the page store's and goes.
                store = _STORE_LINE.match(para)
                if store:
                    drop(para[: store.end()].strip(), "dateline")
                    para = para[store.end() :].strip()
        if found_title is None and index < 4 and (not body or title):
            # The page's own headline is the headline wherever it sits in the first lines;
            # without one, only a headline-like line before the body is taken for it.
            if (title and _same_headline(para, title)) or (not title and not body and _looks_like_title(para)):
                found_title = para
                drop(para, "title")
                continue
        if not body and count_words(para) < 3 and not holds_sentence(para) and not _PLACE_LINE.match(para) and not _continued(paragraphs, index):
            # Before the article starts, a line of one or two words is a widget
            # (a city for the weather, a section name), not text.
            drop(para, "widget")
            continue
        body.append(para)
    if not body and found_title:
        body, found_title = [found_title], None
        reasons = [r for r in reasons if r != ("title", body[0])]
    return CleanText(
        "\n\n".join(body), found_title, byline, dateline, tuple(line for _, line in reasons), tuple(reasons)
    )


REPEATED_BLOCK = 3
"""A run of this many sentences, repeated in the same order, is the story printed twice (a summary box, a second copy)."""


def _drop_repeated_blocks(paragraphs: list[str], drop) -> list[str]:
    """The paragraphs without a second copy of a run of sentences the page already printed in that order.

    One sentence said twice is the writer's (an interview asks each guest the
    same question); a run of them, word for word and in order, is the page
    printing the story again. A line with no words (a bare bullet) neither
    breaks a run nor counts in it.
    """
    keys = [("" if count_words(p) == 0 else _fold(p) if holds_sentence(p) else None) for p in paragraphs]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key:
            first.setdefault(key, i)
    out, i = [], 0
    while i < len(paragraphs):
        j, run, end, last = i, 0, i, -1
        while j < len(paragraphs):
            key = keys[j]
            if key == "" and run:
                j += 1
                continue
            if not key or first[key] >= i or first[key] <= last:
                break
            last, run, j = first[key], run + 1, j + 1
            end = j
        if run >= REPEATED_BLOCK:
            for para in paragraphs[i:end]:
                drop(para, "repeated block")
            i = end
            continue
        out.append(paragraphs[i])
        i += 1
    return out


def _paragraphs(lines: list[str]) -> list[str]:
    """Each non-empty line is a paragraph: scraped text puts one paragraph per line."""
    return [ln for ln in lines if ln]
