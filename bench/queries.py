"""Query latency at scale: 1,000,000 synthetic events in a knowledge base with the real schema.

    python bench/queries.py                      # 1,000,000 events
    python bench/queries.py --events 200000 --with-indexes

Builds a fresh DuckDB with ``Store.open`` (so src/tribune/store/schema.sql),
fills it through bulk paths only (NumPy columns -> Arrow tables -> ``INSERT
INTO ... SELECT``, and ``INSERT ... SELECT`` joins for the derived tables):
events with participants (host, delegation head, guests; actors drawn with a
Zipf-like skew, so a few actors are in thousands of events), mentions and
their participants, documents, actor mentions, weapons and conflicts. Then
times, with random parameters per run, tribune's own query functions:

- timeline: ``event_records`` with an ``EventFilter`` (a 7-day window; a
  30-day window of one type; a 90-day window of one country);
- actor profile: ``tribune.analyze.profiles.actor_profile`` for a typical
  actor and for the busiest one;
- delegations: ``tribune.analyze.delegations.delegations(host, types=["parade"])``
  (heads of foreign delegations at one host's parades, by date);
- conflicts: ``conflict_records`` (every conflict) and the conflicts of a
  30-day window.

and prints p50/p95 per query. ``--with-indexes`` then creates the indexes
listed in INDEXES in the bench database (not in schema.sql) and times again.
Numbers only.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

COUNTRIES = [
    "PRK", "CHN", "RUS", "USA", "KOR", "JPN", "VNM", "LAO", "IND", "FRA", "GBR", "DEU", "IRN", "SYR", "CUB", "BLR", "MNG", "KHM",
    "IDN", "MYS", "THA", "PAK", "TUR", "EGY", "ZAF", "BRA", "ARG", "MEX", "CAN", "AUS", "NZL", "ITA", "ESP", "POL", "UKR", "KAZ",
    "UZB", "AZE", "ARM", "GEO", "SAU", "ARE", "QAT", "ISR", "NGA", "ETH", "KEN", "DZA", "MAR", "VEN", "NIC", "BOL", "PER", "CHL",
    "COL", "SRB", "HUN", "CZE", "AUT", "CHE",
]
TYPES = ["parade", "ceremony", "meeting", "summit", "visit", "weapons_test", "exhibition", "letter", "agreement", "arms_transfer",
         "troop_deployment", "military_exercise", "sanction", "statement", "other"]
TYPE_WEIGHTS = np.array([8, 5, 20, 8, 15, 6, 3, 6, 5, 3, 3, 5, 4, 8, 1], dtype=float)
STATUSES = ["happened", "planned", "speculated", "denied"]
STATUS_WEIGHTS = np.array([75, 15, 7, 3], dtype=float)
TITLES = ["Premier", "Vice Premier", "President", "Defence Minister", "Foreign Minister", "Politburo member", "Ambassador",
          "General Secretary", "Chairman", "Deputy Prime Minister"]
ROLES_GUEST = ["delegation_head", "attendee", "visitor", "delegation_member"]

INDEXES = [
    "CREATE INDEX IF NOT EXISTS bench_ep_actor ON event_participants (actor_id)",
    "CREATE INDEX IF NOT EXISTS bench_ep_event ON event_participants (event_id)",
    "CREATE INDEX IF NOT EXISTS bench_em_event ON event_mentions (event_id)",
    "CREATE INDEX IF NOT EXISTS bench_mp_mention ON mention_participants (mention_id)",
    "CREATE INDEX IF NOT EXISTS bench_am_actor ON actor_mentions (actor_id)",
    "CREATE INDEX IF NOT EXISTS bench_conflicts_event ON conflicts (event_id)",
    "CREATE INDEX IF NOT EXISTS bench_events_date ON events (date)",
]


def _insert(con, table: str, data: dict) -> None:
    view = f"_bench_{table}"
    con.register(view, pa.table(data))
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(data)}) SELECT * FROM {view}")
    finally:
        con.unregister(view)


def _zipf_index(rng: np.random.Generator, n: int, size: int) -> np.ndarray:
    """Indexes in [0, n) with a heavy head: index ~ n ** u - 1."""
    return np.minimum(n - 1, (np.floor(np.power(float(n), rng.random(size))) - 1).astype(np.int64))


def build(con, n_events: int, seed: int = 3) -> dict:
    rng = np.random.default_rng(seed)
    n_actors = max(1000, n_events // 50)
    n_docs = max(1000, n_events // 2)
    counts = {}
    t = time.perf_counter()

    # actors: people, each with a country; one country actor per country
    actor_country = rng.integers(0, len(COUNTRIES), n_actors)
    _insert(con, "actors", {
        "id": [f"person:a{i:06d}" for i in range(n_actors)] + [f"country:{c}" for c in COUNTRIES],
        "name": [f"Actor {i}" for i in range(n_actors)] + [f"Country {c}" for c in COUNTRIES],
        "kind": ["person"] * n_actors + ["country"] * len(COUNTRIES),
        "country": [COUNTRIES[c] for c in actor_country] + COUNTRIES,
        "known": [True] * (n_actors + len(COUNTRIES)),
    })

    # events over 2010-2025
    days = rng.integers(0, 16 * 365, n_events)
    dates = (np.datetime64("2010-01-01") + days.astype("timedelta64[D]")).astype(str)
    precision = rng.random(n_events)
    date_values = np.where(precision < 0.85, dates, np.where(precision < 0.95, dates.astype("U7"), dates.astype("U4")))
    types = rng.choice(len(TYPES), n_events, p=TYPE_WEIGHTS / TYPE_WEIGHTS.sum())
    statuses = rng.choice(len(STATUSES), n_events, p=STATUS_WEIGHTS / STATUS_WEIGHTS.sum())
    host = _zipf_index(rng, len(COUNTRIES), n_events)
    ids = [f"e{i:08d}" for i in range(n_events)]
    _insert(con, "events", {
        "id": ids,
        "type": [TYPES[i] for i in types],
        "status": [STATUSES[i] for i in statuses],
        "date": date_values.tolist(),
        "date_precision": ["day" if len(d) == 10 else "month" if len(d) == 7 else "year" for d in date_values.tolist()],
        "date_end": pa.nulls(n_events, pa.string()),
        "location_name": [f"City {h}-{i % 7}" for i, h in enumerate(host.tolist())],
        "location_country": [COUNTRIES[h] for h in host],
        "plover": ["CONSULT"] * n_events,
        "sources": rng.integers(1, 6, n_events).astype(np.int32),
        "confidence": rng.random(n_events).round(2),
        "merge_reasons": ["[]"] * n_events,
    })
    counts["events"] = n_events

    # participants: the host country, a host leader, a delegation head and 0-3 guests
    guests = rng.integers(0, 4, n_events)
    rows_event, rows_actor, rows_role, rows_title = [], [], [], []
    head = _zipf_index(rng, n_actors, n_events)
    host_leader = _zipf_index(rng, n_actors, n_events)
    extra = _zipf_index(rng, n_actors, int(guests.sum()))
    titles = rng.integers(0, len(TITLES), n_events * 2 + int(guests.sum()))
    k = 0
    for i in range(n_events):
        e = ids[i]
        rows_event += [e, e, e]
        rows_actor += [f"country:{COUNTRIES[host[i]]}", f"person:a{host_leader[i]:06d}", f"person:a{head[i]:06d}"]
        rows_role += ["host", "host", "delegation_head"]
        rows_title += [None, TITLES[titles[2 * i]], TITLES[titles[2 * i + 1]]]
        for _ in range(guests[i]):
            rows_event.append(e)
            rows_actor.append(f"person:a{extra[k]:06d}")
            rows_role.append(ROLES_GUEST[1 + k % 3])
            rows_title.append(TITLES[titles[2 * n_events + k]])
            k += 1
    _insert(con, "event_participants", {
        "event_id": rows_event,
        "actor_id": rows_actor,
        "name": pa.array(rows_actor).cast(pa.string()),
        "role": rows_role,
        "title": pa.array(rows_title, pa.string()),
        "support": rng.integers(1, 4, len(rows_event)).astype(np.int32),
    })
    # names and countries from the actors table, in one set-based update
    con.execute("UPDATE event_participants SET name = a.name, country = a.country FROM actors a WHERE a.id = event_participants.actor_id")
    counts["event_participants"] = len(rows_event)

    # documents and mentions: two mentions per event, in documents of two events each
    _insert(con, "documents", {
        "id": [f"d{i:08d}" for i in range(n_docs)],
        "path": [f"/corpus/{i // 1000:04d}/{i:08d}.txt" for i in range(n_docs)],
        "outlet": [f"Outlet {i % 40}" for i in range(n_docs)],
        "title": [f"Article {i}" for i in range(n_docs)],
        "published": (np.datetime64("2010-01-01") + rng.integers(0, 16 * 365, n_docs).astype("timedelta64[D]")).astype(str).tolist(),
        "published_source": ["metadata"] * n_docs,
        "text": ["(synthetic)"] * n_docs,
        "n_words": np.full(n_docs, 500, dtype=np.int32),
    })
    con.execute(
        "INSERT INTO mentions (id, doc_id, sentence_index, start_char, end_char, sentence, trigger, type, status, date, date_precision, "
        "date_evidence, location_name, location_country, confidence, grp) "
        "SELECT 'm' || lpad(CAST(e.n * 2 + k AS VARCHAR), 9, '0'), 'd' || lpad(CAST((e.n * 2 + k) % ? AS VARCHAR), 8, '0'), k, 0, 120, "
        "'A synthetic sentence about the ' || e.type || ' in ' || e.location_name || '.', e.type, e.type, e.status, e.date, e.date_precision, "
        "e.date, e.location_name, e.location_country, e.confidence, 0 "
        "FROM (SELECT *, CAST(substr(id, 2) AS BIGINT) AS n FROM events) e, range(2) r(k)",
        [n_docs],
    )
    con.execute("INSERT INTO event_mentions (event_id, mention_id) SELECT 'e' || lpad(CAST(CAST(substr(id, 2) AS BIGINT) // 2 AS VARCHAR), 8, '0'), id FROM mentions")
    con.execute(
        "INSERT INTO mention_participants (mention_id, actor_id, name, country, title, role) SELECT em.mention_id, p.actor_id, p.name, p.country, p.title, p.role "
        "FROM event_mentions em JOIN event_participants p ON p.event_id = em.event_id WHERE p.role IN ('host', 'delegation_head')"
    )
    con.execute(
        "INSERT INTO actor_mentions (doc_id, start_char, end_char, text, actor_id, title) SELECT m.doc_id, 0, 10, mp.name, mp.actor_id, mp.title FROM mention_participants mp JOIN mentions m ON m.id = mp.mention_id"
    )
    con.execute("INSERT INTO event_weapons (event_id, name, class) SELECT id, 'Hwasong-' || (hash(id) % 20), 'ICBM' FROM events WHERE type IN ('parade', 'weapons_test')")
    con.execute(
        "INSERT INTO conflicts (event_id, doc_id, attribute, claims, note) SELECT id, NULL, 'date', '[{\"value\": \"' || date || '\", \"doc_ids\": [\"d1\"]}, {\"value\": \"other\", \"doc_ids\": [\"d2\"]}]', "
        "'sources give different days' FROM events WHERE hash(id) % 20 = 0"
    )
    for table in ("documents", "mentions", "event_mentions", "mention_participants", "actor_mentions", "event_weapons", "conflicts"):
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.execute("CHECKPOINT")
    counts["seconds"] = time.perf_counter() - t
    return counts


def timed(fn, runs: int) -> tuple[float, float, int]:
    times, size = [], 0
    for i in range(runs):
        t = time.perf_counter()
        out = fn(i)
        times.append((time.perf_counter() - t) * 1000)
        size += len(out) if hasattr(out, "__len__") else 1
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, size // runs


def run_queries(tb, n_events: int, runs: int, seed: int = 5) -> list[tuple[str, float, float, int]]:
    from tribune.store.export import EventFilter, conflict_records, event_records

    try:
        from tribune.analyze.delegations import delegations
        from tribune.analyze.profiles import actor_profile
    except ImportError:  # the analysis views are not in this checkout
        delegations = actor_profile = None

    rng = random.Random(seed)
    store = tb.store
    n_actors = max(1000, n_events // 50)
    busiest = store.query("SELECT actor_id, count(*) AS n FROM event_participants WHERE actor_id LIKE 'person:%' GROUP BY 1 ORDER BY 2 DESC LIMIT 1")[0]

    def day(i: int, span: int) -> tuple[str, str]:
        start = np.datetime64("2010-01-01") + np.timedelta64(rng.randrange(16 * 365 - span), "D")
        return str(start), str(start + np.timedelta64(span - 1, "D"))

    cases = [
        ("timeline: event_records, 7-day window", lambda i: event_records(store, EventFilter(since=(d := day(i, 7))[0], until=d[1]))),
        ("timeline: 30 days, one type", lambda i: event_records(store, EventFilter(type=rng.choice(TYPES), since=(d := day(i, 30))[0], until=d[1]))),
        ("timeline: 90 days, one country", lambda i: event_records(store, EventFilter(country=rng.choice(COUNTRIES[:10]), since=(d := day(i, 90))[0], until=d[1]))),
        ("conflicts: conflict_records (all)", lambda i: conflict_records(store)),
        ("conflicts: one 30-day window (SQL)", lambda i: store.query(
            "SELECT c.*, e.type, e.date FROM conflicts c JOIN events e ON e.id = c.event_id WHERE e.date BETWEEN ? AND ? ORDER BY e.date", list(day(i, 30)))),
    ]
    if actor_profile is not None:
        cases += [
            ("actor profile: typical actor", lambda i: actor_profile(tb, f"person:a{rng.randrange(n_actors // 10, n_actors):06d}") or {}),
            (f"actor profile: busiest ({busiest['n']} events)", lambda i: actor_profile(tb, busiest["actor_id"]) or {}),
            ("delegations: host's parades", lambda i: delegations(tb, rng.choice(COUNTRIES[:5]), types=["parade"])["countries"]),
        ]
    else:
        cases += [
            ("actor profile (SQL: tribune.analyze absent)", lambda i: store.query(
                "SELECT e.* FROM events e JOIN event_participants p ON p.event_id = e.id WHERE p.actor_id = ? ORDER BY e.date",
                [f"person:a{rng.randrange(n_actors):06d}"])),
        ]
    out = []
    for name, fn in cases:
        fn(0)  # warm
        p50, p95, size = timed(fn, runs)
        out.append((name, p50, p95, size))
        print(f"  {name:<44} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   ({size} rows/records per call)", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--with-indexes", action="store_true", help="also time with the indexes in INDEXES")
    parser.add_argument("--db", help="keep the bench database here instead of a temporary folder")
    args = parser.parse_args(argv)

    from tribune.api import Tribune
    from tribune.store.db import Store

    scratch = Path(tempfile.mkdtemp(prefix="tribune-queries-"))
    db = args.db or str(scratch / "kb.duckdb")
    try:
        with Store.open(db) as store:
            counts = build(store.con, args.events)
        print("loaded " + ", ".join(f"{v} {k}" for k, v in counts.items() if k != "seconds") + f" in {counts['seconds']:.1f} s (bulk: Arrow + INSERT ... SELECT)", flush=True)
        with Tribune(db) as tb:
            print("without extra indexes:")
            before = run_queries(tb, args.events, args.runs)
            if args.with_indexes:
                t = time.perf_counter()
                for sql in INDEXES:
                    tb.store.con.execute(sql)
                print(f"with the indexes in INDEXES ({time.perf_counter() - t:.1f} s to build):")
                after = run_queries(tb, args.events, args.runs)
                print("gain (p95 before / after):")
                for (name, _, b95, _), (_, _, a95, _) in zip(before, after):
                    print(f"  {name:<44} {b95:8.1f} -> {a95:8.1f} ms  x{b95 / a95 if a95 else 0:.2f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
