"""Date lines and datelines at the head of an article.

Three shapes cover what scraped news carries: a store line ("date 2023-11-11"),
a line that is only a date ("Wednesday, October 8, 2025", "Published
2023-07-28"), and a wire dateline ("SEOUL, July 28 (AP) —"). A dateline may
give a month and day without a year; the year is then left for the document
date inference to settle rather than guessed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATE_EXPRS = (
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.+Z-]*)?"),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?", re.I),
)
_TIME_TAIL = r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_STORE_LINE = re.compile(r"^\s*date[:\s]+(?P<iso>\d{4}-\d{2}-\d{2})\b\s*", re.I)
_DATE_ONLY = re.compile(r"^\s*(?:(?:published|posted|updated|last updated|date)\s*(?:on)?:?\s*)?(?P<date>.+?)" + _TIME_TAIL + r"\s*$", re.I)
_WIRE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?)"
    r"(?:,\s*(?P<date>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*\((?P<outlet>[^)]{2,40})\)\s*(?:[-\u2013\u2014]+|:)\s*"
)


@dataclass(frozen=True)
class Dateline:
    raw: str
    value: str | None  # YYYY-MM-DD, or XXXX-MM-DD when the year is not given
    place: str | None = None
    outlet: str | None = None

    @property
    def has_year(self) -> bool:
        return bool(self.value) and not self.value.startswith("XXXX")


def parse_date_expression(text: str) -> str | None:
    """An explicit calendar date in text: YYYY-MM-DD, or XXXX-MM-DD without a year."""
    for pattern in _DATE_EXPRS:
        match = pattern.fullmatch(text.strip().rstrip(".,"))
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        year = groups.get("year")
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return f"{year or 'XXXX'}-{month:02d}-{day:02d}"
    return None


def find_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """The dateline at the start of a paragraph, and the paragraph without it."""
    store = _STORE_LINE.match(paragraph)
    if store:
        rest = paragraph[store.end():]
        wire, rest_after_wire = _wire(rest)
        return (
            Dateline(
                raw=paragraph[: store.end()].strip() + ((" " + wire.raw) if wire else ""),
                value=store.group("iso"),
                place=wire.place if wire else None,
                outlet=wire.outlet if wire else None,
            ),
            rest_after_wire.strip(),
        )
    if len(paragraph) <= 80:
        only = _DATE_ONLY.match(paragraph)
        if only:
            value = parse_date_expression(only.group("date"))
            if value and not value.startswith("XXXX"):
                return Dateline(raw=paragraph.strip(), value=value), ""
    wire, rest = _wire(paragraph)
    if wire:
        return wire, rest.strip()
    return None, paragraph


def _wire(paragraph: str) -> tuple[Dateline | None, str]:
    match = _WIRE.match(paragraph)
    if not match or len(match.group(0)) > 110:
        return None, paragraph
    value = parse_date_expression(match.group("date")) if match.group("date") else None
    place = match.group("place").strip()
    return Dateline(match.group(0).strip(), value, place, match.group("outlet").strip()), paragraph[match.end():]
