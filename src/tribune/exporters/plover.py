"""PLOVER-style JSON: tribune events in the shape of POLECAT/PLOVER event data.

One object per event with the PLOVER fields (``event_type`` is the PLOVER
category, ``mode`` and ``context`` refine it; ``actor``/``recipient`` with their
countries), plus what PLOVER coders lack and tribune has: the event's status
(``happened`` / ``planned`` / ``speculated`` / ``denied``), every participant
with role and title, and the evidence sentences with their documents.
"""

from __future__ import annotations

import json
from typing import IO

SOURCE_ROLES = ("host", "sender", "speaker", "visitor", "delegation_head", "attendee", "other")
TARGET_ROLES = ("recipient", "target", "host", "attendee", "other")

# tribune type -> PLOVER mode (the verb's subtype) where one fits
MODES = {
    "meeting": "meet",
    "summit": "meet",
    "visit": "visit",
    "parade": "military-display",
    "weapons_test": "weapons-test",
    "military_exercise": "military-exercise",
    "troop_deployment": "troops",
    "arms_transfer": "military-aid",
    "agreement": "agree",
    "sanction": "economic",
    "letter": "message",
    "statement": "statement",
    "ceremony": "ceremony",
    "exhibition": "military-display",
}


def _pick(participants: list[dict], roles: tuple[str, ...], exclude: str | None = None) -> dict | None:
    for role in roles:
        for p in participants:
            if p["role"] == role and p["actor_id"] != exclude:
                return p
    return None


def plover_record(event: dict) -> dict:
    people = event["participants"] + event.get("parties", [])  # a state can be the actor or the target
    actor = _pick(people, SOURCE_ROLES)
    recipient = _pick(people, TARGET_ROLES, exclude=actor["actor_id"] if actor else None)
    location = event.get("location") or {}
    return {
        "id": event["id"],
        "event_date": event["date"],
        "event_date_end": event.get("date_end"),
        "event_type": event.get("plover"),
        "mode": MODES.get(event["type"]),
        "context": [event["type"]],
        "status": event["status"],
        "actor": actor["name"] if actor else None,
        "actor_id": actor["actor_id"] if actor else None,
        "actor_country": actor["country"] if actor else None,
        "recipient": recipient["name"] if recipient else None,
        "recipient_id": recipient["actor_id"] if recipient else None,
        "recipient_country": recipient["country"] if recipient else None,
        "location": {"name": location.get("name"), "country": location.get("country")} if location else None,
        "participants": [{k: p[k] for k in ("actor_id", "name", "country", "title", "role")} for p in people],
        "weapons": event["weapons"],
        "event_text": event["mentions"][0]["sentence"] if event["mentions"] else None,
        "sources": [
            {"doc_id": m["doc_id"], "path": m["path"], "sentence": m["sentence"], "start": m["start"], "end": m["end"], "status": m["status"], "date": m["date"]}
            for m in event["mentions"]
        ],
        "num_sources": event["sources"],
        "conflicts": event["conflicts"],
        "confidence": event["confidence"],
        "coder": "tribune",
    }


def plover_records(events: list[dict]) -> list[dict]:
    return [plover_record(e) for e in events]


def write_plover(events: list[dict], out: IO[str]) -> int:
    """A JSON document ``{"format": "plover", "events": [...]}``; returns the number of events."""
    records = plover_records(events)
    json.dump({"format": "plover", "version": "tribune-1", "events": records}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)
