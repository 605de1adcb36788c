"""Status of an event mention: happened, planned, speculated or denied.

Event coders that ignore modality code "Kim is expected to attend" as an
attendance. tribune looks at the words that govern the trigger: its own
auxiliaries and the verbs above it in the parse ("is expected to lead",
"could take place", "has denied the claim"), then at phrases anywhere in the
sentence. Precedence is denied > speculated > planned > happened, because a
denial or a hedge overrides the tense of the verb it wraps.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tribune.events.lexicon import StatusCues, status_cues
from tribune.records import Status

_FUTURE_TAGS = {"MD"}


def _governing(token: Token, sentence: Span) -> list[Token]:
    """The trigger, the verbs above it up to the sentence root, and their auxiliaries."""
    chain: list[Token] = []
    current = token
    for _ in range(8):
        chain.append(current)
        chain.extend(child for child in current.children if child.dep_ in {"aux", "auxpass", "neg", "advmod", "mark"})
        if current.head == current or current.head.i < sentence.start or current.head.i >= sentence.end:
            break
        current = current.head
    return chain


def mention_status(trigger: Token, sentence: Span, cues: StatusCues | None = None) -> Status:
    """What the sentence says about the event whose trigger is given."""
    cues = cues or status_cues()
    lowered = " " + sentence.text.lower() + " "
    chain = _governing(trigger, sentence)
    lemmas = {t.lemma_.lower() for t in chain} | {t.lower_ for t in chain}

    if lemmas & cues.lemmas["denied"] or any(p in lowered for p in cues.phrases["denied"]):
        return Status.DENIED
    own_verb = next((t for t in chain if t.pos_ in {"VERB", "AUX"}), trigger)
    if any(c.dep_ == "neg" for c in own_verb.children) and not any(p in lowered for p in ("not only", "no longer")):
        return Status.DENIED
    if lemmas & cues.lemmas["speculated"] or any(p in lowered for p in cues.phrases["speculated"]):
        return Status.SPECULATED
    if lemmas & cues.lemmas["planned"] or any(p in lowered for p in cues.phrases["planned"]):
        return Status.PLANNED
    if _headline_future(trigger, sentence):
        return Status.PLANNED
    return Status.HAPPENED


def _headline_future(trigger: Token, sentence: Span) -> bool:
    """Headline English: "Kim to attend parade", "Parade to be attended by Kim"."""
    root = sentence.root
    for token in (root, trigger.head, trigger):
        if token.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
            if token.dep_ in {"ROOT", "acl", "relcl"} or token == root:
                return True
    return False
