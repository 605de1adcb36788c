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
from typing import TYPE_CHECKING, Iterable, Iterator

from tribune.records import Actor, Office, Weapon

if TYPE_CHECKING:
    from tribune.kb.gazetteer import City, Gazetteer

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
    family: str | None = None  # the office it names, across wordings: "foreign_minister" for "Secretary of State"


@dataclass(frozen=True)
class Relation:
    """A family or personal tie between two actors ("daughter of kim-jong-un")."""

    type: str
    of: str  # actor id


FUNCTIONAL_FAMILIES = frozenset({"head_of_state", "head_of_government", "party_leader", "foreign_minister", "defence_minister"})
"""Offices one person holds at a time per country: a second holder on the same day is a contradiction."""


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    offices: dict[str, list[Office]] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # actor id -> surname
    short_names: dict[str, str] = field(default_factory=dict)  # actor id -> second-mention name ("Lam")
    relations: dict[str, list[Relation]] = field(default_factory=dict)  # actor id -> ties to others
    wikidata: dict[str, str] = field(default_factory=dict)  # actor id -> Wikidata Q-id, where known
    office_orders: dict[Office, int] = field(default_factory=dict)  # numbered hierarchy position (PSC No. 2)
    office_classes: dict[Office, str] = field(default_factory=dict)  # rank_class as written in the data
    rank_labels: dict[str, str] = field(default_factory=dict)  # rank_class -> label from ranks.json
    titles: list[TitlePhrase] = field(default_factory=list)
    title_heads: set[str] = field(default_factory=set)  # head nouns of titles not listed ("inspector")
    ranks: dict[str, int] = field(default_factory=dict)
    weapons: dict[str, Weapon] = field(default_factory=dict)  # folded alias -> weapon
    _actor_index: dict[str, list[str]] = field(default_factory=dict)
    _country_index: dict[str, str] = field(default_factory=dict)  # names, aliases, demonyms
    _metonym_index: dict[str, str] = field(default_factory=dict)  # capitals and seats of power
    _context_index: dict[str, str] = field(default_factory=dict)  # "the North"
    _weapon_aliases: set[str] = field(default_factory=set)
    _surname_index: dict[str, list[str]] = field(default_factory=dict)  # folded surname -> actor ids
    _holder_index: dict[tuple[str, str], list[Office]] = field(default_factory=dict)  # (family, country) -> offices
    _title_cache: dict[str, TitlePhrase | None] = field(default_factory=dict)
    _gazetteer: "Gazetteer | None" = None

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
                if entry.get("label"):
                    self.rank_labels[entry["rank_class"]] = entry["label"]
        heads_path = directory.joinpath("title_heads.json")
        if heads_path.is_file():
            self.title_heads.update(h.lower() for h in json.loads(heads_path.read_text("utf-8")).get("heads", []))
        for row in read("countries.jsonl"):
            self.add_country(row)
        for row in read("titles.jsonl"):
            self.titles.append(TitlePhrase(row["phrase"].lower(), row["title"], row.get("rank_class"), row.get("family")))
        self.titles.sort(key=lambda t: -len(t.phrase))
        self._title_cache.clear()
        for row in read("actors.jsonl"):
            self.add_actor(row)
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
        """Add an actor from a data row; a row with an id already loaded replaces that actor."""
        if row["id"] in self.actors:
            self._forget(row["id"])
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
            self._surname_index.setdefault(fold(surname), []).append(actor.id)
            if row.get("short_name"):
                self.short_names[actor.id] = row["short_name"]
        if row.get("wikidata"):
            self.wikidata[actor.id] = row["wikidata"]
        for relation in row.get("relations") or ():
            self.relations.setdefault(actor.id, []).append(Relation(relation["type"], relation["of"]))
        for office in row.get("offices") or ():
            rank_class = office.get("rank_class")
            record = Office(
                actor_id=actor.id,
                title=office["title"],
                organisation=office.get("organisation"),
                country=office.get("country", actor.country),
                rank=self.ranks.get(rank_class or "", None),
                start=office.get("start"),
                end=office.get("end"),
                source=office.get("source"),
            )
            self.offices.setdefault(actor.id, []).append(record)
            if rank_class:
                self.office_classes[record] = rank_class
            if office.get("order") is not None:
                self.office_orders[record] = int(office["order"])
            family = self.office_family(record)
            if family and record.country:
                self._holder_index.setdefault((family, record.country), []).append(record)
        return actor

    def _forget(self, actor_id: str) -> None:
        """Drop what an earlier row said about an actor, before a later file replaces it."""
        for office in self.offices.pop(actor_id, []):
            self.office_orders.pop(office, None)
            self.office_classes.pop(office, None)
        for key, offices in self._holder_index.items():
            offices[:] = [o for o in offices if o.actor_id != actor_id]
        surname = self.surnames.pop(actor_id, None)
        if surname is not None:
            ids = self._surname_index.get(fold(surname), [])
            if actor_id in ids:
                ids.remove(actor_id)
        self.short_names.pop(actor_id, None)
        self.relations.pop(actor_id, None)
        self.wikidata.pop(actor_id, None)

    # -- lookups ---------------------------------------------------------------

    def actors_named(self, name: str, kind: str | None = None) -> list[Actor]:
        found = [self.actors[i] for i in self._actor_index.get(fold(name), [])]
        return [a for a in found if kind is None or a.kind == kind]

    def person(self, name: str) -> Actor | None:
        found = self.actors_named(name, "person")
        return found[0] if len(found) == 1 else None

    def people_with_surname(self, surname: str, on: str | None = None) -> list[Actor]:
        """People with this family name; with a date, only those holding an office then."""
        found = [self.actors[i] for i in self._surname_index.get(fold(surname), [])]
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

    def load_gazetteer(self) -> None:
        """Build the GeoNames index now (it is otherwise built on the first ``city`` call): done
        before forking workers, they share one copy instead of each building its own."""
        if self._gazetteer is None:
            from tribune.kb.gazetteer import Gazetteer

            self._gazetteer = Gazetteer()

    def city(self, name: str) -> "City | None":
        """The city a place name means (GeoNames), for places the actor list does not hold."""
        self.load_gazetteer()
        if self.country_code(name, metonymy=False):
            return None  # "Jordan", "Georgia": a country before a town of that name
        return self._gazetteer.city(name)

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
        return min(offices, key=self._seniority)

    def _seniority(self, office: Office) -> tuple:
        """Most senior first: rank, hierarchy order, a one-holder office before a ceremonial one, precise dates."""
        return (
            office.rank if office.rank is not None else 999,
            self.office_orders.get(office, 99),
            0 if self.office_family(office) in FUNCTIONAL_FAMILIES else 1,
            -len(office.start or ""),
        )

    def offices_at(self, actor_id: str, date: str | None) -> list[Office]:
        """Every office an actor held on a date, most senior first (all of them, without a date)."""
        offices = self.offices.get(actor_id, [])
        if date:
            offices = [o for o in offices if _holds(o, date)]
        return sorted(offices, key=self._seniority)

    def order_at(self, actor_id: str, date: str | None) -> tuple[int, Office] | None:
        """The numbered hierarchy position held on a date (Politburo Standing Committee No. 2), and its office."""
        ranked = [(self.office_orders[o], o) for o in self.offices_at(actor_id, date) if o in self.office_orders]
        return min(ranked, key=lambda pair: (pair[1].rank if pair[1].rank is not None else 999, pair[0])) if ranked else None

    def rank_class_of(self, office: Office) -> str | None:
        return self.office_classes.get(office)

    def relations_of(self, actor_id: str) -> list[Relation]:
        return list(self.relations.get(actor_id, ()))

    def title_phrase(self, title: str | None) -> TitlePhrase | None:
        """The title phrase a title as written matches, longest first (None for unknown titles)."""
        if not title:
            return None
        key = fold(title)
        cache = self._title_cache
        if key in cache:
            return cache[key]
        words = [w for w in key.split() if w not in _TITLE_FILLER]
        lowered = " " + " ".join(words) + " "
        found = None
        for phrase in self.titles:
            wanted = [w for w in fold(phrase.phrase).split() if w not in _TITLE_FILLER]
            if not wanted:
                continue
            if f" {' '.join(wanted)} " in lowered or (len(wanted) > 2 and _subsequence(wanted, words)):
                found = phrase
                break
        cache[key] = found
        return found

    def title_family(self, title: str | None) -> str | None:
        """The office a title names, whatever the wording: "Premier" and "Prime Minister" are head_of_government."""
        phrase = self.title_phrase(title)
        if phrase is None:
            return None
        return phrase.family or phrase.title

    def office_family(self, office: Office) -> str | None:
        """The family of a KB office: from its title, unless its rank class says the title words mislead
        ("President of the Central Party School" is not a head of state)."""
        phrase = self.title_phrase(office.title)
        rank_class = self.office_classes.get(office)
        if phrase is not None and (rank_class is None or phrase.rank_class == rank_class):
            return phrase.family or phrase.title
        if rank_class in {"head_of_state", "head_of_government", "party_leader"}:
            return rank_class
        return None

    def holders(self, family: str, country: str, date: str | None) -> list[Office]:
        """The offices of one family in one country held on a date ("who was China's premier then")."""
        if family == "leader":
            # "the Chinese leader": a supreme leader where there is one, else the party leader, else the head of state.
            for fam in ("leader", "party_leader", "head_of_state"):
                found = [o for o in self._holder_index.get((fam, country), []) if _holds(o, date)]
                if found:
                    return found
            return []
        return [o for o in self._holder_index.get((family, country), []) if _holds(o, date)]

    def rank_of_title(self, title: str | None) -> tuple[str | None, int | None]:
        """The normalised title and its protocol rank for a title as written."""
        phrase = self.title_phrase(title)
        if phrase is None:
            return None, None
        return phrase.title, self.ranks.get(phrase.rank_class or "")


_SURNAME_FIRST = {"PRK", "KOR", "CHN", "VNM"}
"""Countries whose news English writes the family name first (Kim Jong Un, Li Qiang, To Lam)."""


_TITLE_FILLER = {"the", "of", "a", "an", "s"}


def _subsequence(wanted: list[str], words: list[str]) -> bool:
    """All wanted words in order, others allowed between ("vice chairman of Russia's Security Council")."""
    it = iter(words)
    return all(any(w == x for x in it) for w in wanted)


def _holds(office: Office, date: str | None) -> bool:
    """Whether an office was held on a date (partial dates compare by their span)."""
    if not date:
        return office.end is None
    return (office.start is None or _pad(office.start) <= _pad(date, end=True)) and (office.end is None or _pad(date) <= _pad(office.end, end=True))


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
