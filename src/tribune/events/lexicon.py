"""The event lexicons, loaded from ``events/data``: triggers, participation cues, status cues, PLOVER map.

Kept as data so that an analyst can teach tribune a new trigger ("flypast",
"state banquet") by editing a JSON Lines file, with no code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher
from spacy.vocab import Vocab


@dataclass(frozen=True)
class TriggerRule:
    key: str  # matcher key: "<type>#<n>"
    type: str
    requires: str | None = None
    exclude_lower: tuple[str, ...] = ()
    exclude_context: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusCues:
    lemmas: dict[str, frozenset[str]]
    phrases: dict[str, tuple[str, ...]]


PLOVER_CATEGORY = {
    "parade": "MOBILIZE",
    "ceremony": "CONSULT",
    "meeting": "CONSULT",
    "summit": "CONSULT",
    "visit": "CONSULT",
    "weapons_test": "THREATEN",
    "exhibition": "MOBILIZE",
    "letter": "CONSULT",
    "agreement": "AGREE",
    "arms_transfer": "AID",
    "troop_deployment": "MOBILIZE",
    "military_exercise": "MOBILIZE",
    "attack": "ASSAULT",
    "sanction": "SANCTION",
    "statement": "CONSULT",
    "other": None,
}


def _data(name: str) -> str:
    return resources.files("tribune.events").joinpath("data").joinpath(name).read_text("utf-8")


def _jsonl(name: str) -> list[dict]:
    rows = []
    for number, line in enumerate(_data(name).splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"events/data/{name}:{number}: {exc.msg}") from exc
    return rows


def trigger_matcher(vocab: Vocab) -> tuple[Matcher, dict[str, TriggerRule]]:
    """A Matcher over every trigger pattern, and the rule behind each match key."""
    matcher = Matcher(vocab)
    rules: dict[str, TriggerRule] = {}
    for n, row in enumerate(_jsonl("triggers.jsonl")):
        key = f"{row['type']}#{n}"
        matcher.add(key, [row["pattern"], _cased_variant(row["pattern"])])
        rules[key] = TriggerRule(
            key,
            row["type"],
            row.get("requires"),
            tuple(row.get("exclude_lower", ())),
            tuple(row.get("exclude_context", ())),
        )
    return matcher, rules


def _cased_variant(pattern: list[dict]) -> list[dict]:
    """The same pattern on lower-cased words, for headlines in title case.

    The tagger calls "Parade" in "Military Parade in Beijing" a proper noun
    whose lemma is "Parade", which a LEMMA pattern for "parade" misses.
    """
    variant = []
    for token in pattern:
        token = dict(token)
        lemma = token.pop("LEMMA", None)
        if lemma is not None:
            words = lemma["IN"] if isinstance(lemma, dict) else [lemma]
            token["LOWER"] = {"IN": sorted({w for word in words for w in (word, word + "s", word + "d", word + "ed")})}
            pos = token.pop("POS", None)
            if pos is not None:
                allowed = pos["IN"] if isinstance(pos, dict) else [pos]
                token["POS"] = {"IN": sorted(set(allowed) | {"PROPN"})}
        variant.append(token)
    return variant


def participation_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for row in _jsonl("participation_cues.jsonl"):
        matcher.add(row["cue"], [row["pattern"]])
    return matcher


@lru_cache(maxsize=1)
def status_cues() -> StatusCues:
    raw = json.loads(_data("status_cues.json"))
    order = ("denied", "speculated", "planned")
    return StatusCues(
        lemmas={k: frozenset(raw[k]["lemmas"]) for k in order},
        phrases={k: tuple(p.lower() for p in raw[k]["phrases"]) for k in order},
    )


@dataclass(frozen=True)
class AbsenceCues:
    lemmas: frozenset[str]
    particles: dict[str, frozenset[str]]
    negated: frozenset[str]
    declined: frozenset[str]
    nouns: frozenset[str]
    represented_by: frozenset[str] = frozenset()
    transitive: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def absence_cues() -> AbsenceCues:
    """Words that say a named person stays away from an event (``events/data/absence_cues.json``)."""
    raw = json.loads(_data("absence_cues.json"))
    return AbsenceCues(
        lemmas=frozenset(raw["lemmas"]),
        particles={k: frozenset(v) for k, v in raw["particles"].items()},
        negated=frozenset(raw["negated"]),
        declined=frozenset(raw["declined"]),
        nouns=frozenset(raw["nouns"]),
        represented_by=frozenset(raw.get("represented_by", ())),
        transitive=frozenset(raw.get("transitive", ())),
    )
