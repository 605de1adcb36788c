"""Is this grouped mention a real event of its type? A small learned decision on top of the triggers.

Trigger patterns are good at proposing candidates and poor at telling a reported event from a topic
("talks on missile tests"), a routine, a metaphor or an aside. Rules tuned on one corpus's prose do not
carry to another's, so this decision is learned from annotated real news (``make train``) and made per
document-level group of mentions, after grouping and before the mentions are written.

The model is a logistic regression over hashed binary features (trigger lemma and its syntax, the
type, status cues, dates, places, people, position in the article).

The model and its loading are in ``events/learned.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from tribune.events.learned import LinearModel, load_model

if TYPE_CHECKING:  # pragma: no cover
    from tribune.events.extract import Candidate, Group

MODEL_FILE = "eventness.json"


def load_eventness(kb_dirs: Iterable[str | Path] = ()) -> LinearModel:
    return load_model(MODEL_FILE, kb_dirs)


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


def drop_unlikely_groups(candidates: "Sequence[Candidate]", groups: "Sequence[Group]", model: LinearModel) -> int:
    """Detach the candidates of every group the model rejects; returns how many groups were dropped."""
    rejected = {gi for gi in range(len(groups)) if not model.keeps(group_features(candidates, gi, groups))}
    for c in candidates:
        if c.group in rejected:
            c.group = -1
    return len(rejected)
