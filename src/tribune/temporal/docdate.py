"""When was an article written? Evidence, a choice, and dateline sanity checks.

Every relative date in an article ("last month", "Thursday evening") is only
as good as the document date it is resolved against, and scraped articles
often have none, or a dateline that was stamped later by an aggregator. So
the date is treated as a claim with evidence, never as a given.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from ..records import DateSource
from .datemath import parse_anchor
from .lexicon import FUTURE_CUES, NUMBER_WORDS, ORDINAL_WORDS, alternation, number_value, ordinal_value
from .normalize import find_timexes
from .rules import sentence_at

TEXT_HEAD_CHARS = 300  # an explicit date this close to the top is the article's own date line
DEFAULT_TOLERANCE_DAYS = 21


@dataclass(frozen=True)
class DateEvidence:
    """One reason to believe the article was written on (or near) a date."""

    value: str  # ISO date
    precision: str  # day | month | year
    source: str  # "text" (explicit date) or "anniversary:<id>"
    evidence: str  # the words it rests on
    start: int
    end: int


@dataclass(frozen=True)
class Commemoration:
    id: str
    date: date
    names: tuple[str, ...]
    country: str


@lru_cache(maxsize=1)
def commemorations() -> tuple[Commemoration, ...]:
    """The bundled table of foundings and commemorations (data/anniversaries.jsonl)."""
    raw = resources.files(__package__).joinpath("data/anniversaries.jsonl").read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        out.append(Commemoration(row["id"], date.fromisoformat(row["date"]), tuple(row["names"]), row["country"]))
    return tuple(out)


# Country mentions break ties between commemorations that share a name
# ("Victory Day" is 9 May in Moscow, 3 September in Beijing, 27 July in Pyongyang).
COUNTRY_CUES: dict[str, str] = {
    "PRK": r"North Korea|DPRK|Pyongyang|the North\b|North's|Kim Jong|Kim Il",
    "KOR": r"South Korea|Seoul|Republic of Korea|\bROK\b",
    "CHN": r"China|Chinese|Beijing|Xi Jinping",
    "RUS": r"Russia|Russian|Moscow|Kremlin|Putin|Soviet",
    "JPN": r"Japan|Japanese|Tokyo",
    "USA": r"United States|\bU\.?S\.?\b|Washington|American",
    "VNM": r"Vietnam|Vietnamese|Hanoi",
    "LAO": r"\bLaos\b|\bLao\b|Vientiane",
    "IND": r"India|Indian|New Delhi",
    "GBR": r"Britain|British|United Kingdom|London",
    "FRA": r"France|French|Paris",
    "DEU": r"Germany|German|Berlin",
    "UKR": r"Ukraine|Ukrainian|Kyiv",
}

_ORD = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|{alternation(list(ORDINAL_WORDS))})"
_NUM = rf"(?:\d{{1,3}}|{alternation([w for w in NUMBER_WORDS if len(w) > 2])}(?:-(?:{alternation(list(NUMBER_WORDS))}))?)"
ANNIVERSARY_RE = re.compile(
    rf"\b(?P<ord>{_ORD})\s+(?:(?:state|party|national)\s+)?(?:founding\s+|birth\s+)?anniversar(?:y|ies)\b",
    re.IGNORECASE,
)
YEARS_SINCE_RE = re.compile(rf"\b(?P<n>{_NUM})\s+years\s+(?:since|after)\b", re.IGNORECASE)


def _fold(s: str) -> str:
    """Compare names with straight quotes and plain spaces; keeps every offset."""
    return re.sub(r"\s", " ", s.replace("\u2019", "'").replace("\u2018", "'")).lower()


def infer_document_date(text: str) -> list[DateEvidence]:
    """Evidence for when an undated article was written, in text order.

    Explicit full dates are what the article says happened or will happen;
    anniversaries ("80th anniversary of the Workers' Party") are better
    still, because news about a commemoration is written within days of it,
    and the ordinal pins the year even when the text gives none.
    """
    evidence = _explicit_dates(text) + _anniversaries(text)
    return sorted(evidence, key=lambda e: e.start)


def anniversary_evidence(text: str) -> list[DateEvidence]:
    """The anniversaries of ``infer_document_date(text)``, in the same order, without its explicit dates.

    The sort is stable, so anniversaries keep the relative order they have in the full list."""
    return sorted(_anniversaries(text), key=lambda e: e.start)


def _explicit_dates(text: str) -> list[DateEvidence]:
    out = []
    for t in find_timexes(text, None):
        if t.anchored and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value) and t.type == "DATE":
            out.append(DateEvidence(t.value, "day", "text", t.text, t.start, t.end))
    return out


def _anniversaries(text: str) -> list[DateEvidence]:
    out = []
    folded = _fold(text)
    for rx, group, reader, look_behind in ((ANNIVERSARY_RE, "ord", ordinal_value, 100), (YEARS_SINCE_RE, "n", number_value, 0)):
        for m in rx.finditer(text):
            years = reader(m.group(group))
            if not years:
                continue
            # "N years since X" names X after the phrase, never before it: a
            # "Bastille Day parade ... a hundred years after the US entered the
            # war" must not count a century from 1789.
            hit = _commemoration_for(text, folded, m.start(), m.end(), look_behind)
            if hit is None:
                continue
            event, name_end = hit
            try:
                when = event.date.replace(year=event.date.year + years)
            except ValueError:  # 29 February
                when = event.date.replace(year=event.date.year + years, day=28)
            end = max(m.end(), name_end)
            out.append(DateEvidence(when.isoformat(), "day", f"anniversary:{event.id}", text[m.start() : end], m.start(), end))
    return out


def _commemoration_for(text: str, folded: str, start: int, end: int, look_behind: int = 100) -> tuple[Commemoration, int] | None:
    """The commemoration named next to an anniversary phrase, and where its name ends.

    Looks in the phrase itself, up to 120 characters after it and 100 before
    it within the sentence ("the North's 75th state founding anniversary").
    Longer name matches win; a tie goes to the country the article talks
    about most, because "Victory Day" depends on whose victory it is.
    """
    lo = end if look_behind == 0 else max(start - look_behind, text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    hi = min(end + 120, _sentence_end(text, end))
    window = folded[lo:hi]
    counts = _country_counts(text)
    best: tuple[int, int, Commemoration, int] | None = None
    for c in commemorations():
        for name in c.names:
            i = window.find(_fold(name))
            if i == -1 or not _whole_word(window, i, len(name)):
                continue
            score = (len(name), counts.get(c.country, 0))
            if best is None or score > best[:2]:
                best = (score[0], score[1], c, lo + i + len(name))
    return (best[2], best[3]) if best else None


def _whole_word(s: str, i: int, n: int) -> bool:
    before = s[i - 1] if i > 0 else " "
    after = s[i + n] if i + n < len(s) else " "
    return not before.isalnum() and not after.isalnum()


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    return min(ends) if ends else len(text)


def _country_counts(text: str) -> dict[str, int]:
    return {code: len(re.findall(rx, text)) for code, rx in COUNTRY_CUES.items()}


# ---------------------------------------------------------------- choosing a date


def _parse_date_string(s: str | None) -> tuple[str, str] | None:
    """(value, precision) from a metadata field or a dateline, however written."""
    if not s or not s.strip():
        return None
    m = re.search(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b", s)
    if m:
        return (m.group(0), "day") if m.group(3) else (m.group(0), "month")
    for t in find_timexes(s, None):
        d = t.date()
        if t.anchored and d is not None:
            return d.value, d.precision
    return None


def choose_document_date(metadata: str | None, dateline: str | None, text: str) -> tuple[str | None, str | None, DateSource]:
    """The best document date: metadata, then dateline, then text, then inference.

    Metadata (a meta tag, a feed's pubDate) is what the publisher asserts;
    a dateline is the next best; an explicit date in the first lines of the
    text is usually a date line the cleaner left in; anything else is
    inference from what the article is about, and says so in its source.
    """
    for raw, source in ((metadata, DateSource.METADATA), (dateline, DateSource.DATELINE)):
        parsed = _parse_date_string(raw)
        if parsed:
            return parsed[0], parsed[1], source
    evidence = infer_document_date(text)
    head = [e for e in evidence if e.source == "text" and e.start < TEXT_HEAD_CHARS]
    if head:
        return head[0].value, head[0].precision, DateSource.TEXT
    inferred = _consensus([e for e in evidence if e.source.startswith("anniversary:")])
    if inferred:
        return inferred.value, inferred.precision, DateSource.INFERRED
    return None, None, DateSource.UNKNOWN


def _consensus(evidence: list[DateEvidence]) -> DateEvidence | None:
    """The date most anniversary phrases agree on; ties go to the latest.

    Articles recall earlier anniversaries ("the 70th anniversary in 2015")
    but rarely ones still years away, so the latest is the safer tie-break.
    """
    if not evidence:
        return None
    counts = Counter(e.value for e in evidence)
    value = max(counts, key=lambda v: (counts[v], v))
    return next(e for e in evidence if e.value == value)


def dateline_conflicts(
    dateline_value: str | None,
    text: str,
    *,
    tolerance_days: int = DEFAULT_TOLERANCE_DAYS,
) -> str | None:
    """A note when the dateline contradicts what the article is about, else None.

    An aggregator re-stamping an old story is the usual cause: the content
    is about an anniversary weeks before the dateline and still talks of
    things "next week". We flag only when anniversary evidence (or an
    explicit date reported in the past tense *after* the dateline) is more
    than ``tolerance_days`` away, and no explicit date in the text sits near
    the dateline: one such date means the article may simply be looking
    back, which is not a contradiction.
    """
    dl = parse_anchor(dateline_value)
    if dl is None:
        return None
    evidence = infer_document_date(text)
    explicit = [e for e in evidence if e.source == "text" and not _is_the_dateline(e, dateline_value)]
    if any(abs((date.fromisoformat(e.value) - dl).days) <= tolerance_days for e in explicit):
        return None
    far = [
        e
        for e in evidence
        if e.source.startswith("anniversary:") and abs((date.fromisoformat(e.value) - dl).days) > tolerance_days
    ]
    near_anniv = [e for e in evidence if e.source.startswith("anniversary:") and e not in far]
    later = [
        e
        for e in explicit
        if (date.fromisoformat(e.value) - dl).days > tolerance_days and not FUTURE_CUES.search(sentence_at(text, e.start))
    ]
    if near_anniv or not (far or later):
        return None
    worst = (far or later)[0]
    gap = (dl - date.fromisoformat(worst.value)).days
    where = "after" if gap > 0 else "before"
    note = (
        f"dateline {dateline_value} is {abs(gap)} days {where} the date the content points to, "
        f"{worst.value} ({worst.evidence!r})"
    )
    relative = re.search(r"\b(?:next|this|last)\s+(?:week|month)\b", text, re.IGNORECASE)
    if relative:
        note += f"; the content also speaks of {relative.group(0)!r}, so it was written close to that date"
    return note


def _is_the_dateline(e: DateEvidence, dateline_value: str) -> bool:
    """The dateline itself, left in the text, is no independent evidence."""
    return e.value == dateline_value[:10] and e.start < TEXT_HEAD_CHARS
