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

from tribune.events.lexicon import AbsenceCues, StatusCues, absence_cues, status_cues
from tribune.records import Status

_FUTURE_TAGS = {"MD"}


def _governing(token: Token, sentence: Span) -> list[Token]:
    """The trigger, the verbs above it up to the sentence root, and their auxiliaries."""
    chain: list[Token] = []
    current = token
    for _ in range(8):
        chain.append(current)
        chain.extend(child for child in current.children if child.dep_ in {"aux", "auxpass", "neg", "advmod", "mark"} or (current is token and child.dep_ == "amod"))
        if current.head == current or current.head.i < sentence.start or current.head.i >= sentence.end:
            break
        current = current.head
    return chain


def mention_status(trigger: Token, sentence: Span, cues: StatusCues | None = None) -> Status | None:
    """What the sentence says about the event whose trigger is given.

    None means the sentence does not say: a present-tense remark about the event
    ("the parade is seen as a prelude") takes the status the rest of the
    document gives the event.
    """
    cues = cues or status_cues()
    lowered = " " + sentence.text.lower() + " "
    chain = _governing(trigger, sentence)
    clause = " " + _clause_text(trigger, sentence).lower() + " "
    lemmas = {t.lemma_.lower() for t in chain} | {t.lower_ for t in chain}
    # "speculation arises that he will meet Putin": the hedge is the subject of a verb above the trigger
    lemmas |= {c.lemma_.lower() for t in chain if t is not trigger for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in cues.lemmas["speculated"]}

    if lemmas & cues.lemmas["denied"] or any(p in lowered for p in cues.phrases["denied"]):
        return Status.DENIED
    clause_tokens = {t.i for t in chain[-1].subtree} if chain else set()
    if any(t.dep_ == "relcl" and t.lemma_.lower() in cues.lemmas["denied"] and t.head.i in clause_tokens for t in sentence):
        return Status.DENIED  # "North Korea has sent shells to Russia, which Pyongyang denies"
    own_verb = next((t for t in chain if t.pos_ in {"VERB", "AUX"}), trigger)
    if (
        any(c.dep_ == "neg" for c in own_verb.children)
        and not any(p in lowered for p in ("not only", "no longer"))
        and _core_argument(trigger, own_verb)
    ):
        return Status.DENIED
    if lemmas & cues.lemmas["speculated"] or any(p in clause for p in cues.phrases["speculated"]):
        return Status.SPECULATED
    if lemmas & cues.lemmas["planned"] or any(p in clause for p in cues.phrases["planned"]):
        return Status.PLANNED
    if _headline_future(trigger, sentence) or _be_to(chain):
        return Status.PLANNED
    verb = own_verb if own_verb.pos_ in {"VERB", "AUX"} else None
    if verb is None or _present_tense(verb):
        return None  # no verb (a headline) or the present tense: the sentence does not say
    return Status.HAPPENED


def _core_argument(trigger: Token, verb: Token) -> bool:
    """Whether a negated verb negates the event: "did not hold a parade", not "unlike the parade in July, it did not ..."."""
    current = trigger
    for _ in range(6):
        if current == verb:
            return True
        if current.dep_ not in {"nsubj", "nsubjpass", "dobj", "obj", "attr", "xcomp", "ccomp", "compound", "amod", "conj"}:
            return False
        if current.head == current:
            return False
        current = current.head
    return False


def _present_tense(verb: Token) -> bool:
    """A verb in the present with no past auxiliary ("is", "comes", "is seen")."""
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if tags & {"VBD"} or any(c.lower_ in {"has", "have", "had"} for c in verb.children if c.dep_ == "aux"):
        return False
    return bool(tags & {"VBZ", "VBP"})


def _clause_text(trigger: Token, sentence: Span) -> str:
    """The words of the clause the trigger belongs to: the subtree of its governing verb.

    Hedges and plans are read there, not in the whole sentence, so that "briefed
    him on plans to expand" does not make the exhibition in the same sentence planned.
    """
    verb = trigger
    for _ in range(6):
        if verb.pos_ in {"VERB", "AUX"} or verb.head == verb:
            break
        verb = verb.head
    tokens = [t for t in verb.subtree if sentence.start <= t.i < sentence.end]
    if not tokens:
        return sentence.text
    return sentence.doc[tokens[0].i : tokens[-1].i + 1].text


def _be_to(chain: list[Token]) -> bool:
    """ "Putin is to take part in the celebration", "he was to meet Xi on Tuesday": arranged, not done."""
    for token in chain:
        if token.lemma_ == "be" and token.pos_ in {"AUX", "VERB"}:
            for child in token.children:
                if child.dep_ == "xcomp" and child in chain and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                    return True
    return False


def _headline_future(trigger: Token, sentence: Span) -> bool:
    """Headline English: "Kim to attend parade", "Parade to be attended by Kim"."""
    root = sentence.root

    def has_to(token: Token) -> bool:
        auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
        return any(c.lower_ == "to" for c in auxes) or any(g.lower_ == "to" and g.dep_ == "aux" for c in auxes for g in c.children)

    for token in (root, trigger.head, trigger):
        if token.tag_ in {"VB", "VBN"} and has_to(token):
            if token.dep_ in {"ROOT", "acl", "relcl"} or token == root:
                return True
    return False


def participant_absent(name: Token, trigger: Token | None = None, cues: AbsenceCues | None = None) -> bool:
    """Whether the words above a person's name say that they stay away from the event.

    "Xi opted out of the summit", "the minister will not attend", "Macron cancelled his
    trip", "the absence of Lula": the mention is about the event, but this person's own
    part in it is an absence, whatever the status of the event. Only the first verb above
    the name (with its open complement: "decided to skip") is read, so a clause about
    someone else ("Kim, whom Xi did not visit, ...") does not count.
    """
    cues = cues or absence_cues()
    came_from, node = name, name.head
    for _ in range(8):
        if node is came_from:
            return False
        lemma = node.lemma_.lower()
        if node.pos_ in {"NOUN", "PROPN"} and lemma in cues.nouns and came_from.lower_ == "of":
            return True
        if node.pos_ in {"VERB", "AUX", "ADJ"}:
            return _absence_verb(node, trigger, cues)
        came_from, node = node, node.head
    return False


def _absence_verb(verb: Token, trigger: Token | None, cues: AbsenceCues) -> bool:
    def says_away(token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma in cues.lemmas:
            return True
        if lemma in cues.transitive:
            # "skipped the summit", "cancelled his visit": of the event itself, not "scrapped the signing"
            return trigger is not None and trigger.i in {t.i for t in token.subtree}
        particles = cues.particles.get(lemma)
        return bool(particles) and any(c.dep_ in {"prt", "advmod", "prep"} and c.lower_ in particles for c in token.children)

    complements = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "acomp"}]
    if says_away(verb) or any(says_away(c) for c in complements):
        return True
    if any(c.dep_ == "neg" for c in verb.children) and (verb.lemma_.lower() in cues.negated or any(c.lemma_.lower() in cues.negated for c in complements)):
        return True
    return verb.lemma_.lower() in cues.declined and any(c.dep_ == "xcomp" and c.lemma_.lower() in cues.negated for c in verb.children)


def represented_only(name: Token, cues: AbsenceCues | None = None) -> bool:
    """Whether a person is named only as the one someone else stands for: "the special representative of
    President Xi", "Xi's envoy", "a message from Xi". The envoy is at the event; the person is not."""
    cues = cues or absence_cues()
    head = name.head
    if name.dep_ == "poss":
        return head.lemma_.lower() in cues.represented_by
    if name.dep_ == "pobj" and head.lower_ in {"of", "from"} and head.head is not head:
        above = head.head
        if above.lemma_.lower() in cues.represented_by:
            return True
        # "he carried a message from Xi": the phrase hangs on the verb, the message is its object
        return head.lower_ == "from" and above.pos_ == "VERB" and any(c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in cues.represented_by for c in above.children)
    return False
