"""The JSON API: every page's data, served by the same query layer, and the downloads."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq


def test_overview_counts_latest_conflicts_problems(client):
    data = client.get("/api/overview").json()
    assert data["counts"]["documents"] >= 40
    assert data["counts"]["events"] > 0
    assert data["latest_events"] and all(e["date"] for e in data["latest_events"])
    dates = [e["date"] for e in data["latest_events"]]
    assert dates == sorted(dates, reverse=True)
    assert isinstance(data["conflicts"], list) and isinstance(data["problems"], list)


def test_openapi_lists_every_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    for path in ("/api/overview", "/api/events", "/api/events/{event_id}", "/api/timeline", "/api/conflicts", "/api/actors",
                 "/api/actors/{actor_id}", "/api/delegations", "/api/network", "/api/weapons", "/api/documents",
                 "/api/documents/{doc_id}", "/api/search", "/api/brief", "/api/export/{name}"):
        assert path in paths, path
    assert not any(not p.startswith("/api") for p in paths), "pages must stay out of the API schema"
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/api/events" in page.text


def test_events_filters_and_one_event(client):
    parades = client.get("/api/events", params={"type": "parade", "status": "happened"}).json()
    assert parades and all(e["type"] == "parade" and e["status"] == "happened" for e in parades)
    event = client.get(f"/api/events/{parades[0]['id']}").json()
    assert event["id"] == parades[0]["id"] and event["mentions"] and "merge_reasons" in event
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/events", params={"status": "rumoured"}).status_code == 422
    assert client.get("/api/events", params={"since": "last week"}).status_code == 422


def test_timeline_is_dated_and_ordered(client):
    rows = client.get("/api/timeline", params={"country": "PRK"}).json()
    assert rows and [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_hostile_filter_values_are_data_not_sql(client):
    for value in ("' OR 1=1 --", "x'); DROP TABLE events; --", "%", "\\"):
        r = client.get("/api/events", params={"actor": value})
        assert r.status_code == 200
        assert r.json() == [] or value == "%"
    assert client.get("/api/overview").json()["counts"]["events"] > 0
    assert client.get("/api/search", params={"q": "'); DROP TABLE documents; --"}).status_code == 200


def test_actor_profile_has_offices_events_and_co_appearances(client):
    profile = client.get("/api/actors/kim-jong-un").json()
    assert profile["name"] == "Kim Jong Un"
    assert profile["offices"] and all("rank" in o for o in profile["offices"])
    assert profile["events"] and profile["co_appearances"]
    by_name = client.get("/api/actors/Kim Jong-un").json()
    assert by_name["id"] == "kim-jong-un"
    assert client.get("/api/actors/no-such-person-xyz").status_code == 404
    assert any(a["id"] == "kim-jong-un" for a in client.get("/api/actors", params={"q": "kim"}).json())


def test_delegations_rank_china_at_pyongyang(client):
    view = client.get("/api/delegations", params={"host": "PRK", "type": "parade"}).json()
    china = next(c for c in view["countries"] if c["country"] == "CHN")
    assert len(china["delegations"]) >= 2
    assert all(d["rank"] is not None for d in china["delegations"])
    assert all(d["sources"] for d in china["delegations"])
    for change in china["changes"]:
        a, b = change["from"]["rank"], change["to"]["rank"]
        assert change["change"] == ("upgrade" if b < a else "downgrade" if b > a else "same")
    assert client.get("/api/delegations", params={"host": "North Korea"}).status_code == 422
    assert any(h["country"] == "PRK" for h in client.get("/api/delegations/hosts").json())


def test_network_and_period_filter(client):
    full = client.get("/api/network").json()
    assert full["nodes"] and full["edges"]
    ids = {n["id"] for n in full["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["weight"] >= 1 for e in full["edges"])
    assert not any(n["id"].startswith("country:") for n in full["nodes"])
    narrow = client.get("/api/network", params={"since": "2023-01-01", "until": "2023-12-31"}).json()
    assert len(narrow["edges"]) < len(full["edges"])


def test_weapons_catalogue(client):
    weapons = client.get("/api/weapons").json()
    shown = [w for w in weapons if w["first_shown"]]
    assert shown and all(w["sources"] for w in shown)
    assert [w["first_shown"] for w in shown] == sorted(w["first_shown"] for w in shown)
    hwasong = [w for w in weapons if w["name"].startswith("Hwasong")]
    assert hwasong and all(w["class"] for w in hwasong)


def test_documents_and_reader_data(client):
    docs = client.get("/api/documents").json()
    assert len(docs) >= 40 and "text" not in docs[0]
    doc = client.get(f"/api/documents/{docs[0]['id']}").json()
    assert doc["text"] and isinstance(doc["entities"], list) and isinstance(doc["mentions"], list)


def test_full_text_search(client):
    found = client.get("/api/search", params={"q": "Hwasong"}).json()
    hits = found["documents"]
    assert hits and all("hwasong" in (h["snippet"] + (h["title"] or "")).lower() for h in hits[:3])
    assert hits == sorted(hits, key=lambda h: -h["score"])
    assert found["events"]  # events whose evidence names the missile
    assert client.get("/api/search", params={"q": "zzzqqqxxy"}).json() == {"query": "zzzqqqxxy", "phrases": [], "words": ["zzzqqqxxy"], "actors": [], "events": [], "documents": []}


def test_brief_cites_every_line(client):
    data = client.get("/api/brief").json()
    assert data["new_events"]
    for section in ("new_events", "delegation_changes", "first_shown_weapons", "contradictions"):
        for item in data[section]:
            assert item["sources"], (section, item)
    md = client.get("/api/brief", params={"format": "md", "since": "2023-01-01"}).text
    lines = [line for line in md.splitlines() if line.startswith("- ")]
    assert lines and all(line.rstrip().endswith("]") for line in lines)


def test_exports(client):
    events = client.get("/api/export/events.jsonl")
    assert events.status_code == 200 and "attachment" in events.headers["content-disposition"]
    rows = [json.loads(line) for line in events.text.splitlines()]
    assert rows and {"id", "type", "date", "status", "participants", "mentions", "sources", "conflicts"} <= set(rows[0])
    table = pq.read_table(io.BytesIO(client.get("/api/export/events.parquet").content))
    assert table.num_rows == len(rows)
    assert len(list(csv.DictReader(io.StringIO(client.get("/api/export/docs.csv").text)))) >= 40
    root = ET.fromstring(client.get("/api/export/network.gexf").content)
    ns = {"g": "http://gexf.net/1.3"}
    assert root.findall(".//g:node", ns) and root.findall(".//g:edge", ns)
    plover = client.get("/api/export/plover.json").json()
    assert plover["events"] and {"event_type", "event_date", "actor", "recipient", "status", "sources"} <= set(plover["events"][0])
    assert client.get("/api/export/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/api/export/events.exe").status_code == 404
