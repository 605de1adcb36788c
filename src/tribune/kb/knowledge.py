"""The actor knowledge base: countries, people, organisations, places, titles, weapons.

All of it is data (``kb/data/*.jsonl``), loaded once into lookup tables keyed
on a folded form of each name, so that "Kim Jong-un", "Kim Jong Un" and
"KIM JONG UN" meet at one key. Users extend it with their own files in the
same format (``KnowledgeBase.load(extra_dirs=[...])``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from tribune.records import Actor, Office, Weapon

_POSSESSIVE = re.compile(r"['\u2019]s?$")


def fold(name: str) -> str:
    """The lookup key of a name: no accents, case, hyphens, possessive or extra spaces."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = name.replace("\u2019", "'").replace("\u2018", "'").strip()
    name = _POSSESSIVE.sub("", name)
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"[-\u2010-\u2015_./]", " ", name)
    name = re.sub(r"[^\w' ]", "", name)
    return re.sub(r"\s+", " ", name).strip().lower()


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TitlePhrase:
    phrase: str  # lower case, as matched in text
    title: str  # normalised
    rank_class: str | None


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    offices: dict[str, list[Office]] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # actor id -> surname
    short_names: dict[str, str] = field(default_factory=dict)  # actor id -> second-mention name ("Lam")
    titles: list[TitlePhrase] = field(default_factory=list)
    ranks: dict[str, int] = field(default_factory=dict)
    weapons: dict[str, Weapon] = field(default_factory=dict)  # folded alias -> weapon
    _actor_index: dict[str, list[str]] = field(default_factory=dict)
    _country_index: dict[str, str] = field(default_factory=dict)  # names, aliases, demonyms
    _metonym_index: dict[str, str] = field(default_factory=dict)  # capitals and seats of power
    _context_index: dict[str, str] = field(default_factory=dict)  # "the North"
    _weapon_aliases: set[str] = field(default_factory=set)

    # -- loading -------------------------------------------------------------

    @classmethod
    def load(cls, extra_dirs: Iterable[str | Path] = ()) -> "KnowledgeBase":
        kb = cls()
        package_dir = resources.files("tribune.kb").joinpath("data")
        sources = [package_dir] + [Path(d) for d in extra_dirs]
        for source in sources:
            kb._load_dir(source)
        return kb

    def _load_dir(self, directory) -> None:
        def read(name: str) -> Iterator[dict]:
            path = directory.joinpath(name)
            if not path.is_file():
                return
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{path}:{number}: malformed JSON: {exc.msg}") from exc

        ranks_path = directory.joinpath("ranks.json")
        if ranks_path.is_file():
            for entry in json.loads(ranks_path.read_text("utf-8")).get("scale", []):
                self.ranks[entry["rank_class"]] = int(entry["rank"])
        for row in read("countries.jsonl"):
            self.add_country(row)
        for row in read("actors.jsonl"):
            self.add_actor(row)
        for row in read("titles.jsonl"):
            self.titles.append(TitlePhrase(row["phrase"].lower(), row["title"], row.get("rank_class")))
        self.titles.sort(key=lambda t: -len(t.phrase))
        for row in read("weapons.jsonl"):
            weapon = Weapon(row["name"], row.get("class"), row.get("country"))
            for alias in [row["name"], *row.get("aliases", [])]:
                self.weapons[fold(alias)] = weapon
                self._weapon_aliases.add(alias)

    def add_country(self, row: dict) -> None:
        country = Country(
            iso3=row["iso3"],
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            demonyms=tuple(row.get("demonyms", ())),
            capital=row.get("capital"),
            metonyms=tuple(row.get("metonyms", ())),
            context_aliases=tuple(row.get("context_aliases", ())),
        )
        self.countries[country.iso3] = country
        for name in (country.name, *country.aliases, *country.demonyms):
            self._country_index.setdefault(fold(name), country.iso3)
        for name in country.metonyms + ((country.capital,) if country.capital else ()):
            self._metonym_index.setdefault(fold(name), country.iso3)
        for name in country.context_aliases:
            self._context_index.setdefault(fold(name), country.iso3)

    def add_actor(self, row: dict) -> Actor:
        actor = Actor(
            id=row["id"],
            name=row["name"],
            kind=row.get("kind", "person"),
            country=row.get("country"),
            aliases=tuple(row.get("aliases", ())),
            description=row.get("description"),
        )
        self.actors[actor.id] = actor
        for name in {actor.name, *actor.aliases}:
            ids = self._actor_index.setdefault(fold(name), [])
            if actor.id not in ids:
                ids.append(actor.id)
        if actor.kind == "person":
            surname = row.get("surname") or actor.name.split()[0 if actor.country in _SURNAME_FIRST else -1]
            self.surnames[actor.id] = surname
            if row.get("short_name"):
                self.short_names[actor.id] = row["short_name"]
        for office in row.get("offices", ()):
            self.offices.setdefault(actor.id, []).append(
                Office(
                    actor_id=actor.id,
                    title=office["title"],
                    organisation=office.get("organisation"),
                    country=office.get("country", actor.country),
                    rank=self.ranks.get(office.get("rank_class", ""), None),
                    start=office.get("start"),
                    end=office.get("end"),
                    source=office.get("source"),
                )
            )
        return actor

    # -- lookups ---------------------------------------------------------------

    def actors_named(self, name: str, kind: str | None = None) -> list[Actor]:
        found = [self.actors[i] for i in self._actor_index.get(fold(name), [])]
        return [a for a in found if kind is None or a.kind == kind]

    def person(self, name: str) -> Actor | None:
        found = self.actors_named(name, "person")
        return found[0] if len(found) == 1 else None

    def people_with_surname(self, surname: str, on: str | None = None) -> list[Actor]:
        """People with this family name; with a date, only those holding an office then."""
        key = fold(surname)
        found = [self.actors[i] for i, name in self.surnames.items() if fold(name) == key]
        if on is not None:
            found = [a for a in found if self.office_at(a.id, on) is not None]
        return found

    def country_code(self, name: str, *, metonymy: bool = True, context: bool = False) -> str | None:
        """ISO alpha-3 for a country name, alias or demonym (and capitals if metonymy)."""
        key = fold(name)
        code = self._country_index.get(key)
        if code is None and metonymy:
            code = self._metonym_index.get(key)
        if code is None and context:
            code = self._context_index.get(key)
        return code

    def is_capital_or_seat(self, name: str) -> bool:
        return fold(name) in self._metonym_index

    def place(self, name: str) -> Actor | None:
        found = self.actors_named(name, "place")
        return found[0] if found else None

    def organisation(self, name: str) -> Actor | None:
        found = self.actors_named(name, "organisation")
        return found[0] if found else None

    def weapon_aliases(self) -> set[str]:
        return set(self._weapon_aliases)

    def weapon(self, name: str) -> Weapon | None:
        return self.weapons.get(fold(name))

    def office_at(self, actor_id: str, date: str | None) -> Office | None:
        """The most senior office an actor held on a date (or their latest, without one)."""
        offices = self.offices.get(actor_id, [])
        if not offices:
            return None
        if date:
            day = _pad(date)
            offices = [o for o in offices if (o.start is None or _pad(o.start) <= day) and (o.end is None or day <= _pad(o.end, end=True))]
        if not offices:
            return None
        return min(offices, key=lambda o: (o.rank if o.rank is not None else 999, -(len(o.start or ""))))

    def rank_of_title(self, title: str | None) -> tuple[str | None, int | None]:
        """The normalised title and its protocol rank for a title as written."""
        if not title:
            return None, None
        words = [w for w in fold(title).split() if w not in _TITLE_FILLER]
        lowered = " " + " ".join(words) + " "
        for phrase in self.titles:
            wanted = [w for w in fold(phrase.phrase).split() if w not in _TITLE_FILLER]
            if not wanted:
                continue
            if f" {' '.join(wanted)} " in lowered or (len(wanted) > 2 and _subsequence(wanted, words)):
                return phrase.title, self.ranks.get(phrase.rank_class or "")
        return None, None


_SURNAME_FIRST = {"PRK", "KOR", "CHN", "VNM"}
"""Countries whose news English writes the family name first (Kim Jong Un, Li Qiang, To Lam)."""


_TITLE_FILLER = {"the", "of", "a", "an", "s"}


def _subsequence(wanted: list[str], words: list[str]) -> bool:
    """All wanted words in order, others allowed between ("vice chairman of Russia's Security Council")."""
    it = iter(words)
    return all(any(w == x for x in it) for w in wanted)


def _pad(date: str, end: bool = False) -> str:
    """Compare partial ISO dates: 2025-10 spans 2025-10-01 to 2025-10-31."""
    if len(date) == 4:
        return date + ("-12-31" if end else "-01-01")
    if len(date) == 7:
        return date + ("-31" if end else "-01")
    return date[:10]


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    return KnowledgeBase.load()
