"""Event mentions from a parsed document: trigger, type, status, date, place, participants, weapons.

One EventMention per (sentence, event type). Sentences that hold no trigger
but say who attended ("On the reviewing stand, Kim was flanked by ...") are
mentions of the event the document is about. Mentions of one event inside a
document are then grouped (``group``), so that "the parade" three paragraphs
down inherits the date that the first sentence gave.
"""

from __future__ import annotations

import json
import re
from datetime import date as _date
from datetime import timedelta as _timedelta
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from tribune.events.eventness import drop_unlikely_groups
from tribune.events.learned import LinearModel
from tribune.events.lexicon import TriggerRule, participation_matcher, trigger_matcher
from tribune.events.status import mention_status, participant_absent, represented_only
from tribune.kb.knowledge import KnowledgeBase
from tribune.nlp.actors import ActorMention, clean_name
from tribune.records import PARTICIPANT_STATUS_OF_MENTION, DateValue, EventMention, Location, Participant, Status, Timex, Weapon, content_id
from tribune.temporal.docdate import anniversary_evidence

SUBSUMES = {"attack": {"weapons_test"}, "summit": {"meeting", "visit"}, "parade": {"ceremony", "exhibition"}, "weapons_test": {"exhibition"}, "exhibition": {"visit"}}
"""When both fire in one sentence, the first type is the event and the others are its parts."""

GATHERING_TYPES = ("parade", "ceremony", "summit", "meeting", "visit", "exhibition")
EVENT_WORDS_NOT_PLACES = {"parade", "summit", "ceremony", "celebration", "festival", "meeting", "talks", "conference", "forum", "games", "exercise", "drill"}
ONLY_CITY_TYPES = {"visit", "summit"}  # trips and top-level talks: the one city a sentence names is where they are
COUNTRY_PARTY_TYPES = {"arms_transfer", "troop_deployment", "attack", "sanction", "agreement", "military_exercise", "weapons_test"}
WEAPON_CONTEXT = {"missile", "icbm", "rocket", "weapon", "satellite", "projectile", "warhead", "drone"}
MILITARY_CONTEXT = {"military", "joint", "naval", "army", "troop", "force", "air", "navy", "live-fire", "drill", "defense", "defence"}
REPORTING_LEMMAS = {"say", "announce", "report", "tell", "state", "publish", "release", "claim", "add", "confirm"}
AGREEMENT_NOUNS = {"treaty", "agreement", "accord", "pact", "deal", "declaration", "memorandum", "contract", "communique", "charter", "protocol", "document", "statement"}
SOURCE_LEMMAS = {"say", "tell", "note", "argue", "add", "explain", "predict", "assess", "comment"}
SPEECH_LEMMAS = {"say", "tell", "announce", "promise", "pledge", "vow", "warn", "write", "thank", "insist", "suggest", "urge"}
PRESS_NOUNS = {"reporter", "journalist", "press", "media", "newspaper", "interviewer"}
OFFICIAL_TITLE_WORDS = {"president", "minister", "premier", "leader", "chancellor", "secretary", "chairman", "chair", "king", "ambassador", "spokesman", "spokeswoman", "spokesperson", "diplomat", "general"}
TIME_CLAUSE_MARKS = {"before", "after", "until", "till", "once"}
HEDGED_DISPLAY_TYPES = {"parade", "exhibition", "weapons_test"}
HEDGED_WEAPONS_REACH = 3  # sentences after a speculated display in which hedged weapon lists still belong to it
GENERIC_PLURAL_TYPES = {"weapons_test", "military_exercise", "sanction", "arms_transfer", "troop_deployment", "visit"}
NEGATING_LEMMAS = {"cancel", "scrap", "drop", "postpone", "abandon", "scrub", "shelve", "skip"}
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
    earlier: bool = False  # an earlier event the sentence implies ("the first test since July")


def _hedged_weapon_sentence(sent: Span) -> bool:
    """Whether the verb that names the sentence's weapons is hedged ("candidates could include X")."""
    for ent in sent.ents:
        if ent.label_ != "WEAPON":
            continue
        verb = ent.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
            verb = verb.head
        if verb.pos_ in {"VERB", "AUX"} and mention_status(verb, sent) == Status.SPECULATED:
            return True
    return mention_status(sent.root, sent) == Status.SPECULATED


@lru_cache(maxsize=1)
def weapon_class_phrases() -> tuple[tuple[str, str], ...]:
    raw = json.loads(resources.files("tribune.events").joinpath("data").joinpath("weapon_classes.json").read_text("utf-8"))
    return tuple((k, v) for k, v in raw.items() if not k.startswith("_"))


class EventExtractor:
    """Holds the compiled matchers; call ``extract`` once per document."""

    def __init__(self, vocab, kb: KnowledgeBase, eventness: LinearModel | None = None) -> None:
        self.kb = kb
        self.eventness = eventness  # the learned keep-or-drop decision per group; None keeps every group
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
            if "agreement" in per_type and "statement" in per_type:
                a, st = per_type["agreement"][0], per_type["statement"][0]
                if (a.start < st.end and st.start < a.end) or st.root.head == a.root or any(t.head == a.root for t in st.root.ancestors):
                    per_type.pop("statement")  # "signed a joint statement" is an agreement
            for setting in ("parade", "summit", "meeting"):
                if setting in per_type and "visit" in per_type and (
                    _setting_of(per_type["visit"][0].root, per_type[setting][0].root)
                    or (setting != "parade" and _purpose_of(per_type["visit"][0].root, per_type[setting][0].root))
                ):
                    per_type.pop("visit")  # "Kim travelled to Beijing, where he stood with Xi at a parade": the parade is the news
            for setting in ("summit", "meeting"):
                if setting in per_type and "visit" in per_type and _trip_to_talks(per_type["visit"][0].root, per_type[setting][0].root):
                    per_type.pop("visit")  # "Kim visited Russia and met Putin", "Xi, on a state visit, held talks": the talks are the news
            for big, smalls in SUBSUMES.items():
                if big in per_type:
                    for small in smalls:
                        if small in per_type and _same_clause(per_type[big][0].root, per_type[small][0].root):
                            per_type.pop(small)
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
        if rule.requires == "agreement_verb" and not _agreed_document(span.root):
            return False
        if rule.requires == "agreement_or_effect" and not (_agreed_document(span.root) or _took_effect(span.root)):
            return False  # "calls for a ceasefire" is no agreement; "agreed to a ceasefire", "the truce took effect" are
        if rule.requires == "traveller_place" and not (
            _traveller(span.root)
            and any(
                c.dep_ in {"dobj", "obj"} and (c.ent_type_ in {"GPE", "LOC", "FAC"} or c.lemma_.lower() in {"town", "city", "capital", "border", "port", "airport"})
                for c in span.root.children
            )
        ):
            return False  # "expected to reach the border town on Tuesday"; not "reached an agreement"
        if rule.requires == "hostile_context" and not _hostile(span.root, sent, lemmas):
            return False  # "a heart attack", "Messi hit the post": no weapon, force or target in sight
        if rule.requires == "diplomat_context" and not lemmas & DIPLOMAT_NOUNS:
            return False  # "expelled from the party" is not a sanction
        if rule.requires == "sanction_verb_strict" and not _sanction_imposed(span.root, strict=True):
            return False
        if rule.requires == "weapon_or_military_context" and not (
            lemmas & (WEAPON_CONTEXT | MILITARY_CONTEXT | ARMOUR_NOUNS) or any(e.label_ == "WEAPON" for e in sent.ents)
        ):
            return False
        if rule.requires == "force_object" and not _deploys_forces(span.root):
            return False  # "deployed a new app": what is deployed must be a force
        if rule.requires == "dated_or_determined" and not (
            any(e.label_ == "DATE" for e in sent.ents) or any(c.dep_ in {"det", "poss"} for c in span.root.children)
        ):
            return False
        if rule.requires == "not_a_time_clause" and any(c.dep_ == "mark" and c.lower_ in TIME_CLAUSE_MARKS for c in span.root.children):
            return False  # "the parade came three weeks before Yoon takes office": the clause dates the parade
        if rule.requires == "formal_meal" and not _formal_meal(span.root):
            return False  # "the two leaders had dinner", "spoke at a dinner with business leaders": a meal, not a state occasion
        if rule.requires == "traveller" and not _traveller(span.root):
            return False  # "the missile flew for 50 minutes before landing in the sea"
        if rule.requires == "no_gathering_object" and any(
            t.lemma_.lower() in {"parade", "ceremony", "celebration", "festivity", "summit", "banquet", "reception", "dinner", "event"} for t in span[0].subtree
        ):
            return False  # "Kim hosted Li at the parade" tells who was at the parade, not another meeting
        if any(p in lowered for p in rule.exclude_context):
            return False
        if span.text.lower() in rule.exclude_lower:
            return False
        head = span.root
        dated = any(e.label_ in {"DATE", "TIME"} for e in sent.ents)
        # A plural noun with no determiner and no date is a generic statement ("major parades",
        # "Russian troop deployments", "arms transfers and technical exchanges").
        if head.tag_ == "NNS" and not any(c.dep_ in {"det", "poss", "nummod"} for c in head.children) and not dated:
            if rule.type not in {"meeting", "letter"}:
                return False
        plural = head.tag_ == "NNS" or (head.dep_ == "pobj" and head.tag_ == "VBZ")  # the tagger reads "launches" as a verb
        if plural and rule.type in GENERIC_PLURAL_TYPES and (
            (head.dep_ == "pobj" and head.head.lower_ in {"on", "about"} and head.head.head.pos_ == "NOUN")
            or any(c.lower_ in {"annual", "regular", "routine", "periodic"} for c in head.children)
        ):
            return False  # "share data on missile launches", "hold annual exercises": a topic or a routine, not an event
        # "North Korea's missile tests and the US's military exercises have intensified": a trend, not an event.
        if head.tag_ == "NNS" and not _dated_by_sentence(head) and rule.type in GENERIC_PLURAL_TYPES and not any(
            c.dep_ == "det" and c.lower_ in {"the", "these", "those", "both"} or c.dep_ == "nummod" for c in head.children
        ):
            return False
        if head.i > 1 and head.doc[head.i - 1].text == "-" and head.dep_ in {"amod", "compound"} and head.doc[head.i - 2].lower_ != "test":
            return False  # "submarine-launched missile" names a kind of missile
        if head.pos_ in {"VERB", "AUX"} and any(c.dep_ == "aux" and c.lower_ in {"can", "cannot"} for c in head.children):
            return False  # "solid-fuel missiles can be fired quickly": what a weapon can do, not an event
        if head.pos_ == "VERB" and any(c.lower_ in {"times", "occasions"} and c.dep_ in {"npadvmod", "dobj", "advmod"} for c in head.children):
            return False  # "Kim has met Xi five times": a tally, not a meeting
        if rule.requires == "sanction_verb" and not _sanction_imposed(head):
            return False
        if _is_modifier_noun(head, span):
            return False  # "a parade training ground", "summit venue": the word names a thing, not an event
        if _negated_or_called_off(head):
            return False  # "no agreement was signed", "Kim did not give a speech", "the trip was cancelled"
        return True

    # -- arguments ---------------------------------------------------------------

    def _date_for(self, trigger: Span, sent: Span, timexes: list[Timex]) -> tuple[DateValue | None, str | None]:
        doc = trigger.doc
        inside = [t for t in timexes if t.start >= sent.start_char and t.end <= sent.end_char and _timex_date(t) is not None]
        inside = [t for t in inside if not _inside_anniversary(doc, t, trigger.root)]
        root = trigger.root
        time_reference = root.dep_ == "pobj" and root.head.lower_ in {"before", "after"}
        if time_reference and any(c.dep_ == "npadvmod" for c in root.head.children):
            # "landed on Sunday, two days before the meeting": the day is the landing's, not the meeting's
            first, last = root.left_edge, root.right_edge
            inside = [t for t in inside if first.idx <= t.start and t.end <= last.idx + len(last.text)]
        attached: list[Timex] = []
        for timex in inside:
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and _linked(span.root, trigger.root):
                attached.append(timex)
        chosen = min(attached, key=lambda t: abs(t.start - trigger.start_char)) if attached else None
        if chosen is not None:
            # "in September last year": the more precise of two expressions that agree
            for other in attached:
                a, b = _timex_date(chosen), _timex_date(other)
                if a and b and len(b.value) > len(a.value) and dates_compatible(a, b):
                    chosen = other
        if chosen is None and len(inside) == 1 and not time_reference:
            # One date in the sentence, not tied by the parse: take it unless it dates a report about the event
            # (or the event only times another: "called off in May, after a meeting with Moon"),
            # or what a person did in a clause about them ("Kim, who arrived on Wednesday, said the meeting ...").
            span = doc.char_span(inside[0].start, inside[0].end, alignment_mode="expand")
            verb = _first_verb_above(span.root) if span is not None else None
            about_someone = verb is not None and verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children)
            if (verb is None or verb.lemma_.lower() not in REPORTING_LEMMAS) and not about_someone:
                chosen = inside[0]
        if chosen is None and len(inside) > 1 and not time_reference:
            # "Trump stood beside Macron on Friday as soldiers led the parade, a hundred years after ...":
            # the one day named in the sentence is the event's, unless it dates a report.
            days = [t for t in inside if len(_timex_date(t).value) == 10]
            if len(days) == 1:
                span = doc.char_span(days[0].start, days[0].end, alignment_mode="expand")
                verb = _first_verb_above(span.root) if span is not None else None
                if verb is None or verb.lemma_.lower() not in REPORTING_LEMMAS:
                    chosen = days[0]
        anniversary = self._anniversary(sent)
        if chosen is not None:
            date = _timex_date(chosen)
            if anniversary and date and anniversary.value.startswith(date.value) and len(anniversary.value) > len(date.value):
                return anniversary, f"{chosen.text}; {anniversary.value}"
            return date, chosen.text
        if anniversary:
            return anniversary, "anniversary"
        return None, None

    def _anniversary(self, sent: Span) -> DateValue | None:
        return _anniversary_of(sent.text)

    def _location_for(self, sent: Span, trigger: Span | None, kind: str | None = None) -> Location | None:
        kb = self.kb
        facility = city = country = None
        for ent in sent.ents:
            if ent.label_ not in {"GPE", "LOC", "FAC"}:
                continue
            if trigger is not None and not _linked(ent.root, trigger.root):
                continue
            if ent.root.lemma_.lower() in EVENT_WORDS_NOT_PLACES:
                continue  # "the Republic Day parade" read as a facility names the event, not where it was
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
            elif not code and (
                prev in {"in", "at", "to"}
                or (ent.root.dep_ == "dobj" and ent.root.head.lemma_.lower() in {"visit", "tour"})
            ):
                # "in Pyongyang", or what was visited: "Shoigu visited Pyongyang"
                capital_of = kb.country_code(name, metonymy=True)
                known = kb.city(name) if place is None and not capital_of and ent.label_ == "GPE" else None
                city = city or Location(name, capital_of or (place.country if place else known.country if known else None))
        if city is None and facility is None and kind in ONLY_CITY_TYPES:
            city = self._only_city(sent)
        if city is not None:
            return city
        if facility is not None:
            if facility.country and facility.country in kb.countries and kb.countries[facility.country].capital:
                # A square or hall in a capital: report the city, as analysts file events by city.
                capital = kb.countries[facility.country].capital
                if capital and any(e.text.lower() == capital.lower() and e.root.dep_ not in {"nsubj", "nsubjpass"} for e in sent.ents):
                    # "Moscow could help": the capital as the government that acts is not where the place lies
                    return Location(capital, facility.country)
            return facility
        return country

    def _cities_named(self, doc: Doc) -> dict[str, str]:
        """Country -> the city of it the document names most (first named wins a tie)."""
        counts: dict[tuple[str, str], int] = {}
        for ent in doc.ents:
            if ent.label_ != "GPE":
                continue
            name = clean_name(ent.text)
            if self.kb.country_code(name, metonymy=False):
                continue
            country = self.kb.country_code(name, metonymy=True)
            known = None if country else self.kb.city(name)
            country = country or (known.country if known else None)
            if country:
                counts[(country, name)] = counts.get((country, name), 0) + 1
        best: dict[str, tuple[int, str]] = {}
        for (country, name), n in counts.items():
            if country not in best or n > best[country][0]:
                best[country] = (n, name)
        return {country: name for country, (_n, name) in best.items()}

    def _city_for_country(self, location: Location | None, cities: dict[str, str]) -> Location | None:
        """ "arrived in Mongolia" in a report that names Ulaanbaatar: the event is filed under the city."""
        if location is None or not location.country or location.country not in cities:
            return location
        country = self.kb.countries.get(location.country)
        if country is None or location.name not in {country.name, *country.aliases}:
            return location
        return Location(cities[location.country], location.country)

    def _only_city(self, sent: Span) -> Location | None:
        """The one city a sentence places something in ("arrived in Riyadh ... for the summit"), when the
        event's own words name no place: with a single "in/at <city>" in the sentence there is nowhere else."""
        found: list[Location] = []
        for ent in sent.ents:
            if ent.label_ != "GPE" or ent.start == 0 or ent.doc[ent.start - 1].lower_ not in {"in", "at"}:
                continue
            name = clean_name(ent.text)
            if self.kb.country_code(name, metonymy=False):
                continue
            capital_of = self.kb.country_code(name, metonymy=True)
            known = None if capital_of else self.kb.city(name)
            if capital_of or known:
                found.append(Location(name, capital_of or known.country))
        return found[0] if len({f.name for f in found}) == 1 else None

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
                if lemma != "flank":
                    host_subjects |= _agents(token)
                elif any(t.dep_ == "nsubjpass" for t in token.children):
                    host_subjects |= {t.i for t in token.children if t.dep_ == "nsubjpass"}  # "Kim was flanked by Li"
                else:
                    for t in token.children:  # "Li and Medvedev flank Kim"
                        if t.dep_ in {"dobj", "obj"}:
                            host_subjects |= _heads_with_conjuncts(t)
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
        if kind == "statement" and any(covers(a, speakers) for a in actors):
            actors = [a for a in actors if covers(a, speakers)]  # who spoke, not whom they spoke about
        for actor in actors:
            if kind != "statement" and covers(actor, sources) and not covers(actor, lead_subjects | host_subjects | senders):
                continue  # an analyst quoted about the event is a source, not a participant
            if kind in GATHERING_TYPES and actor.kind == "person" and represented_only(sent.doc[actor.token_start : actor.token_end].root):
                continue  # "the special representative of President Xi": the envoy came, not Xi
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

    def _earlier_instances(self, candidates: list[Candidate], timexes: list[Timex], published: str | None = None) -> list[Candidate]:
        """ "Its first ICBM launch since July", "Putin's first visit since 2000": there was one then.

        The date after "since" dates an earlier event of the same kind, which the
        sentence reports as having happened.
        """
        out: list[Candidate] = []
        for c in candidates:
            if c.type not in {"weapons_test", "visit", "summit", "meeting", "parade", "military_exercise"}:
                continue
            root = c.trigger.root
            doc = root.doc
            for timex in timexes:
                if not (c.sentence.start_char <= timex.start and timex.end <= c.sentence.end_char):
                    continue
                date = _timex_date(timex)
                span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
                if date is None or span is None:
                    continue
                since = next((a for a in span.root.ancestors if a.lower_ == "since" and a.dep_ == "prep"), None)
                if since is None:
                    continue
                head = since.head
                if not (head == root or head in _anchors(root) or head.lemma_.lower() in EVENT_NOUNS.get(c.type, ())):
                    continue
                noun = head if head.pos_ in {"NOUN", "PROPN"} else root
                if not any(t.lower_ in {"first", "last"} for t in noun.subtree if t.i < noun.i):
                    continue  # "the first launch since July" implies one in July; "talks since July" do not
                if published and date.value[:7] > published[:7] and len(date.value) >= 7:
                    date = DateValue(str(int(date.value[:4]) - 1) + date.value[4:], date.precision)  # "since December", written in November
                people = [a for a in c.actors if c.type == "visit" and a.kind == "person"]
                out.append(replace(c, date=date, date_evidence=timex.text, status=Status.HAPPENED, actors=people, weapons=[], location=None, in_lead=False, earlier=True))
                break
        return out

    def _listed_years(self, candidates: list[Candidate], timexes: list[Timex], published: str | None) -> list[Candidate]:
        """ "Earlier rounds of the talks took place in Nairobi in 1998 and 2004": one event per year listed.

        Years joined only by commas and "and" are instances of the event the sentence tells; the first stays
        with the candidate, each other one is an earlier (or later) event of its own, placed where the
        sentence places them and attracting no other mention."""
        out: list[Candidate] = []
        for c in candidates:
            if c.type is None or c.earlier or c.date is None or c.date.precision != "year":
                continue
            inside = sorted(
                (t for t in timexes if c.sentence.start_char <= t.start and t.end <= c.sentence.end_char and len(t.value) == 4 and t.value.isdigit()),
                key=lambda t: t.start,
            )
            run = _coordinated_run(inside, c.sentence.doc.text, c.date.value)
            for timex in run:
                if timex.value == c.date.value:
                    continue
                status = c.status if published and timex.value > published[:4] else Status.HAPPENED
                out.append(replace(c, date=DateValue(timex.value, "year"), date_evidence=timex.text, status=status, actors=[], weapons=[], in_lead=False, earlier=True))
        return out

    def _denials(self, sentences: list[Span], candidates: list[Candidate]) -> list[Candidate]:
        """ "Washington accuses Pyongyang of supplying shells. Both countries deny the claim."

        A denial with no event word of its own denies the alleged event told in the
        sentence before it.
        """
        out: list[Candidate] = []
        by_sentence: dict[int, list[Candidate]] = {}
        for c in candidates:
            by_sentence.setdefault(c.sentence_index, []).append(c)
        for index, sent in enumerate(sentences):
            if index in by_sentence or index == 0:
                continue
            denial = next((t for t in sent if t.lemma_.lower() in {"deny", "reject", "dismiss", "refute"} and t.pos_ == "VERB"), None)
            if denial is None:
                continue
            objects = [c for c in denial.children if c.dep_ in {"dobj", "ccomp"}]
            if not objects or not any(o.dep_ == "ccomp" or o.lemma_.lower() in DENIED_OBJECTS for o in objects):
                continue
            alleged = [c for c in by_sentence.get(index - 1, []) if c.type in SINGULAR_TYPES and c.status in (Status.SPECULATED, Status.DENIED, None, Status.HAPPENED)]
            if not alleged:
                continue
            source = alleged[0]
            trigger = sent[denial.i - sent.start : denial.i - sent.start + 1]
            out.append(Candidate(sent, index, trigger, source.type, Status.DENIED, None, None, None, [], [], False))
        return out

    def _speech_act(self, sent: Span, actors: list[ActorMention], in_lead: bool = False) -> Span | None:
        """ "Kim said the North would ...", "Trump told reporters ...": what an office holder says is a statement.

        Analysts, professors and agencies say things too; they are sources, not
        speakers, so only a person who holds an office (in the KB or by the title
        the text gives) makes a speech act an event.
        """
        people = [a for a in actors if a.kind == "person" and (a.office or a.rank is not None or _official_title(a.title))]
        if not people:
            return None
        for token in sent:
            if token.lemma_.lower() not in SPEECH_LEMMAS or token.pos_ != "VERB":
                continue
            if token.dep_ in {"amod", "acl", "relcl", "pcomp"} or token.tag_ in {"VBG"}:
                continue
            press = token.lemma_.lower() == "tell" and any(c.dep_ in {"dobj", "dative"} and c.lemma_.lower() in PRESS_NOUNS for c in token.children)
            if (token.lemma_.lower() == "say" or press) and not (_dated_verb(token) or _on_the_record(token) or (in_lead and not press)):
                continue  # "X said ..." and "X told reporters ..." are how news quotes people; "X said on Monday", or said in the lead, is news
            agents = _agents(token)
            if any(a.token_start <= i < a.token_end for a in people for i in agents):
                return sent[token.i - sent.start : token.i - sent.start + 1]
        return None

    # -- the whole document ---------------------------------------------------------

    def extract(self, doc: Doc, doc_id: str, actors: list[ActorMention], timexes: list[Timex], published: str | None) -> list[EventMention]:
        """Propose candidates and group them, let the learned model drop groups that are no event, write the rest."""
        candidates, groups = self.propose(doc, actors, timexes, published)
        if self.eventness is not None:
            drop_unlikely_groups(candidates, groups, self.eventness)
        return self.finish(doc_id, candidates, groups, published)

    def propose(self, doc: Doc, actors: list[ActorMention], timexes: list[Timex], published: str | None) -> tuple[list[Candidate], list["Group"]]:
        """Every candidate mention the triggers and participation cues find, grouped into the document's events."""
        sentences = list(doc.sents)
        triggers = self._triggers_by_sentence(doc)
        cue_sentences: dict[int, Token] = {}
        for _, start, end in sorted(self.participation(doc), key=lambda m: m[1]):
            token = doc[start:end].root
            known = cue_sentences.get(token.sent.start)
            if known is None or (known.pos_ != "VERB" and token.pos_ == "VERB"):
                cue_sentences[token.sent.start] = token  # the cue verb ("will attend") says when and how sure
        lead_limit = 2
        candidates: list[Candidate] = []
        for index, sent in enumerate(sentences):
            in_sentence = [a for a in actors if sent.start_char <= a.start < sent.end_char and not _is_relation_of(a, doc)]
            weapons = self._weapons_for(sent)
            found = triggers.get(index, {})
            spoken = self._speech_act(sent, in_sentence, index < 3) if "statement" not in found else None
            if spoken is not None:
                found = dict(found)
                found["statement"] = (spoken, None)
            roots = [span.root for span, _rule in found.values()]
            for kind, (span, _rule) in sorted(found.items(), key=lambda kv: kv[1][0].start):
                status = mention_status(span.root, sent)
                if kind == "statement" and status == Status.SPECULATED and not _hedged_speech(span.root):
                    status = Status.HAPPENED  # "Trump suggested that something could happen": the hedge is in what he said
                date, evidence = self._date_for(span, sent, timexes)
                location = self._location_for(sent, span, kind)
                people = [
                    a
                    for a in in_sentence
                    if (a.kind != "country" or kind in COUNTRY_PARTY_TYPES) and _in_scope(doc, a, span.root, roots)
                ]
                candidates.append(Candidate(sent, index, span, kind, status, date, evidence, location, people, weapons, index < lead_limit))
            if not found and sent.start in cue_sentences:
                people = [a for a in in_sentence if a.kind == "person"]
                if people or weapons:
                    cue = cue_sentences[sent.start]
                    root = sent[cue.i - sent.start : cue.i - sent.start + 1]
                    status = mention_status(cue, sent)
                    date, evidence = self._date_for(root, sent, timexes)
                    location = self._location_for(sent, root)
                    candidates.append(Candidate(sent, index, root, None, status, date, evidence, location, people, weapons, index < lead_limit))
        for c in candidates:
            c.date = _next_weekday_if_ahead(c, published)
        candidates = [c for c in candidates if not _signed_at_a_past_summit(c, candidates, published)]
        candidates += self._earlier_instances(candidates, timexes, published)
        candidates += self._listed_years(candidates, timexes, published)
        candidates += self._denials(sentences, candidates)
        self._hedged_weapons(sentences, candidates)
        groups = group_candidates(candidates)
        _welcome_the_visitors(candidates, groups)
        return candidates, groups

    def finish(self, doc_id: str, candidates: list[Candidate], groups: list["Group"], published: str | None) -> list[EventMention]:
        """The mentions of the groups still standing, with their organisers' delegation heads."""
        homes: dict[int, str] = {}
        for c in candidates:
            if c.group >= 0 and c.group not in homes and c.type in GATHERING_TYPES:
                home = self._organiser(c.trigger.root)
                if home:
                    homes[c.group] = home
        return self._infer_delegation_heads(self._to_mentions(doc_id, candidates, groups, published), homes)

    def _hedged_weapons(self, sentences: list[Span], candidates: list[Candidate]) -> None:
        """Weapons a hedged sentence lists after a display that may happen belong to that display.

        "The parade could unveil new strategic weapons. ... Candidates could include the
        Hwasong-20" names no event of its own: the Hwasong-20 is what the speculated parade
        may show, so it joins that mention (and its status), never a display that happened.
        """
        displays = [c for c in candidates if c.type in HEDGED_DISPLAY_TYPES and c.status in (Status.SPECULATED, Status.PLANNED)]
        if not displays:
            return
        described = {c.sentence_index for c in candidates if c.type in HEDGED_DISPLAY_TYPES}
        for index, sent in enumerate(sentences):
            if index in described:
                continue
            weapons = self._weapons_for(sent)
            if not weapons or not _hedged_weapon_sentence(sent):
                continue
            before = [c for c in displays if index - HEDGED_WEAPONS_REACH <= c.sentence_index < index]
            if before:
                target = max(before, key=lambda c: c.sentence_index)
                known = {w.name for w in target.weapons}
                target.weapons = list(target.weapons) + [w for w in weapons if w.name not in known]

    def _organiser(self, trigger: Token) -> str | None:
        """The country that holds the event: "North Korea rolled out a missile at a parade", "China's parade"."""
        for child in trigger.children:
            if child.dep_ == "poss":
                code = self.kb.country_code(child.text, metonymy=True)
                if code:
                    return code
        verb = _first_verb_above(trigger) if trigger.pos_ not in {"VERB", "AUX"} else trigger
        for _ in range(3):  # "North Korea invited delegations to attend the celebrations"
            if verb is None:
                return None
            for child in verb.children:
                if child.dep_ in {"nsubj"}:
                    span = trigger.doc[child.left_edge.i : child.i + 1]
                    code = self.kb.country_code(span.text, metonymy=True) or self.kb.country_code(child.text, metonymy=True)
                    if code:
                        return code
                    return None  # someone else does it
            if verb.dep_ not in {"xcomp", "advcl", "conj", "ccomp"} or verb.head == verb:
                return None
            verb = verb.head
        return None

    def _infer_delegation_heads(self, mentions: list[EventMention], homes: dict[int, str] | None = None) -> list[EventMention]:
        """At a parade or ceremony abroad, a country's most senior guest heads its delegation.

        That is how such reports read ("Premier Li Qiang attended the parade"),
        and it is what makes delegations comparable from one year to the next.
        """
        by_group: dict[int, list[EventMention]] = {}
        for m in mentions:
            by_group.setdefault(m.group, []).append(m)
        heads: dict[tuple[int, str], str] = {}
        group_home = {g: next((m.location.country for m in ms if m.location and m.location.country), None) or (homes or {}).get(g) for g, ms in by_group.items()}
        # weighted by how much the article says about each: the main event's place wins
        known_homes = [group_home[m.group] for m in mentions if m.type in {"parade", "ceremony"} and group_home.get(m.group)]
        # a tie goes to the home named first (max keeps the first maximum; a set's order would follow the hash seed)
        doc_home = max(dict.fromkeys(known_homes), key=known_homes.count) if known_homes else None
        for group, members in by_group.items():
            if members[0].type not in {"parade", "ceremony"}:
                continue
            home = next((m.location.country for m in members if m.location and m.location.country), None)
            if home is None:
                home = (homes or {}).get(group)
            if home is None and doc_home:
                home = doc_home  # an earlier parade in an article about this year's is held in the same place
            if home is None:
                # No place in this document's words: the host's country is where the guests came to.
                home = next((p.country for m in members for p in m.participants if p.role == "host" and p.country and not p.actor_id.startswith("country:")), None)
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
                if best[1][0] < 999 or len(people) == 1:
                    heads[(group, country)] = best[0]  # the most senior guest, or the only one the article names
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
            if Status.DENIED in said and said <= {Status.SPECULATED, Status.DENIED}:
                group_status[gi] = Status.DENIED  # alleged by one side, denied by the other: reported as denied
        carried = _carry_dates(candidates, groups, group_status)
        cities = self._cities_named(candidates[0].sentence.doc) if candidates else {}
        for candidate in candidates:
            if candidate.group < 0:
                continue
            group = groups[candidate.group]
            kind = group.type
            date = candidate.date or group.date or carried.get(candidate.group)
            location = self._city_for_country(candidate.location or group.location, cities)
            participants = []
            absent: set[str] = set()
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
                if participant_absent(candidate.sentence.doc[actor.token_start : actor.token_end].root, candidate.trigger.root):
                    absent.add(actor.actor_id)
            status = candidate.status or group_status.get(candidate.group, Status.HAPPENED)
            if status == Status.SPECULATED and group_status.get(candidate.group) == Status.DENIED:
                status = Status.DENIED
            if status == Status.HAPPENED and date is not None and published and _after(date.value, published):
                # An article cannot report as done what is dated after the article itself.
                status = Status.PLANNED
            # each person's own part: what the mention says, unless their own words say they stayed away
            own = PARTICIPANT_STATUS_OF_MENTION[status.value]
            participants = [replace(p, status="absent" if p.actor_id in absent else own) for p in participants]
            sent = candidate.sentence
            confidence = 0.4 + 0.15 * bool(date) + 0.15 * bool(location) + 0.15 * bool(participants) + 0.1 * (candidate.type is not None)
            key = f"{doc_id}|{sent.start_char}|{kind}|{candidate.trigger.start_char}" + (f"|since {date.value}" if candidate.earlier and date else "")
            mention_id = content_id(key, "m")
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
    earlier: bool = False  # an earlier instance implied by "the first ... since": it attracts no other mention


def _day_of_the_summit(c: Candidate, group: Group, candidates: list[Candidate]) -> bool:
    """Talks on the next day of a summit held in the same city are part of it: "the summit, which takes
    place in Hanoi on Wednesday and Thursday ... talks the next day at a Hanoi hotel"; and "the parade
    began at midnight" is the parade of the day before."""
    if group.earlier or c.earlier:
        return False
    if not (group.type == "summit" and c.type in {"summit", "meeting"}) and not (group.type == "parade" and c.type == "parade" and _definite(c.trigger.root)):
        return False
    if group.date is None or c.date is None or len(group.date.value) < 10 or len(c.date.value) < 10:
        return False
    try:
        apart = abs((_date.fromisoformat(group.date.value[:10]) - _date.fromisoformat(c.date.value[:10])).days)
    except ValueError:
        return False
    if apart != 1 or (group.location is None and group.type != "parade"):
        return False
    if c.location is not None and group.location is not None:
        a, b = group.location.name.lower(), c.location.name.lower()
        if group.location.country != c.location.country or (a not in b and b not in a and group.type != "parade"):
            return False
    mine = _speakers(c)
    theirs = {p for m in group.members for p in _speakers(candidates[m])}
    return not mine or mine <= theirs


BACKGROUND_DAYS = 45
"""An event dated this long before its article is background to the news, not the news."""


def _signed_at_a_past_summit(c: Candidate, candidates: list[Candidate], published: str | None) -> bool:
    """ "Kim and Trump met in Singapore in June and signed a statement", in an article months later: the
    document recalls that summit, and what it produced is part of it, not an event of its own."""
    if c.type != "agreement" or c.date is None or not published or len(published) < 10 or c.status not in (None, Status.HAPPENED):
        return False
    try:
        last = _date.fromisoformat(c.date.value[:10]) if len(c.date.value) >= 10 else None
        if last is None and len(c.date.value) == 7:
            year, month = int(c.date.value[:4]), int(c.date.value[5:7])
            last = _date(year + month // 12, month % 12 + 1, 1) - _timedelta(days=1)
        elif last is None:
            last = _date(int(c.date.value[:4]), 12, 31)
        if (_date.fromisoformat(published[:10]) - last).days <= BACKGROUND_DAYS:
            return False
    except ValueError:
        return False
    return any(
        o is not c and o.sentence_index == c.sentence_index and o.type in {"summit", "meeting"} and o.date is not None and dates_compatible(o.date, c.date)
        for o in candidates
    )


def _trip_told_before(c: Candidate, groups: list[Group], candidates: list[Candidate]) -> int | None:
    """The group an undated trip that may happen refers to: "Kim may travel to Russia" is the trip to the
    summit with Putin the report speculates about."""
    if c.status not in (Status.SPECULATED, Status.PLANNED):
        return None
    mine = _speakers(c)
    if not mine:
        return None
    for gi, g in enumerate(groups):
        if g.type not in {"summit", "meeting"} or g.earlier:
            continue
        if any(candidates[m].status in (None, Status.HAPPENED) for m in g.members):
            continue
        if mine <= {p for m in g.members for p in _speakers(candidates[m])}:
            return gi
    return None


def _names_year(evidence: str | None) -> bool:
    """The date expression names its year ("in April 2019"): a past told as past, not this week's news."""
    return bool(evidence) and any(len(w) == 4 and w.isdigit() and w[:2] in {"19", "20"} for w in evidence.replace(",", " ").split())


def _welcome_the_visitors(candidates: list[Candidate], groups: list[Group]) -> None:
    """A ceremony that names nobody, held on the day of a visit (or told right after it) in the visited
    country, is the visit's:
    "an official welcome ceremony was held in the square" welcomes the visitor and the host."""
    for gi, group in enumerate(groups):
        members = [candidates[m] for m in group.members]
        if group.type != "ceremony" or group.earlier or any(_speakers(c) for c in members):
            continue
        if group.date is not None and len(group.date.value) < 10:
            continue
        for visit in groups:
            if visit.type != "visit" or visit.earlier or visit.date is None or len(visit.date.value) < 10:
                continue
            if group.date is not None and visit.date.value != group.date.value:
                continue
            if group.date is None and not any(0 <= c.sentence_index - candidates[m].sentence_index <= 1 for c in members for m in visit.members):
                continue  # undated: told right after the visit, so on its day
            if visit.location is None or group.location is None or visit.location.country != group.location.country:
                continue
            people: dict[str, ActorMention] = {}
            for m in visit.members:
                for a in candidates[m].actors:
                    if a.kind == "person":
                        people.setdefault(a.actor_id, a)
            if people:
                for c in members:
                    c.actors = [*c.actors, *people.values()]
                break


def _talks_of_the_visit(c: Candidate, group: Group, candidates: list[Candidate]) -> bool:
    """Talks held on the day of a visit, by the visit's own people, are part of the visit: "Putin arrived
    in Pyongyang on Wednesday ... the treaty was signed after talks on Wednesday"."""
    if group.type != "visit" or c.type != "meeting" or group.earlier or c.earlier or c.status not in (None, Status.HAPPENED):
        return False
    if group.date is None or c.date is None or len(c.date.value) < 10 or group.date.value != c.date.value:
        return False
    if c.location is not None and group.location is not None and c.location.country != group.location.country:
        return False
    mine = _speakers(c)
    theirs = {p for m in group.members for p in _speakers(candidates[m])}
    return not mine or mine <= theirs


def _shares_people(c: Candidate, group: Group, candidates: list[Candidate]) -> bool:
    """An undated mention joins a group if it names nobody, or somebody the group already has."""
    people = {a.actor_id for a in c.actors if a.kind == "person"}
    members = {a.actor_id for m in group.members for a in candidates[m].actors if a.kind == "person"}
    if not people:
        return True
    if not members:
        return False  # "the possibility of talks with Trump" is not the ministry's meeting that named no one
    return bool(people & members)


def _setting_of(visit: Token, event: Token) -> bool:
    """The event is told as what happened where the trip went: "travelled to X, where he watched the parade"."""
    for ancestor in event.ancestors:
        if ancestor.dep_ in {"relcl", "advcl"} and any(c.lower_ in {"where", "when"} for c in ancestor.children):
            place = ancestor.head
            trip_words = {"visit", "trip", "travel", "tour", "fly", "journey"}
            return (
                visit in place.ancestors
                or place in visit.subtree
                or place == visit
                or any(t.lemma_.lower() in trip_words for t in [place, *place.ancestors])
                or visit.i < ancestor.left_edge.i  # the parser hung the clause elsewhere; the trip is told first
            )
    return False


def _trip_to_talks(visit: Token, talks: Token) -> bool:
    """The trip is told only as the way to the talks: "visited Russia and met Putin" (one subject, two
    verbs joined), or the circumstance of them: "Xi, on a state visit, held talks"."""
    if visit.lemma_.lower() not in {"visit", "trip", "travel", "tour"}:
        return False  # "landed in Pyongyang and was met by Kim": the arrival is told for itself
    talks_verb = talks if talks.pos_ in {"VERB", "AUX"} else _first_verb_above(talks)
    if talks_verb is None:
        return False
    if visit.pos_ == "VERB":
        return (talks_verb.head == visit and talks_verb.dep_ == "conj") or (visit.head == talks_verb and visit.dep_ == "conj")
    prep = visit.head
    return visit.dep_ == "pobj" and prep.lower_ in {"on", "during"} and (prep.head == talks_verb or prep.head in talks_verb.children)


def _purpose_of(visit: Token, event: Token) -> bool:
    """The trip is told for the sake of the talks: "could travel to Russia to meet Putin", "for arms talks"."""
    if event not in visit.subtree or event == visit:
        return False
    current = event
    for _ in range(5):
        if current.head == visit:
            return current.dep_ in {"advcl", "xcomp"} or (current.dep_ == "prep" and current.lower_ == "for")
        if current.dep_ == "pobj" and current.head.lower_ == "for" and current.head.head == visit:
            return True
        current = current.head
    return False


def _same_clause(a: Token, b: Token) -> bool:
    """Whether two triggers describe one happening: one inside the other's phrase, or under the same verb.

    "Putin and Kim met on Thursday, two months after Kim's summit with Trump
    ended in failure" holds two events; "leaders met at the summit" one.
    """
    if a in b.subtree and a.i != b.i and b.pos_ in {"NOUN", "PROPN"}:
        return True
    if b in a.subtree and a.i != b.i and a.pos_ in {"NOUN", "PROPN"}:
        return True
    va = a if a.pos_ in {"VERB", "AUX"} else _first_verb_above(a)
    vb = b if b.pos_ in {"VERB", "AUX"} else _first_verb_above(b)
    if va is None or vb is None or va == vb:
        return True
    return (va.head == vb and va.dep_ in {"xcomp", "conj"}) or (vb.head == va and vb.dep_ in {"xcomp", "conj"})


EVENT_NOUNS = {
    "weapons_test": ("test", "launch", "firing"),
    "visit": ("visit", "trip"),
    "summit": ("summit", "meeting", "talk"),
    "meeting": ("meeting", "talk"),
    "parade": ("parade",),
    "military_exercise": ("exercise", "drill"),
}
DENIED_OBJECTS = {"claim", "accusation", "allegation", "report", "charge", "suggestion", "assertion"}
SINGULAR_TYPES = {"agreement", "weapons_test", "arms_transfer", "troop_deployment", "sanction"}


def _indefinite(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in token.children)


TRAVELLER_NOUNS = {"delegation", "leader", "president", "premier", "minister", "official", "envoy", "team", "he", "she", "they", "who", "chancellor", "king", "queen", "secretary", "diplomat", "guest", "pope", "prince"}


def _traveller(verb: Token) -> bool:
    """Whether the one who arrives or lands is a person or a delegation."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "relcl":
        subjects = [verb.head]
    if not subjects and verb.dep_ in {"conj", "xcomp", "advcl"}:
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]  # "is expected to reach"
    for subject in subjects:
        if subject.lower_ == "who" and verb.dep_ == "relcl":
            subject = verb.head
        if subject.ent_type_ in {"PERSON", "NORP", "GPE", "ORG"} or subject.lemma_.lower() in TRAVELLER_NOUNS:
            return True
    return False


def _named_elsewhere(c: Candidate, group: Group) -> bool:
    """The trigger is named by a place that is not the group's: "the Hanoi talks", "the Singapore summit"."""
    if group.location is None:
        return False
    for child in c.trigger.root.children:
        if child.dep_ in {"compound", "amod", "nmod"} and child.ent_type_ in {"GPE", "LOC", "FAC"}:
            name = child.text.lower()
            if name not in group.location.name.lower() and group.location.name.lower() not in name:
                return True
    return False


def _other_meeting(c: Candidate, group: Group, candidates: list[Candidate]) -> bool:
    """ "Shoigu also held talks with Kang" after Kim met Shoigu: a meeting is who meets whom."""
    if c.type not in {"meeting", "summit"} or group.type != "meeting":
        return False  # talks on the sidelines of a summit are reported as part of it
    mine = _speakers(c)
    theirs = {p for m in group.members for p in _speakers(candidates[m])}
    return len(mine) >= 2 and len(theirs) >= 2 and not mine <= theirs


def _possessed(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "poss" for c in token.children)


def _demonstrative(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "det" and c.lower_ in {"this", "that"} for c in token.children)


def _definite(token: Token) -> bool:
    """ "the summit", "this visit", "the talks": a noun that refers back to an event already told."""
    return token.pos_ in {"NOUN", "PROPN"} and any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}) or c.lower_ == "such" for c in token.children
    )


def _speakers(c: Candidate) -> set[str]:
    return {a.actor_id for a in c.actors if a.kind == "person"}


def dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    """Two dates can be one event's when they agree at the coarser precision."""
    if a is None or b is None:
        return True
    n = min(len(a.value), len(b.value))
    return a.value[:n] == b.value[:n]


TYPES = ("parade", "ceremony", "meeting", "summit", "visit", "weapons_test", "exhibition", "letter", "agreement", "arms_transfer", "troop_deployment", "military_exercise", "attack", "sanction", "statement", "other")


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
            match = next((gi for gi, g in enumerate(groups) if _day_of_the_summit(c, g, candidates) or _talks_of_the_visit(c, g, candidates)), None)
        if match is None:
            groups.append(Group(c.type, c.date, c.location, [i], earlier=c.earlier))
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
        options = [gi for gi, g in enumerate(groups) if g.type in kinds and not g.earlier]
        return max(options, key=lambda gi: (score(groups[gi]), -gi)) if options else None

    for i, c in enumerate(candidates):
        if c.type is None or c.date is not None:
            continue
        previous = [
            candidates[j]
            for j in range(i)
            if candidates[j].group >= 0 and c.sentence_index - candidates[j].sentence_index <= 1 and not groups[candidates[j].group].earlier
        ]
        target = None
        definite = _definite(c.trigger.root)
        for p in reversed(previous):
            if types_compatible(groups[p.group].type, c.type):
                if not definite and _other_meeting(c, groups[p.group], candidates):
                    break
                theirs = {q for m in groups[p.group].members for q in _speakers(candidates[m])}
                told = any(candidates[m].status in (None, Status.HAPPENED) for m in groups[p.group].members)
                if (
                    not definite
                    and _speakers(c)
                    and theirs
                    and not _speakers(c) & theirs
                    and c.type not in {"parade", "ceremony"}
                    and told != (c.status in (None, Status.HAPPENED))
                ):
                    break  # after the summit, "Pompeo is expected to hold follow-up talks": other people, another meeting
                target = p.group
                break
        if target is None and c.type == "visit":
            target = _trip_told_before(c, groups, candidates)
        if target is None:
            # "the summit" three paragraphs down is the document's meeting; "a meeting with Trump" is not.
            kinds = {t for t in TYPES if types_compatible(t, c.type)} if definite else {c.type}
            if c.type in {"parade", "ceremony"}:
                kinds |= {"parade", "ceremony"}  # "the armistice celebrations" are the parade's day
            target = main_group(kinds)
            if target is None and c.type in GATHERING_TYPES and _demonstrative(c.trigger.root):
                # "This visit comes at a time ...": this refers to what was just told, whatever it was called
                target = main_group(set(GATHERING_TYPES))
            if target is None and c.type in GATHERING_TYPES and _possessed(c.trigger.root):
                # "Kim's visit is intended to ...", in an article about Kim at a parade abroad
                main = main_group(set(GATHERING_TYPES))
                if main is not None and _speakers(c) and _speakers(c) <= {p for m in groups[main].members for p in _speakers(candidates[m])}:
                    target = main
            if target is None and not definite:
                # "he will soon meet Putin" after "a potential summit between Kim and Putin": the same people, the same event
                sharing = [
                    gi
                    for gi, g in enumerate(groups)
                    if types_compatible(g.type, c.type) and _speakers(c) and _speakers(c) <= {p for m in g.members for p in _speakers(candidates[m])}
                ]
                target = sharing[0] if sharing else None
            if target is not None and not definite and _other_meeting(c, groups[target], candidates):
                target = None
            if target is not None and _named_elsewhere(c, groups[target]):
                target = None  # "the Hanoi talks" are not the talks in Vladivostok
            if target is not None and c.type in SINGULAR_TYPES and _indefinite(c.trigger.root):
                target = None  # "an agreement on the border" after "the declaration": a new one
            if (
                target is not None
                and c.type in SINGULAR_TYPES
                and c.status in (Status.SPECULATED, Status.PLANNED, Status.DENIED)
                and all(candidates[m].status in (None, Status.HAPPENED) for m in groups[target].members)
                and not _shares_people(c, groups[target], candidates)
            ):
                target = None  # "a seventh nuclear test could follow" is not the test that happened
            if target is not None and c.status == Status.HAPPENED and not definite and all(
                candidates[m].status not in (None, Status.HAPPENED) for m in groups[target].members
            ):
                target = None  # "Kim met the Chinese delegates" is not the summit the document only speculates about
            if (
                target is not None
                and c.status in (Status.SPECULATED, Status.PLANNED)
                and not definite
                and groups[target].date is not None
                and all(candidates[m].status == Status.HAPPENED and candidates[m].date is not None for m in groups[target].members)
                and any(_names_year(candidates[m].date_evidence) for m in groups[target].members)
            ):
                target = None  # "Kim could travel to Russia to meet Putin" is not their meeting "in April 2019"
            if (
                target is not None
                and c.status in (Status.DENIED, Status.SPECULATED)
                and not c.in_lead
                and not _shares_people(c, groups[target], candidates)
                and not (c.status == Status.PLANNED and _definite(c.trigger.root))
            ):
                target = None  # "Xi will not visit" is not the visit the document reports
        redirected = False
        if target is not None and c.type == "visit" and c.location and c.location.country:
            # "her trip to China" in a report of a visit to Pyongyang: a trip to another country is another trip,
            # the document's visit to that country if it tells of one
            there = groups[target].location
            if there and there.country and there.country != c.location.country:
                same = [gi for gi, g in enumerate(groups) if g.type == "visit" and g.location and g.location.country == c.location.country and not g.earlier]
                target = same[0] if same else None
                redirected = target is not None
        if (
            target is not None
            and not redirected
            and c.type == "visit"
            and c.status in (Status.PLANNED, Status.SPECULATED)
            and all(candidates[m].status in (None, Status.HAPPENED) for m in groups[target].members)
            and not _shares_people(c, groups[target], candidates)
        ):
            # "Premier Li will lead a delegation to Pyongyang to attend the celebrations", told beside another
            # leader's visit: not that visit; the trip to the gathering the same sentence names is that gathering
            target = None
            if any(o is not c and o.sentence_index == c.sentence_index and o.group >= 0 and o.type in GATHERING_TYPES and o.type != "visit" for o in candidates):
                continue
        if target is not None and c.type == "statement":
            # Statements are one per speaker: what Kim said is not what Trump said.
            mine, theirs = _speakers(c), {p for m in groups[target].members for p in _speakers(candidates[m])}
            if mine and theirs and not mine & theirs:
                same = [gi for gi, g in enumerate(groups) if g.type == "statement" and {p for m in g.members for p in _speakers(candidates[m])} & mine]
                target = same[0] if same else None
        if target is None and c.sentence.text.rstrip().endswith("?"):
            continue  # "Is there a potential meeting?" asks; it tells of no new event
        if target is None:
            groups.append(Group(c.type, None, c.location, [i]))
            target = len(groups) - 1
        else:
            groups[target].members.append(i)
            groups[target].location = groups[target].location or c.location
            if (groups[target].type, c.type) in {("meeting", "summit"), ("ceremony", "parade")}:
                groups[target].type = c.type  # a meeting of leaders called a summit is a summit
        c.group = target

    for i, c in enumerate(candidates):
        if c.type is not None:
            continue
        target = main_group(set(GATHERING_TYPES) | {"weapons_test"})  # "Kim watched the launch"
        if target is None:
            continue
        if c.date is not None and groups[target].date is not None and not dates_compatible(c.date, groups[target].date):
            # "For the 70th anniversary in 2015, China sent Liu Yunshan": the same kind of gathering, another year
            same = [gi for gi, g in enumerate(groups) if g.type == groups[target].type and g.date is not None and dates_compatible(c.date, g.date)]
            if same:
                target = same[0]
            elif c.status in (None, Status.HAPPENED) and not c.in_lead and c.trigger.root.lemma_.lower() in {"send", "attend", "represent", "delegation", "lead", "head"}:
                groups.append(Group(groups[target].type, c.date, c.location, []))
                target = len(groups) - 1
            else:
                continue
        c.type = groups[target].type
        c.group = target
        groups[target].members.append(i)
    return groups


def _carry_dates(candidates: list[Candidate], groups: list[Group], group_status: dict[int, Status]) -> dict[int, DateValue]:
    """A date stated in the same or the previous sentence, for an event that states none.

    News narrates in order: "North Korea held a parade on Monday. Kim said in a
    speech ..." puts the speech on Monday. Only what happened takes a date this
    way; a plan or a guess is not dated by the sentence before it.
    """
    out: dict[int, DateValue] = {}
    order = sorted(range(len(groups)), key=lambda gi: min((candidates[m].sentence_index for m in groups[gi].members), default=0))
    for gi in order:
        group = groups[gi]
        if group.date is not None or group_status.get(gi, Status.HAPPENED) != Status.HAPPENED:
            continue
        members = sorted(group.members, key=lambda m: candidates[m].sentence_index)
        if group.type == "statement" and any(candidates[m].trigger.root.lemma_.lower() in {"speech", "address"} for m in members):
            spectacles = [g for g in groups if g.type in {"parade", "ceremony"} and g.date is not None and len(g.date.value) == 10]
            if spectacles:
                out[gi] = max(spectacles, key=lambda g: len(g.members)).date  # "in a speech, Kim told the crowd": at the parade
                continue
        for m in members:
            here = candidates[m]
            if here.status not in (None, Status.HAPPENED):
                continue
            options = [
                c
                for c in candidates
                if c.group >= 0
                and c.group != gi
                and len((c.date or groups[c.group].date or out.get(c.group) or DateValue("", "other")).value) >= 7
                and c.status in (None, Status.HAPPENED)
                and 0 <= here.sentence_index - c.sentence_index <= 2
            ]
            if options:
                best = max(options, key=lambda c: (c.sentence_index, -abs(c.trigger.start - here.trigger.start)))
                out[gi] = groups[best.group].date or best.date or out[best.group]
                break
        if gi not in out and group.type == "statement":
            # "Kim used his speech to ...": the speech of a man at the day's gathering was given there.
            speakers = {p for m in group.members for p in _speakers(candidates[m])}
            a_speech = any(candidates[m].trigger.root.lemma_.lower() in {"speech", "address"} for m in group.members)
            for other in sorted(groups, key=lambda g: -len(g.members)):
                if other.type in GATHERING_TYPES and other.date is not None and len(other.date.value) == 10:
                    present = {p for m in other.members for p in _speakers(candidates[m])}
                    if speakers & present or (a_speech and other.type in {"parade", "ceremony"}):
                        out[gi] = other.date  # a speech in an article about a parade was given at it
                    break
        if gi not in out and any("same day" in candidates[m].sentence.text.lower() for m in group.members):
            # "On the same day, the North fired two missiles": the day of the article's main event
            days = [g for g in groups if g is not group and g.date is not None and len(g.date.value) == 10]
            if days:
                out[gi] = max(days, key=lambda g: len(g.members)).date
    return out


def _inside_anniversary(doc: Doc, timex: Timex, trigger: Token | None = None) -> bool:
    """A date inside "the anniversary of the founding on Sept. 9, 1948" dates the founding, not the event.

    A date that hangs off the trigger itself dates the trigger's event, whatever is above it: "since
    Russia's invasion of Ukraine in 2022" dates the invasion."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    if head.dep_ == "prep" and head.lower_ == "in" and head.head.lemma_.lower() == "anniversary":
        return False  # "the party's 70th anniversary in 2015": when the anniversary was marked, the event's date
    for ancestor in span.root.ancestors:
        if ancestor == trigger:
            return False
        if ancestor.lemma_.lower() in {"anniversary", "founding", "found", "establish", "birth", "since"}:
            return True
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in ancestor.children):
            return True
    return False


def _after(event_date: str, published: str) -> bool:
    """Whether a date lies after the publication date, compared at the coarser precision."""
    n = min(len(event_date), len(published))
    return n >= 7 and event_date[:n] > published[:n]


AGREEMENT_VERBS = {"accept", "broker", "declare", "sign", "adopt", "produce", "agree", "conclude", "ink", "seal", "endorse", "approve", "announce", "forge", "unveil", "launch", "form", "reach", "strike", "negotiate", "finalise", "finalize", "ratify"}


def _dated_by_sentence(head: Token) -> bool:
    """A date in the sentence that belongs to this word's clause ("missile launches in March")."""
    for ent in head.sent.ents:
        if ent.label_ in {"DATE", "TIME"} and _linked(ent.root, head) and not any(a.lower_ == "since" for a in ent.root.ancestors):
            return True  # "missile tests since 2022" are a run of tests, not one
    return False


ON_THE_RECORD_NOUNS = {"statement", "conference", "briefing", "interview", "address", "speech", "communique", "post", "broadcast"}


def _on_the_record(verb: Token) -> bool:
    """ "said in a statement", "told a news conference", "said at a briefing": a statement made as such."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "at", "during", "on"}:
            if any(t.dep_ == "pobj" and t.lemma_.lower() in ON_THE_RECORD_NOUNS for t in child.children):
                return True
        if child.dep_ in {"dobj", "dative"} and child.lemma_.lower() in {"conference", "briefing"}:
            return True
    return False


def _dated_verb(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in {"prep", "npadvmod", "tmod", "advmod"} and child.lower_ != "for":
            if any(t.ent_type_ in {"DATE", "TIME"} for t in child.subtree):
                return True  # "said on Monday"; not "has said for weeks"
    return False


def _hedged_speech(trigger: Token) -> bool:
    """Whether the act of speaking itself is hedged ("Kim may give a speech"), not what was said."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else _first_verb_above(trigger)
    if verb is None:
        return False
    current = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in {"could", "might", "may", "would"} for c in current.children):
            return True
        if current.lemma_.lower() in {"expect", "believe", "speculate", "rumour", "rumor"} and current != verb:
            return True
        if current.dep_ not in {"xcomp", "ccomp"} or current.head == current:
            break
        current = current.head
    return False


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _timex_date(timex: Timex) -> DateValue | None:
    """The calendar date of a time expression; a week ("earlier this week") gives its month when it lies in one."""
    date = timex.date()
    if date is not None:
        return date
    value = timex.value or ""
    if len(value) >= 8 and value[4:6] == "-W" and value[:4].isdigit() and value[6:8].isdigit():
        try:
            monday = _date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        except ValueError:
            return None
        sunday = monday + _timedelta(days=6)
        if monday.month == sunday.month:
            return DateValue(monday.strftime("%Y-%m"), "month")
        if monday.year == sunday.year:
            return DateValue(str(monday.year), "year")
    return None


def _next_weekday_if_ahead(c: "Candidate", published: str | None) -> DateValue | None:
    """ "A parade is expected on Thursday", written on a Monday: next Thursday, not last week's."""
    date = c.date
    if date is None or c.status not in (Status.PLANNED, Status.SPECULATED) or not published or len(published) < 10:
        return date
    if len(date.value) != 10 or not c.date_evidence or c.date_evidence.split()[0].lower().strip(",.") not in WEEKDAYS:
        return date
    if date.value >= published[:10]:
        return date
    try:
        shifted = _date.fromisoformat(date.value) + _timedelta(days=7)
    except ValueError:
        return date
    return DateValue(shifted.isoformat(), date.precision) if shifted.isoformat() >= published[:10] else date


def _official_title(title: str | None) -> bool:
    return bool(title) and any(w in title.lower().split() for w in OFFICIAL_TITLE_WORDS)


TEMPORAL_MARKS = {"before", "after", "until", "till", "since", "once", "as", "while"}


def _in_scope(doc: Doc, actor: ActorMention, trigger: Token, roots: list[Token]) -> bool:
    """Whether an actor named in the sentence takes part in the event of this trigger.

    Not when the name lies inside another event's phrase ("the absence of Russian
    officials at the festivities sparked speculation about a summit between Kim
    and Putin": Kim and Putin belong to the summit), nor inside a clause that only
    dates the event by something else ("two weeks before Yoon takes office").
    """
    root = doc[actor.token_start : actor.token_end].root
    trigger_subtree = None
    for other in roots:
        if other == trigger or other.i == trigger.i:
            continue
        subtree = {t.i for t in other.subtree}
        if root.i in subtree and trigger.i not in subtree:
            trigger_subtree = trigger_subtree or {t.i for t in trigger.subtree}
            if root.i in trigger_subtree and other.i in trigger_subtree:
                continue  # the other event is itself part of this one's phrase
            return False
    for ancestor in root.ancestors:
        if ancestor.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in ancestor.children):
            if trigger.i not in {t.i for t in ancestor.subtree}:
                return False
    return True


FORMAL_MEAL_WORDS = {"state", "official", "welcome", "welcoming", "festive", "gala", "formal", "banquet"}
HOSTING_VERBS = {"host", "attend", "give", "organize", "organise", "throw", "hold", "offer"}


def _formal_meal(noun: Token) -> bool:
    """A state dinner, a welcome lunch, a dinner someone hosts or attends."""
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in FORMAL_MEAL_WORDS for c in noun.children):
        return True
    return noun.dep_ in {"dobj", "obj", "nsubjpass"} and noun.head.lemma_.lower() in HOSTING_VERBS


EFFECT_VERBS = {"commence", "begin", "hold", "start", "take", "come", "go", "enter", "collapse", "break", "violate", "extend"}


def _took_effect(noun: Token) -> bool:
    """ "the ceasefire commenced at 5 p.m.", "the truce came into effect", "the ceasefire held": it exists."""
    return noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_.lower() in EFFECT_VERBS


def _agreed_document(noun: Token) -> bool:
    """ "adopted a declaration", "signed a joint statement", "announced a new security partnership"."""
    if noun.lemma_.lower() in {"statement", "declaration", "communique"} and any(
        c.dep_ == "amod" and c.lower_ in {"joint", "common"} for c in noun.children
    ):
        return True
    if any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in AGREEMENT_VERBS for c in noun.children):
        return True  # "the treaty signed by Putin and Kim in June"
    current = noun
    for _ in range(3):
        if current.dep_ not in {"dobj", "obj", "nsubjpass", "pobj", "prep", "conj", "appos"} or current.head == current:
            return False
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current.lemma_.lower() in AGREEMENT_VERBS
    return False


SANCTION_VERBS = {"impose", "slap", "announce", "adopt", "approve", "expand", "tighten", "extend", "lift", "ease", "level", "introduce", "unveil", "add", "vote", "place", "hit", "agree", "order", "enact"}
# Measures that are sanctions only when a government puts them on someone ("placed tariffs on China").
STRICT_SANCTION_VERBS = {"impose", "slap", "place", "level", "introduce", "announce", "adopt", "approve", "expand", "tighten", "extend", "enact", "order"}
ARMOUR_NOUNS = {"tank", "jet", "fighter", "warplane", "howitzer", "interceptor", "helicopter", "ammunition", "shell"}  # weapons in themselves
DIPLOMAT_NOUNS = {"diplomat", "ambassador", "envoy", "consul", "attaché", "attache", "commissioner", "embassy", "chargé", "mission", "staff"}
HOSTILE_WORDS = {
    "missile", "drone", "rocket", "bomb", "warplane", "jet", "aircraft", "artillery", "troop", "force", "army", "military",
    "militant", "rebel", "soldier", "shell", "airstrike", "strike", "killed", "kill", "wound", "casualty", "civilian",
    "infrastructure", "explosion", "retaliation", "war", "invasion", "air", "base", "navy", "naval", "weapon", "fighter",
    "interceptor", "intercept", "barrage", "offensive", "frontline", "front", "positions", "target", "territory",
}
FORCE_NOUNS = {
    "troop", "soldier", "force", "warship", "ship", "vessel", "carrier", "submarine", "battalion", "brigade", "unit",
    "destroyer", "frigate", "jet", "fighter", "bomber", "aircraft", "battery", "system", "mercenary", "militia", "personnel",
    "marine", "division", "regiment", "group", "member", "army", "navy", "missile", "launcher", "squadron", "fleet",
}


def _hostile(head: Token, sent: Span, lemmas: set[str]) -> bool:
    """An attack word among weapons, forces or casualties, with a country or armed group in the sentence;
    never a hypothetical ("help the other if it is attacked") or what something is called ("rehearsals for an invasion")."""
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in head.children):
        return False
    if head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.head.pos_ == "NOUN":
        return False
    if not (lemmas - {head.lemma_.lower()}) & HOSTILE_WORDS and not any(e.label_ == "WEAPON" for e in sent.ents):
        return False
    return any(e.label_ in {"GPE", "NORP", "ORG", "LOC", "FAC"} for e in sent.ents)


def _deploys_forces(verb: Token) -> bool:
    """ "deployed naval, air and ground forces", "dispatch its own warships"; not "deployed software"."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    if verb.dep_ in {"acl", "amod"}:
        objects.append(verb.head)  # "the troops deployed to the border"
    for obj in objects:
        words = {obj.lemma_.lower()} | {t.lemma_.lower() for t in obj.subtree}
        if words & FORCE_NOUNS:
            return True
    return False


def _sanction_imposed(head: Token, strict: bool = False) -> bool:
    """ "imposed sanctions on", "the EU adopted a new package of sanctions"; not "UN sanctions on North Korea" in passing.

    ``strict`` is for words that are sanctions only when someone puts them on someone (a tariff, a ban):
    the governing verb must be one that imposes."""
    verbs = STRICT_SANCTION_VERBS if strict else SANCTION_VERBS
    if head.pos_ == "VERB":
        if strict:
            return head.lemma_.lower() in {"designate", "blacklist", "ban", "freeze"} and any(
                c.dep_ in {"dobj", "obj", "nsubjpass"} for c in head.children
            )
        return True
    current = head
    for _ in range(4):
        if current.head == current:
            return False
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current.lemma_.lower() in verbs
    return False


def _is_modifier_noun(head: Token, span: Span) -> bool:
    """A one-word noun trigger that only modifies another noun ("parade ground", "summit venue")."""
    if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ != "compound":
        return False
    if head.head.lemma_.lower() in {"visit", "trip", "tour", "meeting", "talk", "talks", "ceremony"}:
        return False  # "a summit visit", "parade ceremony": one event named twice
    return head.head.pos_ in {"NOUN", "PROPN"} and head.head.lemma_.lower() not in {"day", "anniversary"}


def _negated_or_called_off(head: Token) -> bool:
    """The event is said not to exist: "no agreement", "did not give a speech", "the trip was cancelled"."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return True
    if head.dep_ == "conj" and any(c.dep_ == "det" and c.lower_ == "no" for c in head.head.children):
        return True  # "no agreement or joint statement"
    if head.pos_ == "VERB" and any(
        c.dep_ in {"dobj", "obj", "nsubjpass"} and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children) for c in head.children
    ):
        return True  # "no agreements had been signed"
    if head.dep_ == "pobj" and head.head.lower_ in {"without", "instead"}:
        return True
    verb = head if head.pos_ in {"VERB", "AUX"} else None
    current = head
    for _ in range(3):
        if verb is not None or current.head == current:
            break
        if current.dep_ not in {"dobj", "obj", "nsubjpass", "nsubj", "pobj", "prep", "compound"}:
            break
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            verb = current
    if verb is None:
        return False
    if verb.lemma_.lower() in NEGATING_LEMMAS:
        return True
    if verb.lemma_.lower() in {"call", "put"} and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
        return True  # "the summit was called off"
    negated = any(c.dep_ == "neg" for c in verb.children) or (
        verb.dep_ in {"acomp", "attr"} and any(c.dep_ == "neg" for c in verb.head.children)  # "has not been flight-tested"
    )
    if negated:
        # a negated report is still a denial ("Kim has not denied ..."), handled by status
        return verb.lemma_.lower() in {"give", "make", "hold", "sign", "take", "reach", "conclude", "attend", "visit", "meet", "travel", "deliver", "test", "launch", "fire"}
    return False


def _first_verb_above(token: Token) -> Token | None:
    current = token
    for _ in range(10):
        if current.head == current:
            return current if current.pos_ in {"VERB", "AUX"} else None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def _coordinated_run(years: list[Timex], text: str, year: str) -> list[Timex]:
    """The years listed together with ``year`` ("in 1980, 2008, and 2016"); empty when it stands alone."""
    runs: list[list[Timex]] = []
    for timex in years:
        between = text[runs[-1][-1].end : timex.start] if runs else ""
        if runs and re.fullmatch(r"[\s,]*(?:and|or)?[\s,]*", between):
            runs[-1].append(timex)
        else:
            runs.append([timex])
    for run in runs:
        if len(run) > 1 and any(t.value == year for t in run):
            return run
    return []


def _is_relation_of(actor: ActorMention, doc: Doc) -> bool:
    """A person named only as someone's relation ("a close ally of President Putin") is not a participant."""
    root = doc[actor.token_start : actor.token_end].root
    if root.dep_ == "appos" and root.head.lemma_.lower() in {"predecessor", "successor"}:
        return True  # "than his predecessor, Moon Jae-in": someone else, at another time
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in RELATION_NOUNS


def _anchors(trigger: Token) -> set[Token]:
    """The trigger and the verb that governs it: what a date or place must attach to."""
    anchors = {trigger}
    current = trigger
    for _ in range(4):
        if current.head == current:
            break
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in REPORTING_LEMMAS:
            break  # "North Korea said on Friday that it had tested ...": Friday dates the report
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
            if _relative_of(current, trigger):
                return True
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


HAPPENING_LEMMAS = {"take", "schedule", "hold", "set", "due", "plan", "begin", "start", "open", "end", "close", "run", "happen", "occur", "last", "expect"}


def _relative_of(verb: Token, trigger: Token) -> bool:
    """The verb tells when or where the trigger's event happens in a relative clause on it:
    "his summit with Trump, which is scheduled to take place in Hanoi on Wednesday"."""
    current, lemmas = verb, {verb.lemma_.lower()}
    for _ in range(3):
        if current.dep_ != "xcomp":
            break
        current = current.head
        lemmas.add(current.lemma_.lower())
    if current.dep_ != "relcl" or not lemmas & HAPPENING_LEMMAS:
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"which", "that"} for c in current.children):
        return False  # "who" is a person: "the summit with Trump, who arrived in Hanoi on Tuesday"
    head = current.head
    return head == trigger or (head in trigger.subtree and head.i > trigger.i and trigger.pos_ in {"NOUN", "PROPN"})


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


def _anniversary_of(text: str) -> DateValue | None:
    """The date an anniversary in a sentence points to ("the 80th anniversary of ...").

    Only the anniversary evidence is computed: the explicit dates ``infer_document_date`` also
    reads (a full TIMEX pass over the sentence, about 6 of an article's ~38 ms of event
    extraction) never start with "anniversary". A cache by sentence text was tried and saved
    nothing measurable on top, so there is none."""
    for evidence in anniversary_evidence(text):
        if evidence.source.startswith("anniversary"):
            return DateValue(evidence.value, evidence.precision)
    return None
