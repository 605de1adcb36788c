"""Every page renders on the sample knowledge base (server side, no browser)."""

from __future__ import annotations

import re

import pytest

PAGES = ["/", "/timeline", "/timeline?type=parade&status=planned", "/delegations", "/delegations?host=PRK&type=parade", "/network",
         "/network?since=2023&until=2024", "/weapons", "/documents", "/actors", "/actors?q=kim", "/actors/kim-jong-un", "/search?q=parade",
         "/search", "/conflicts", "/brief", "/brief?since=2025-01-01", "/downloads", "/api/docs"]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "<nav>" in r.text


def test_event_page_shows_sources_side_by_side(client):
    event = max(client.get("/api/events", params={"type": "parade"}).json(), key=lambda e: e["sources"])
    html = client.get(f"/events/{event['id']}").text
    assert html.count('class="account"') == len({m["doc_id"] for m in event["mentions"]})
    assert html.count('<mark class="evidence') >= len(event["mentions"])
    assert "Why these accounts were merged" in html


def test_event_with_conflict_shows_both_sides(client):
    events = [e for e in client.get("/api/events").json() if e["conflicts"]]
    if not events:
        pytest.skip("no event with conflicting sources in this knowledge base")
    html = client.get(f"/events/{events[0]['id']}").text
    assert 'id="conflicts"' in html and html.count('class="side"') >= 2


def test_reader_marks_evidence_entities_and_search_hits(client):
    event = client.get("/api/events", params={"type": "parade"}).json()[0]
    m = event["mentions"][0]
    html = client.get(f"/documents/{m['doc_id']}", params={"s": m["start"], "e": m["end"], "q": "parade"}).text
    marked = re.search(r'<mark class="evidence selected" id="evidence">(.*?)</mark>', html, re.S)
    assert marked
    assert 'class="ent' in html and 'class="hit"' in html


def test_unknown_pages_are_404_html(client):
    r = client.get("/events/does-not-exist")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
