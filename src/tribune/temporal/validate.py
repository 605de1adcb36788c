"""Dates that cannot be: "February 30", "2023-02-30", the year "0025".

The normaliser never coerces these into a nearby real date (dateparser would
turn "February 30" into March 2). They are reported with a reason instead, so
an analyst sees the source's mistake rather than a silently invented date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tribune.clean.datelines import MONTHS

_MONTH_NAMES = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_DAY = re.compile(r"\b" + _MONTH_NAMES + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I)
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+" + _MONTH_NAMES + r"(?:,?\s+(\d{4}))?\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ODD_YEAR = re.compile(r"\b(?:year|in|since)\s+(0\d{3})\b", re.I)


@dataclass(frozen=True)
class RejectedDate:
    start: int
    end: int
    text: str
    reason: str


def _check(year: int | None, month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: "February 29" alone is possible
    except ValueError:
        return f"{date(2000, month, 1).strftime('%B')} has no day {day}" + (f" in {year}" if year else "")
    return None


def impossible_dates(text: str) -> list[RejectedDate]:
    """Every date expression in the text that names a day that does not exist."""
    found: list[RejectedDate] = []
    for m in _MONTH_DAY.finditer(text):
        reason = _check(int(m.group(3)) if m.group(3) else None, MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
        if reason:
            found.append(RejectedDate(m.start(), m.end(), m.group(0), reason))
    for m in _DAY_MONTH.finditer(text):
        reason = _check(int(m.group(3)) if m.group(3) else None, MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
        if reason:
            found.append(RejectedDate(m.start(), m.end(), m.group(0), reason))
    for m in _ISO.finditer(text):
        reason = _check(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if reason:
            found.append(RejectedDate(m.start(), m.end(), m.group(0), reason))
    for m in _ODD_YEAR.finditer(text):
        found.append(RejectedDate(m.start(1), m.end(1), m.group(1), f"year {m.group(1)} is written with a leading zero: not a plausible date for news"))
    return sorted(found, key=lambda r: r.start)
