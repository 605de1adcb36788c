"""Entity repair and actor linking: from spaCy entities to knowledge-base actors.

The small English model is good at finding names and bad at a few things news
about North Korea is full of: it tags "Kim Il-sung Square" and "hypersonic
missiles" as people, and it has no idea that "Kim", "Kim Jong-un" and "the
North Korean leader" are one man. Linking works per document: full names are
resolved against the knowledge base first, then surnames and titles are
resolved against the people that document has already named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tribune.kb.knowledge import KnowledgeBase, fold

PERSON_LABELS = {"PERSON"}
ORG_LABELS = {"ORG"}
COUNTRY_LABELS = {"GPE", "NORP"}
LOCATION_LABELS = {"GPE", "LOC", "FAC"}

_TITLE_STOP_DEPS = {"det", "punct", "cc", "prep", "case", "nummod"}


@dataclass(frozen=True)
class ActorMention:
    """One mention of an actor in a document, linked or not."""

    start: int  # character offsets
    end: int
    token_start: int
    token_end: int
    text: str
    actor_id: str
    name: str  # canonical name
    kind: str
    country: str | None
    title: str | None = None  # as stated in the text, e.g. "Chinese Premier"
    known: bool = True  # False for people the knowledge base does not have


_LEADING_NOISE = re.compile(r"^(?:Will|Would|Can|Could|Did|Does|Is|Has|Should|Why|How|When|Where|What|Dear)\s+")


def clean_name(text: str) -> str:
    """A name without possessive, quotes, or a question word the model swallowed ("Will Ju-ae")."""
    text = text.strip().strip(",.;:\"'\u201c\u201d")
    text = _LEADING_NOISE.sub("", text)
    text = re.sub(r"['\u2019]s?$", "", text).strip()
    return re.sub(r"^(the|The)\s+", "", text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def is_spurious_person(span: Span, kb: KnowledgeBase) -> bool:
    """Spans the model tags PERSON that cannot be people: places, weapons, common nouns."""
    text = clean_name(span.text)
    if not text or text[0].islower():
        return True
    if kb.place(text) or kb.weapon(text) or kb.country_code(text, metonymy=False):
        return True
    last = span[-1].lower_
    return last in {"square", "street", "hall", "palace", "stadium", "airport", "missile", "missiles", "cosmodrome"}


def repair_entities(doc: Doc, kb: KnowledgeBase) -> Doc:
    """Drop or relabel entities the small model gets wrong, using the knowledge base."""
    repaired = []
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and is_spurious_person(ent, kb):
            text = clean_name(ent.text)
            if kb.place(text) or ent[-1].lower_ in {"square", "street", "hall", "palace", "stadium", "airport", "cosmodrome"}:
                repaired.append(Span(doc, ent.start, ent.end, label="FAC"))
            elif kb.weapon(text):
                repaired.append(Span(doc, ent.start, ent.end, label="WEAPON"))
            continue
        repaired.append(ent)
    doc.ents = repaired
    return doc


def title_before(span: Span, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """The title words written before a name ("Chinese Premier"), and the country they imply."""
    doc = span.doc
    i = span.start - 1
    words: list[Token] = []
    while i >= 0:
        token = doc[i]
        if token.is_space or "\n" in token.whitespace_:
            break
        if token.is_punct and token.text not in {"'s", "\u2019s", "'", "\u2019", "-", "."}:
            break
        if token.dep_ in _TITLE_STOP_DEPS and token.tag_ != "POS":
            break
        if token.pos_ in {"VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ", "NUM"}:
            break
        if token.ent_type_ == "PERSON":
            break
        if token.ent_type_ == "DATE":
            break
        words.insert(0, token)
        i -= 1
        if len(words) > 8:
            break
    if not words:
        return None, None
    while words and (words[0].tag_ == "POS" or words[0].lower_ in {"of", "then", "former"}):
        words = words[1:]
    text = doc[words[0].i : words[-1].i + 1].text if words else ""
    text = text.strip(" ,")
    title, _rank = kb.rank_of_title(text)
    country = _country_in(words, kb)
    if title is None:
        return None, country
    return text, country


def title_after(span: Span, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """An appositive title after a name ("Dmitry Medvedev, vice chairman of ...")."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None, None
    words: list[Token] = []
    for token in doc[span.end + 1 : min(len(doc), span.end + 16)]:
        if token.text in {",", ";", ".", "\u2014", "(", ")"} or token.lower_ in {"and", "who", "which", "was", "is"}:
            break
        if token.ent_type_ == "PERSON" and words:
            break
        words.append(token)
    if not words or not words[0].is_lower and words[0].lower_ not in {"the", "a", "an"}:
        return None, None
    text = doc[words[0].i : words[-1].i + 1].text
    title, _rank = kb.rank_of_title(text)
    if title is None:
        return None, None
    return re.sub(r"^(the|a|an)\s+", "", text), _country_in(words, kb)


def _country_in(tokens: list[Token], kb: KnowledgeBase) -> str | None:
    """A country named or implied by demonym inside a title ("Chinese", "Russia's")."""
    for size in (3, 2, 1):
        for start in range(0, len(tokens) - size + 1):
            chunk = " ".join(t.text for t in tokens[start : start + size])
            code = kb.country_code(chunk, metonymy=False)
            if code:
                return code
    return None


class DocumentActors:
    """Per-document resolution state: who has been named in full so far."""

    def __init__(self, kb: KnowledgeBase, anchor: str | None = None) -> None:
        self.kb = kb
        self.anchor = anchor
        self.by_surname: dict[str, str] = {}
        self.by_given: dict[str, str] = {}
        self.known: dict[str, ActorMention] = {}
        self.unknown_names: dict[str, str] = {}

    def remember(self, mention: ActorMention, surname: str | None) -> None:
        self.known.setdefault(mention.actor_id, mention)
        if surname:
            self.by_surname[fold(surname)] = mention.actor_id
        parts = mention.name.split()
        if len(parts) > 1:
            self.by_given.setdefault(fold(parts[-1]), mention.actor_id)


def _rank(kb: KnowledgeBase, actor_id: str, date: str | None) -> int:
    office = kb.office_at(actor_id, date)
    return office.rank if office and office.rank is not None else 999


def link_person(span: Span, state: DocumentActors) -> ActorMention | None:
    kb = state.kb
    text = clean_name(span.text)
    if not text:
        return None
    title, title_country = title_before(span, kb)
    after_title, after_country = title_after(span, kb)
    title = title or after_title
    title_country = title_country or after_country
    start, end = span.start_char, span.end_char
    actor = kb.person(text)
    if actor is None and " " not in text:
        # A surname (or a Korean given name) alone: the person this document named in full.
        actor_id = state.by_surname.get(fold(text)) or state.by_given.get(fold(text))
        if actor_id and actor_id in kb.actors:
            actor = kb.actors[actor_id]
        elif actor_id and actor_id in state.known:
            first = state.known[actor_id]
            mention = ActorMention(start, end, span.start, span.end, span.text, actor_id, first.name, "person", first.country, title, False)
            return mention
        elif state.anchor:
            # Nobody in this document had the name in full: a surname that only one
            # office holder of the day carries ("Shoigu" in July 2023) is still safe.
            holders = kb.people_with_surname(text, state.anchor)
            if len(holders) == 1:
                actor = holders[0]
            elif holders:
                # News calls a head of state by surname alone; lesser namesakes get a first name.
                ranked = sorted(holders, key=lambda a: _rank(kb, a.id, state.anchor))
                if _rank(kb, ranked[0].id, state.anchor) <= 10 and _rank(kb, ranked[1].id, state.anchor) > 20:
                    actor = ranked[0]
    if actor is not None:
        mention = ActorMention(start, end, span.start, span.end, span.text, actor.id, actor.name, "person", actor.country or title_country, title)
        state.remember(mention, kb.surnames.get(actor.id))
        if actor.id in kb.short_names:
            state.by_surname.setdefault(fold(kb.short_names[actor.id]), actor.id)
        return mention
    if " " not in text and title is None:
        return None  # a lone name nobody introduced: too ambiguous to make an actor of
    actor_id = "person:" + slug(text)
    mention = ActorMention(start, end, span.start, span.end, span.text, actor_id, text, "person", title_country, title, False)
    parts = text.split()
    state.remember(mention, parts[0] if title_country in {"PRK", "KOR", "CHN", "VNM"} else parts[-1])
    return mention


def link_actors(doc: Doc, kb: KnowledgeBase, anchor: str | None = None) -> list[ActorMention]:
    """Every person, organisation and country mentioned, linked to an actor id.

    ``anchor`` is the document's date, used to resolve a lone surname against
    the people who held office on that day.
    """
    state = DocumentActors(kb, anchor)
    # Full names first, so that "Kim" early in a text can still find "Kim Jong Un" later.
    persons = [ent for ent in doc.ents if ent.label_ in PERSON_LABELS]
    ordered = sorted(persons, key=lambda e: (len(clean_name(e.text).split()) < 2, e.start))
    linked: dict[int, ActorMention] = {}
    for ent in ordered:
        mention = link_person(ent, state)
        if mention:
            linked[ent.start] = mention
    mentions = list(linked.values())
    for ent in doc.ents:
        if ent.label_ in ORG_LABELS:
            text = clean_name(ent.text)
            org = kb.organisation(text)
            if org:
                mentions.append(ActorMention(ent.start_char, ent.end_char, ent.start, ent.end, ent.text, org.id, org.name, "organisation", org.country))
        elif ent.label_ in COUNTRY_LABELS:
            code = kb.country_code(clean_name(ent.text), metonymy=True)
            if code and code in kb.countries:
                mentions.append(ActorMention(ent.start_char, ent.end_char, ent.start, ent.end, ent.text, "country:" + code, kb.countries[code].name, "country", code))
    mentions.sort(key=lambda m: m.start)
    return mentions
