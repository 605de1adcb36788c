"""An ingest killed at any moment loses nothing it committed and resumes without duplicates.

`tribune ingest` is run as a user runs it (a subprocess of the real CLI) over a
generated corpus of 60 articles, and killed with SIGKILL at seeded random
moments, most of them after the model has loaded, while batches of four
documents are being committed. After every kill the database must open and
hold no duplicate and no half-written document; when a run is finally let
finish, the knowledge base must hold exactly the documents of an uninterrupted
ingest of the same corpus, with events rebuilt from all of them.

The kills are timed from the measured length of an uninterrupted ingest and from
DuckDB's write-ahead log, whose growth shows when a run has loaded the model and
committed its first batch. When a resumed run finishes before its kill lands,
the round is checked and a fresh knowledge base is started.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from tribune.store.db import Store

MIN_KILLS = 20
TIME_CAP_S = 240.0  # a safety cap only: twenty kills take about a minute on two idle cores
SEED = 20240917

# Twenty real, dated events; three facts each, written for this test.
EVENTS = [
    ("HOUSTON", "1969-07-20", "July 20, 1969", [
        "The lunar module Eagle touched down in the Sea of Tranquility on Sunday afternoon, and Neil Armstrong reported to mission control that the craft had landed safely.",
        "Armstrong stepped onto the lunar surface several hours after the landing, followed by Buzz Aldrin, while Michael Collins kept the command module Columbia in orbit overhead.",
        "Flight controllers in Houston said the two astronauts collected rock and soil samples and planted a flag before returning to the lander for a rest period.",
    ]),
    ("BERLIN", "1989-11-09", "November 9, 1989", [
        "Crowds gathered at the crossing points of the Berlin Wall on Thursday night after an East German official said citizens could travel west without the usual permits.",
        "Border guards at Bornholmer Strasse opened the barrier shortly before midnight as thousands of East Berliners pressed forward, some carrying bottles of sparkling wine.",
        "Residents of West Berlin climbed onto the concrete wall near the Brandenburg Gate and chipped at it with hammers while police on both sides looked on.",
    ]),
    ("CALAIS", "1994-05-06", "May 6, 1994", [
        "Queen Elizabeth II and President Francois Mitterrand formally opened the Channel Tunnel on Friday, riding through the undersea rail link between Folkestone and Coquelles.",
        "The two heads of state met at the French terminal after their trains arrived nose to nose, completing a project that engineers said had taken seven years of digging.",
        "Officials said passenger services under the Channel would begin later in the year once safety certificates for the new shuttle trains had been issued.",
    ]),
    ("CAPE CANAVERAL", "1990-04-24", "April 24, 1990", [
        "The space shuttle Discovery lifted off from the Kennedy Space Center on Tuesday morning carrying the Hubble Space Telescope in its cargo bay.",
        "NASA managers said the crew of five would release the telescope into orbit the following day after a series of checks on its solar arrays and antennas.",
        "Astronomers waiting at the Goddard center in Maryland said the observatory could show galaxies far fainter than any telescope on the ground.",
    ]),
    ("BELFAST", "1998-04-10", "April 10, 1998", [
        "Negotiators at Stormont reached a political settlement for Northern Ireland on Friday afternoon after talks that ran through the night and well past their deadline.",
        "The agreement sets out a power-sharing assembly in Belfast and new bodies linking the two parts of the island, and it will be put to voters in referendums next month.",
        "Prime Minister Tony Blair and Taoiseach Bertie Ahern both praised the party leaders, and George Mitchell, who chaired the talks, called the day a historic one.",
    ]),
    ("HONG KONG", "1997-07-01", "July 1, 1997", [
        "Britain handed Hong Kong back to China at midnight in a ceremony at the harbourfront convention centre, ending more than 150 years of colonial rule.",
        "Prince Charles and the last governor, Chris Patten, left aboard the royal yacht Britannia shortly after the flags were changed in heavy rain.",
        "Chinese troops crossed the border into the territory in the early hours, and the new chief executive, Tung Chee-hwa, was sworn in later that morning.",
    ]),
    ("FRANKFURT", "2002-01-01", "January 1, 2002", [
        "Euro banknotes and coins went into circulation in twelve countries on Tuesday, and cash machines in Frankfurt began issuing the new notes minutes after midnight.",
        "Shopkeepers from Lisbon to Helsinki gave change in euros while still accepting the old national currencies during a transition period of about two months.",
        "The European Central Bank said the changeover had gone smoothly, with few reports of shortages at banks or of faults in vending machines.",
    ]),
    ("SYDNEY", "1973-10-20", "October 20, 1973", [
        "Queen Elizabeth II opened the Sydney Opera House on Saturday before a crowd that filled the forecourt and lined the harbour foreshore at Bennelong Point.",
        "The building, with its sail-shaped roof shells, was completed years late and far over budget, and its Danish architect Jorn Utzon did not attend.",
        "Fireworks were set off over the harbour after the ceremony, and a performance of Beethoven's Ninth Symphony followed in the concert hall that evening.",
    ]),
    ("MOSCOW", "1991-12-25", "December 25, 1991", [
        "Mikhail Gorbachev resigned as president of the Soviet Union on Wednesday evening in a brief televised address from the Kremlin.",
        "The red flag with the hammer and sickle was lowered over the Kremlin shortly afterwards and replaced by the white, blue and red flag of Russia.",
        "Control of the Soviet nuclear arsenal passed to Boris Yeltsin, the Russian president, according to officials who spoke after the handover of the launch codes.",
    ]),
    ("PARIS", "2015-12-12", "December 12, 2015", [
        "Delegates from 195 countries adopted a climate agreement at Le Bourget on Saturday evening after two weeks of negotiations that ran into an extra day.",
        "The accord aims to hold the rise in global temperatures well below two degrees Celsius and asks each country to set its own targets for cutting emissions.",
        "French foreign minister Laurent Fabius brought down a green gavel to mark the adoption, and the hall erupted into applause and embraces.",
    ]),
    ("GENEVA", "1995-01-01", "January 1, 1995", [
        "The World Trade Organization came into being on Sunday, taking over from the postwar trade agreement that had governed commerce between its members since 1948.",
        "The new body, based in Geneva, will settle trade disputes between governments and oversee agreements on services and intellectual property as well as goods.",
        "Diplomats said the choice of a first director general was still unresolved, with candidates from Italy, Mexico and South Korea in contention.",
    ]),
    ("BEIJING", "2008-08-08", "August 8, 2008", [
        "The Beijing Olympic Games opened on Friday night with a ceremony of drummers, dancers and fireworks inside the National Stadium known as the Bird's Nest.",
        "About 10,000 athletes from more than 200 delegations marched into the stadium, and former gymnast Li Ning lit the cauldron after being hoisted around the rim.",
        "The organisers said some 90,000 spectators watched from the stands, while many more followed the ceremony on screens set up in parks across the city.",
    ]),
    ("MOSCOW", "1961-04-12", "April 12, 1961", [
        "Soviet cosmonaut Yuri Gagarin orbited the Earth on Wednesday aboard the spacecraft Vostok and returned safely, the state news agency reported.",
        "The flight lasted about 108 minutes from launch at the Baikonur site to the landing in a field near the Volga, where Gagarin came down by parachute.",
        "Messages of congratulation reached Moscow from around the world, and the cosmonaut was promoted to the rank of major during the flight.",
    ]),
    ("WASHINGTON", "1963-08-28", "August 28, 1963", [
        "More than 200,000 people marched through the capital on Wednesday to demand civil rights and jobs, gathering at the Lincoln Memorial in the afternoon heat.",
        "The Reverend Martin Luther King Jr. told the crowd of his dream of a nation where his children would be judged by their character rather than the colour of their skin.",
        "Organisers met President John F. Kennedy at the White House after the rally, and police reported that the day passed without serious incident.",
    ]),
    ("KIEV", "1986-04-28", "April 28, 1986", [
        "Soviet authorities acknowledged on Monday that an accident had occurred at the Chernobyl nuclear power station, two days after a reactor explosion there.",
        "Swedish monitoring stations first detected unusually high radiation levels, prompting questions to Moscow before the brief statement on state television.",
        "Residents of the nearby town of Pripyat were moved out by bus, according to later reports, and officials said a government commission had been formed.",
    ]),
    ("COLOMBO", "2004-12-27", "December 27, 2004", [
        "The death toll from the tsunami that struck coastlines around the Indian Ocean on Sunday rose sharply as rescue teams reached villages cut off by the waves.",
        "The waves were set off by a powerful undersea earthquake off the coast of Sumatra and reached Sri Lanka, India and Thailand within hours.",
        "Aid agencies appealed for clean water, tents and medical supplies, and several governments pledged emergency funds on Monday.",
    ]),
    ("PASADENA", "2012-08-06", "August 6, 2012", [
        "NASA's Curiosity rover landed inside Gale Crater on Mars early on Monday, lowered to the surface by a rocket-powered sky crane.",
        "Engineers at the Jet Propulsion Laboratory cheered and hugged when the first low-resolution images from the rover's hazard cameras arrived.",
        "The car-sized rover carries ten science instruments and will study whether the area ever offered conditions suitable for microbial life.",
    ]),
    ("PORT-AU-PRINCE", "2010-01-13", "January 13, 2010", [
        "A magnitude 7.0 earthquake struck near the Haitian capital on Tuesday afternoon, bringing down the presidential palace and thousands of homes.",
        "Survivors dug through rubble with their hands overnight as hospitals were overwhelmed, and many residents slept in the streets for fear of aftershocks.",
        "The United Nations said its headquarters in the city had collapsed and that many of its staff were unaccounted for on Wednesday.",
    ]),
    ("BERLIN", "1990-10-03", "October 3, 1990", [
        "Germany was reunified at midnight as the German Democratic Republic ceased to exist, and crowds celebrated in front of the Reichstag building.",
        "The black, red and gold flag was raised outside the parliament, and bells rang across Berlin as fireworks lit the sky above the old border strip.",
        "Chancellor Helmut Kohl said the country faced a long task in bringing the economy of the east up to the standard of the west.",
    ]),
    ("BAIKONUR", "2000-11-02", "November 2, 2000", [
        "The first resident crew of the International Space Station docked with the outpost on Thursday, two days after launching from Kazakhstan on a Soyuz rocket.",
        "Commander William Shepherd and cosmonauts Yuri Gidzenko and Sergei Krikalev opened the hatch and switched on the lights in the station's service module.",
        "The three men are to spend about four months aboard, preparing the station for the arrival of its laboratory module and further crews.",
    ]),
]

OUTLETS = ["The Harbour Courier", "Northgate Ledger", "Meridian Wire", "Capital Observer", "Evening Dispatch", "Lakeside Gazette"]
REPORTERS = ["Ana Ferreira", "Tomas Lindqvist", "Priya Raman", "Kwame Mensah", "Helen Okafor", "Daniel Weiss", "Mei Tanaka", "Omar Haddad"]
ASIDES = [
    "{reporter} contributed reporting for {outlet}.",
    "Correspondents said the mood in the streets was one of relief mixed with uncertainty about what would come next.",
    "A spokesman declined to give further details, saying a full statement would be issued in the coming days.",
    "Officials estimated that preparations had involved several thousand workers over many months.",
    "Local newspapers printed special editions that sold out before noon.",
    "Television networks interrupted their regular schedules to carry the news live.",
    "Analysts cautioned that the longer-term consequences would take years to judge.",
    "Some observers recalled earlier attempts that had ended in failure or delay.",
    "Historians interviewed by {outlet} described the day as a turning point.",
    "The weather, grey and cool in the morning, cleared by the afternoon.",
]


def article_texts(seed: int = SEED) -> list[tuple[str, str]]:
    """Sixty (name, text) pairs: three articles per event, each built around a different fact."""
    rng = random.Random(seed)
    out = []
    for e_index, (place, iso, spoken, facts) in enumerate(EVENTS):
        for k in range(3):
            outlet = OUTLETS[(e_index + k) % len(OUTLETS)]
            reporter = rng.choice(REPORTERS)
            asides = [a.format(outlet=outlet, reporter=reporter) for a in rng.sample(ASIDES, 2)]
            lead, second = facts[k], facts[(k + 1) % 3] if k == 2 else None
            if k == 0:
                body = f"{place}, {spoken} - {lead} {asides[0]}"
            elif k == 1:
                body = f"By {reporter}\n\n{lead}\n\n{asides[0]} {asides[1]}"
            else:
                body = f"{lead} {second} {asides[1]}"
            out.append((f"{iso}_{e_index:02d}_{k}", body))
    return out


def write_corpus(folder: Path) -> list[str]:
    """Fifty articles as .txt files and ten as records of one .jsonl file; returns their texts."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = article_texts()
    records = []
    for index, (name, text) in enumerate(texts):
        if index % 6 == 5:
            records.append(json.dumps({"text": text, "outlet": OUTLETS[index % len(OUTLETS)]}))
        else:
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "wire.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return [t for _, t in texts]


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "tribune", "ingest", str(corpus), "--db", str(db), "--batch-size", "4", "--quiet"]


def _scalar(con, sql: str):
    return con.execute(sql).fetchone()[0]


def check_consistent(db: Path) -> dict:
    """The knowledge base opens and holds no duplicate, orphan or half-written row."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = _scalar(con, "SELECT count(*) FROM documents")
        assert docs == _scalar(con, "SELECT count(DISTINCT id) FROM documents"), "duplicate documents"
        assert _scalar(con, "SELECT count(*) FROM sources") == _scalar(con, "SELECT count(DISTINCT source_key) FROM sources"), "duplicate sources"
        assert _scalar(con, "SELECT count(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.doc_id)") == 0, "a source names a missing document"
        assert _scalar(con, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.doc_id = d.id)") == 0, "a document without its source"
        assert _scalar(con, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)") == 0, "a document without sentences (half-written)"
        assert _scalar(con, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM minhashes m WHERE m.doc_id = d.id)") == 0, "a document without its signature"
        for table in ("sentences", "mentions", "timexes", "actor_mentions", "minhashes", "rejected_dates", "paragraph_duplicates", "document_conflicts"):
            orphans = _scalar(con, f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = t.doc_id)")
            assert orphans == 0, f"{orphans} rows of {table} whose document is missing"
        for table in ("mention_participants", "mention_weapons"):
            orphans = _scalar(con, f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = t.mention_id)")
            assert orphans == 0, f"{orphans} rows of {table} whose mention is missing"
        assert _scalar(con, "SELECT count(*) FROM sentences") == _scalar(con, "SELECT count(*) FROM (SELECT DISTINCT doc_id, idx FROM sentences)"), "duplicate sentences"
        assert _scalar(con, "SELECT count(*) FROM mentions") == _scalar(con, "SELECT count(DISTINCT id) FROM mentions"), "duplicate mentions"
        assert _scalar(con, "SELECT count(*) FROM minhashes") == _scalar(con, "SELECT count(*) FROM (SELECT DISTINCT doc_id, paragraph_index FROM minhashes)"), "duplicate signatures"
        return {
            "documents": docs,
            "ids": {r[0] for r in con.execute("SELECT id FROM documents").fetchall()},
            "texts": {r[0] for r in con.execute("SELECT text FROM documents").fetchall()},
            "sources": {r[0] for r in con.execute("SELECT source_key FROM sources").fetchall()},
            "mentions": _scalar(con, "SELECT count(*) FROM mentions"),
            "event_mentions": sorted(con.execute("SELECT event_id, mention_id FROM event_mentions").fetchall()),
        }
    finally:
        con.close()


def _killed_state(db: Path) -> dict | None:
    """The state a kill left, or None when it landed before the schema was complete."""
    if not db.exists():
        return None
    try:
        return check_consistent(db)
    except duckdb.CatalogException:
        return None  # killed while the tables were being created: the next run creates the rest


def _disk_state(db: Path) -> tuple:
    """Size and modification time of the knowledge base and its write-ahead log. An ingest holds the
    file only while it writes a batch, and closing it checkpoints the log into the file, so a change
    in either is how the test sees a run commit (the first change can also be the replay of a log
    that a killed run left, which is written back when the next run first lets go of the file)."""
    state = []
    for path in (db, Path(f"{db}.wal")):
        try:
            st = os.stat(path)
            state.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            state.append(None)
    return tuple(state)


def _first_commit(process: subprocess.Popen, db: Path, at_start: tuple) -> float | None:
    """Seconds until the process commits something, or None if it ends first."""
    started = time.monotonic()
    while process.poll() is None:
        if _disk_state(db) != at_start:
            return time.monotonic() - started
        time.sleep(0.02)
    return None


def _lane(lane: int, corpus: Path, tmp: Path, timing: dict, kills_wanted: int, reference: dict, deadline: float) -> dict:
    """Kill ingests into one knowledge base after another until kills_wanted kills have landed.

    The first run on a new knowledge base, and one run in six after it, is
    killed at a random moment of start-up (imports, creating or opening the
    knowledge base, loading the model). The others wait until the run has loaded
    the model and committed its first batch, then strike at a random moment of
    the next few batches, so that progress advances a little from kill to kill.
    """
    rng = random.Random(SEED + lane)
    stats = {"kills": 0, "finished_before_kill": 0, "rounds": 0, "killed_during_setup": 0, "before_commit": 0, "after_commit": 0, "documents_at_kill": []}
    db, stored = None, 0
    while stats["kills"] < kills_wanted or db is not None:
        if db is None:
            assert time.monotonic() < deadline, f"lane {lane}: only {stats['kills']} kills in {TIME_CAP_S:.0f} s"
            stats["rounds"] += 1
            db, stored = tmp / f"lane{lane}-round{stats['rounds']}.duckdb", 0
        has_tables = _killed_state(db) is not None
        at_start = _disk_state(db)
        process = subprocess.Popen(_ingest_cmd(corpus, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if not has_tables or rng.random() < 1 / 6:
            delay = rng.uniform(0.5, timing["first_commit_s"])
        else:
            waited = _first_commit(process, db, at_start)
            # Within about the next three batches (or the relinking and checkpoint that follow the last one),
            # so that one knowledge base takes many kills before it is complete.
            delay = None if waited is None else rng.uniform(0.0, timing["work_s"] * min(60 - stored, 12) / 60 + 0.3)
        try:
            out, err = process.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            committed = _disk_state(db) != at_start
            process.send_signal(signal.SIGKILL)  # a no-op if it has just exited
            process.communicate()
            stats["kills"] += 1
            stats["after_commit" if committed else "before_commit"] += 1
            state = _killed_state(db)
            if state is None:
                stats["killed_during_setup"] += 1
            else:
                assert state["ids"] <= reference["ids"], "a killed ingest stored a document an uninterrupted one does not"
                assert state["documents"] >= stored, "a kill lost documents an earlier run had committed"
                stored = state["documents"]
                stats["documents_at_kill"].append(stored)
            if stats["kills"] < kills_wanted:
                continue
            # Enough kills: let one run finish. It stores what is missing and skips what is there.
            final = subprocess.run(_ingest_cmd(corpus, db), capture_output=True, text=True, timeout=180)
            assert final.returncode == 0, final.stderr
            assert f"{60 - stored} new, {stored} already stored" in final.stdout, (stored, final.stdout)
        else:
            assert process.returncode == 0, err.decode()
            stats["finished_before_kill"] += 1
        # The round is over: everything is there, once, as after an uninterrupted ingest.
        state = check_consistent(db)
        assert state["ids"] == reference["ids"], "documents lost or added across the kills"
        assert state["sources"] == reference["sources"]
        assert state["texts"] == reference["texts"]
        # Events were rebuilt from every stored mention, even when a kill hit between the last batch and relinking.
        assert state["event_mentions"] == reference["event_mentions"], "events are stale or differ from an uninterrupted ingest"
        db = None
    return stats


def test_sigkill_at_random_points_loses_nothing_and_duplicates_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    texts = write_corpus(corpus)
    assert len(texts) == 60 and len(set(texts)) == 60

    # Two uninterrupted ingests side by side, as the two kill lanes run: the reference, and the timing
    # (start-up until the first batch is committed, then the work) that the kills are spread over.
    refs = [tmp_path / "reference-a.duckdb", tmp_path / "reference-b.duckdb"]
    for ref in refs:  # tables first, so that the first change on disk in the run is its first batch of documents
        Store.open(str(ref)).close()
    at_start = _disk_state(refs[0])
    started = time.monotonic()
    processes = [subprocess.Popen(_ingest_cmd(corpus, r), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for r in refs]
    assert _first_commit(processes[0], refs[0], at_start) is not None
    first_commit_s = time.monotonic() - started
    for process in processes:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        assert err.strip() == "", f"the clean corpus reported problems: {err}"
    full_s = time.monotonic() - started
    timing = {"full_s": full_s, "first_commit_s": first_commit_s, "work_s": max(full_s - first_commit_s, 0.5)}
    reference = check_consistent(refs[0])
    assert reference["documents"] == len(set(texts)) == 60, "every distinct article is one document"
    assert len(reference["sources"]) == 60
    other = check_consistent(refs[1])
    assert other["ids"] == reference["ids"] and other["event_mentions"] == reference["event_mentions"], "ingest is not deterministic"

    # Two lanes at once (two knowledge bases), so that twenty kills fit in about a minute on two cores.
    deadline = time.monotonic() + TIME_CAP_S
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(_lane, lane, corpus, tmp_path, timing, MIN_KILLS // 2, reference, deadline) for lane in (1, 2)]
        lanes = [f.result() for f in futures]
    total = {k: sum(s[k] for s in lanes) for k in ("kills", "before_commit", "after_commit", "killed_during_setup", "rounds", "finished_before_kill")}
    at_kill = sorted(n for s in lanes for n in s["documents_at_kill"])

    print(
        f"\ncrash safety: {total['kills']} SIGKILLs landed: {total['after_commit']} after the run had committed, "
        f"{total['before_commit']} during start-up, model loading or the first batch ({total['killed_during_setup']} before the tables existed); "
        f"documents stored at each kill: {at_kill}; {total['rounds']} knowledge bases, {total['finished_before_kill']} runs "
        f"finished before their kill; uninterrupted ingest {full_s:.1f} s, first commit after {first_commit_s:.1f} s "
        f"(two at once); 60/60 documents, no duplicate, no orphan after every round"
    )
    assert total["kills"] >= MIN_KILLS, f"only {total['kills']} kills landed in the time budget"
    assert total["after_commit"] > total["before_commit"], "most kills must land after the model has loaded"


def test_a_crash_between_the_last_batch_and_relinking_is_repaired_by_the_next_run(tmp_path, monkeypatch):
    """Deterministic version of the narrowest window: every batch is committed, the relink never ran."""
    import tribune.api
    from tribune.api import Tribune

    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    db = str(tmp_path / "kb.duckdb")

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt  # what SIGINT does there; SIGKILL leaves the same state on disk

    with Tribune(db) as tb:  # a first, complete ingest of ten articles: the knowledge base has events
        assert tb.ingest([str(corpus / "wire.jsonl")]).events > 0
    before = check_consistent(Path(db))["event_mentions"]
    monkeypatch.setattr(tribune.api, "relink", killed)
    with Tribune(db) as tb:
        with pytest.raises(KeyboardInterrupt):
            tb.ingest([str(corpus)], batch_size=8)
    monkeypatch.undo()
    state = check_consistent(Path(db))
    assert state["documents"] == 60 and state["event_mentions"] == before  # the events of the first ten only
    with Tribune(db) as tb:
        report = tb.ingest([str(corpus)], batch_size=8)
    assert report.new == 0 and report.unchanged == 60
    assert report.events > 0
    linked = {m for _e, m in check_consistent(Path(db))["event_mentions"]}
    with duckdb.connect(db, read_only=True) as con:
        assert linked == {r[0] for r in con.execute("SELECT id FROM mentions").fetchall()}, "events were left stale"
