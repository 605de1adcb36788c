"""Event mentions from a parsed document: trigger, type, status, date, place, participants, weapons.

One EventMention per (sentence, event type). Sentences that hold no trigger
but say who attended ("On the reviewing stand, Kim was flanked by ...") are
mentions of the event the document is about. Mentions of one event inside a
document are then grouped (``group``), so that "the parade" three paragraphs
down inherits the date that the first sentence gave.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from tribune.events.lexicon import TriggerRule, participation_matcher, trigger_matcher
from tribune.events.status import mention_status
from tribune.kb.knowledge import KnowledgeBase
from tribune.nlp.actors import ActorMention, clean_name
from tribune.records import DateValue, EventMention, Location, Participant, Status, Timex, Weapon, content_id
from tribune.temporal.docdate import infer_document_date

SUBSUMES = {"summit": {"meeting"}, "parade": {"ceremony", "exhibition"}, "weapons_test": {"exhibition"}}
"""When both fire in one sentence, the first type is the event and the others are its parts."""

GATHERING_TYPES = ("parade", "ceremony", "summit", "meeting", "visit", "exhibition")
COUNTRY_PARTY_TYPES = {"arms_transfer", "troop_deployment", "sanction", "agreement", "military_exercise", "weapons_test"}
WEAPON_CONTEXT = {"missile", "icbm", "rocket", "weapon", "satellite", "projectile", "warhead", "drone"}
MILITARY_CONTEXT = {"military", "joint", "naval", "army", "troop", "force", "air", "navy", "live-fire", "drill", "defense", "defence"}
REPORTING_LEMMAS = {"say", "announce", "report", "tell", "state", "publish", "release", "claim", "add", "confirm"}
AGREEMENT_NOUNS = {"treaty", "agreement", "accord", "pact", "deal", "declaration", "memorandum", "contract", "communique", "charter", "protocol", "document", "statement"}
SOURCE_LEMMAS = {"say", "tell", "note", "argue", "add", "explain", "predict", "assess", "comment"}
RELATION_NOUNS = {"ally", "aide", "friend", "son", "daughter", "wife", "husband", "brother", "sister", "adviser", "advisor", "envoy", "spokesman", "spokeswoman", "spokesperson", "confidant", "successor", "predecessor"}
TOP_TITLE_WORDS = {"leader", "president", "chairman", "king", "general secretary", "premier", "prime minister", "supreme leader"}


@dataclass
class Candidate:
    """A mention before grouping: what one sentence says about one event."""

    sentence: Span
    sentence_index: int
    trigger: Span
    type: str | None  # None for a participation sentence, typed when grouped
    status: Status | None  # None: the sentence does not say; inherits the group's
    date: DateValue | None
    date_evidence: str | None
    location: Location | None
    actors: list[ActorMention]
    weapons: list[Weapon]
    in_lead: bool
    group: int = -1


@lru_cache(maxsize=1)
def weapon_class_phrases() -> tuple[tuple[str, str], ...]:
    raw = json.loads(resources.files("tribune.events").joinpath("data").joinpath("weapon_classes.json").read_text("utf-8"))
    return tuple((k, v) for k, v in raw.items() if not k.startswith("_"))


class EventExtractor:
    """Holds the compiled matchers; call ``extract`` once per document."""

    def __init__(self, vocab, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.triggers, self.rules = trigger_matcher(vocab)
        self.participation: Matcher = participation_matcher(vocab)

    # -- detection ---------------------------------------------------------------

    def _triggers_by_sentence(self, doc: Doc) -> dict[int, dict[str, tuple[Span, TriggerRule]]]:
        sentence_of = {}
        for index, sent in enumerate(doc.sents):
            for token in sent:
                sentence_of[token.i] = index
        found: dict[int, dict[str, tuple[Span, TriggerRule]]] = {}
        for match_id, start, end in self.triggers(doc):
            rule = self.rules[doc.vocab.strings[match_id]]
            span = doc[start:end]
            sent = span.sent
            if not self._passes(rule, span, sent):
                continue
            per_type = found.setdefault(sentence_of[start], {})
            if rule.type not in per_type or start < per_type[rule.type][0].start:
                per_type[rule.type] = (span, rule)
        for per_type in found.values():
            for big, smalls in SUBSUMES.items():
                if big in per_type:
                    for small in smalls:
                        per_type.pop(small, None)
        return found

    def _passes(self, rule: TriggerRule, span: Span, sent: Span) -> bool:
        lemmas = {t.lemma_.lower() for t in sent}
        lowered = sent.text.lower()
        if rule.requires == "weapon_context" and not (lemmas & WEAPON_CONTEXT or any(e.label_ == "WEAPON" for e in sent.ents)):
            return False
        if rule.requires == "military_context" and not lemmas & MILITARY_CONTEXT:
            return False
        if rule.requires == "agreement_object":
            # "signed a treaty" is an agreement; "a letter signed by Putin" is not.
            objects = {c.lemma_.lower() for c in span.root.children if c.dep_ in {"dobj", "obj", "nsubjpass"}}
            if span.root.dep_ in {"acl", "relcl"}:
                objects.add(span.root.head.lemma_.lower())
            if not objects & AGREEMENT_NOUNS:
                return False
        if any(p in lowered for p in rule.exclude_context):
            return False
        if span.text.lower() in rule.exclude_lower:
            return False
        head = span.root
        # A plural noun with no determiner and no date is a generic statement ("major parades").
        if head.tag_ == "NNS" and not any(c.dep_ in {"det", "poss"} for c in head.children) and not any(
            e.label_ in {"DATE", "TIME"} for e in sent.ents
        ):
            if rule.type not in {"sanction", "arms_transfer", "troop_deployment", "military_exercise", "meeting", "letter"}:
                return False
        return True

    # -- arguments ---------------------------------------------------------------

    def _date_for(self, trigger: Span, sent: Span, timexes: list[Timex]) -> tuple[DateValue | None, str | None]:
        doc = trigger.doc
        inside = [t for t in timexes if t.start >= sent.start_char and t.end <= sent.end_char and t.date() is not None]
        inside = [t for t in inside if not _inside_anniversary(doc, t)]
        attached: list[Timex] = []
        for timex in inside:
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and _linked(span.root, trigger.root):
                attached.append(timex)
        chosen = min(attached, key=lambda t: abs(t.start - trigger.start_char)) if attached else None
        if chosen is None and len(inside) == 1:
            # One date in the sentence, not tied by the parse: take it unless it dates a report about the event.
            span = doc.char_span(inside[0].start, inside[0].end, alignment_mode="expand")
            verb = _first_verb_above(span.root) if span is not None else None
            if verb is None or verb.lemma_.lower() not in REPORTING_LEMMAS:
                chosen = inside[0]
        anniversary = self._anniversary(sent)
        if chosen is not None:
            date = chosen.date()
            if anniversary and date and anniversary.value.startswith(date.value) and len(anniversary.value) > len(date.value):
                return anniversary, f"{chosen.text}; {anniversary.value}"
            return date, chosen.text
        if anniversary:
            return anniversary, "anniversary"
        return None, None

    def _anniversary(self, sent: Span) -> DateValue | None:
        for evidence in infer_document_date(sent.text):
            if evidence.source.startswith("anniversary"):
                return DateValue(evidence.value, evidence.precision)
        return None

    def _location_for(self, sent: Span, trigger: Span | None) -> Location | None:
        kb = self.kb
        facility = city = country = None
        for ent in sent.ents:
            if ent.label_ not in {"GPE", "LOC", "FAC"}:
                continue
            if trigger is not None and not _linked(ent.root, trigger.root):
                continue
            name = clean_name(ent.text)
            prev = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            possessive = ent.end < len(ent.doc) and ent.doc[ent.end].tag_ == "POS"
            if possessive and (trigger is None or ent.root.head != trigger.root):
                continue  # "in China's hierarchy" is not a place; "China's parade" is
            place = kb.place(name)
            if ent.label_ == "FAC" or (place is not None and place.kind == "place" and prev in {"in", "at", "on"}):
                facility = facility or Location(place.name if place else name, place.country if place else None)
                continue
            code = kb.country_code(name, metonymy=False)
            if code and prev in {"in", "at", "to"}:
                country = country or Location(kb.countries[code].name if code in kb.countries else name, code)
            elif code and possessive and country is None:
                country = Location(kb.countries[code].name if code in kb.countries else name, code)
            elif not code and prev in {"in", "at", "to"}:
                capital_of = kb.country_code(name, metonymy=True)
                city = city or Location(name, capital_of or (place.country if place else None))
        if city is not None:
            return city
        if facility is not None:
            if facility.country and facility.country in kb.countries and kb.countries[facility.country].capital:
                # A square or hall in a capital: report the city, as analysts file events by city.
                capital = kb.countries[facility.country].capital
                if capital and capital.lower() in sent.text.lower():
                    return Location(capital, facility.country)
            return facility
        return country

    def _weapons_for(self, sent: Span) -> list[Weapon]:
        weapons: dict[str, Weapon] = {}
        for ent in sent.ents:
            if ent.label_ != "WEAPON":
                continue
            name = clean_name(ent.text)
            known = self.kb.weapon(name)
            if known:
                weapons.setdefault(known.name, known)
            else:
                weapons.setdefault(name, Weapon(name, _class_near(ent), None))
        return list(weapons.values())

    def _roles(self, kind: str, sent: Span, actors: list[ActorMention], location: Location | None) -> list[tuple[ActorMention, str]]:
        lead_subjects: set[int] = set()
        host_subjects: set[int] = set()
        senders: set[int] = set()
        recipients: set[int] = set()
        speakers: set[int] = set()
        sources: set[int] = set()
        for token in sent:
            lemma = token.lemma_.lower()
            if lemma in SOURCE_LEMMAS and token.pos_ == "VERB":
                sources |= _agents(token)
            if lemma in {"lead", "head"} and token.pos_ == "VERB":
                lead_subjects |= _agents(token)
            if lemma == "send" and token.pos_ == "VERB":
                for child in token.children:
                    if child.dep_ in {"dobj", "obj"}:
                        lead_subjects |= _heads_with_conjuncts(child)
            if lemma in {"host", "hold", "welcome", "receive", "flank", "stage", "preside"} and token.pos_ == "VERB":
                host_subjects |= _agents(token) if lemma != "flank" else {t.i for t in token.children if t.dep_ in {"nsubjpass", "nsubj"}}
            if lemma in {"send", "convey", "sign", "write", "deliver", "provide", "supply", "express"} and token.pos_ == "VERB":
                senders |= _agents(token)
            if token.lower_ == "to" and token.head.lemma_.lower() in {"send", "convey", "deliver", "provide", "supply", "letter", "message", "sell", "ship", "transfer"}:
                for pobj in token.children:
                    if pobj.dep_ == "pobj":
                        recipients |= _heads_with_conjuncts(pobj)
            if lemma in {"say", "speak", "declare", "pledge", "warn", "give"} and token.pos_ == "VERB":
                speakers |= _agents(token)

        def covers(mention: ActorMention, indexes: set[int]) -> bool:
            return any(mention.token_start <= i < mention.token_end for i in indexes)

        out: list[tuple[ActorMention, str]] = []
        for actor in actors:
            if kind != "statement" and covers(actor, sources) and not covers(actor, lead_subjects | host_subjects | senders):
                continue  # an analyst quoted about the event is a source, not a participant
            role = None
            if covers(actor, recipients):
                role = "recipient"
            elif kind in {"letter", "arms_transfer", "troop_deployment"} and covers(actor, senders):
                role = "sender"
            elif covers(actor, lead_subjects) and kind in GATHERING_TYPES:
                role = "delegation_head"
            elif covers(actor, host_subjects) and kind in GATHERING_TYPES:
                role = "host"
            elif kind == "statement" and covers(actor, speakers):
                role = "speaker"
            if role is None:
                if actor.kind == "organisation":
                    continue  # an organisation named in passing is not a participant
                role = self._default_role(kind, actor, location)
            out.append((actor, role))
        return out

    def _default_role(self, kind: str, actor: ActorMention, location: Location | None) -> str:
        home = location.country if location else None
        top = self._is_top_leader(actor)
        if kind in {"parade", "ceremony", "exhibition"}:
            return "host" if home and actor.country == home and top else "attendee"
        if kind == "visit":
            if home and actor.country and actor.country != home:
                return "visitor"
            return "host" if home and actor.country == home and top else "other"
        if kind in {"meeting", "summit"}:
            return "host" if home and actor.country == home and top else "attendee"
        if kind == "letter":
            return "sender"
        if kind == "statement":
            return "speaker"
        if kind in {"arms_transfer", "troop_deployment"}:
            return "sender" if actor.kind == "country" else "other"
        if kind == "sanction":
            return "target" if actor.kind == "country" else "other"
        return "other"

    def _is_top_leader(self, actor: ActorMention) -> bool:
        if actor.title and any(w in actor.title.lower() for w in TOP_TITLE_WORDS):
            return True
        office = self.kb.office_at(actor.actor_id, None)
        return bool(office and office.rank is not None and office.rank <= 20)

    # -- the whole document ---------------------------------------------------------

    def extract(self, doc: Doc, doc_id: str, actors: list[ActorMention], timexes: list[Timex], published: str | None) -> list[EventMention]:
        sentences = list(doc.sents)
        triggers = self._triggers_by_sentence(doc)
        cue_sentences = {doc[s:e].sent.start for _, s, e in self.participation(doc)}
        lead_limit = 2
        candidates: list[Candidate] = []
        for index, sent in enumerate(sentences):
            in_sentence = [a for a in actors if sent.start_char <= a.start < sent.end_char and not _is_relation_of(a, doc)]
            weapons = self._weapons_for(sent)
            found = triggers.get(index, {})
            for kind, (span, _rule) in sorted(found.items(), key=lambda kv: kv[1][0].start):
                status = mention_status(span.root, sent)
                date, evidence = self._date_for(span, sent, timexes)
                location = self._location_for(sent, span)
                people = [a for a in in_sentence if a.kind != "country" or kind in COUNTRY_PARTY_TYPES]
                candidates.append(Candidate(sent, index, span, kind, status, date, evidence, location, people, weapons, index < lead_limit))
            if not found and sent.start in cue_sentences:
                people = [a for a in in_sentence if a.kind == "person"]
                if people or weapons:
                    root = sent[sent.root.i - sent.start : sent.root.i - sent.start + 1]
                    status = mention_status(sent.root, sent)
                    date, evidence = self._date_for(root, sent, timexes)
                    location = self._location_for(sent, root)
                    candidates.append(Candidate(sent, index, root, None, status, date, evidence, location, people, weapons, index < lead_limit))
        groups = group_candidates(candidates)
        return self._infer_delegation_heads(self._to_mentions(doc_id, candidates, groups, published))

    def _infer_delegation_heads(self, mentions: list[EventMention]) -> list[EventMention]:
        """At a parade or ceremony abroad, a country's most senior guest heads its delegation.

        That is how such reports read ("Premier Li Qiang attended the parade"),
        and it is what makes delegations comparable from one year to the next.
        """
        by_group: dict[int, list[EventMention]] = {}
        for m in mentions:
            by_group.setdefault(m.group, []).append(m)
        heads: dict[tuple[int, str], str] = {}
        for group, members in by_group.items():
            if members[0].type not in {"parade", "ceremony"}:
                continue
            home = next((m.location.country for m in members if m.location and m.location.country), None)
            if home is None:
                continue
            guests: dict[str, dict[str, tuple[int, str]]] = {}
            for m in members:
                if m.status not in (Status.HAPPENED, Status.PLANNED):
                    continue  # "fuelling speculation about a summit with Putin" puts no one on the stand
                for p in m.participants:
                    if p.actor_id.startswith("country:") or not p.country or p.country == home:
                        continue
                    rank = self._rank(p, m.date.value if m.date else None)
                    guests.setdefault(p.country, {})[p.actor_id] = (rank, p.role)
            for country, people in guests.items():
                if any(role == "delegation_head" for _rank, role in people.values()):
                    continue
                best = min(people.items(), key=lambda kv: (kv[1][0], kv[0]))
                if best[1][0] < 999:
                    heads[(group, country)] = best[0]
        if not heads:
            return mentions
        out = []
        for m in mentions:
            parts = tuple(
                replace(p, role="delegation_head") if heads.get((m.group, p.country or "")) == p.actor_id and p.role == "attendee" else p
                for p in m.participants
            )
            out.append(replace(m, participants=parts) if parts != m.participants else m)
        return out

    def _rank(self, participant: Participant, date: str | None) -> int:
        office = self.kb.office_at(participant.actor_id, date)
        if office and office.rank is not None:
            return office.rank
        _title, rank = self.kb.rank_of_title(participant.title)
        return rank if rank is not None else 999

    def _to_mentions(self, doc_id: str, candidates: list[Candidate], groups: list["Group"], published: str | None) -> list[EventMention]:
        mentions: list[EventMention] = []
        group_status: dict[int, Status] = {}
        for gi in range(len(groups)):
            said = {c.status for c in candidates if c.group == gi and c.status is not None}
            for status in (Status.HAPPENED, Status.PLANNED, Status.SPECULATED, Status.DENIED):
                if status in said:
                    group_status[gi] = status
                    break
        for candidate in candidates:
            if candidate.group < 0:
                continue
            group = groups[candidate.group]
            kind = group.type
            date = candidate.date or group.date
            location = candidate.location or group.location
            participants = []
            seen: set[str] = set()
            for actor, role in self._roles(kind, candidate.sentence, candidate.actors, location):
                if actor.actor_id in seen:
                    continue
                seen.add(actor.actor_id)
                title, source = actor.title, "text" if actor.title else None
                if title is None and actor.kind == "person":
                    office = self.kb.office_at(actor.actor_id, date.value if date else published)
                    title, source = (office.title, "kb") if office else (None, None)
                participants.append(Participant(actor.actor_id, actor.name, actor.country, title, role, source))
            status = candidate.status or group_status.get(candidate.group, Status.HAPPENED)
            if status == Status.HAPPENED and date is not None and published and _after(date.value, published):
                # An article cannot report as done what is dated after the article itself.
                status = Status.PLANNED
            sent = candidate.sentence
            confidence = 0.4 + 0.15 * bool(date) + 0.15 * bool(location) + 0.15 * bool(participants) + 0.1 * (candidate.type is not None)
            mention_id = content_id(f"{doc_id}|{sent.start_char}|{kind}|{candidate.trigger.start_char}", "m")
            mentions.append(
                EventMention(
                    id=mention_id,
                    doc_id=doc_id,
                    sentence_index=candidate.sentence_index,
                    start=sent.start_char,
                    end=sent.end_char,
                    sentence=sent.text.strip(),
                    trigger=candidate.trigger.text,
                    type=kind,
                    status=status,
                    date=date,
                    date_evidence=candidate.date_evidence,
                    location=location,
                    participants=tuple(participants),
                    weapons=tuple(candidate.weapons),
                    confidence=round(min(confidence, 0.95), 2),
                    group=candidate.group,
                )
            )
        return mentions


@dataclass
class Group:
    type: str
    date: DateValue | None
    location: Location | None
    members: list[int]
    score: float = 0.0


def _shares_people(c: Candidate, group: Group, candidates: list[Candidate]) -> bool:
    """An undated mention joins a group if it names nobody, or somebody the group already has."""
    people = {a.actor_id for a in c.actors if a.kind == "person"}
    members = {a.actor_id for m in group.members for a in candidates[m].actors if a.kind == "person"}
    if not people or not members:
        return True
    return bool(people & members)


def dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    """Two dates can be one event's when they agree at the coarser precision."""
    if a is None or b is None:
        return True
    n = min(len(a.value), len(b.value))
    return a.value[:n] == b.value[:n]


def types_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    pair = {a, b}
    return pair in ({"parade", "ceremony"}, {"summit", "meeting"})


def _more_precise(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if len(b.value) > len(a.value) else a


def group_candidates(candidates: list[Candidate]) -> list[Group]:
    """Group a document's mentions into its events; sets ``candidate.group``.

    Dated mentions form groups first (same type, compatible date and place).
    Undated mentions then join the group of the same type mentioned in the
    sentence just before, or else the document's main group of that type.
    Participation sentences join the main gathering.
    """
    groups: list[Group] = []
    for i, c in enumerate(candidates):
        if c.type is None or c.date is None:
            continue
        match = None
        for gi, g in enumerate(groups):
            if types_compatible(g.type, c.type) and g.date is not None and dates_compatible(g.date, c.date):
                if g.location and c.location and g.location.country and c.location.country and g.location.country != c.location.country:
                    continue
                match = gi
                break
        if match is None:
            groups.append(Group(c.type, c.date, c.location, [i]))
            match = len(groups) - 1
        else:
            g = groups[match]
            g.members.append(i)
            g.date = _more_precise(g.date, c.date)
            g.location = g.location or c.location
        c.group = match

    def score(g: Group) -> float:
        return len(g.members) + sum(2 for m in g.members if candidates[m].in_lead)

    def main_group(kinds) -> int | None:
        options = [gi for gi, g in enumerate(groups) if g.type in kinds]
        return max(options, key=lambda gi: (score(groups[gi]), -gi)) if options else None

    for i, c in enumerate(candidates):
        if c.type is None or c.date is not None:
            continue
        previous = [candidates[j] for j in range(i) if candidates[j].group >= 0 and c.sentence_index - candidates[j].sentence_index <= 1]
        target = None
        for p in reversed(previous):
            if types_compatible(groups[p.group].type, c.type):
                target = p.group
                break
        if target is None:
            target = main_group({c.type} | ({"parade", "ceremony"} if c.type in {"parade", "ceremony"} else set()))
            if target is not None and c.status in (Status.DENIED, Status.SPECULATED) and not c.in_lead and not _shares_people(c, groups[target], candidates):
                target = None  # "Xi will not visit" is not the visit the document reports
        if target is None:
            groups.append(Group(c.type, None, c.location, [i]))
            target = len(groups) - 1
        else:
            groups[target].members.append(i)
            groups[target].location = groups[target].location or c.location
        c.group = target

    for i, c in enumerate(candidates):
        if c.type is not None:
            continue
        target = main_group(set(GATHERING_TYPES))
        if target is None:
            continue
        if c.date is not None and groups[target].date is not None and not dates_compatible(c.date, groups[target].date):
            continue
        c.type = groups[target].type
        c.group = target
        groups[target].members.append(i)
    return groups


def _inside_anniversary(doc: Doc, timex: Timex) -> bool:
    """A date inside "the anniversary of the founding on Sept. 9, 1948" dates the founding, not the event."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    for ancestor in span.root.ancestors:
        if ancestor.lemma_.lower() in {"anniversary", "founding", "found", "establish", "birth", "since"}:
            return True
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in ancestor.children):
            return True
    return False


def _after(event_date: str, published: str) -> bool:
    """Whether a date lies after the publication date, compared at the coarser precision."""
    n = min(len(event_date), len(published))
    return n >= 7 and event_date[:n] > published[:n]


def _first_verb_above(token: Token) -> Token | None:
    current = token
    for _ in range(10):
        if current.head == current:
            return current if current.pos_ in {"VERB", "AUX"} else None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def _is_relation_of(actor: ActorMention, doc: Doc) -> bool:
    """A person named only as someone's relation ("a close ally of President Putin") is not a participant."""
    root = doc[actor.token_start : actor.token_end].root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in RELATION_NOUNS


def _anchors(trigger: Token) -> set[Token]:
    """The trigger and the verb that governs it: what a date or place must attach to."""
    anchors = {trigger}
    current = trigger
    for _ in range(4):
        if current.head == current:
            break
        current = current.head
        anchors.add(current)
        if current.pos_ in {"VERB", "AUX"}:
            break
    return anchors


def _linked(token: Token, trigger: Token) -> bool:
    """Whether a date or place belongs to the trigger's clause.

    Walk up from the expression until a verb: it belongs to the trigger if it
    reaches the trigger or the verb governing it. Also true when the trigger's
    own clause hangs off the expression ("in 2015, when X attended the parade").
    """
    anchors = _anchors(trigger)
    current = token
    for _ in range(10):
        if current in anchors:
            return True
        if current != token and current.pos_ in {"VERB", "AUX"}:
            break
        if current.head == current:
            break
        current = current.head
    current = trigger
    verbs_passed = 0
    for _ in range(8):
        if current == token:
            return True
        if current.pos_ in {"VERB", "AUX"} and current != trigger:
            verbs_passed += 1
            if verbs_passed > 1:
                break
        if current.head == current:
            break
        current = current.head
    return False


def _heads_with_conjuncts(token: Token) -> set[int]:
    out = {token.i}
    for child in token.children:
        if child.dep_ == "conj":
            out |= _heads_with_conjuncts(child)
        if child.dep_ == "appos":
            out.add(child.i)
    return out


def _agents(verb: Token) -> set[int]:
    """Who does the verb: the head of its subject (and conjuncts), its passive agent,
    or the subject of the verb it completes ("X is expected to lead")."""
    out: set[int] = set()
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            out |= _heads_with_conjuncts(child)
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out |= _heads_with_conjuncts(pobj)
    if not out and verb.dep_ in {"xcomp", "ccomp", "conj", "advcl"}:
        for child in verb.head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                out |= _heads_with_conjuncts(child)
    return out


def _class_near(ent: Span) -> str | None:
    """The class of an unknown weapon from the words before and after it."""
    doc = ent.doc
    window = doc[max(0, ent.start - 8) : min(len(doc), ent.end + 12)].text.lower()
    best = None
    for phrase, weapon_class in weapon_class_phrases():
        pos = window.find(phrase)
        if pos >= 0 and (best is None or len(phrase) > len(best[0])):
            best = (phrase, weapon_class)
    return best[1] if best else None
