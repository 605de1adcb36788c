"""Offices over time: what a person held on a day, their protocol rank, and contradictions.

Three functions for the stages after linking (delegation trends, cross-document
linking), all reading the knowledge base only:

    office_on(kb, "li-qiang", "2025-10-10")           -> Office(Premier of the State Council, rank 20)
    protocol_rank(kb, "li-qiang", "2025-10-10", None)  -> ProtocolRank(20, "Premier of the State Council (PSC No. 2)")
    office_contradictions(kb, "vo-van-thuong", "General Secretary", "2025-10")
        -> "the KB has To Lam as General Secretary of the Communist Party of Vietnam on 2025-10 ..."

Dates are ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; a partial date covers its
whole month or year.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tribune.kb.knowledge import FUNCTIONAL_FAMILIES, KnowledgeBase, _holds
from tribune.records import Office

_FORMER = re.compile(r"\b(former|ex|then|late|outgoing|incoming|acting|designate|elect|future|deputy|vice)\b", re.IGNORECASE)


class ProtocolRank(NamedTuple):
    """A protocol rank (lower is more senior, see ranks.json) and a label saying where it comes from."""

    rank: int | None
    label: str | None


def office_on(kb: KnowledgeBase, actor_id: str, date: str | None) -> Office | None:
    """The most senior office the KB says the actor held on the date (None if none is recorded)."""
    if not date:
        return None
    return kb.office_at(actor_id, date)


def hierarchy_order(kb: KnowledgeBase, actor_id: str, date: str | None) -> int | None:
    """The numbered position held on the date (Politburo Standing Committee order), if any."""
    found = kb.order_at(actor_id, date) if date else None
    return found[0] if found else None


def order_label(office: Office, order: int) -> str:
    """ "PSC No. 2" for a Politburo Standing Committee position, "No. 2" otherwise."""
    if "standing committee" in office.title.lower() and "politburo" in office.title.lower():
        return f"PSC No. {order}"
    return f"No. {order}"


def protocol_rank(kb: KnowledgeBase, actor_id: str, date: str | None, stated_title: str | None = None) -> ProtocolRank:
    """The protocol rank of a person on a date: from the KB office held then, else from the title as stated.

    The label names the office and, where the person held a numbered position then,
    that position: ``(30, "Member of the Politburo Standing Committee (18th) (PSC No. 5)")``.
    A title the KB cannot rank gives ``(None, stated_title)``.
    """
    office = office_on(kb, actor_id, date)
    if office is not None and office.rank is not None:
        label = office.title
        found = kb.order_at(actor_id, date)
        if found is not None:
            label = f"{label} ({order_label(found[1], found[0])})"
        return ProtocolRank(office.rank, label)
    title, rank = kb.rank_of_title(stated_title)
    if rank is not None:
        return ProtocolRank(rank, title)
    return ProtocolRank(None, stated_title or title)


def rank_sort_key(kb: KnowledgeBase, actor_id: str, date: str | None, stated_title: str | None = None) -> tuple[int, int]:
    """A key to order people by seniority on a date: rank, then hierarchy order (Li Qiang before Zhao Leji)."""
    rank = protocol_rank(kb, actor_id, date, stated_title).rank
    order = hierarchy_order(kb, actor_id, date)
    return (rank if rank is not None else 999, order if order is not None else 99)


def _span(office: Office) -> str:
    return f"{office.start or '?'} to {office.end or 'present'}"


def office_contradictions(kb: KnowledgeBase, actor_id: str, stated_title: str | None, date: str | None, country: str | None = None) -> str | None:
    """Why the KB disagrees with a text naming ``actor_id`` as ``stated_title`` on ``date``; None when it does not.

    Only one-holder offices are checked (head of state, head of government, party
    leader, foreign and defence minister; see ``FUNCTIONAL_FAMILIES``), and only for
    the present tense: "former president" or "then premier" are not claims about the date.
    The text is reported as a disagreement, never corrected: the KB may be the one
    out of date. ``country`` is the country the title names, if the text says it
    (default: the person's).
    """
    if not stated_title or not date or _FORMER.search(stated_title):
        return None
    family = kb.title_family(stated_title)
    if family not in FUNCTIONAL_FAMILIES:
        return None
    actor = kb.actors.get(actor_id)
    country = country or (actor.country if actor else None)
    if country is None:
        return None
    title, _rank = kb.rank_of_title(stated_title)
    own = [o for o in kb.offices.get(actor_id, []) if kb.office_family(o) == family and (o.country or country) == country]
    if any(_holds(o, date) for o in own):
        return None
    name = actor.name if actor else actor_id
    others = [o for o in kb.holders(family, country, date) if o.actor_id != actor_id]
    if not others and not own:
        return None  # the KB knows nothing about this office then: no evidence either way
    parts = []
    if others:
        holders = "; ".join(f"{kb.actors[o.actor_id].name if o.actor_id in kb.actors else o.actor_id} as {o.title} ({_span(o)}, source: {o.source or 'unknown'})" for o in others)
        parts.append(f"the KB has {holders} on {date}")
    if own:
        held = "; ".join(f"{o.title} {_span(o)}" for o in own)
        parts.append(f"{name} held {held}")
    else:
        parts.append(f"the KB has no such office for {name}")
    return f"{name} is called {title or stated_title} of {country} on {date}, but " + ", and ".join(parts)
