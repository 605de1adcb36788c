"""The analyst's desk (issue 18): the CLI run as a user runs it, on a corpus written for these tests.

Two reports of one meeting in Pretoria that disagree on the day, one of them also
announcing a visit for next year. Everything is ingested by absolute path, as a user
with files elsewhere on the disk would, so that no absolute path may leak into a brief.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC_ID = re.compile(r"\bd[0-9a-f]{16}\b")

COURIER = """Highveld Courier

Lula and Ramaphosa sign trade pact in Pretoria

PRETORIA, August 14, 2024 (Highveld Courier) -
By Thabo Ndlovu

Brazilian President Luiz Inácio Lula da Silva met South African President Cyril Ramaphosa in Pretoria on Tuesday, and the two leaders signed an agreement to expand trade in farm machinery and vaccines.

Lula said the meeting showed that the two largest economies of their continents could work together without waiting for richer nations.

Ramaphosa will visit Brasilia next year, officials said.
"""

GAZETTE = """Southern Gazette

Brazil's leader holds talks with Ramaphosa in Pretoria

Thursday, August 15, 2024
By Marta Oliveira

South African President Cyril Ramaphosa met Brazilian President Luiz Inácio Lula da Silva in Pretoria on Wednesday for talks on trade and public health, the presidency said in a statement.

The two presidents discussed joint production of vaccines and cheaper fertiliser, and agreed that their ministers would meet again before the end of the year to draw up a list of projects.

Business groups in Johannesburg welcomed the meeting, saying that exporters of fruit and wine had long asked for easier access to the Brazilian market.
"""


def tribune(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "250", "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "tribune", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("desk")
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "pretoria_courier.txt").write_text(COURIER, encoding="utf-8")
    (corpus / "pretoria_gazette.txt").write_text(GAZETTE, encoding="utf-8")
    result = tribune("ingest", str(corpus.resolve()), "--db", "kb.duckdb", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "2 new" in result.stdout
    return work


def event_ids_from_table(stdout: str) -> list[str]:
    return re.findall(r"^│ (e[0-9a-f]{7,}) ", stdout, flags=re.M)


def test_sources_are_named_not_ids(desk):
    conflicts = tribune("conflicts", "--db", "kb.duckdb", cwd=desk)
    assert conflicts.returncode == 0, conflicts.stderr
    assert "sources give different days" in conflicts.stdout
    assert 'Highveld Courier, 2024-08-14, "Lula and Ramaphosa sign trade pact in Pretoria"' in conflicts.stdout
    assert "pretoria_gazette.txt, 2024-08-15" in conflicts.stdout, "a document without an outlet is named by its file"
    assert not DOC_ID.search(conflicts.stdout), conflicts.stdout

    listed = tribune("events", "--db", "kb.duckdb", "--type", "meeting", cwd=desk)
    ids = event_ids_from_table(listed.stdout)
    assert len(ids) == 1, listed.stdout
    shown = tribune("event", ids[0], "--db", "kb.duckdb", cwd=desk)
    assert shown.returncode == 0, shown.stderr
    reasons = shown.stdout.split("Why these accounts were merged:")[1].split("Sources:")[0]
    assert "Highveld Courier, 2024-08-14" in reasons and "pretoria_gazette.txt" in reasons
    assert not DOC_ID.search(reasons), reasons

    brief = tribune("brief", "--db", "kb.duckdb", cwd=desk)
    assert brief.returncode == 0, brief.stderr
    assert "pretoria_courier.txt (Highveld Courier, 2024-08-14)" in brief.stdout
    assert str(desk) not in brief.stdout and not re.search(r"(^|[\s\[;(])/\w", brief.stdout), "no absolute path in the brief"
    assert not DOC_ID.search(brief.stdout)


def test_event_page_says_who_names_each_participant(desk):
    from fastapi.testclient import TestClient

    from tribune.web.app import create_app

    events = [json.loads(line) for line in tribune("events", "--db", "kb.duckdb", "--json", "--type", "meeting", cwd=desk).stdout.splitlines()]
    with TestClient(create_app(str(desk / "kb.duckdb"))) as client:
        page = client.get(f"/events/{events[0]['id']}").text
        conflicts = client.get("/conflicts").text
    # The conflicts page names each side's documents as the CLI does, never by id.
    sides = re.sub(r"<[^>]+>", "", conflicts.split("<h1>")[1])
    assert "Highveld Courier, 2024-08-14" in sides and not DOC_ID.search(sides), sides
    table = page.split('id="participants"')[1].split("</table>")[0]
    ramaphosa = next(row for row in table.split("<tr>") if "Cyril Ramaphosa" in row)
    assert "Highveld Courier, 2024-08-14" in ramaphosa and "pretoria_gazette.txt, 2024-08-15" in ramaphosa
    assert 'class="badge status-happened"' in ramaphosa
    reasons = page.split('class="reasons"')[1].split("</ul>")[0]
    text = re.sub(r"<[^>]+>", "", reasons)  # what the reader sees, links aside
    assert "Highveld Courier, 2024-08-14" in text and "pretoria_gazette.txt" in text and not DOC_ID.search(text), text


def test_filters_read_names_and_say_no(desk):
    def ids(*args):
        result = tribune("events", "--db", "kb.duckdb", "--json", *args, cwd=desk)
        assert result.returncode == 0, result.stderr
        return sorted(json.loads(line)["id"] for line in result.stdout.splitlines())

    south_africa = ids("--country", "ZAF")
    assert south_africa
    for spelling in ("South Africa", "za", "zaf", "south africa"):
        assert ids("--country", spelling) == south_africa, spelling
    assert ids("--type", "Meeting") == ids("--type", "meeting") != []
    assert ids("--status", "PLANNED") and ids("--status", "PLANNED") == ids("--status", "planned")

    wrong_status = tribune("events", "--db", "kb.duckdb", "--status", "happend", cwd=desk)
    assert wrong_status.returncode == 2 and "did you mean happened" in one_error_line(wrong_status)
    wrong_date = tribune("events", "--db", "kb.duckdb", "--since", "2025-13-01", cwd=desk)
    assert wrong_date.returncode == 2 and "2025-13-01" in one_error_line(wrong_date)
    wrong_country = tribune("timeline", "--db", "kb.duckdb", "--country", "South Afrika", cwd=desk)
    assert wrong_country.returncode == 2 and "South Africa" in one_error_line(wrong_country)
    wrong_type = tribune("events", "--db", "kb.duckdb", "--type", "meetin", cwd=desk)
    assert wrong_type.returncode == 2 and "did you mean meeting" in one_error_line(wrong_type)

    missing = tribune("ingest", str(desk / "no" / "such" / "path"), "--db", "other.duckdb", cwd=desk)
    assert missing.returncode != 0 and "no such file or folder" in one_error_line(missing)
    assert not (desk / "other.duckdb").exists(), "nothing is created for a path that is not there"

    from fastapi.testclient import TestClient

    from tribune.web.app import create_app

    with TestClient(create_app(str(desk / "kb.duckdb"))) as client:
        assert sorted(e["id"] for e in client.get("/api/events", params={"country": "South Africa"}).json()) == south_africa
        for params, words in (({"status": "happend"}, "did you mean happened"), ({"since": "2025-13-01"}, "2025-13-01"), ({"country": "Atlantis"}, "unknown country")):
            answer = client.get("/api/events", params=params)
            assert answer.status_code == 422 and words in answer.json()["detail"], (params, answer.text)


def test_errors_are_one_line_and_the_lock_goes_away(desk, tmp_path):
    article = desk / "corpus" / "pretoria_courier.txt"
    no_folder = tribune("ingest", str(article), "--db", str(tmp_path / "missing" / "kb.duckdb"), cwd=tmp_path)
    assert no_folder.returncode == 1 and "does not exist" in one_error_line(no_folder)
    (tmp_path / "plain-file").write_text("x")
    under_file = tribune("ingest", str(article), "--db", str(tmp_path / "plain-file" / "kb.duckdb"), cwd=tmp_path)
    assert under_file.returncode == 1 and "is not a folder" in one_error_line(under_file)
    if os.geteuid() != 0:  # root may write anywhere: the permission check cannot be seen as root
        locked = tmp_path / "read-only"
        locked.mkdir()
        locked.chmod(0o555)
        try:
            read_only = tribune("ingest", str(article), "--db", str(locked / "kb.duckdb"), cwd=tmp_path)
            assert read_only.returncode == 1 and "cannot write" in one_error_line(read_only)
        finally:
            locked.chmod(0o755)

    assert not (desk / "kb.duckdb.writer.lock").exists(), "the writer removes its lock file when it ends"
    from tribune.store.db import Store

    writer = Store.open(str(desk / "kb.duckdb"))
    try:
        lock = desk / "kb.duckdb.writer.lock"
        assert lock.read_text().strip() == str(os.getpid())
        busy = tribune("relink", "--db", "kb.duckdb", cwd=desk)
        line = one_error_line(busy)
        assert busy.returncode == 1 and f"process {os.getpid()}" in line and "kb.duckdb.writer.lock" in line
    finally:
        writer.close()
    assert not lock.exists()


def test_flat_exports_for_spreadsheets(desk):
    def table(what: str) -> list[dict]:
        result = tribune("export", what, "--db", "kb.duckdb", "--format", "csv", cwd=desk)
        assert result.returncode == 0, result.stderr
        return list(csv.DictReader(io.StringIO(result.stdout)))

    events, participants, mentions = table("events"), table("participants"), table("mentions")
    nested = [json.loads(line) for line in tribune("export", "events", "--db", "kb.duckdb", cwd=desk).stdout.splitlines()]
    assert {e["event_id"] for e in events} == {e["id"] for e in nested}
    for rows in (events, participants, mentions):
        assert rows
        for row in rows:
            for value in row.values():
                assert not value.startswith(("[", "{")), row
    assert {p["event_id"] for p in participants} <= {e["event_id"] for e in events}
    assert {(p["event_id"], p["name"]) for p in participants} == {(e["id"], p["name"]) for e in nested for p in e["participants"] + e["parties"]}
    assert sorted(m["mention_id"] for m in mentions) == sorted(m["id"] for e in nested for m in e["mentions"])
    meeting = next(e for e in events if e["type"] == "meeting")
    assert meeting["n_mentions"] == str(sum(1 for m in mentions if m["event_id"] == meeting["event_id"]))
    docs = {json.loads(line)["id"] for line in tribune("export", "docs", "--db", "kb.duckdb", cwd=desk).stdout.splitlines()}
    assert {m["doc_id"] for m in mentions} <= docs

    out = tribune("export", "events", "--db", "kb.duckdb", "--format", "parquet", "--out", "events.parquet", cwd=desk)
    assert out.returncode == 0, out.stderr
    assert pq.read_schema(desk / "events.parquet").field("date_end").type == pa.date32()


def test_readme_walkthrough_runs_as_written(desk):
    """The README as a newcomer reads it: commands that exist, no path outside the repository,
    example output as the program prints it, the record format and its fields explained."""
    from typer.testing import CliRunner

    from tribune.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    walkthrough = readme.split("## Walkthrough")[1].split("\n## Web UI")[0]
    assert "../" not in walkthrough, "the walkthrough uses only files in this repository"
    runner = CliRunner()
    commands = {tuple(line.split()[1:3]) for line in walkthrough.splitlines() if line.startswith("tribune ")}
    assert len(commands) >= 10
    for words in commands:
        command = [w for w in words if not w.startswith("-")][:2]
        head = command[:2] if command[0] == "kb" else command[:1]
        assert runner.invoke(app, [*head, "--help"]).exit_code == 0, words
    for path in (w for w in walkthrough.split() if w.startswith("data/")):
        assert (ROOT / path).exists(), path

    shown = re.search(r"\$ tribune events --db kb.duckdb --status happend\n(error: .*)\n\$ echo \$\?\n(\d)", walkthrough)
    assert shown, "the README shows the refusal of an unknown status"
    printed = tribune("events", "--db", "kb.duckdb", "--status", "happend", cwd=desk)
    assert one_error_line(printed) == shown.group(1) and str(printed.returncode) == shown.group(2)

    header = next(line for line in walkthrough.splitlines() if line.startswith("┃ id"))
    table = tribune("events", "--db", "kb.duckdb", cwd=desk).stdout
    printed_header = next(line for line in table.splitlines() if line.startswith("┃ id"))
    assert [c.strip() for c in header.split("┃")] == [c.strip() for c in printed_header.split("┃")]
    assert "details of one: tribune event ID" in table and "details of one: tribune event ID" in walkthrough

    records = walkthrough.split("## The records")[1]
    contract = (ROOT / "docs" / "export-format.md").read_text(encoding="utf-8")
    for field in ("id", "path", "url", "outlet", "title", "published", "published_source", "duplicate_of"):
        assert f"`{field}`" in records, field
    from tribune.records import ROLES, EVENT_TYPES

    for role in ROLES:
        assert f"`{role}`" in records, role
    for event_type in EVENT_TYPES:
        assert event_type in records, event_type
    for status in ("happened", "planned", "speculated", "denied"):
        assert f"`{status}`" in records
    assert "**Confidence**" in records and "undated" in records.lower()
    assert "#flat-tables-for-spreadsheets" in records and "## Flat tables for spreadsheets" in contract


def test_search_and_undated_events_in_the_cli(desk, tmp_path):
    """Point 6 in the CLI: phrase search over actors, events and documents; point 4: the timeline lists
    what it cannot place."""
    found = json.loads(tribune("search", '"Cyril Ramaphosa"', "--db", "kb.duckdb", "--json", cwd=desk).stdout)
    assert [a["name"] for a in found["actors"]] == ["Cyril Ramaphosa"]
    assert found["events"] and any(e["match"] == "participant" and "Cyril Ramaphosa" in e["names"] for e in found["events"])
    assert len(found["documents"]) == 2 and not any(DOC_ID.search(d["source"]) for d in found["documents"])
    # Both words occur in both reports, never side by side in this order: a quoted phrase finds nothing.
    apart = json.loads(tribune("search", '"Ramaphosa Brazilian"', "--db", "kb.duckdb", "--json", cwd=desk).stdout)
    assert apart["documents"] == [] and apart["actors"] == []
    printed = tribune("search", "Ramaphosa", "--db", "kb.duckdb", cwd=desk).stdout
    assert "[happened]" in printed and "Highveld Courier" in printed

    article = tmp_path / "border.txt"
    article.write_text("Kenyan and Ugandan officials signed a border agreement in Busia, the two governments said.\n", encoding="utf-8")
    assert tribune("ingest", str(article), "--db", str(tmp_path / "kb.duckdb"), "-q", cwd=tmp_path).returncode == 0
    timeline = tribune("timeline", "--db", str(tmp_path / "kb.duckdb"), cwd=tmp_path).stdout
    assert "undated (1)" in timeline and "agreement" in timeline.split("undated (1)")[1]
