"""The domain records, one dataclass each.

Stages pass these between each other instead of dicts, so a field that is
renamed breaks loudly at the stage boundary rather than silently downstream.
Every record is plain data: no database handles, no spaCy objects, so the same
records travel between processes (``nlp.pipe`` workers, Ray tasks) unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum


class DateSource(str, Enum):
    """Where a document's publication date came from, best evidence first."""

    METADATA = "metadata"
    DATELINE = "dateline"
    TEXT = "text"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


class Status(str, Enum):
    """What a sentence asserts about an event, as that source states it."""

    HAPPENED = "happened"
    PLANNED = "planned"
    SPECULATED = "speculated"
    DENIED = "denied"


EVENT_TYPES: tuple[str, ...] = (
    "parade",
    "ceremony",
    "meeting",
    "summit",
    "visit",
    "weapons_test",
    "exhibition",
    "letter",
    "agreement",
    "arms_transfer",
    "troop_deployment",
    "military_exercise",
    "attack",
    "sanction",
    "statement",
    "other",
)

ROLES: tuple[str, ...] = (
    "host",
    "attendee",
    "delegation_head",
    "delegation_member",
    "visitor",
    "sender",
    "recipient",
    "speaker",
    "target",
    "other",
)

ACTOR_KINDS: tuple[str, ...] = ("person", "organisation", "country", "place", "group")


def content_id(text: str, prefix: str = "") -> str:
    """A stable id from content, so that re-ingesting the same text is a no-op."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{prefix}{digest}"


@dataclass(frozen=True)
class DateValue:
    """An ISO 8601 date at the precision the evidence supports.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (precision ``day``,
    ``month``, ``year``); TIMEX3 values that are not calendar dates (``P8Y``,
    ``PAST_REF``, ``2025-W41``) keep precision ``other``.
    """

    value: str
    precision: str  # day | month | year | week | other

    def year(self) -> int | None:
        head = self.value[:4]
        return int(head) if head.isdigit() else None


@dataclass(frozen=True)
class Timex:
    """One temporal expression found in text, normalised TIMEX3-style."""

    text: str
    start: int  # character offsets in the document text
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str  # ISO value: 2025-10-10, 2025-09, P8Y, PAST_REF, 2025-10-09TEV
    anchored: bool = True  # False when the value needed an anchor that was missing

    def date(self) -> DateValue | None:
        """The calendar date this expression points at, if it points at one."""
        v = self.value
        if len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
            return DateValue(v[:10], "day")
        if len(v) == 7 and v[4] == "-" and v[:4].isdigit() and v[5:7].isdigit():
            return DateValue(v, "month")
        if len(v) == 4 and v.isdigit():
            return DateValue(v, "year")
        return None


@dataclass(frozen=True)
class Document:
    """One article, after ingest and cleaning."""

    id: str  # content hash of the clean text
    path: str | None
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD / YYYY-MM / YYYY
    published_source: DateSource = DateSource.UNKNOWN
    dateline: str | None = None  # the raw dateline or date line as written
    byline: str | None = None
    language: str = "en"
    duplicate_of: str | None = None
    source_key: str = ""  # path plus record number: what resume-on-restart keys on


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document; evidence always points at one of these."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A person, organisation, country, place or group."""

    id: str
    name: str
    kind: str  # one of ACTOR_KINDS
    country: str | None = None  # ISO 3166 alpha-3
    aliases: tuple[str, ...] = ()
    description: str | None = None  # what the text says about an unknown actor


@dataclass(frozen=True)
class Office:
    """An office held from a date to a date; what makes titles time-aware."""

    actor_id: str
    title: str
    organisation: str | None = None
    country: str | None = None
    rank: int | None = None  # protocol rank, 1 = highest; see kb/data/ranks.json
    start: str | None = None
    end: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Participant:
    """An actor taking part in an event, with the title the source gives."""

    actor_id: str
    name: str
    country: str | None
    title: str | None
    role: str  # one of ROLES
    title_source: str | None = None  # "text" when the article states it, "kb" when looked up for the date
    status: str | None = None
    """What this sentence says of this person's own part (see ``PARTICIPANT_STATUSES``): "X will not attend"
    in a report of a parade that happened is X's absence, not X's attendance."""


PARTICIPANT_STATUSES = ("happened", "absent", "denied", "planned", "speculated")
"""A participant's own status, strongest first, in the event statuses' words plus ``absent``: ``happened``
(named by a report that the event happened: they attended); ``absent`` (said to stay away: "will not attend",
"opted out", cancelled); ``denied`` (named by a denial); ``planned`` (only announcements name them: expected);
``speculated`` (only rumours do). The reference scorer reads ``happened`` as "was there"."""
PARTICIPANT_STATUS_OF_MENTION = {"happened": "happened", "planned": "planned", "speculated": "speculated", "denied": "denied"}
"""What a mention's status says of the people it names, when their own words say nothing more."""


@dataclass(frozen=True)
class Weapon:
    name: str
    weapon_class: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None


@dataclass(frozen=True)
class EventMention:
    """What one sentence of one document says about one event."""

    id: str
    doc_id: str
    sentence_index: int
    start: int
    end: int
    sentence: str
    trigger: str
    type: str
    status: Status
    date: DateValue | None = None
    date_evidence: str | None = None  # the expression the date came from
    location: Location | None = None
    participants: tuple[Participant, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    confidence: float = 0.5
    group: int = 0  # mentions with the same group in a document describe one event


@dataclass(frozen=True)
class Claim:
    """One value of one attribute of an event, and who supports it."""

    attribute: str  # date | location | status | participant | title | weapon
    value: str
    doc_ids: tuple[str, ...]
    mention_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """Two or more incompatible values for one attribute, both with evidence."""

    attribute: str
    claims: tuple[Claim, ...]
    event_id: str | None = None
    doc_id: str | None = None  # set for inconsistencies inside one document
    note: str | None = None


@dataclass(frozen=True)
class Event:
    """One real-world happening: its mentions merged, its attributes as claims."""

    id: str
    type: str
    status: Status
    date: DateValue | None
    date_end: str | None
    location: Location | None
    participants: tuple[Participant, ...]
    weapons: tuple[Weapon, ...]
    mention_ids: tuple[str, ...]
    sources: int
    confidence: float
    plover: str | None = None
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    merge_reasons: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class IngestProblem:
    """A file or record that could not be read, and why; never silently dropped."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"
