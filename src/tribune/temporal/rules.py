"""Recognition patterns and their TIMEX3 normalisers.

Each rule is a regular expression plus a function that turns one match into a
(type, value, anchored) triple, or None when the match turns out not to be a
time expression. The extent TimeML wants (no leading "on"/"in", but "the"
and "early" kept) is the named group ``t`` when a pattern needs context to
decide, otherwise the whole match.

Rules never look at each other: overlapping matches are settled afterwards
(longest wins), so adding a rule cannot silently change another one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .datemath import (
    Ref,
    add_months,
    iso_week,
    nearest_year,
    ref_from_value,
    season_year,
    shift,
    weekday_date,
)
from .lexicon import (
    FUTURE_CUES,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PARTS_OF_DAY,
    REFERENCE_WORDS,
    SEASONS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    alternation,
    number_value,
)

Result = tuple[str, str, bool]  # (type, value, anchored)


@dataclass
class Context:
    """What a normaliser may consult: the anchor, the tense, earlier timexes."""

    text: str
    anchor: date | None
    tense_hint: str | None = None
    earlier: list[tuple[int, str, str]] = field(default_factory=list)  # (start, type, value)

    def narrative_ref(self) -> Ref | None:
        """The latest day- or month-precise date mentioned so far, else the anchor.

        Why: "the next day" and "a month later" continue the story the
        writer is telling, not the publication date.
        """
        for _start, typ, value in reversed(self.earlier):
            if typ not in ("DATE", "TIME"):
                continue
            ref = ref_from_value(value)
            if ref is not None and ref.precision in ("day", "month"):
                return ref
        if self.anchor is not None:
            return Ref(self.anchor.year, self.anchor.month, self.anchor.day)
        return None

    def direction(self, pos: int) -> int:
        """-1 if the sentence around pos reports the past, +1 if it looks ahead."""
        if self.tense_hint:
            return 1 if self.tense_hint.lower().startswith("fut") else -1
        return 1 if FUTURE_CUES.search(clause_at(self.text, pos)) else -1


def clause_at(text: str, pos: int, before: int = 60, after: int = 30) -> str:
    """The words around pos within its sentence.

    Why not the whole sentence: in "X said Tuesday it will ..." the "will"
    belongs to another clause and Tuesday is in the past.
    """
    sent_start = max(text.rfind(". ", 0, pos) + 1, text.rfind("\n", 0, pos) + 1, pos - before)
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    end = min([*ends, pos + after, len(text)])
    return text[sent_start:end]


def sentence_at(text: str, pos: int) -> str:
    """The rough sentence around pos: enough for tense cues, not for parsing."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos))
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos), text.find("? ", pos)) if i != -1]
    end = min(ends) if ends else len(text)
    return text[start + 1 : end]


# ---------------------------------------------------------------- building blocks


def _cased(words: list[str]) -> str:
    """Capitalised and upper-case forms only: "may" the verb is not a month."""
    forms: list[str] = []
    for w in words:
        forms += [w.capitalize(), w.upper()]
    return alternation(forms)


def _cased_phrases(phrases: list[str]) -> str:
    """Title-cased multi-word phrases ("New Year's Day"), apostrophes either way."""
    forms = []
    for p in phrases:
        title = " ".join(w[:1].upper() + w[1:] for w in p.split())
        forms.append(re.escape(title).replace(r"\ ", r"\s+").replace("'", "['’]"))
    return "|".join(sorted(forms, key=len, reverse=True))


_MONTH_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ABBR = [m for m in MONTHS if m not in _MONTH_FULL]
MONTH = rf"(?-i:(?:{_cased(_MONTH_FULL)})|(?:{_cased(_MONTH_ABBR)})\.?)"
MONTH_FULL = rf"(?-i:{_cased(_MONTH_FULL)})"
WEEKDAY = rf"(?-i:{_cased([w for w in WEEKDAYS if len(w) > 4])})"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
POD = alternation(PARTS_OF_DAY)
NUMWORD = alternation([w for w in NUMBER_WORDS] + list(VAGUE_QUANTITIES))
NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?:{NUMWORD})(?:-(?:{NUMWORD}))?)"
UNIT = r"(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|quarters?|hours?|minutes?|fortnights?)"
APPROX = r"(?:(?:just\s+)?(?:about|around|nearly|almost|roughly|some|over|under|more\s+than|less\s+than|at\s+least|up\s+to)\s+)"
SEASON = alternation(SEASONS)
ORDINAL_Q = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"


def unit_code(word: str) -> tuple[str, int]:
    w = word.lower()
    w = "century" if w.startswith("centur") else w.rstrip("s")
    return UNITS[w]


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))


def amount(word: str) -> int | None:
    """Numeric amount of "eight", "8", "a"; None for "several"."""
    w = word.lower().replace(",", "")
    if re.fullmatch(r"\d+\.\d+", w):
        return None
    return number_value(w)


# ---------------------------------------------------------------- value helpers


def _day_value(d: date) -> str:
    return d.isoformat()


def _unanchored_like(unit: str) -> str:
    return {"Y": "XXXX", "M": "XXXX-XX", "Q": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")


def _ref_value(ref: Ref, unit: str) -> str:
    if unit in ("W",):
        return iso_week(ref.as_date()) if ref.day is not None else ref.value()
    if unit == "Q":
        return f"{ref.year:04d}-Q{(ref.month - 1) // 3 + 1}" if ref.month else ref.value()
    return ref.value()


def duration_value(n: int | None, code: tuple[str, int]) -> str:
    letter, mult = code
    if letter in ("H", "MIN", "S"):
        unit = {"H": "H", "MIN": "M", "S": "S"}[letter]
        return f"PT{'X' if n is None else n * mult}{unit}"
    if n is None:
        return "PXDE" if mult == 10 else f"PX{letter}"
    return f"P{n * mult}{letter}"


# ---------------------------------------------------------------- handlers


def h_iso(m: re.Match[str], ctx: Context) -> Result | None:
    try:
        d = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}", True
    return "DATE", d.isoformat(), True


def _resolve_month_day(month: int, day: int, year: str | None, ctx: Context) -> tuple[str, bool] | None:
    if year:
        y, anchored = int(year), True
    elif ctx.anchor is not None:
        y, anchored = nearest_year(ctx.anchor, month, day), True
    else:
        return f"XXXX-{month:02d}-{day:02d}", False
    try:
        return date(y, month, day).isoformat(), anchored
    except ValueError:
        return None


def h_month_day(m: re.Match[str], ctx: Context) -> Result | None:
    res = _resolve_month_day(month_number(m["mon"]), day_number(m["day"]), m["y"], ctx)
    if res is None:
        return None
    value, anchored = res
    if m["pod"]:
        return "TIME", f"{value}T{PARTS_OF_DAY[m['pod'].lower()]}", anchored
    return "DATE", value, anchored


def h_month_year(m: re.Match[str], ctx: Context) -> Result | None:
    return "DATE", f"{int(m['y']):04d}-{month_number(m['mon']):02d}", True


def h_month(m: re.Match[str], ctx: Context) -> Result | None:
    """A bare month: the nearest one, unless the tense says it is past or still to come."""
    month = month_number(m["mon"])
    rel = (m["rel"] or "").lower()
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}", False
    a = ctx.anchor
    if rel == "last":  # TimeBank: "last February" is the previous year's, even in March
        y = a.year - 1
    elif rel == "next":
        y = a.year if month > a.month else a.year + 1
    elif rel == "this":
        y = a.year
    else:
        y = nearest_year(a, month)
        ahead = (y - a.year) * 12 + month - a.month
        if ahead > 2 and ctx.direction(m.start()) < 0:
            y -= 1  # reported as past: not a month still to come
        elif ahead < -2 and ctx.direction(m.start()) > 0:
            y += 1
    return "DATE", f"{y:04d}-{month:02d}", True


def h_year(m: re.Match[str], ctx: Context) -> Result | None:
    return "DATE", f"{int(m['y']):04d}", True


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
SPELLED_YEAR = (
    rf"(?P<c>nineteen|twenty)\s+(?:hundred\s+(?:and\s+)?)?(?P<r>(?:{_TENS})(?:[\s-](?:{_UNITS_WORDS}))?|{_TEENS})"
    rf"|(?:the\s+year\s+)?two\s+thousand(?:\s+(?:and\s+)?(?P<r2>{_UNITS_WORDS}|{_TEENS}))?"
)


def h_spelled_year(m: re.Match[str], ctx: Context) -> Result | None:
    """Broadcast transcripts spell years out: "nineteen ninety-six"."""
    if m["c"]:
        rest = number_value(re.sub(r"\s+", "-", m["r"].lower()))
        if rest is None:
            return None
        century = 1900 if m["c"].lower() == "nineteen" else 2000
        return "DATE", f"{century + rest:04d}", True
    rest = number_value(m["r2"].lower()) if m["r2"] else 0
    return "DATE", f"{2000 + (rest or 0):04d}", True


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1),
    "thanksgiving day": _thanksgiving,
    "thanksgiving": _thanksgiving,
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "independence day": lambda y: date(y, 7, 4),
}


def h_holiday(m: re.Match[str], ctx: Context) -> Result | None:
    """Fixed and rule-based holidays: the occurrence nearest the anchor, or the year given."""
    rule = HOLIDAYS[re.sub(r"\s+", " ", m["h"].lower().replace("\u2019", "'"))]
    if m["y"]:
        return "DATE", rule(int(m["y"])).isoformat(), True
    if ctx.anchor is None:
        probe = rule(2001)
        return "DATE", f"XXXX-{probe.month:02d}-{probe.day:02d}", False
    a = ctx.anchor
    options = [rule(y) for y in (a.year - 1, a.year, a.year + 1)]
    if (m["rel"] or "").lower() == "last":
        options = [d for d in options if d < a]
        return "DATE", max(options).isoformat(), True
    if (m["rel"] or "").lower() == "next":
        options = [d for d in options if d > a]
        return "DATE", min(options).isoformat(), True
    return "DATE", min(options, key=lambda d: abs((d - a).days)).isoformat(), True


def h_period_end(m: re.Match[str], ctx: Context) -> Result | None:
    """"the end of the year": the current year or month (TimeBank puts END in mod)."""
    if ctx.anchor is None:
        return "DATE", "XXXX" if m["unit"].lower() == "year" else "XXXX-XX", False
    if m["unit"].lower() == "year":
        return "DATE", f"{ctx.anchor.year:04d}", True
    return "DATE", f"{ctx.anchor.year:04d}-{ctx.anchor.month:02d}", True


def h_decade(m: re.Match[str], ctx: Context) -> Result | None:
    if m["dec"]:
        return "DATE", m["dec"][:3], True
    return "DATE", f"19{m['short']}", True


def h_century(m: re.Match[str], ctx: Context) -> Result | None:
    n = int(re.match(r"\d+", m["n"]).group(0)) if m["n"][0].isdigit() else ORDINAL_WORDS.get(m["n"].lower())
    if not n:
        return None
    return "DATE", f"{n - 1:02d}", True


def h_season(m: re.Match[str], ctx: Context) -> Result | None:
    code = SEASONS[m["season"].lower()]
    if m["y"]:
        return "DATE", f"{int(m['y']):04d}-{code}", True
    rel = (m["rel"] or "").lower()
    if not rel and not m["the"] and not m["pre"]:
        return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}", False
    relation = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    return "DATE", f"{season_year(ctx.anchor, code, relation):04d}-{code}", True


def h_quarter(m: re.Match[str], ctx: Context) -> Result | None:
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m["q"].lower()) or int(m["q"][0])
    if m["y"]:
        return "DATE", f"{int(m['y']):04d}-Q{q}", True
    if ctx.anchor is None:
        return "DATE", f"XXXX-Q{q}", False
    return "DATE", f"{ctx.anchor.year:04d}-Q{q}", True


def h_qcode(m: re.Match[str], ctx: Context) -> Result | None:
    y = m["y"] or (str(ctx.anchor.year) if ctx.anchor else None)
    if y is None:
        return "DATE", f"XXXX-Q{m['q']}", False
    if len(y) == 2:
        y = "20" + y
    return "DATE", f"{int(y):04d}-Q{m['q']}", True


def h_half(m: re.Match[str], ctx: Context) -> Result | None:
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    y = m["y"] or (str(ctx.anchor.year) if ctx.anchor else None)
    if y is None:
        return "DATE", f"XXXX-H{h}", False
    return "DATE", f"{int(y):04d}-H{h}", True


_REL_SIGN = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}


def h_rel_unit(m: re.Match[str], ctx: Context) -> Result | None:
    """"last month", "earlier this week", "early next year", "the past year".

    "the past decade" names a stretch of time rather than a calendar decade,
    so it is a DURATION; "last year" is a calendar year (TimeBank DATE).
    """
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    sign = _REL_SIGN[rel]
    if unit == "decade" and rel in ("past", "last"):
        return "DURATION", "P10Y", True
    if unit == "century" and rel in ("past", "last"):
        return "DURATION", "P100Y", True
    if rel in ("previous", "following"):
        ref = ctx.narrative_ref()
    else:
        ref = Ref(ctx.anchor.year, ctx.anchor.month, ctx.anchor.day) if ctx.anchor else None
    code = {"year": "Y", "month": "M", "week": "W", "weekend": "WE", "quarter": "Q", "decade": "DE", "century": "CE"}[unit]
    if ref is None:
        return "DATE", _unanchored_like(code), False
    if code == "DE":
        return "DATE", str(ref.year + 10 * sign)[:3], True
    if code == "CE":
        return "DATE", f"{(ref.year // 100) + sign:02d}", True
    if code == "Y":
        return "DATE", f"{ref.year + sign:04d}", True
    if code == "Q":
        base = add_months(ref.as_date(), 3 * sign)
        return "DATE", f"{base.year:04d}-Q{(base.month - 1) // 3 + 1}", True
    if code == "M":
        base = add_months(ref.as_date(), sign)
        return "DATE", f"{base.year:04d}-{base.month:02d}", True
    if ref.day is None:
        return "DATE", "XXXX-WXX", False
    base = ref.as_date() + timedelta(weeks=sign)
    return "DATE", iso_week(base) + ("-WE" if code == "WE" else ""), True


def h_weekend(m: re.Match[str], ctx: Context) -> Result | None:
    if ctx.anchor is None:
        return "DATE", "XXXX-WXX-WE", False
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past") or (rel in ("the", "") and ctx.direction(m.start()) < 0):
        d = weekday_date(ctx.anchor, 6, -1)
    else:
        d = weekday_date(ctx.anchor, 6, 1)
    return "DATE", iso_week(d) + "-WE", True


_DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}


def h_day_word(m: re.Match[str], ctx: Context) -> Result | None:
    """"yesterday", "this morning", "last night", "tonight": the anchor's own days."""
    word = (m["w"] or "").lower()
    pod = (m["pod"] or m["pod2"] or "").lower()
    if word == "last":  # "last night"
        offset, pod = -1, pod or "night"
    elif word == "this":
        offset = 0
    else:
        offset = _DAY_WORDS[word]
        if word == "tonight":
            pod = "night"
    if ctx.anchor is None:
        value, anchored = "XXXX-XX-XX", False
    else:
        value, anchored = (ctx.anchor + timedelta(days=offset)).isoformat(), True
    if pod:
        return "TIME", f"{value}T{PARTS_OF_DAY[pod]}", anchored
    return "DATE", value, anchored


def h_weekday(m: re.Match[str], ctx: Context) -> Result | None:
    """A weekday: the nearest one before the anchor in a report, after it in a forecast."""
    wd = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    pod = (m["pod"] or "").lower()
    suffix = f"T{PARTS_OF_DAY[pod]}" if pod else ""
    typ = "TIME" if pod else "DATE"
    if ctx.anchor is None:
        return typ, f"XXXX-WXX-{wd}{suffix}", False
    if rel == "last":
        d = weekday_date(ctx.anchor - timedelta(days=1), wd, -1)
    elif rel == "next":
        d = weekday_date(ctx.anchor + timedelta(days=1), wd, 1)
    elif rel == "this":
        d = weekday_date(ctx.anchor, wd, ctx.direction(m.start()))
    else:
        d = weekday_date(ctx.anchor, wd, ctx.direction(m.start()))
    return typ, d.isoformat() + suffix, True


def h_ago(m: re.Match[str], ctx: Context) -> Result | None:
    """"eight years ago" is the DATE eight years back, at year precision (TimeBank)."""
    n = amount(m["n"])
    letter, mult = unit_code(m["unit"])
    if n is None:
        return "DATE", "PAST_REF", True
    if ctx.anchor is None:
        return "DATE", _unanchored_like(letter), False
    if letter in ("H", "MIN", "S"):
        return "DATE", ctx.anchor.isoformat(), True
    ref = shift(Ref(ctx.anchor.year, ctx.anchor.month, ctx.anchor.day), -n * mult, letter)
    return "DATE", _ref_value(ref, letter), True


def h_later(m: re.Match[str], ctx: Context) -> Result | None:
    """"a month later", "two days earlier": counted from the story's last date."""
    n = amount(m["n"])
    letter, mult = unit_code(m["unit"])
    sign = 1 if m["dir"].lower() == "later" else -1
    ref = ctx.narrative_ref()
    if n is None:
        return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", True
    if ref is None:
        return "DATE", _unanchored_like(letter), False
    if letter in ("H", "MIN", "S"):
        return "DATE", ref.value(), True
    if letter in ("D", "W") and ref.day is None:
        return "DATE", ref.value(), True
    shifted = shift(ref, sign * n * mult, letter)
    if letter == "Y" and ref.month is not None and ref.precision != "year":
        return "DATE", f"{shifted.year:04d}", True
    return "DATE", _ref_value(shifted, letter) if letter != "W" else shifted.value(), True


_NARRATIVE = {
    "the previous day": -1, "the day before": -1, "the next day": 1, "the following day": 1,
    "that day": 0, "the same day": 0, "that same day": 0, "the day after": 1,
    "the next morning": 1, "the following morning": 1, "that night": 0, "that evening": 0,
    "that morning": 0, "the night before": -1, "the previous night": -1,
}


def h_narrative_day(m: re.Match[str], ctx: Context) -> Result | None:
    phrase = re.sub(r"\s+", " ", m["t"].lower())
    offset = _NARRATIVE[phrase]
    ref = ctx.narrative_ref()
    pod = next((PARTS_OF_DAY[p] for p in PARTS_OF_DAY if phrase.endswith(p)), None)
    typ = "TIME" if pod else "DATE"
    suffix = f"T{pod}" if pod else ""
    if ref is None:
        return typ, "XXXX-XX-XX" + suffix, False
    if ref.day is None:
        return typ, ref.value(), True
    return typ, (ref.as_date() + timedelta(days=offset)).isoformat() + suffix, True


def h_narrative_unit(m: re.Match[str], ctx: Context) -> Result | None:
    """"that year", "the same month", "later that year"."""
    unit = m["unit"].lower()
    ref = ctx.narrative_ref()
    if ref is None:
        return "DATE", _unanchored_like({"year": "Y", "month": "M", "week": "W"}[unit]), False
    if unit == "year":
        return "DATE", f"{ref.year:04d}", True
    if unit == "month":
        return "DATE", Ref(ref.year, ref.month).value() if ref.month else ref.value(), True
    return "DATE", iso_week(ref.as_date()) if ref.day else "XXXX-WXX", ref.day is not None


def h_ref(m: re.Match[str], ctx: Context) -> Result | None:
    phrase = re.sub(r"\s+", " ", m["t"].lower())
    return "DATE", REFERENCE_WORDS[phrase], True


def h_duration(m: re.Match[str], ctx: Context) -> Result | None:
    n = amount(m["n"])
    return "DURATION", duration_value(n, unit_code(m["unit"])), True


def h_decade_span(m: re.Match[str], ctx: Context) -> Result | None:
    return "DURATION", "P10Y", True


def h_bare_plural(m: re.Match[str], ctx: Context) -> Result | None:
    return "DURATION", duration_value(None, unit_code(m["unit"])), True


_SET_WORDS = {"annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D", "nightly": "P1D", "hourly": "PT1H"}


def h_set_word(m: re.Match[str], ctx: Context) -> Result | None:
    return "SET", _SET_WORDS[m["t"].lower()], True


def h_set_every(m: re.Match[str], ctx: Context) -> Result | None:
    n = amount(m["n"]) if m["n"] else 1
    return "SET", duration_value(n or 1, unit_code(m["unit"])), True


def h_set_weekday(m: re.Match[str], ctx: Context) -> Result | None:
    return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower().rstrip('s')]}", True


def h_clock(m: re.Match[str], ctx: Context) -> Result | None:
    """"10 a.m.", "noon Thursday": the clock time on the day given, else the anchor's."""
    if m["word"]:
        hh, mm = (24, 0) if m["word"].lower() == "midnight" else (12, 0)
    else:
        hh, mm = int(m["hh"]), int(m["mm"] or 0)
        if hh > 12 or mm > 59:
            return None
        pm = m["ampm"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    day: str | None = None
    anchored = True
    if m["wd"]:
        sub = h_weekday(_FakeMatch({"wd": m["wd"], "rel": None, "pod": None}, m.start()), ctx)
        day, anchored = sub[1], sub[2]
    elif m["mon"]:
        res = _resolve_month_day(month_number(m["mon"]), day_number(m["day"]), None, ctx)
        if res:
            day, anchored = res
    elif ctx.anchor is not None:
        day = ctx.anchor.isoformat()
    if day is None:
        return "TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}", False
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", anchored


class _FakeMatch(dict):
    """Lets a handler be reused on a sub-part of another rule's match."""

    def __init__(self, groups: dict[str, str | None], start: int) -> None:
        super().__init__(groups)
        self._start = start

    def start(self) -> int:
        return self._start


# ---------------------------------------------------------------- rule table


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str
    handler: Callable[[re.Match[str], Context], Result | None]
    priority: int = 5  # lower wins a tie between equally long matches


RULE_SPECS: tuple[Rule, ...] = (
    Rule("iso", r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2})?)?\b", h_iso, 0),
    Rule(
        "month_day",
        rf"(?<![\w.])(?P<t>(?:{WEEKDAY},?\s+)?(?:the\s+(?P<pod>{POD})\s+of\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})(?!\d|:\d)(?:,?\s+(?P<y>{YEAR})\b)?)",
        h_month_day,
        1,
    ),
    Rule(
        "day_month",
        rf"\b(?P<t>(?:{WEEKDAY},?\s+)?(?:the\s+(?P<pod>{POD})\s+of\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?)",
        h_month_day,
        1,
    ),
    Rule("month_year", rf"(?<![\w.])(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})\b", h_month_year, 1),
    Rule(
        "month",
        rf"(?<![\w.])(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+|(?:early|late|mid)[\s-]+|(?P<rel>last|next|this)\s+)?(?P<mon>{MONTH_FULL})\b(?!\s+\d)",
        h_month,
        3,
    ),
    Rule(
        "year",
        rf"(?<![\w$.,/])(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+|(?:early|late|mid)[\s-]+|fiscal\s+(?:year\s+)?)?(?P<y>{YEAR})(?![\w%/]|[.,]\d|-\d{{2}}-)(?!\s+(?!(?:years?|was|is|has|as|this|its|his|does|thus|plus|us|whereas|across|versus)\b)[a-z]+s\b)",
        h_year,
        4,
    ),
    Rule("spelled_year", rf"\b(?:{SPELLED_YEAR})\b(?![\s-]+(?:years?|days?|people|times)\b)", h_spelled_year, 2),
    Rule(
        "holiday",
        rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>(?-i:{_cased_phrases(list(HOLIDAYS))}))(?:,?\s+(?P<y>{YEAR})\b)?",
        h_holiday,
        2,
    ),
    Rule("period_end", r"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>year|month)\b", h_period_end, 2),
    Rule(
        "decade",
        rf"(?<![\w$])(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?P<dec>(?:1[5-9]|20)\d0)s\b|'(?P<short>\d0)s\b)",
        h_decade,
        2,
    ),
    Rule("century", r"\b(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+century\b(?!-)", h_century, 2),
    Rule(
        "season",
        rf"\b(?P<pre>(?:in|during)\s+)?(?P<t>(?:(?P<the>the)\s+|(?P<rel>this|last|next|past|coming)\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR})\b)?)(?![\w-])",
        h_season,
        2,
    ),
    Rule(
        "quarter",
        rf"\b(?:the\s+)?(?:fiscal\s+)?(?P<q>{ORDINAL_Q})[\s-]+quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR})\b|,?\s+(?P<y2>{YEAR})\b)?",
        lambda m, ctx: h_quarter(_FakeMatch({"q": m["q"], "y": m["y"] or m["y2"]}, m.start()), ctx),
        2,
    ),
    Rule("qcode", r"\b(?P<t>Q(?P<q>[1-4])(?:\s+(?P<y>20\d\d)|\s*'(?P<y2>\d\d))?)\b", h_qcode, 2),
    Rule("half", rf"\b(?:the\s+)?(?P<h>first|second|1st|2nd|latter)\s+half(?:\s+of\s+(?P<y>{YEAR})\b)?", h_half, 3),
    Rule(
        "rel_unit",
        r"\b(?:(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)|(?:earlier|later|early|late|mid)[\s-]+)?(?:the\s+)?"
        r"(?P<rel>last|this|next|past|coming|previous|following|current)\s+(?P<unit>year|month|week|weekend|quarter|decade|century)\b(?![\s-]+(?:old|long)\b)",
        h_rel_unit,
        2,
    ),
    Rule("weekend", r"\b(?:(?P<rel>the|this|last|next|past|coming)\s+)weekend\b", h_weekend, 3),
    Rule(
        "day_word",
        rf"\b(?:(?:earlier|later)\s+)?(?:(?P<w>yesterday|today|tomorrow|tonight)(?:\s+(?P<pod>{POD}))?|(?P<w2>this|last)\s+(?P<pod2>{POD}))\b",
        lambda m, ctx: h_day_word(
            _FakeMatch({"w": m["w"] or m["w2"], "pod": m["pod"], "pod2": m["pod2"]}, m.start()), ctx
        ),
        2,
    ),
    Rule(
        "weekday",
        rf"(?<![\w.])(?:(?:earlier|later|early|late)\s+)?(?:(?P<rel>last|next|this)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?\b",
        h_weekday,
        3,
    ),
    Rule("ago", rf"(?i:\b{APPROX}?(?P<n>{NUM})[\s-]+(?P<unit>{UNIT})\s+ago\b)", h_ago, 1),
    Rule("later", rf"\b{APPROX}?(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?P<dir>later|earlier)\b", h_later, 1),
    Rule("narrative_day", rf"\b(?P<t>{alternation(list(_NARRATIVE))})\b", h_narrative_day, 2),
    Rule(
        "narrative_unit",
        r"\b(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?P<unit>year|month|week)\b",
        h_narrative_unit,
        3,
    ),
    Rule("ref", rf"\b(?P<t>{alternation(list(REFERENCE_WORDS))})\b(?![-\w])", h_ref, 4),
    Rule(
        "duration",
        rf"\b(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|coming|first|previous|final|following|recent|initial)\s+)?{APPROX}?"
        rf"(?!(?:1[5-9]|20)\d\d\b)(?P<n>{NUM})[\s-]+(?:(?:full|straight|consecutive|more|additional)\s+)?(?P<unit>{UNIT})(?:-long)?\b(?![\s-]+old\b|-)",
        h_duration,
        4,
    ),
    Rule("recent_plural", r"\b(?:the\s+)?(?:recent|coming|past)\s+(?P<unit>years|months|weeks|days|decades)\b", h_bare_plural, 3),
    Rule("decade_span", r"\b(?:the\s+)?(?:past|last)\s+decade\b", h_decade_span, 1),
    Rule(
        "bare_plural",
        r"\b(?:for|over|in|within|after)\s+(?P<t>(?P<unit>years|months|weeks|decades|centuries))\b(?!\s+(?:of|ago|later|earlier))",
        h_bare_plural,
        5,
    ),
    Rule("set_word", r"\b(?P<t>(?-i:annually|yearly|monthly|weekly|daily|nightly|hourly))\b", h_set_word, 4),
    Rule(
        "set_every",
        rf"\b(?P<t>(?:every|each|per)\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT}))\b|\b(?:once|twice|\w+\s+times)\s+(?P<t2>a\s+(?P<unit2>year|month|week|day))\b",
        lambda m, ctx: h_set_every(_FakeMatch({"n": m["n"], "unit": m["unit"] or m["unit2"]}, m.start()), ctx),
        2,
    ),
    Rule("set_weekday", rf"\b(?P<t>(?:every|each)\s+(?P<wd>{WEEKDAY}))\b", h_set_weekday, 2),
    Rule(
        "clock",
        rf"\b(?P<t>(?:(?P<hh>\d{{1,2}})(?::(?P<mm>\d{{2}}))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)|(?P<word>noon|midnight|midday))"
        rf"(?:\s+(?:local\s+time|(?-i:[A-Z]{{1,3}}T|GMT|UTC)\b))?(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})\s+(?P<day>{DAY})\b))?)",
        h_clock,
        1,
    ),
)


@lru_cache(maxsize=1)
def compiled_rules() -> tuple[tuple[Rule, re.Pattern[str]], ...]:
    """Compile once per process; the rule table itself never changes."""
    return tuple((r, re.compile(r.pattern, re.IGNORECASE)) for r in RULE_SPECS)


def extent(m: re.Match[str]) -> tuple[int, int]:
    """The TimeML extent of a match: group "t" (or "t2") when present, else all of it."""
    for g in ("t", "t2"):
        if g in m.re.groupindex and m.group(g) is not None:
            return m.start(g), m.end(g)
    return m.start(), m.end()


__all__ = ["Context", "Result", "Rule", "RULE_SPECS", "clause_at", "compiled_rules", "extent", "sentence_at"]
