"""How completely the bundled knowledge base covers who held the top offices of each country, day by day.

Issue #3 promises heads of state and government, foreign and defence ministers for
40 countries over 2010-2026. Office rows are typed by hand, so a missing successor
leaves a silent hole: on those days the pipeline cannot rank a delegation head
from the KB, nor notice a text that gives an office to the wrong person. This module
measures those holes so that a test (and ``tribune kb coverage``) can keep them small.

    report = coverage(kb)                      # every country with any top office in the KB
    report["CHN"]["foreign_minister"].gap_days -> 0
    complete_countries(report, max_gap_days=120)  -> ["AUS", "BRA", ...]

An office is recognised by its family (``KnowledgeBase.office_family``: the same
title families, from titles.jsonl, that contradiction detection uses), so
"Secretary of State" counts as a foreign minister and "Minister of the People's
Armed Forces" as a defence minister. A partial date covers its whole month or year,
the generous reading: a successor whose start is known only to the month does not
open a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tribune.kb.knowledge import KnowledgeBase, _pad

WINDOW = ("2010-01-01", "2026-06-30")
"""The span issue #3 asks for (2010-2026), ending where the KB's knowledge stops being checked."""

ROLES: dict[str, tuple[str, ...]] = {
    "head_of_state": ("head_of_state", "leader"),
    "head_of_government": ("head_of_government",),
    "foreign_minister": ("foreign_minister",),
    "defence_minister": ("defence_minister",),
}
"""Each role and the office families that fill it. A supreme leader (Iran) is the head of state."""

HEAD_OF_STATE_GOVERNS: dict[str, tuple[tuple[str | None, str | None], ...]] = {
    "USA": ((None, None),),
    "BRA": ((None, None),),
    "IDN": ((None, None),),
    "PHL": ((None, None),),
    "ZAF": ((None, None),),
    "MEX": ((None, None),),
    "ARG": ((None, None),),
    "VEN": ((None, None),),
    "NIC": ((None, None),),
    "IRN": ((None, None),),
    "TUR": (("2018-07-09", None),),
    "CUB": ((None, "2019-12-21"),),
    "SAU": ((None, "2022-09-27"),),
    "MMR": (("2011-03-30", "2016-04-06"),),
    "SYR": (("2025-03-29", None),),
}
"""Where (and while) the president or monarch also heads the government, so no separate
head-of-government office exists to record: presidential republics, Turkey since the 2018
change of system, Cuba until it restored a prime minister in December 2019, Saudi Arabia
until the king named the crown prince prime minister in September 2022, Myanmar under
Thein Sein, Syria since the March 2025 constitutional declaration abolished the premiership.
Iran's president heads the government under the Supreme Leader. On those days a
head-of-state office also fills the head-of-government role."""


@dataclass
class RoleCoverage:
    """One role in one country: the uncovered days of the window and the spans they fall in."""

    country: str
    role: str
    gap_days: int
    gaps: list[tuple[str, str]] = field(default_factory=list)
    holders: list[str] = field(default_factory=list)  # actor ids, in order of first office


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _spans(kb: KnowledgeBase, country: str, families: tuple[str, ...], window: tuple[str, str]) -> list[tuple[date, date, str]]:
    """The offices of these families in this country, as (first day, last day, actor id), clipped to the window."""
    lo, hi = _day(window[0]), _day(window[1])
    found = []
    for actor_id, offices in kb.offices.items():
        for office in offices:
            if (office.country or (kb.actors[actor_id].country if actor_id in kb.actors else None)) != country:
                continue
            if kb.office_family(office) not in families:
                continue
            start = _day(_pad(office.start)) if office.start else lo
            end = _day(_clamp_day(_pad(office.end, end=True))) if office.end else hi
            start, end = max(start, lo), min(end, hi)
            if start <= end:
                found.append((start, end, actor_id))
    return found


def _clamp_day(value: str) -> str:
    """_pad gives day 31 for any month; bring it back to the month's real last day."""
    year, month, day = (int(x) for x in value.split("-"))
    while True:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            day -= 1


def _limit(spans: list[tuple[date, date, str]], allowed: tuple[tuple[str | None, str | None], ...], window: tuple[str, str]) -> list[tuple[date, date, str]]:
    """Cut head-of-state spans down to the periods in which the head of state also governs."""
    out = []
    for start, end, actor_id in spans:
        for a, b in allowed:
            lo = max(start, _day(_pad(a)) if a else _day(window[0]))
            hi = min(end, _day(_clamp_day(_pad(b, end=True))) if b else _day(window[1]))
            if lo <= hi:
                out.append((lo, hi, actor_id))
    return out


def role_coverage(kb: KnowledgeBase, country: str, role: str, window: tuple[str, str] = WINDOW) -> RoleCoverage:
    """Days of the window on which nobody in the KB held ``role`` for ``country``, and where they fall."""
    spans = _spans(kb, country, ROLES[role], window)
    if role == "head_of_government" and country in HEAD_OF_STATE_GOVERNS:
        spans += _limit(_spans(kb, country, ROLES["head_of_state"], window), HEAD_OF_STATE_GOVERNS[country], window)
    spans.sort()
    gaps: list[tuple[str, str]] = []
    cursor = _day(window[0])
    last = _day(window[1])
    for start, end, _actor in spans:
        if start > cursor:
            gaps.append((cursor.isoformat(), (start - timedelta(days=1)).isoformat()))
        cursor = max(cursor, end + timedelta(days=1))
    if cursor <= last:
        gaps.append((cursor.isoformat(), last.isoformat()))
    gap_days = sum((_day(b) - _day(a)).days + 1 for a, b in gaps)
    holders = list(dict.fromkeys(actor for _s, _e, actor in spans))
    return RoleCoverage(country, role, gap_days, gaps, holders)


def coverage(kb: KnowledgeBase, countries: list[str] | None = None, window: tuple[str, str] = WINDOW) -> dict[str, dict[str, RoleCoverage]]:
    """Coverage of every role for each country (default: every country that has any such office in the KB)."""
    if countries is None:
        families = {f for fams in ROLES.values() for f in fams}
        found = set()
        for actor_id, offices in kb.offices.items():
            for office in offices:
                country = office.country or (kb.actors[actor_id].country if actor_id in kb.actors else None)
                if country and kb.office_family(office) in families:
                    found.add(country)
        countries = sorted(found)
    return {c: {role: role_coverage(kb, c, role, window) for role in ROLES} for c in countries}


def complete_countries(report: dict[str, dict[str, RoleCoverage]], max_gap_days: int = 120, roles: tuple[str, ...] = tuple(ROLES)) -> list[str]:
    """Countries where each of ``roles`` is uncovered for at most ``max_gap_days`` days in all."""
    return sorted(c for c, by_role in report.items() if all(by_role[r].gap_days <= max_gap_days for r in roles))


def role_counts(report: dict[str, dict[str, RoleCoverage]], max_gap_days: int = 120) -> dict[str, int]:
    """For each role, how many countries have it covered to within ``max_gap_days``."""
    return {role: sum(1 for by_role in report.values() if by_role[role].gap_days <= max_gap_days) for role in ROLES}
