"""The Wikidata importer on a hand-written dump sample in Wikidata's own JSON format."""

from __future__ import annotations

import bz2
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tribune.kb.knowledge import KnowledgeBase
from tribune.kb.offices import office_on
from tribune.kb.wikidata import import_wikidata, iter_entities, load_positions, wikidata_time

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "wikidata_sample.json"
POSITIONS = DATA / "wikidata_positions_sample.jsonl"


@pytest.fixture(scope="module")
def bundled():
    return KnowledgeBase.load()


def _rows(folder: Path) -> dict[str, dict]:
    return {r["wikidata"]: r for r in map(json.loads, (folder / "actors.jsonl").read_text("utf-8").splitlines())}


def test_sample_is_a_wikidata_dump_array():
    lines = SAMPLE.read_text("utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert all(line.endswith(",") for line in lines[1:-2]) and not lines[-2].endswith(",")
    entities = list(iter_entities(lines))
    assert [e["id"] for e in entities][:2] == ["Q34", "Q7747"]
    assert entities[1]["claims"]["P39"][0]["qualifiers"]["P580"][0]["datavalue"]["type"] == "time"


@pytest.mark.parametrize(
    "value, expected",
    [
        ({"time": "+2012-05-07T00:00:00Z", "precision": 11}, "2012-05-07"),
        ({"time": "+2022-10-00T00:00:00Z", "precision": 10}, "2022-10"),
        ({"time": "+2019-00-00T00:00:00Z", "precision": 9}, "2019"),
        ({"time": "+1900-00-00T00:00:00Z", "precision": 7}, None),
        ({"time": "-0044-03-15T00:00:00Z", "precision": 11}, None),
    ],
)
def test_time_values_keep_their_precision(value, expected):
    assert wikidata_time(value) == expected


def test_import_with_own_position_mapping(tmp_path, bundled):
    report = import_wikidata(SAMPLE, tmp_path, kb=bundled, positions=load_positions(POSITIONS))
    assert report.entities == 6 and report.people == 3 and report.malformed == 0
    rows = _rows(tmp_path)
    assert set(rows) == {"Q7747", "Q987650001", "Q987650002"}  # the mayor (unmapped) and the list article are skipped
    maren = rows["Q987650001"]
    assert maren["country"] == "SWE"  # learnt from Sweden's P298 earlier in the dump
    assert maren["aliases"] == ["Maren Holt-Lindqvist", "Maren Holt Lindqvist"]  # "Holt-Lindqvist" alone is no alias
    assert [(o["title"], o["start"], o["end"]) for o in maren["offices"]] == [
        ("Minister for Foreign Affairs", "2019", "2022-10"),
        ("Prime Minister", "2022-10-18", None),  # the deprecated 2010 statement is ignored
    ]
    assert all(o["source"].startswith("Wikidata Q987650001 P39") for o in maren["offices"])
    assert rows["Q987650002"]["country"] == "USA"  # no citizenship: the office's country


def test_known_people_are_merged_not_duplicated(tmp_path, bundled):
    report = import_wikidata(SAMPLE, tmp_path, kb=bundled)
    putin = _rows(tmp_path)["Q7747"]
    assert report.merged == 1 and putin["id"] == "vladimir-putin"
    assert "V. V. Putin" in putin["aliases"] and "Putin" not in putin["aliases"]
    kb = KnowledgeBase.load([tmp_path])
    assert kb.person("Vladimir Putin").id == "vladimir-putin"
    assert kb.wikidata["vladimir-putin"] == "Q7747"
    # the KB's offices are kept once, not doubled by Wikidata's copies of them
    presidencies = [o for o in kb.offices["vladimir-putin"] if o.title == "President"]
    assert len(presidencies) == len([o for o in bundled.offices["vladimir-putin"] if o.title == "President"])


def test_imported_people_are_usable_through_extra_dirs(tmp_path, bundled):
    import_wikidata(SAMPLE, tmp_path, kb=bundled, positions=load_positions(POSITIONS))
    kb = KnowledgeBase.load([tmp_path])
    maren = kb.person("Maren Holt Lindqvist")
    assert maren is not None and maren.country == "SWE"
    assert office_on(kb, maren.id, "2023-06-01").title == "Prime Minister"
    assert office_on(kb, maren.id, "2020").title == "Minister for Foreign Affairs"
    # the dump's invented prime minister joins the bundled one (Ulf Kristersson) as a holder: two
    # holders of one office at once is what office_contradictions reports, never an overwrite
    assert maren.id in [h.actor_id for h in kb.holders("head_of_government", "SWE", "2024-01-01")]


@pytest.mark.parametrize("opener, suffix", [(gzip.open, ".json.gz"), (bz2.open, ".json.bz2")])
def test_compressed_dumps_stream(tmp_path, bundled, opener, suffix):
    dump = tmp_path / ("dump" + suffix)
    with opener(dump, "wb") as f:
        f.write(SAMPLE.read_bytes())
    report = import_wikidata(dump, tmp_path / "out", kb=bundled, positions=load_positions(POSITIONS))
    assert report.people == 3


def test_limit_and_malformed_lines(tmp_path, bundled):
    lines = SAMPLE.read_text("utf-8").splitlines()
    broken = tmp_path / "broken.json"
    broken.write_text("\n".join(lines[:2] + ['{"type":"item","id":"Q1",'] + lines[2:]) + "\n", encoding="utf-8")
    report = import_wikidata(broken, tmp_path / "out", kb=bundled, positions=load_positions(POSITIONS))
    assert report.malformed == 1 and report.people == 3
    limited = import_wikidata(SAMPLE, tmp_path / "limited", kb=bundled, positions=load_positions(POSITIONS), limit=2)
    assert limited.entities == 2 and limited.people == 1


def test_cli_import_and_show(tmp_path):
    run = lambda *args: subprocess.run([sys.executable, "-m", "tribune", "kb", *args], capture_output=True, text=True, timeout=120, env={"COLUMNS": "200", "PATH": ""})
    result = run("import-wikidata", str(SAMPLE), "--out", str(tmp_path), "--positions", str(POSITIONS))
    assert result.returncode == 0, result.stderr
    assert "3 people" in result.stdout
    shown = run("show", "Maren Holt-Lindqvist", "--kb", str(tmp_path), "--date", "2023-01-01", "--json")
    assert shown.returncode == 0, shown.stderr
    profile = json.loads(shown.stdout)
    assert profile["wikidata"] == "Q987650001" and profile["on_date"]["office"] == "Prime Minister"
    missing = run("show", "Nobody Atall")
    assert missing.returncode == 1 and "no actor" in missing.stderr
