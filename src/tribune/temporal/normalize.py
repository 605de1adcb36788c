"""Find temporal expressions in raw text and give each a TIMEX3 value.

Rules first, because they know the conventions TIMEX3 wants ("eight years
ago" is a year, "Thursday evening" a TIME) and dateparser does not; spaCy's
DATE/TIME entities second, for whatever the rules do not cover, read with
``dateparser`` on the span alone (``search_dates`` over whole sentences loses
the day of "Oct. 10", see research/feasibility.md section 3).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from ..records import Timex
from .datemath import iso_week, parse_anchor
from .rules import Context, Result, compiled_rules, extent

Resolver = Callable[[Context], Result | None]

ENTITY_LABELS = frozenset({"DATE", "TIME"})

# spaCy calls these DATE but they are not points or stretches of time.
_NOT_TIMEX = re.compile(r"anniversary|\bage\b|-year-old|\bold\b|birthday", re.IGNORECASE)
_LEADING_NOISE = re.compile(r"^(?:on|in|at|by|since|from|until|till|during|of)\s+", re.IGNORECASE)


def find_timexes(
    text: str,
    anchor: str | None,
    *,
    entities: list[tuple[int, int, str]] | None = None,
    tense_hint: str | None = None,
) -> list[Timex]:
    """All temporal expressions in text, in order, normalised against anchor.

    anchor is the document date (ISO ``YYYY-MM-DD``) or None; without it,
    expressions that need one come back with ``anchored=False`` and X's in
    place of what is unknown ("XXXX-10-10"). entities are spaCy DATE/TIME
    spans as (start, end, label); they only fill gaps the rules leave.
    tense_hint ("past"/"future") overrides the per-sentence tense guess that
    decides whether a bare weekday or month points back or forward.
    """
    ctx = Context(text=text, anchor=parse_anchor(anchor), tense_hint=tense_hint)
    spans = _select(_rule_candidates(text) + _entity_candidates(text, entities))
    out: list[Timex] = []
    for start, end, resolve in spans:
        result = resolve(ctx)
        if result is None:
            continue
        typ, value, anchored = result
        out.append(Timex(text[start:end], start, end, typ, value, anchored))
        ctx.earlier.append((start, typ, value))
    return out


Candidate = tuple[int, int, int, Resolver]  # (start, end, priority, resolver)


def _rule_candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for rule, rx in compiled_rules():
        for m in rx.finditer(text):
            start, end = extent(m)
            if end <= start:
                continue
            out.append((start, end, rule.priority, _bind(rule.handler, m)))
    return out


def _bind(handler: Callable[[re.Match[str], Context], Result | None], m: re.Match[str]) -> Resolver:
    """Defer a rule's normaliser until the timexes before it are known (narrative anchors)."""
    return lambda ctx: handler(m, ctx)


def _entity_candidates(text: str, entities: list[tuple[int, int, str]] | None) -> list[Candidate]:
    """spaCy spans, trimmed of a leading preposition, at the lowest priority."""
    out: list[Candidate] = []
    for start, end, label in entities or ():
        if label not in ENTITY_LABELS:
            continue
        span = text[start:end]
        lead = _LEADING_NOISE.match(span)
        if lead:
            start += lead.end()
            span = text[start:end]
        if not _plausible_entity(span):
            continue
        out.append((start, end, 100, _entity_resolver(span, label)))
    return out


def _plausible_entity(span: str) -> bool:
    """Bare numbers ("12", "1,000") and anniversaries are not dates."""
    if _NOT_TIMEX.search(span):
        return False
    has_year = re.search(r"\b(1[5-9]|20)\d\d\b", span) is not None
    return has_year or re.search(r"[A-Za-z]{3,}", span) is not None


def _entity_resolver(span: str, label: str) -> Resolver:
    def resolve(ctx: Context) -> Result | None:
        anchor = ctx.anchor.isoformat() if ctx.anchor else None
        if anchor is None and not re.search(r"\b(1[5-9]|20)\d\d\b", span):
            return None  # dateparser would silently anchor on today's date
        return parse_with_dateparser(span, anchor, label)

    return resolve


def _select(cands: list[Candidate]) -> list[tuple[int, int, Resolver]]:
    """Non-overlapping candidates: rules before entities, then longest, then priority.

    Rules go first because they carry TIMEX3 conventions; spaCy only adds
    what no rule saw. Longest-first keeps "eight years ago" whole instead
    of a DURATION "eight years".
    """
    chosen: list[tuple[int, int, Resolver]] = []
    taken: list[tuple[int, int]] = []
    for start, end, _prio, resolve in sorted(cands, key=lambda c: (c[2] >= 100, -(c[1] - c[0]), c[2], c[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, resolve))
    chosen.sort(key=lambda c: c[0])
    return chosen


@lru_cache(maxsize=64)
def _date_data_parser(anchor: str) -> Any:
    """One parser per anchor: building one costs far more than a parse."""
    from dateparser.date import DateDataParser

    base = datetime.fromisoformat(anchor)
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first"},
    )


def parse_with_dateparser(span: str, anchor: str | None, label: str = "DATE") -> Result | None:
    """TIMEX3 (type, value, anchored) for one span via dateparser, at its own granularity."""
    base = anchor or "2000-01-01"
    try:
        data = _date_data_parser(base[:10]).get_date_data(span)
    except Exception:  # dateparser raises a zoo of errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    if period == "year":
        return "DATE", f"{d.year:04d}", True
    if period == "month":
        return "DATE", f"{d.year:04d}-{d.month:02d}", True
    if period == "week":
        return "DATE", iso_week(d.date()), True
    if period == "time" or label == "TIME":
        if d.hour or d.minute:
            return "TIME", f"{d.date().isoformat()}T{d.hour:02d}:{d.minute:02d}", True
    return "DATE", d.date().isoformat(), True
