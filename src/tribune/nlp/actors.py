"""Entity repair and actor linking: from spaCy entities to knowledge-base actors.

The small English model is good at finding names and bad at a few things news
about North Korea is full of: it tags "Kim Il-sung Square" and "hypersonic
missiles" as people, and it has no idea that "Kim", "Kim Jong-un" and "the
North Korean leader" are one man. Linking works per document:

1. full names are resolved against the knowledge base (aliases, romanisations);
2. surnames ("Kim", "Premier Li") against the people the document named in full,
   the title written before them choosing between namesakes, or else against
   the one senior office holder of the day who has that surname;
3. title-only mentions ("the premier", "the North Korean leader", "Russia's
   defence minister") against the person the document named with that office,
   or else against the KB's holder of that office on the document date;
4. countries by name and demonym; capitals and seats of power ("Pyongyang
   said", "the Kremlin's war", "the North has denied") as the country's
   government (``government=True``) unless the text uses them as a place
   ("in Pyongyang" is a place: see ``place_mentions``).

People the KB does not know still become actors (``known=False``) with what the
text says about them (``description``: "professor at the University of North
Korean Studies"). Every person mention carries the title as stated
(``title``) and, for KB people, the office the KB says they held on the
document date (``office``, ``rank``).

Components (add them to any English pipeline with a parser and NER):
``tribune_entity_repair``, ``tribune_actors`` (see components.py) and
``tribune_places`` (defined here: ``doc._.places``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tribune.kb.knowledge import KnowledgeBase, fold

PERSON_LABELS = {"PERSON"}
ORG_LABELS = {"ORG"}
COUNTRY_LABELS = {"GPE", "NORP"}
LOCATION_LABELS = {"GPE", "LOC", "FAC"}
METONYM_LABELS = {"GPE", "ORG", "FAC", "LOC", "NORP"}

_TITLE_STOP_DEPS = {"det", "punct", "cc", "prep", "case", "nummod"}
_SURNAME_FIRST = {"PRK", "KOR", "CHN", "VNM"}
_PLACE_WORDS = {"square", "street", "hall", "palace", "stadium", "airport", "cosmodrome", "bridge", "avenue"}
_ORG_WORDS = {"university", "institute", "academy", "school", "college", "foundation", "museum"}

LOCATIVE_PREPS = {"in", "at", "into", "near", "around", "across", "outside", "inside", "via", "through", "throughout", "within", "onto", "beyond", "over"}
"""A capital after one of these is a place ("a parade in Pyongyang"), not its government."""
DIRECTIONAL_PREPS = {"to", "toward", "towards", "from"}
"""A place after a verb or noun of motion ("flew to Beijing"), a government otherwise ("closer to Moscow")."""
MOTION_LEMMAS = {
    "return", "come", "arrive", "fly", "travel", "leave", "depart", "flee", "move", "drive", "head", "go", "sail", "defect", "escape",
    "visit", "trip", "journey", "flight", "send", "invite", "bring", "take", "deliver", "back", "train", "road", "route", "way", "march", "walk", "ride",
}
PLACE_VERBS = {"visit", "reach", "leave", "tour", "enter", "bomb", "shell", "attack", "strike"}
GOVERNMENT_NOUNS = {"regime", "government", "leadership", "authority", "authorities", "administration", "official", "officials"}
_NOT_A_TITLE_BEFORE = {"former", "then", "late", "ex", "vice", "deputy", "a", "an", "his", "her", "its", "their", "whose", "every", "each", "any", "another", "new", "next", "future", "previous", "first", "acting", "interim", "no", "our", "my", "your", "one", "some", "many", "which", "what", "that", "this", "these", "those"}
_SINGLING_WORDS = {"only", "sole", "lone", "first", "last", "second", "third", "latest", "youngest", "oldest"}
_POSITION_WORDS = {"right", "left", "center", "centre", "second", "front", "rear", "top", "bottom", "above", "below", "file"}


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
    government: bool = False  # a country named for its government ("Pyongyang said", "the Kremlin")
    description: str | None = None  # what the text says about the person ("professor at ...")
    office: str | None = None  # the KB office held on the document date, for KB people
    rank: int | None = None  # protocol rank of that office (ranks.json)
    via: str = "name"  # how it was linked: name | surname | title | office | metonym | context


_LEADING_NOISE = re.compile(r"^(?:Will|Would|Can|Could|Did|Does|Is|Has|Should|Why|How|When|Where|What|Dear)\s+")


def clean_name(text: str) -> str:
    """A name without possessive, quotes, or a question word the model swallowed ("Will Ju-ae")."""
    text = text.strip().strip(",.;:\"'\u201c\u201d")
    text = _LEADING_NOISE.sub("", text)
    text = re.sub(r"['\u2019]s?$", "", text).strip()
    return re.sub(r"^(the|The)\s+", "", text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# -- entity repair -----------------------------------------------------------------


def is_spurious_person(span: Span, kb: KnowledgeBase) -> bool:
    """Spans the model tags PERSON that cannot be people: places, weapons, common nouns."""
    text = clean_name(span.text)
    if not text or text[0].islower():
        return True
    if kb.place(text) or kb.weapon(text) or kb.country_code(text, metonymy=False):
        return True
    last = span[-1].lower_
    return last in _PLACE_WORDS | {"missile", "missiles"} | _ORG_WORDS


def repair_entities(doc: Doc, kb: KnowledgeBase) -> Doc:
    """Drop or relabel entities the small model gets wrong, using the knowledge base.

    - PERSON spans that are places ("Kim Il Sung Square"), weapons or common nouns
      ("hypersonic missiles") are relabelled FAC / WEAPON or dropped;
    - a PERSON span followed by a place word ("Kim Il Sung" + "Square") becomes a FAC;
    - a name tagged GPE/LOC/ORG in one sentence and PERSON in another ("Shoigu")
      becomes PERSON, unless the KB knows it as a country, place or organisation.
    """
    person_texts = {clean_name(e.text) for e in doc.ents if e.label_ in PERSON_LABELS}
    # "Trump" tagged ORG three times after "Donald Trump" was tagged PERSON once: a surname.
    full_names = [name for name in person_texts if " " in name]
    person_texts |= {name.split()[-1] for name in full_names}
    person_texts |= {_surname_of(name, kb.person(name).country if kb.person(name) else None) for name in full_names}
    repaired: list[Span] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.start in taken:
            continue
        if ent.label_ in PERSON_LABELS:
            following = doc[ent.end] if ent.end < len(doc) else None
            if following is not None and following.is_title and following.lower_ in _PLACE_WORDS | _ORG_WORDS and following.ent_type_ in ("", "PERSON", "FAC"):
                end = ent.end + 1
                if not any(e.start < end and e.end > ent.end for e in doc.ents if e != ent):
                    label = "FAC" if following.lower_ in _PLACE_WORDS else "ORG"
                    repaired.append(Span(doc, ent.start, end, label=label))
                    taken.update(range(ent.start, end))
                    continue
            if is_spurious_person(ent, kb):
                text = clean_name(ent.text)
                if kb.place(text) or ent[-1].lower_ in _PLACE_WORDS:
                    repaired.append(Span(doc, ent.start, ent.end, label="FAC"))
                elif ent[-1].lower_ in _ORG_WORDS:
                    repaired.append(Span(doc, ent.start, ent.end, label="ORG"))
                elif kb.weapon(text):
                    repaired.append(Span(doc, ent.start, ent.end, label="WEAPON"))
                continue
        elif ent.label_ in {"GPE", "LOC", "ORG"}:
            text = clean_name(ent.text)
            if text in person_texts and not (kb.country_code(text, metonymy=True, context=True) or kb.place(text) or kb.organisation(text)):
                repaired.append(Span(doc, ent.start, ent.end, label="PERSON"))
                continue
        repaired.append(ent)
    doc.ents = repaired
    return doc


# -- titles ------------------------------------------------------------------------------


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
        return _unlisted_title_before(words, kb), country
    return text, country


def _unlisted_title_before(words: list[Token], kb: KnowledgeBase) -> str | None:
    """A capitalised title the KB does not list ("Chief Harbour Inspector"), kept as written.

    Every word but the head must be capitalised and the head must be a title's head noun
    (``kb/data/title_heads.json``), so "South Korean novelist" stays a description."""
    if not words or words[-1].lower_.rstrip(".") not in kb.title_heads:
        return None
    if not all(t.text[:1].isupper() or t.text in {"'s", "\u2019s", "-", "."} for t in words[:-1]):
        return None
    return words[0].doc[words[0].i : words[-1].i + 1].text.strip(" ,")


def _demonym_before(span: Span, kb: KnowledgeBase) -> str | None:
    """The country of a demonym or country name that opens the words right before a name
    ("South Korean novelist Kim ..."), unless those words belong to a phrase like "to North Korea"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and not (doc[i].is_punct or doc[i].pos_ in {"VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ", "NUM", "DET"} or "\n" in doc[i].whitespace_):
        i -= 1
    if i >= 0 and doc[i].pos_ == "ADP":
        return None
    words = list(doc[i + 1 : span.start])
    for n in (3, 2, 1):
        if len(words) >= n:
            country = _country_in(words[:n], kb)
            if country:
                return country
    return None


def _appositive(span: Span) -> list[Token]:
    """The words of an apposition after a name: "Yang Moo-jin, [a professor at ...],"."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return []
    words: list[Token] = []
    for token in doc[span.end + 1 : min(len(doc), span.end + 16)]:
        if token.text in {",", ";", ".", "\u2014", "(", ")", "[", "]", "\u201c", "\u201d", '"'} or token.lower_ in {"and", "who", "which", "was", "is"}:
            break
        if token.is_space or "\n" in token.text:
            break
        if token.ent_type_ == "PERSON" and words:
            break
        words.append(token)
    return words


def title_after(span: Span, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """An appositive title after a name ("Dmitry Medvedev, vice chairman of ...")."""
    words = _appositive(span)
    if not words or not words[0].is_lower and words[0].lower_ not in {"the", "a", "an"}:
        return None, None
    doc = span.doc
    text = doc[words[0].i : words[-1].i + 1].text
    title, _rank = kb.rank_of_title(text)
    stated = re.sub(r"^(the|a|an)\s+", "", text)
    if stated.split(" ", 1)[0].lower() in _SINGLING_WORDS:
        return None, None  # "the only leader of a member state to attend" says what they did, not what they are
    if title is None:
        # a title the KB does not list ("the Deputy Director of the Straits Maritime Bureau"), kept as written
        # (capitalised, as titles the text means as titles are: "the only leader of ..." is a description)
        head = re.split(r"\s+(?:of|for|to|at|in)\s+", stated, maxsplit=1)[0].split()
        if not head or head[-1].lower() not in kb.title_heads or not all(w[:1].isupper() for w in head):
            return None, None
    return stated, _country_in(words, kb)


def description_after(span: Span) -> str | None:
    """What an apposition says about a person, title or not ("a researcher at a Seoul think tank")."""
    words = _appositive(span)
    if not words:
        return None
    first = words[0]
    if first.lower_ not in {"a", "an", "the"} and not first.is_lower:
        return None
    if len(words) == 1 and first.lower_ in _POSITION_WORDS:
        return None
    if any(t.pos_ in {"VERB", "AUX"} and t.tag_ in {"VBD", "VBZ", "VBP"} for t in words):
        return None  # a clause ("..., said on Monday"), not a description
    text = span.doc[words[0].i : words[-1].i + 1].text
    text = re.sub(r"^(the|a|an)\s+", "", text).strip()
    return text if len(text) > 2 and text.lower() not in _POSITION_WORDS else None


def _country_in(tokens: list[Token], kb: KnowledgeBase) -> str | None:
    """A country named or implied by demonym inside a title ("Chinese", "Russia's").

    Inside an organisation's name the organisation's own country wins: a professor
    at the "University of North Korean Studies" is in Seoul.
    """
    for token in tokens:
        if token.ent_type_ == "ORG":
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            org = kb.organisation(clean_name(ent.text)) if ent is not None else None
            if org is not None and org.country:
                return org.country
    for size in (3, 2, 1):
        for start in range(0, len(tokens) - size + 1):
            chunk = " ".join(t.text for t in tokens[start : start + size])
            code = kb.country_code(chunk, metonymy=False)
            if code:
                return code
    return None


# -- per-document state ----------------------------------------------------------------


class DocumentActors:
    """Per-document resolution state: who has been named in full so far, and with what title."""

    def __init__(self, kb: KnowledgeBase, anchor: str | None = None) -> None:
        self.kb = kb
        self.anchor = anchor
        self.by_surname: dict[str, list[str]] = {}
        self.by_given: dict[str, str] = {}
        self.known: dict[str, ActorMention] = {}
        self.titles: dict[str, list[str]] = {}  # actor id -> titles the document gives them
        self.counts: dict[str, int] = {}
        self.unknown_names: dict[str, str] = {}

    def remember(self, mention: ActorMention, surname: str | None) -> None:
        self.known.setdefault(mention.actor_id, mention)
        self.counts[mention.actor_id] = self.counts.get(mention.actor_id, 0) + 1
        if mention.title:
            self.titles.setdefault(mention.actor_id, []).append(mention.title)
        if surname:
            ids = self.by_surname.setdefault(fold(surname), [])
            if mention.actor_id not in ids:
                ids.append(mention.actor_id)
        parts = mention.name.split()
        if len(parts) > 1:
            self.by_given.setdefault(fold(parts[-1]), mention.actor_id)

    def stated_families(self, actor_id: str) -> set[str]:
        """The offices the titles in this document give a person."""
        found = {self.kb.title_family(t) for t in self.titles.get(actor_id, ())}
        found.discard(None)
        if found & {"party_leader", "head_of_state"}:
            found.add("leader")
        return found  # type: ignore[return-value]

    def families(self, actor_id: str) -> set[str]:
        """The offices this document or the KB (on the document date) gives a person."""
        kb = self.kb
        found = {kb.title_family(t) for t in self.titles.get(actor_id, ())}
        for office in kb.offices_at(actor_id, self.anchor) if self.anchor else kb.offices.get(actor_id, []):
            found.add(kb.office_family(office))
        found.discard(None)
        if found & {"leader", "party_leader", "head_of_state"} or self._top(actor_id):
            found.add("leader")
        return found  # type: ignore[return-value]

    def _top(self, actor_id: str) -> bool:
        office = self.kb.office_at(actor_id, self.anchor) if self.anchor else None
        return bool(office and office.rank is not None and office.rank <= 10)

    def seniority(self, actor_id: str) -> tuple[int, int, int]:
        """Sort key among namesakes: most senior office, then most mentioned, then first named."""
        rank = _rank(self.kb, actor_id, self.anchor)
        if rank == 999:
            for title in self.titles.get(actor_id, ()):
                _t, r = self.kb.rank_of_title(title)
                if r is not None:
                    rank = min(rank, r)
        order = list(self.known).index(actor_id) if actor_id in self.known else 999
        return (rank, -self.counts.get(actor_id, 0), order)


def _rank(kb: KnowledgeBase, actor_id: str, date: str | None) -> int:
    office = kb.office_at(actor_id, date)
    return office.rank if office and office.rank is not None else 999


def _split_title(text: str, kb: KnowledgeBase) -> tuple[str | None, str]:
    """ "Premier Li" -> ("Premier", "Li"): a title the model put inside a PERSON span."""
    words = text.split()
    for cut in range(min(len(words) - 1, 4), 0, -1):
        head = " ".join(words[:cut])
        phrase = kb.title_phrase(head)
        if phrase is not None and fold(phrase.phrase) == fold(head):
            return head, " ".join(words[cut:])
    return None, text


def _with_office(mention: ActorMention, kb: KnowledgeBase, date: str | None) -> ActorMention:
    office = kb.office_at(mention.actor_id, date) if date else None
    if office is None:
        return mention
    return replace(mention, office=office.title, rank=office.rank)


def _surname_of(name: str, country: str | None) -> str:
    parts = name.split()
    if country in _SURNAME_FIRST or (len(parts) >= 2 and re.search(r"-[a-z]", parts[-1])):
        return parts[0]  # Korean, Chinese, Vietnamese order: "Yang Moo-jin" is Mr Yang
    return parts[-1]


def _pick(candidates: list[str], title: str | None, state: DocumentActors) -> str | None:
    """One person among namesakes the document named: the title decides, else seniority."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    family = state.kb.title_family(title) if title else None
    if family:
        fitting = [c for c in candidates if family in state.families(c)]
        if len(fitting) == 1:
            return fitting[0]
        if fitting:
            candidates = fitting
    return min(candidates, key=state.seniority)


def link_person(span: Span, state: DocumentActors) -> ActorMention | None:
    kb = state.kb
    text = clean_name(span.text)
    if not text:
        return None
    title, title_country = title_before(span, kb)
    after_title, after_country = title_after(span, kb)
    written = text
    inner_title, text = _split_title(text, kb)
    title = title or inner_title or after_title
    title_country = title_country or after_country
    start, end = span.start_char, span.end_char
    actor = kb.person(text)
    via = "name"
    namesake_of = None
    if actor is not None and actor.country:
        # "South Korean novelist Kim Yong-chol" is not North Korea's Kim Yong Chol: a namesake is
        # merged with the KB's person only when nothing the text says about them contradicts it
        stated_country = _demonym_before(span, kb)
        if stated_country and stated_country != actor.country and not any(o.country == stated_country for o in kb.offices.get(actor.id, [])):
            namesake_of, actor = actor.country, None
    if actor is None and " " not in text:
        # A surname (or a Korean given name) alone: the person this document named in full.
        via = "surname"
        actor_id = _pick(state.by_surname.get(fold(text), []), title, state) or state.by_given.get(fold(text))
        if actor_id and actor_id in kb.actors:
            actor = kb.actors[actor_id]
        elif actor_id and actor_id in state.known:
            first = state.known[actor_id]
            mention = ActorMention(start, end, span.start, span.end, span.text, actor_id, first.name, "person", first.country, title, False, description=first.description, via="surname")
            state.remember(mention, None)
            return mention
        elif state.anchor:
            # Nobody in this document had the name in full: a surname that only one
            # office holder of the day carries ("Shoigu" in July 2023) is still safe.
            holders = kb.people_with_surname(text, state.anchor)
            family = kb.title_family(title) if title else None
            if family and len(holders) > 1:
                fitting = [a for a in holders if any(kb.office_family(o) == family for o in kb.offices_at(a.id, state.anchor))]
                holders = fitting or holders
            if len(holders) == 1:
                actor = holders[0]
            elif holders:
                # News calls a head of state or party leader by surname alone; namesakes get a first name.
                ranked = sorted(holders, key=lambda a: _rank(kb, a.id, state.anchor))
                if _rank(kb, ranked[0].id, state.anchor) <= 10 and _rank(kb, ranked[1].id, state.anchor) > 10:
                    actor = ranked[0]
    if actor is not None:
        mention = ActorMention(start, end, span.start, span.end, span.text, actor.id, actor.name, "person", actor.country or title_country, title, via=via)
        mention = _with_office(mention, kb, state.anchor)
        state.remember(mention, kb.surnames.get(actor.id))
        if actor.id in kb.short_names:
            ids = state.by_surname.setdefault(fold(kb.short_names[actor.id]), [])
            if actor.id not in ids:
                ids.append(actor.id)
        return mention
    if " " not in text and title is None:
        return None  # a lone name nobody introduced: too ambiguous to make an actor of
    text = written if inner_title and " " not in text else text  # "King Abdullah" is how the text names him
    actor_id = "person:" + slug(text) + (f"-{title_country.lower()}" if namesake_of and title_country else "")
    description = description_after(span) or (title if title else None)
    mention = ActorMention(start, end, span.start, span.end, span.text, actor_id, text, "person", title_country, title, False, description=description)
    state.remember(mention, _surname_of(text, title_country))
    return mention


# -- title-only mentions --------------------------------------------------------------


def _title_index(kb: KnowledgeBase) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> (words, family) for the titles that name one office ("the premier")."""
    cached = getattr(kb, "_tribune_title_index", None)
    if cached is not None:
        return cached
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in kb.titles:
        if not phrase.family:
            continue
        words = tuple(phrase.phrase.lower().replace("-", " - ").split())
        index.setdefault(words[0], []).append((words, phrase.family))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    object.__setattr__(kb, "_tribune_title_index", index)
    return index


def _country_before(doc: Doc, i: int, kb: KnowledgeBase) -> tuple[str | None, int]:
    """A country written just before token i ("Russia's", "North Korean", "the U.S."): (code, first token)."""
    j = i - 1
    if j >= 0 and doc[j].tag_ == "POS":
        j -= 1
    if j < 0 or doc[j].ent_type_ not in {"GPE", "NORP"}:
        return None, i
    ent = next((e for e in doc.ents if e.start <= j < e.end), None)
    if ent is None:
        return None, i
    code = kb.country_code(clean_name(ent.text), metonymy=True)
    return (code, ent.start) if code else (None, i)


def title_mentions(doc: Doc, kb: KnowledgeBase, state: DocumentActors, linked: list[ActorMention]) -> list[ActorMention]:
    """ "the premier", "the North Korean leader", "Russia's defence minister": the person meant.

    The person this document named with that office (the nearest one before, if
    several), else the KB's only holder of that office in that country on the
    document date. A title followed by a name ("Premier Li") is the name's, not a mention.
    """
    index = _title_index(kb)
    taken = {i for m in linked for i in range(m.token_start, m.token_end)}
    in_entity = {i for e in doc.ents if e.label_ in {"PERSON", "ORG", "WORK_OF_ART", "FAC", "EVENT", "LAW"} for i in range(e.start, e.end)}
    out: list[ActorMention] = []
    i = 0
    while i < len(doc):
        entries = index.get(doc[i].lower_)
        if not entries or i in taken or i in in_entity:
            i += 1
            continue
        match = None
        for words, family in entries:
            if tuple(t.lower_ for t in doc[i : i + len(words)]) == words:
                match = (len(words), family)
                break
        if match is None:
            i += 1
            continue
        size, family = match
        end = i + size
        last = doc[end - 1]
        i_next = end
        if last.tag_ in {"NNS", "NNPS"} or any(j in in_entity or j in taken for j in range(i, end)):
            i = end
            continue
        following = doc[end] if end < len(doc) else None
        if following is not None and (following.pos_ == "PROPN" or following.ent_type_ == "PERSON" or following.text in {"-", "\u2013"}):
            i = end
            continue  # "Premier Li Qiang": a title before a name
        country, first = _country_before(doc, i, kb)
        if following is not None and following.lower_ == "of":
            ent = next((e for e in doc.ents if e.start in {end + 1, end + 2} and e.label_ in {"GPE", "NORP"}), None)
            code = kb.country_code(clean_name(ent.text), metonymy=False) if ent is not None else None
            if code is None:
                i = end
                continue  # "the leader of the opposition"
            country = country or code
            end = ent.end
        before = doc[first - 1] if first > 0 else None
        if before is not None and (before.lower_ in _NOT_A_TITLE_BEFORE or before.tag_ in {"PRP$", "CD"} or before.ent_type_ in {"PERSON", "ORDINAL"}):
            i = i_next
            continue
        has_article = before is not None and before.lower_ == "the"
        if not has_article and country is None:
            i = i_next
            continue
        actor_id = _resolve_title(family, country, first, state, linked + out)
        if actor_id is not None:
            start_token = first
            span = doc[start_token:end]
            actor = kb.actors.get(actor_id)
            known_mention = state.known.get(actor_id)
            name = actor.name if actor else (known_mention.name if known_mention else actor_id)
            actor_country = (actor.country if actor else None) or country or (known_mention.country if known_mention else None)
            via = "title" if actor_id in state.known else "office"
            mention = ActorMention(span.start_char, span.end_char, span.start, span.end, span.text, actor_id, name, "person", actor_country, span.text, actor is not None, description=known_mention.description if known_mention else None, via=via)
            out.append(_with_office(mention, kb, state.anchor))
            taken.update(range(start_token, end))
        i = max(end, i + 1)
    return out


def _resolve_title(family: str, country: str | None, position: int, state: DocumentActors, linked: list[ActorMention]) -> str | None:
    kb = state.kb
    people = [m for m in linked if m.kind == "person" and (country is None or m.country == country)]
    # The titles this document gives people first ("President Trump" is "the president", even
    # if the KB also calls Kim Jong Un president of a commission), then their KB offices.
    fitting = [m for m in people if family in state.stated_families(m.actor_id)]
    if not fitting:
        fitting = [m for m in people if family in state.families(m.actor_id)]
    ids = {m.actor_id for m in fitting}
    if len(ids) == 1:
        return ids.pop()
    if ids:
        before = [m for m in fitting if m.token_start < position]
        chosen = max(before, key=lambda m: m.token_start) if before else min(fitting, key=lambda m: m.token_start)
        return chosen.actor_id
    if country and state.anchor:
        holders = {o.actor_id for o in kb.holders(family, country, state.anchor)}
        if len(holders) == 1:
            return holders.pop()
    return None


# -- countries, governments and places ----------------------------------------------------


def _locative(ent: Span) -> bool:
    """Whether a capital or seat of power is used as a place here ("in Pyongyang", "visited Beijing")."""
    token = ent.root
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    head = token.head
    if token.dep_ == "pobj":
        prep = head.lower_
        if prep in LOCATIVE_PREPS:
            return True
        if prep in DIRECTIONAL_PREPS:
            return head.head.lemma_.lower() in MOTION_LEMMAS or head.head.lower_ in MOTION_LEMMAS
        return False
    if token.dep_ in {"dobj", "obj"} and head.lemma_.lower() in PLACE_VERBS:
        return True
    if token.dep_ in {"compound", "nmod"}:
        return head.lemma_.lower() not in GOVERNMENT_NOUNS
    if token.dep_ == "appos":
        return True
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].ent_type_ == "GPE":
        return True  # a dateline or address: "Seoul, South Korea"
    return False


def _context_country(doc: Doc, kb: KnowledgeBase, code: str, mentioned: set[str]) -> bool:
    """ "the North" means North Korea only in a text that names North or South Korea."""
    country = kb.countries.get(code)
    if country is None:
        return False
    if code in mentioned:
        return True
    siblings = {c for c in mentioned if c in kb.countries and set(fold(kb.countries[c].name).split()) & set(fold(country.name).split()) - {"north", "south", "east", "west", "republic", "of", "the"}}
    return bool(siblings)


def _country_mentions(doc: Doc, kb: KnowledgeBase) -> tuple[list[ActorMention], list[ActorMention]]:
    """Country and government mentions, and the capitals used as places."""
    countries: list[ActorMention] = []
    places: list[ActorMention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in METONYM_LABELS:
            continue
        text = clean_name(ent.text)
        code = kb.country_code(text, metonymy=False) if ent.label_ in COUNTRY_LABELS else None
        if code and code in kb.countries:
            countries.append(ActorMention(ent.start_char, ent.end_char, ent.start, ent.end, ent.text, "country:" + code, kb.countries[code].name, "country", code))
            covered.update(range(ent.start, ent.end))
            continue
        if ent.label_ == "ORG" and kb.organisation(text):
            continue
        code = kb.country_code(text, metonymy=True)
        if code and code in kb.countries and kb.is_capital_or_seat(text):
            covered.update(range(ent.start, ent.end))
            if _locative(ent):
                place = kb.place(text)
                places.append(ActorMention(ent.start_char, ent.end_char, ent.start, ent.end, ent.text, place.id if place else "place:" + slug(text), place.name if place else text, "place", code, via="metonym"))
            else:
                countries.append(ActorMention(ent.start_char, ent.end_char, ent.start, ent.end, ent.text, "country:" + code, kb.countries[code].name, "country", code, government=True, via="metonym"))
    mentioned = {m.country for m in countries if m.country}
    # "the North", "the South": context aliases, whether or not the model made them entities.
    for token in doc:
        if token.i in covered or token.i == 0 or doc[token.i - 1].lower_ != "the" or not token.is_title:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and doc[token.i + 1].tag_ != "POS":
            continue  # "the North Atlantic", "the North Korean leader"
        code = kb.country_code("the " + token.text, metonymy=False, context=True)
        if not code or kb.country_code(token.text, metonymy=False) or not _context_country(doc, kb, code, mentioned):
            continue
        span = doc[token.i - 1 : token.i + 1]
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            places.append(ActorMention(span.start_char, span.end_char, span.start, span.end, span.text, "place:" + slug(kb.countries[code].name), kb.countries[code].name, "place", code, via="context"))
            continue
        countries.append(ActorMention(span.start_char, span.end_char, span.start, span.end, span.text, "country:" + code, kb.countries[code].name, "country", code, government=True, via="context"))
    return countries, places


def _organisation(ent: Span, kb: KnowledgeBase):
    """The organisation an ORG entity names; a country written before it picks the national body
    ("Russia's Security Council" is not the UN's)."""
    text = clean_name(ent.text)
    doc = ent.doc
    j = ent.start - 1
    if j >= 0 and doc[j].tag_ == "POS":
        j -= 1
    if j >= 0 and doc[j].ent_type_ in {"GPE", "NORP"}:
        prefix_ent = next((e for e in doc.ents if e.start <= j < e.end), None)
        if prefix_ent is not None:
            code = kb.country_code(clean_name(prefix_ent.text), metonymy=False)
            if code:
                for name in (f"{clean_name(prefix_ent.text)}'s {text}", f"{clean_name(prefix_ent.text)} {text}", f"{text} of {kb.countries[code].name}"):
                    org = kb.organisation(name)
                    if org:
                        return org
                org = kb.organisation(text)
                if org is not None and org.country is None:
                    return None  # a national body the KB does not have; not the international one
                return org
    return kb.organisation(text)


def link_actors(doc: Doc, kb: KnowledgeBase, anchor: str | None = None) -> list[ActorMention]:
    """Every person, organisation and country mentioned, linked to an actor id.

    ``anchor`` is the document's date, used to resolve a lone surname or a title
    against the people who held office on that day.
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
    mentions.extend(title_mentions(doc, kb, state, sorted(mentions, key=lambda m: m.start)))
    for ent in doc.ents:
        if ent.label_ in ORG_LABELS:
            org = _organisation(ent, kb)
            if org:
                mentions.append(ActorMention(ent.start_char, ent.end_char, ent.start, ent.end, ent.text, org.id, org.name, "organisation", org.country))
    countries, _places = _country_mentions(doc, kb)
    mentions.extend(countries)
    mentions.sort(key=lambda m: m.start)
    return mentions


def place_mentions(doc: Doc, kb: KnowledgeBase) -> list[ActorMention]:
    """Capitals and regions used as places ("a parade in Pyongyang"), plus the KB's named places."""
    _countries, places = _country_mentions(doc, kb)
    seen = {m.token_start for m in places}
    for ent in doc.ents:
        if ent.label_ in LOCATION_LABELS and ent.start not in seen:
            place = kb.place(clean_name(ent.text))
            if place is not None:
                places.append(ActorMention(ent.start_char, ent.end_char, ent.start, ent.end, ent.text, place.id, place.name, "place", place.country))
    return sorted(places, key=lambda m: m.start)


if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)


@Language.factory("tribune_places", default_config={"kb_dirs": []})
def make_place_linker(nlp: Language, name: str, kb_dirs: list[str]):
    """``doc._.places``: capitals used as places and the KB's named places, as ActorMentions of kind place."""
    from tribune.nlp.components import knowledge_base

    kb = knowledge_base(tuple(kb_dirs))

    def place_linker(doc: Doc) -> Doc:
        doc._.places = place_mentions(doc, kb)
        return doc

    return place_linker
