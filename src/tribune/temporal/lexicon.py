"""Word tables the temporal rules are built from.

Kept as plain data so that adding a spelling ("Sept." besides "Sep.") is a
one-line change and never touches a regular expression by hand.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# ISO weekday numbers (Monday = 1), as TIMEX3 writes them in XXXX-WXX-N.
WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1,
    "tuesday": 2, "tue": 2, "tues": 2,
    "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thurs": 4,
    "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}

# Vague quantities: TIMEX3 writes the amount as X ("PXY").
VAGUE_QUANTITIES: tuple[str, ...] = (
    "several", "a few", "few", "many", "some", "a number of", "numerous",
)

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "seventy-fifth": 75, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}

# unit word -> (ISO duration letter, multiplier); "decade" is P10Y as in TimeBank.
UNITS: dict[str, tuple[str, int]] = {
    "year": ("Y", 1), "month": ("M", 1), "week": ("W", 1), "day": ("D", 1),
    "decade": ("Y", 10), "century": ("Y", 100), "quarter": ("Q", 1),
    "hour": ("H", 1), "minute": ("MIN", 1), "second": ("S", 1),
    "fortnight": ("D", 14), "weekend": ("WE", 1),
}

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI",
}

REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "right now": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
}

# Cues that a sentence speaks of what is still to come; weekday mentions in
# such sentences resolve forwards from the document date, otherwise backwards.
FUTURE_CUES: re.Pattern[str] = re.compile(
    r"\b(?:will|won't|shall|'ll|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|slated|poised|planned|going)\s+to"
    r"|plans?\s+to|upcoming|next|coming|tomorrow|later\s+this)\b",
    re.IGNORECASE,
)


def alternation(words: list[str] | tuple[str, ...] | dict[str, object]) -> str:
    """A regex alternation, longest first so that "Sept" wins over "Sep"."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def number_value(word: str) -> int | None:
    """The integer a numeral or number word stands for; None when vague."""
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w.isdigit():
        return int(w)
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if "-" in w:  # "twenty-five"
        head, _, tail = w.partition("-")
        if head in NUMBER_WORDS and tail in NUMBER_WORDS:
            return NUMBER_WORDS[head] + NUMBER_WORDS[tail]
    return None


def ordinal_value(word: str) -> int | None:
    """The integer of "80th" or "eightieth"."""
    w = word.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    return ORDINAL_WORDS.get(w)
