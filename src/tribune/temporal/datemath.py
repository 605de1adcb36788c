"""Calendar arithmetic on TIMEX3 values.

A value is carried as a (year, month, day) triple whose trailing parts may be
None: that is how "the next day" after "last month" can stay at month
precision instead of inventing a day the text never gave.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Ref:
    """A calendar point at some precision: year, month or day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def as_date(self) -> date:
        """The first day the reference covers; for arithmetic only."""
        return date(self.year, self.month or 1, self.day or 1)

    def value(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def parse_anchor(anchor: str | None) -> date | None:
    """The date part of an ISO anchor ("2025-10-11", "1998-02-27T08:13:00")."""
    if not anchor:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", anchor.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def ref_from_value(value: str) -> Ref | None:
    """A Ref from a TIMEX3 value that starts with a calendar date."""
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\dW])", value)
    if not m or value[:4].startswith("X"):
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    return Ref(y, mo, d)


def add_months(d: date, months: int) -> date:
    """Shift by whole months, clamping the day (Jan 31 + 1 month = Feb 28)."""
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return date(y, m + 1, min(d.day, last))


def shift(ref: Ref, amount: int, unit: str) -> Ref:
    """Move a reference by amount units, keeping the unit's own precision.

    "eight years ago" is a year, "five months ago" a month, "two days
    later" a day, as TimeBank annotates them.
    """
    base = ref.as_date()
    if unit == "Y":
        return Ref(ref.year + amount)
    if unit == "M":
        d = add_months(base, amount)
        return Ref(d.year, d.month)
    if unit == "Q":
        d = add_months(base, 3 * amount)
        return Ref(d.year, d.month)
    if unit in ("W", "WE"):
        d = base + timedelta(weeks=amount)
        return Ref(d.year, d.month, d.day)
    d = base + timedelta(days=amount)
    return Ref(d.year, d.month, d.day)


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def nearest_year(anchor: date, month: int, day: int | None = None) -> int:
    """The year that puts month/day nearest the anchor (news talks of the near past and future)."""
    best_year, best_gap = anchor.year, None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = date(y, month, day or 15)
        except ValueError:
            cand = date(y, month, 28)
        gap = abs((cand - anchor).days)
        if best_gap is None or gap < best_gap:
            best_year, best_gap = y, gap
    return best_year


def weekday_date(anchor: date, weekday: int, direction: int) -> date:
    """The given ISO weekday on or before (direction -1) or on or after (+1) the anchor."""
    delta = weekday - anchor.isoweekday()
    if direction < 0:
        return anchor + timedelta(days=delta if delta <= 0 else delta - 7)
    return anchor + timedelta(days=delta if delta >= 0 else delta + 7)


def season_year(anchor: date, season: str, relation: int) -> int:
    """Year of the last (-1), current (0) or next (+1) given season.

    Winter is labelled with the year it starts in (December), as TIMEX3 does;
    "last summer" is the previous year's summer, as TimeBank annotates it,
    even when said in October.
    """
    from .lexicon import SEASON_START_MONTH

    start = SEASON_START_MONTH[season]
    # months since the start of this year's instance of the season
    this_year = anchor.year - 1 if season == "WI" and anchor.month < 3 else anchor.year
    since_start = (anchor.year - this_year) * 12 + anchor.month - start
    if relation == 0:
        return this_year
    if relation < 0:
        return this_year - 1  # TimeBank: "last spring" is last year's, as for months
    return this_year if since_start < 0 else this_year + 1
