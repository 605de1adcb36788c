"""The CLI commands added with the web UI: brief, weapons, actor, delegations, network, export-plover."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from typer.testing import CliRunner

from tribune.cli import app

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_brief_markdown_every_line_cited(kb_path):
    out = run("brief", "--db", kb_path, "--since", "2023-01-01")
    assert "## New events" in out and "## Delegation upgrades and downgrades" in out
    assert "## Weapons shown for the first time" in out and "## New contradictions" in out
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert items
    for line in items:
        assert re.search(r"\[[^\]]*(\.txt|\.html|\.jsonl|#\d+)[^\]]*\]$", line), line


def test_brief_html_and_actor(kb_path, tmp_path):
    target = tmp_path / "brief.html"
    run("brief", "--db", kb_path, "--format", "html", "--actor", "Kim Jong Un", "--out", str(target))
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<li>" in html
    assert runner.invoke(app, ["brief", "--db", kb_path, "--format", "pdf"]).exit_code == 1


def test_weapons_command(kb_path):
    out = run("weapons", "--db", kb_path, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and {"name", "class", "first_shown", "where", "events"} <= set(rows[0])


def test_actor_command(kb_path):
    out = run("actor", "Kim Jong-un", "--db", kb_path)
    assert "Kim Jong Un" in out and "offices" in out and "events" in out
    profile = json.loads(run("actor", "kim-jong-un", "--db", kb_path, "--json"))
    assert profile["id"] == "kim-jong-un"
    assert runner.invoke(app, ["actor", "Nobody Atall Xyz", "--db", kb_path]).exit_code == 1


def test_delegations_command(kb_path):
    out = run("delegations", "--host", "PRK", "--type", "parade", "--db", kb_path)
    assert "China (CHN)" in out and "rank" in out
    view = json.loads(run("delegations", "--host", "PRK", "--db", kb_path, "--json"))
    assert view["host"] == "PRK" and view["countries"]


def test_network_gexf_and_plover(kb_path, tmp_path):
    gexf = tmp_path / "net.gexf"
    run("network", "--db", kb_path, "--format", "gexf", "--out", str(gexf))
    root = ET.parse(gexf).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf"
    ns = {"g": "http://gexf.net/1.3"}
    assert root.findall(".//g:node", ns) and root.findall(".//g:edge", ns)
    net = json.loads(run("network", "--db", kb_path, "--format", "json", "--since", "2025-01-01"))
    assert {"nodes", "edges"} <= set(net)
    plover = tmp_path / "events.json"
    run("export-plover", "--db", kb_path, "--out", str(plover))
    data = json.loads(plover.read_text(encoding="utf-8"))
    assert data["format"] == "plover" and data["events"]
    assert all(e["status"] in ("happened", "planned", "speculated", "denied") for e in data["events"])
