"""Is this grouped mention a real event of its type? A small learned decision on top of the triggers.

Trigger patterns are good at proposing candidates and poor at telling a reported event from a topic
("talks on missile tests"), a routine, a metaphor or an aside. Rules tuned on one corpus's prose do not
carry to another's, so this decision is learned from annotated real news (``make train``) and made per
document-level group of mentions, after grouping and before the mentions are written.

The model is a logistic regression over hashed binary features (trigger lemma and its syntax, the
type, status cues, dates, places, people, position in the article). Features are hashed with CRC32 into
a fixed number of buckets, so the shipped weights hold numbers only, never text. Scoring needs no
machine-learning library: a sum of weights and a sigmoid.

A knowledge-base folder given to tribune (``kb_dirs``) may hold its own ``eventness.json``; it replaces
the bundled one (this is how cross-validation runs each fold with a model that never saw it).
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from tribune.errors import TribuneError

if TYPE_CHECKING:  # pragma: no cover
    from tribune.events.extract import Candidate, Group

MODEL_FILE = "eventness.json"
FORMAT = "tribune-eventness/1"


class ModelFileError(TribuneError):
    """A model file is missing or unreadable: say which, and how to rebuild it (never a silent fallback)."""


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def group_features(candidates: "Sequence[Candidate]", group_index: int, groups: "Sequence[Group]") -> list[str]:
    """The binary features of one group: what its sentences, triggers and arguments look like."""
    group = groups[group_index]
    members = [c for c in candidates if c.group == group_index]
    kind = group.type
    f = {f"type={kind}", f"n_mentions={_bucket(len(members), (1, 2, 3, 5))}", f"n_groups={_bucket(len(groups), (1, 2, 4, 8, 16))}"}
    f.add(f"same_type_groups={kind}|{_bucket(sum(g.type == kind for g in groups), (1, 2, 4))}")
    f.add(f"earlier={kind}|{group.earlier}")
    f.add(f"date={kind}|{len(group.date.value) if group.date else 0}")
    f.add(f"located={kind}|{group.location is not None}")
    if not members:
        return sorted(f)
    first = min(c.sentence_index for c in members)
    f.add(f"first_sentence={kind}|{_bucket(first, (0, 1, 3, 6, 12, 25))}")
    f.add(f"lead={kind}|{any(c.in_lead for c in members)}")
    typed = [c for c in members if c.type is not None]
    f.add(f"untyped_members={bool(len(typed) < len(members))}")
    people = {a.actor_id for c in members for a in c.actors if a.kind == "person"}
    countries = {a.actor_id for c in members for a in c.actors if a.kind == "country"}
    f.add(f"people={kind}|{_bucket(len(people), (0, 1, 2, 4))}")
    f.add(f"countries={kind}|{_bucket(len(countries), (0, 1, 2, 4))}")
    f.add(f"weapons={kind}|{any(c.weapons for c in members)}")
    f.add(f"titled={kind}|{any(a.title for c in members for a in c.actors)}")
    for c in members:
        status = c.status.value if c.status is not None else "none"
        f.add(f"status={kind}|{status}")
        sent = c.sentence
        text = sent.text
        quoted = '"' in text or "\u201c" in text
        f.add(f"quoted={quoted}")
        f.add(f"question={text.rstrip().endswith('?')}")
        f.add(f"sent_len={_bucket(len(sent), (8, 15, 25, 40, 60))}")
        f.add(f"dated_mention={kind}|{c.date is not None}")
        if c.type is None:
            continue
        root = c.trigger.root
        lemma = root.lemma_.lower()
        f.add(f"trigger={kind}|{lemma}")
        f.add(f"trigger_text={kind}|{c.trigger.text.lower()}")
        f.add(f"trigger_shape={kind}|{root.pos_}|{root.dep_}|{root.tag_}")
        f.add(f"gov={kind}|{root.head.lemma_.lower()}|{root.dep_}")
        f.add(f"gov_pos={root.head.pos_}|{root.dep_}")
        for child in root.children:
            if child.dep_ in {"det", "poss", "amod", "compound", "nummod", "aux", "auxpass", "neg", "prep", "advmod"}:
                f.add(f"child={kind}|{child.dep_}|{child.lemma_.lower()}")
            elif child.dep_ in {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "attr"}:
                f.add(f"arg={kind}|{child.dep_}|{child.ent_type_ or child.pos_}")
        for ancestor in list(root.ancestors)[:3]:
            if ancestor.pos_ in {"VERB", "AUX"}:
                f.add(f"clause_verb={kind}|{ancestor.lemma_.lower()}")
                f.add(f"clause_tag={ancestor.tag_}")
                break
        f.add(f"sent_root={kind}|{sent.root.lemma_.lower()}")
        f.add(f"sent_root_tag={sent.root.tag_}")
        f.add(f"first_word={sent[0].lower_}")
        f.add(f"subordinate={kind}|{any(t.dep_ in {'advcl', 'relcl', 'ccomp', 'xcomp', 'acl'} for t in [root, *list(root.ancestors)[:2]])}")
        ents = {e.label_ for e in sent.ents}
        for label in sorted(ents & {"PERSON", "GPE", "NORP", "ORG", "DATE", "FAC", "LOC", "WEAPON", "CARDINAL", "EVENT"}):
            f.add(f"ent={kind}|{label}")
    return sorted(f)


def hashed(features: Iterable[str], dims: int) -> list[int]:
    """Feature names to bucket indexes (CRC32: stable across processes and Python versions)."""
    return sorted({zlib.crc32(name.encode("utf-8")) % dims for name in features})


@dataclass(frozen=True)
class EventnessModel:
    """Weights of the logistic regression and the threshold chosen by cross-validation."""

    dims: int
    bias: float
    weights: dict[int, float]
    threshold: float
    path: str = ""

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(i, 0.0) for i in hashed(features, self.dims))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def keeps(self, features: Iterable[str]) -> bool:
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "dims": self.dims,
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            "weights": {str(i): round(w, 6) for i, w in sorted(self.weights.items()) if abs(w) > 1e-6},
        }

    @classmethod
    def from_json(cls, data: dict, path: str = "") -> "EventnessModel":
        if data.get("format") != FORMAT:
            raise ModelFileError(f"{path}: not a {FORMAT} model file (run `make train` to rebuild it)")
        return cls(int(data["dims"]), float(data["bias"]), {int(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"]), path)


def bundled_model_path():
    return resources.files("tribune.events").joinpath("models").joinpath(MODEL_FILE)


def load_eventness(kb_dirs: Iterable[str | Path] = ()) -> EventnessModel:
    """The model of the last KB folder that has one, else the bundled one. A missing or corrupt file is an error."""
    path = None
    for directory in kb_dirs:
        candidate = Path(directory) / MODEL_FILE
        if candidate.is_file():
            path = candidate
    source = path if path is not None else bundled_model_path()
    name = str(source)
    try:
        data = json.loads(source.read_text("utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"{name}: model file missing (run `make train` to rebuild it from ../shared/data)") from None
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"{name}: model file unreadable ({exc}); run `make train` to rebuild it") from None
    try:
        return EventnessModel.from_json(data, name)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{name}: model file malformed ({exc}); run `make train` to rebuild it") from None


def drop_unlikely_groups(candidates: "Sequence[Candidate]", groups: "Sequence[Group]", model: EventnessModel) -> int:
    """Detach the candidates of every group the model rejects; returns how many groups were dropped."""
    rejected = {gi for gi in range(len(groups)) if not model.keeps(group_features(candidates, gi, groups))}
    for c in candidates:
        if c.group in rejected:
            c.group = -1
    return len(rejected)
