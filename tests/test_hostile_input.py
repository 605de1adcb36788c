"""A hostile corpus through the real command line: every bad item is named once, every good one is kept.

The corpus is generated here, in tmp_path: empty, binary, oversized and
compressed-bomb files, text in five encodings (invalid UTF-8 among them), HTML
with scripts, frames, entities and 5,000 levels of nesting, JSON Lines with
broken records among good ones, symbolic link loops, a file name that is not
UTF-8, and (in a separate test, skipped when running as root, since root
reads anything) an unreadable file. `tribune ingest` is
run as a user runs it, twice, and the store is read back with `tribune export`
and with DuckDB directly.

tests/test_ingest.py covers the readers one by one, in-process; this file
covers what the user sees: stderr, the exit status, and what ends up stored.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

MIB = 1024 * 1024
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# Articles written for this test (real events, original wording).
MOON = (
    "HOUSTON, July 21, 1969 - Two American astronauts walked on the Moon on Sunday night after their lunar module "
    "settled onto a plain in the Sea of Tranquility. Neil Armstrong climbed down the ladder first and described the "
    "fine powdery surface to listeners on Earth, and Buzz Aldrin joined him about twenty minutes later. Michael "
    "Collins remained in lunar orbit aboard the command ship, which will carry all three men home next week."
)
WALL = (
    "# Berliners cross the Wall as checkpoints open\n\n"
    "BERLIN, November 10, 1989 - Tens of thousands of East Germans streamed through the checkpoints of the Berlin "
    "Wall overnight after their government unexpectedly lifted travel restrictions on Thursday. Strangers embraced "
    "on the Kurfuerstendamm, cars from the east queued for hours at the crossings, and people from both halves of "
    "the city danced on top of the wall at the Brandenburg Gate until dawn on Friday."
)
TUNNEL = (
    "The Channel Tunnel was formally opened on Friday, May 6, 1994, when Queen Elizabeth II and President Francois "
    "Mitterrand travelled beneath the sea between Folkestone and Coquelles. The two leaders cut ribbons at both "
    "terminals in a day of ceremonies, and engineers who had worked on the boring machines were applauded by the guests. "
    "Freight trains are due to use the tunnel first, with passenger trains to follow in the autumn."
)
ST_HELENS = (
    "VANCOUVER, Washington, May 18, 1980 — Mount St. Helens erupted on Sunday morning with a blast that tore away the "
    "north face of the volcano and sent a column of ash more than twelve miles into the sky. Geologists said an "
    "earthquake had set off a huge landslide moments before the eruption. Ash fell on towns across eastern "
    "Washington, turning day into night; a café owner in Yakima said the streetlights came on at noon."
)
GOOD_FRIDAY = (
    "BELFAST, April 10, 1998 - Political parties in Northern Ireland reached an agreement at Stormont on Friday "
    "that creates a devolved assembly with power shared between unionists and nationalists. The talks, chaired by "
    "the former American senator George Mitchell, overran their midnight deadline by many hours. Voters on both "
    "sides of the Irish border will be asked to approve the accord in referendums to be held in May."
)
WORLD_CUP = (
    "SAINT-DENIS, July 12, 1998 - France won the football World Cup for the first time on Sunday, beating Brazil "
    "3-0 at the Stade de France. Zinédine Zidane scored twice with headers from corner kicks before half-time, and "
    "Emmanuel Petit added a third in stoppage time. Fans packed the Champs-Élysées until dawn, chanting “Zizou” "
    "and waving tricolours, while the coach Aimé Jacquet called it the finest night of his career."
)
PYEONGCHANG = (
    "2018년 2월 9일 저녁 강원도 평창 올림픽스타디움에서 제23회 동계올림픽 개회식이 열렸다. "
    "남북한 선수단은 한반도기를 앞세우고 함께 입장했으며, 영하의 추위 속에서도 관중들은 큰 박수로 선수들을 맞았다. "
    "이번 대회에는 90개가 넘는 나라에서 약 2,900명의 선수가 참가해 17일 동안 경기를 치른다. "
    "조직위원회는 경기장과 교통 준비를 모두 마쳤다고 밝혔다."
)
OPERA_HTML = """<!DOCTYPE html>
<html><head><title>Queen opens the Sydney Opera House</title>
<script>var SCRIPT_MARKER_7731 = "analytics payload that must never be stored";</script>
<style>.ad { display: none } /* STYLE_MARKER_5520 */</style></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Queen opens the Sydney Opera House</h1>
<p>SYDNEY, October 20, 1973 &#8211; Queen Elizabeth II opened the Sydney Opera House on Saturday before a crowd that
filled the forecourt at Bennelong Point. The Queen&#8217;s speech praised the builders &amp; engineers who had
worked on the harbourside site for fourteen years.</p>
<iframe src="https://ads.example/frame.html">IFRAME_MARKER_4410 your browser does not support frames</iframe>
<p>Critics called the roof shells a triumph of design, and the opening concert &eacute;voked cheers from an
audience in evening dress. The Danish architect J&oslash;rn Utzon, who left the project in 1966, was not present.</p>
<script>document.write("SCRIPT_MARKER_7732 injected text");</script>
</article></body></html>
"""
HUBBLE = (
    "CAPE CANAVERAL, April 24, 1990 - The space shuttle Discovery lifted off on Tuesday with the Hubble Space Telescope "
    "folded inside its cargo bay, after years of delays and a last-minute fault in a fuel valve. Astronomers said "
    "the telescope, once released into orbit, should see objects far fainter and more distant than any "
    "instrument on the ground."
)
HONG_KONG = (
    "HONG KONG, July 1, 1997 - Britain returned Hong Kong to Chinese rule at midnight in a ceremony held in driving "
    "rain at the new convention centre on the harbour. The Union flag was lowered and the flag of China raised as "
    "a military band played. Prince Charles and the departing governor, Chris Patten, sailed away aboard the royal "
    "yacht Britannia shortly afterwards."
)
EURO = (
    "FRANKFURT, January 1, 2002 - Euro notes and coins became legal tender in twelve European countries on Tuesday. "
    "Queues formed at cash machines shortly after midnight, and shops in Madrid, Paris and Vienna gave change in the "
    "new money while still taking pesetas, francs and schillings. Central bankers said the switch had gone "
    "more smoothly than they had dared to hope."
)
PATHFINDER = (
    "PASADENA, July 4, 1997 - The Mars Pathfinder spacecraft bounced to a landing on the red planet on Friday, "
    "cushioned by a cluster of airbags, and sent its first signal home a few minutes later. Engineers at the Jet "
    "Propulsion Laboratory cheered as the first pictures showed a rocky plain in the Ares Vallis region. A small "
    "rover named Sojourner is to roll off the lander within days."
)
GAGARIN = (
    "MOSCOW, April 12, 1961 - A Soviet pilot, Yuri Gagarin, became the first person to travel into space on "
    "Wednesday, circling the Earth once in the spacecraft Vostok before landing in a field near Saratov. "
    "Crowds gathered in Red Square as the news spread, and radio stations played patriotic songs through the afternoon."
)


def _build_corpus(root: Path) -> tuple[dict[str, str], dict[tuple[str, int | None], str]]:
    """Write the corpus; returns {good source key: a phrase its stored text must hold} and
    {bad item as (name, line): what its reason must say}."""
    root.mkdir()
    good: dict[str, str] = {}
    bad: dict[tuple[str, int | None], str] = {}

    # Three plain good articles.
    (root / "moon_landing.txt").write_text(MOON, encoding="utf-8")
    good["moon_landing.txt"] = "Sea of Tranquility"
    (root / "berlin_wall.md").write_text(WALL, encoding="utf-8")
    good["berlin_wall.md"] = "Brandenburg Gate"
    (root / "channel_tunnel.json").write_text(
        json.dumps({"title": "Channel Tunnel opens", "outlet": "Coast Herald", "published": "1994-05-06", "text": TUNNEL}), encoding="utf-8"
    )
    good["channel_tunnel.json"] = "Folkestone and Coquelles"

    # Encodings: all of these hold an article, so all of them must be stored.
    (root / "invalid_utf8.txt").write_bytes(ST_HELENS.encode("utf-8").replace(b"Sunday morning", b"Sunday\xff\xfe morning\xc3(", 1))
    good["invalid_utf8.txt"] = "café owner in Yakima"  # the valid UTF-8 around the broken bytes is not turned into mojibake
    (root / "utf16_no_bom.txt").write_bytes(GOOD_FRIDAY.encode("utf-16-le"))
    good["utf16_no_bom.txt"] = "power shared between unionists and nationalists"
    (root / "cp1252.txt").write_bytes(WORLD_CUP.encode("cp1252"))
    good["cp1252.txt"] = "Zinédine Zidane"
    (root / "euc_kr.txt").write_bytes(PYEONGCHANG.encode("euc-kr"))
    good["euc_kr.txt"] = "평창 올림픽스타디움"

    # HTML: scripts and frames dropped, entities decoded.
    (root / "opera_house.html").write_text(OPERA_HTML, encoding="utf-8")
    good["opera_house.html"] = "Queen’s speech praised the builders & engineers"

    # JSON Lines: good records on lines 1, 3 and 6; broken ones on 2, 4, 5 and 7; line 8 is blank (fine).
    lines = [
        json.dumps({"text": HONG_KONG, "outlet": "Harbour Wire"}),
        '{"text": "an unterminated string, "outlet": "x"}',
        json.dumps({"text": EURO, "published": "2002-01-01"}),
        json.dumps(["a", "list", "is", "not", "a", "record"]),
        json.dumps({"title": "A record with no body"}),
        json.dumps({"html": f"<html><body><article><p>{PATHFINDER}</p></article></body></html>"}),
        '{"text": "the file was cut off in the middle of a rec',
        "",
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good["feed.jsonl#1"] = "Union flag was lowered"
    good["feed.jsonl#3"] = "pesetas, francs and schillings"
    good["feed.jsonl#6"] = "Ares Vallis"
    bad[("feed.jsonl", 2)] = "malformed JSON"
    bad[("feed.jsonl", 4)] = "expected an object"
    bad[("feed.jsonl", 5)] = "no non-empty 'text' or 'html'"
    bad[("feed.jsonl", 7)] = "malformed JSON"

    # Files that hold no article.
    (root / "empty.txt").write_bytes(b"")
    bad[("empty.txt", None)] = "empty"
    rng = random.Random(1234)
    (root / "binary.txt").write_bytes(rng.randbytes(64 * 1024) + b"\x00" * 64 + rng.randbytes(1024))
    bad[("binary.txt", None)] = "binary"
    with open(root / "huge.txt", "wb") as handle:  # 50 MB of text, written in 1 MiB blocks
        block = (b"The committee met again and adjourned without a vote on the budget. " * 16000)[:MIB]
        for _ in range(50):
            handle.write(block)
    bad[("huge.txt", None)] = "larger than 20 MiB"
    with gzip.open(root / "bomb.txt.gz", "wb", compresslevel=9) as handle:  # ~25 KB on disk, 24 MiB inside
        zeros = b"\x00" * MIB
        for _ in range(24):
            handle.write(zeros)
    bad[("bomb.txt.gz", None)] = "decompresses to more than 20 MiB"
    (root / "broken.json").write_text('{"title": "Half a record", "text": "The summit ended', encoding="utf-8")
    bad[("broken.json", 1)] = "malformed JSON"
    (root / "cookie_wall.html").write_text("<html><body><div class='consent'></div></body></html>", encoding="utf-8")
    bad[("cookie_wall.html", None)] = "no article text"

    # Symbolic links: a folder that contains itself, and a file link that points at itself.
    (root / "loop").symlink_to(".")
    bad[("loop", None)] = "symbolic link"
    (root / "self.txt").symlink_to("self.txt")
    bad[("self.txt", None)] = "symbolic link loop"

    # A file name that is not UTF-8, holding a good article.
    try:
        fd = os.open(os.fsencode(root) + b"/gagarin_\xff\xfe.txt", os.O_WRONLY | os.O_CREAT, 0o644)
    except OSError:
        pass  # a file system that refuses such names (not Linux ext4/xfs/tmpfs)
    else:
        os.write(fd, GAGARIN.encode("utf-8"))
        os.close(fd)
        good["gagarin_\\xff\\xfe.txt"] = "circling the Earth once"

    return good, bad


def _tribune(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tribune", *args], capture_output=True, text=True, timeout=timeout)


PROBLEM_LINE = re.compile(r"^skipped (?P<path>.+?)(?::(?P<line>\d+))?: (?P<reason>.+)$")


def _problems(stderr: str, root: Path) -> list[tuple[str, int | None, str]]:
    """(name relative to the corpus, line, reason) for every 'skipped' line of stderr."""
    out = []
    for raw in stderr.splitlines():
        if not raw.startswith("skipped "):
            continue
        match = PROBLEM_LINE.match(raw)
        assert match, f"unparseable problem line: {raw!r}"
        path = match["path"]
        assert path.startswith(str(root) + "/"), f"problem does not name a file of the corpus: {raw!r}"
        out.append((path[len(str(root)) + 1 :], int(match["line"]) if match["line"] else None, match["reason"]))
    return out


def _check_problems(result, root: Path, bad: dict, either: set[str]) -> set[str]:
    """Every bad item reported exactly once with its reason; returns the 'either' items that were reported."""
    assert "Traceback" not in result.stderr, result.stderr
    reported = _problems(result.stderr, root)
    keys = [(name, line) for name, line, _ in reported]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"reported more than once: {duplicates}\n{result.stderr}"
    unexpected = {k for k in keys if k not in bad and k[0] not in either}
    assert not unexpected, f"reported but not bad: {unexpected}\n{result.stderr}"
    missing = set(bad) - set(keys)
    assert not missing, f"bad items not reported: {missing}\n{result.stderr}"
    for name, line, reason in reported:
        if (name, line) in bad:
            assert bad[(name, line)] in reason, f"{name}:{line}: reason {reason!r} does not say {bad[(name, line)]!r}"
    return {name for name, _line, _reason in reported if name in either}


def test_hostile_corpus_through_the_cli(tmp_path):
    root = tmp_path / "corpus"
    good, bad = _build_corpus(root)
    either: set[str] = set()  # 5,000 nested <div>s around a paragraph: deeper than lxml goes, still stored
    (root / "nested.html").write_text(
        "<html><body>" + "<div>" * 5000 + f"<p>{HUBBLE}</p>" + "</div>" * 5000 + "</body></html>", encoding="utf-8"
    )
    db = tmp_path / "kb.duckdb"

    first = _tribune("ingest", str(root), "--db", str(db), "--quiet")
    assert first.returncode == 0, first.stderr
    reported_either = _check_problems(first, root, bad, either)

    exported = _tribune("export", "docs", "--db", str(db), "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    docs = [json.loads(line) for line in exported.stdout.splitlines() if line.strip()]
    by_key = {}
    with duckdb.connect(str(db), read_only=True) as con:
        sources = dict(con.execute("SELECT source_key, doc_id FROM sources").fetchall())
        texts = dict(con.execute("SELECT id, text FROM documents").fetchall())
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert n_docs == con.execute("SELECT count(DISTINCT id) FROM documents").fetchone()[0]
    for key, doc_id in sources.items():
        by_key[key[len(str(root)) + 1 :]] = doc_id
    exported_ids = {d["id"] for d in docs}
    for name, phrase in good.items():
        assert name in by_key, f"good item {name} was not stored; stderr:\n{first.stderr}"
        doc_id = by_key[name]
        assert doc_id in exported_ids, f"{name} is missing from `tribune export docs`"
        assert phrase in texts[doc_id], f"{name}: stored text lacks {phrase!r}: {texts[doc_id][:300]!r}"
    assert "nested.html" in by_key, "nested.html was not stored"
    assert "Hubble Space Telescope" in texts[by_key["nested.html"]]
    expected_docs = len(good) + 1
    assert len(docs) == n_docs == expected_docs

    # The HTML article: no script, style or frame content; entities decoded.
    opera = texts[by_key["opera_house.html"]]
    for marker in ("SCRIPT_MARKER", "STYLE_MARKER", "IFRAME_MARKER", "analytics payload", "document.write"):
        assert marker not in opera
    assert "&amp;" not in opera and "&#8217;" not in opera and "&eacute;" not in opera
    assert "évoked" in opera and "Jørn Utzon" in opera
    everything = "\n".join(texts.values())
    assert "SCRIPT_MARKER" not in everything and "IFRAME_MARKER" not in everything
    # Text in other encodings is stored as text, not as mojibake.
    assert "Champs-Élysées" in texts[by_key["cp1252.txt"]] and "“Zizou”" in texts[by_key["cp1252.txt"]]
    assert "한반도기" in texts[by_key["euc_kr.txt"]]
    damaged = texts[by_key["invalid_utf8.txt"]]
    assert "1980 — Mount St. Helens" in damaged and "\ufffd" in damaged and "Ã" not in damaged

    # Problems are kept in the knowledge base too, one row per item for this run.
    with duckdb.connect(str(db), read_only=True) as con:
        stored_problems = con.execute("SELECT path, line FROM problems").fetchall()
    assert len(stored_problems) == len(bad) + len(reported_either)

    # Again, with --strict: the same problems, exit status 2, and nothing stored twice or lost.
    second = _tribune("ingest", str(root), "--db", str(db), "--quiet", "--strict")
    assert second.returncode == 2, (second.returncode, second.stderr)
    assert _check_problems(second, root, bad, either) == reported_either
    assert f"0 new, {expected_docs} already stored" in second.stdout, second.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == n_docs
        assert con.execute("SELECT count(DISTINCT id) FROM documents").fetchone()[0] == n_docs
        assert dict(con.execute("SELECT source_key, doc_id FROM sources").fetchall()) == sources
    again = _tribune("export", "docs", "--db", str(db), "--format", "jsonl")
    assert [json.loads(line) for line in again.stdout.splitlines() if line.strip()] == docs


def test_strict_exits_zero_when_nothing_is_wrong(tmp_path):
    root = tmp_path / "clean"
    root.mkdir()
    (root / "moon_landing.txt").write_text(MOON, encoding="utf-8")
    result = _tribune("ingest", str(root), "--db", str(tmp_path / "kb.duckdb"), "--quiet", "--strict")
    assert result.returncode == 0, result.stderr
    assert "skipped" not in result.stderr


@pytest.mark.skipif(IS_ROOT, reason="running as root: root reads a chmod 000 file, so 'permission denied' cannot be provoked")
def test_unreadable_file_is_reported_and_the_rest_ingested(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "moon_landing.txt").write_text(MOON, encoding="utf-8")
    unreadable = root / "unreadable.txt"
    unreadable.write_text(WALL, encoding="utf-8")
    unreadable.chmod(0)
    try:
        result = _tribune("ingest", str(root), "--db", str(tmp_path / "kb.duckdb"), "--quiet")
    finally:
        unreadable.chmod(0o644)
    assert result.returncode == 0, result.stderr
    assert _problems(result.stderr, root) == [("unreadable.txt", None, "permission denied")]
    assert "1 new" in result.stdout


def test_a_file_the_system_refuses_to_read_is_reported_whoever_runs_the_tests(tmp_path, monkeypatch):
    """The same path as the chmod test above, provoked without chmod so that it runs as root too (CI):
    the operating system's refusal, for a plain file and a JSON Lines file, is one problem each and the
    rest of the folder is read."""
    from tribune.ingest import readers
    from tribune.records import IngestProblem

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "moon_landing.txt").write_text(MOON, encoding="utf-8")
    refused = {root / "locked.txt", root / "locked.jsonl"}
    for path in refused:
        path.write_text(WALL if path.suffix == ".txt" else json.dumps({"text": MOON}) + "\n", encoding="utf-8")

    def guarded_open(path, *args, **kwargs):
        if Path(path) in refused:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(readers, "open", guarded_open, raising=False)
    items = list(readers.read_sources([root]))
    problems = sorted((Path(p.path).name, p.reason) for p in items if isinstance(p, IngestProblem))
    assert problems == [("locked.jsonl", "permission denied"), ("locked.txt", "permission denied")]
    assert [Path(a.path).name for a in items if not isinstance(a, IngestProblem)] == ["moon_landing.txt"]
