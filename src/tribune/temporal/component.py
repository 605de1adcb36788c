"""spaCy component "tribune_timex": TIMEX3 spans on a Doc.

A component rather than a post-processing function so that it runs inside
``nlp.pipe`` workers with everything else; it reads the NER's DATE/TIME
entities when a model put them there, and works on ``spacy.blank("en")``
with rules alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .normalize import ENTITY_LABELS, find_timexes

ANCHOR_ATTR = "tribune_anchor"
TIMEXES_ATTR = "timexes"


def register_extensions() -> None:
    """Doc._.tribune_anchor (document date, set by the caller) and Doc._.timexes."""
    if not Doc.has_extension(ANCHOR_ATTR):
        Doc.set_extension(ANCHOR_ATTR, default=None)
    if not Doc.has_extension(TIMEXES_ATTR):
        Doc.set_extension(TIMEXES_ATTR, default=None)


class TimexComponent:
    """Writes doc.spans[spans_key] (labelled by TIMEX3 type) and doc._.timexes."""

    def __init__(self, nlp: Language, name: str, spans_key: str, use_entities: bool) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.use_entities = use_entities

    def __call__(self, doc: Doc) -> Doc:
        entities = None
        if self.use_entities and doc.has_annotation("ENT_IOB"):
            entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS]
        timexes = find_timexes(doc.text, doc._.get(ANCHOR_ATTR), entities=entities)
        spans: list[Span] = []
        for t in timexes:
            span = doc.char_span(t.start, t.end, label=t.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.set(TIMEXES_ATTR, timexes)
        return doc


@Language.factory(
    "tribune_timex",
    default_config={"spans_key": "timex", "use_entities": True},
)
def make_timex_component(nlp: Language, name: str, spans_key: str, use_entities: bool) -> TimexComponent:
    return TimexComponent(nlp, name, spans_key, use_entities)


register_extensions()
