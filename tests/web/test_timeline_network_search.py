"""The analyst's desk (issue 18, points 4-6): timeline, network and search, in the API and in Chromium.

The desk corpus (conftest.DESK_CORPUS) is small and written for these tests, so
what must come out is known; the sample corpus (kb_path) is dense enough for
labels to compete for room.
"""

from __future__ import annotations

import pytest

LULA, MILEI, MACRON, SCHOLZ = "luiz-inacio-lula-da-silva", "javier-milei", "emmanuel-macron", "olaf-scholz"


def _ok(page):
    assert page.errors == [], page.errors


def _boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector, "els => els.map(e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height, text: e.textContent}; })"
    )


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                out.append((a["text"], b["text"]))
    return out


# -- the API ------------------------------------------------------------------------------


def test_network_weights_count_attended_events_only(desk_client):
    net = desk_client.get("/api/network").json()
    edges = {frozenset((e["source"], e["target"])): e for e in net["edges"]}
    lula_milei = edges[frozenset((LULA, MILEI))]
    assert lula_milei["weight"] == 2
    assert sorted(a["type"] for a in lula_milei["attended"]) == ["meeting", "parade"]
    assert edges[frozenset((LULA, MACRON))]["weight"] == 2  # the Brasilia meeting and the Paris summit
    assert edges[frozenset((SCHOLZ, LULA))]["weight"] == 1
    # a letter, a speculated meeting and a meeting one source denies: not attendance
    assert frozenset((SCHOLZ, MILEI)) not in edges


def test_timeline_items_say_how_precise_their_date_is(desk_client):
    items = {(i["type"], i["date"]): i for i in desk_client.get("/api/timeline").json()}
    assert (items[("parade", "2017")]["precision"], items[("parade", "2017")]["start"], items[("parade", "2017")]["end"]) == ("year", "2017-01-01", "2017-12-31")
    assert (items[("meeting", "2023-05")]["start"], items[("meeting", "2023-05")]["end"]) == ("2023-05-01", "2023-05-31")
    assert items[("meeting", "2024-03-04")]["precision"] == "day"
    undated = desk_client.get("/api/timeline/undated").json()
    assert [(u["type"], sorted(u["participants"])) for u in undated] == [("meeting", ["Anthony Albanese", "Emmanuel Macron"])]


def test_brief_counts_and_lists_undated_events(desk_client):
    data = desk_client.get("/api/brief").json()
    assert [e["type"] for e in data["undated_events"]] == ["meeting"]
    assert any("undated_talks.txt" in s for s in data["undated_events"][0]["sources"])
    md = desk_client.get("/api/brief", params={"format": "md"}).text
    section = md.split("## Undated events (1)", 1)[1]
    assert "- meeting" in section and "Anthony Albanese" in section and "undated_talks.txt]" in section
    # with a period: an undated event counts when a document published in it reports it
    assert desk_client.get("/api/brief", params={"since": "2030-01-01"}).json()["undated_events"] == []


def test_search_phrase_actors_and_events(desk_client):
    found = desk_client.get("/api/search", params={"q": '"Olaf Scholz"'}).json()
    paths = {d["path"].rsplit("/", 1)[-1] for d in found["documents"]}
    assert paths == {"paris_summit.txt", "berlin_letter.txt", "madrid_report.txt", "madrid_denial.txt"}  # not the aide "Olaf" and "Scholz" apart
    assert [a["id"] for a in found["actors"]] == [SCHOLZ]
    assert found["events"] and all(e["match"] == "participant" and e["names"] == ["Olaf Scholz"] for e in found["events"])
    loose = desk_client.get("/api/search", params={"q": "Olaf Scholz"}).json()
    assert {d["id"] for d in loose["documents"]} == {d["id"] for d in found["documents"]}
    assert "undated_talks.txt" in {d["path"].rsplit("/", 1)[-1] for d in desk_client.get("/api/search", params={"q": "Scholz"}).json()["documents"]}


def test_search_page_lists_actors_events_and_documents(desk_client):
    html = desk_client.get("/search", params={"q": '"Javier Milei"'}).text
    assert 'id="search-actors"' in html and f'href="/actors/{MILEI}"' in html
    assert 'id="search-events"' in html and "took part: Javier Milei" in html
    assert "<mark class=\"hit\">Javier Milei</mark>" in html


# -- the browser ----------------------------------------------------------------------------


def _timeline_labels_apart(page):
    ticks = _boxes(page, "#timeline-svg .axis text")
    texts = [t["text"] for t in ticks]
    assert len(texts) >= 2 and len(texts) == len(set(texts)), texts  # no tick label repeats
    labels = _boxes(page, "#timeline-svg .ev-label")
    assert _overlapping(ticks + labels) == []
    return ticks, labels


def test_timeline_labels_do_not_overlap_at_any_zoom(page, live_server, client):
    page.goto(live_server.url + "/timeline")
    page.wait_for_selector("#timeline[data-ready='1']")
    _ticks, labels = _timeline_labels_apart(page)
    assert len(labels) >= 5  # the densest period is labelled, not a row of bare dots
    shown = page.locator("#timeline-svg a.mark-link").count()
    assert shown >= len(client.get("/api/timeline").json()) / 2
    for _ in range(4):
        page.click("#zoom-in")
        assert page.locator("#timeline-svg a.mark-link").count() > 0  # "+" zooms towards events, never into emptiness
        _timeline_labels_apart(page)
    page.click("#zoom-reset")
    _timeline_labels_apart(page)
    assert page.locator("#timeline-svg a.mark-link").count() == len(client.get("/api/timeline").json())
    _ok(page)


def test_timeline_lists_undated_events_beside_it(page, live_server, client):
    undated = client.get("/api/timeline/undated").json()
    assert undated
    page.goto(live_server.url + "/timeline")
    page.wait_for_selector("#timeline[data-ready='1']")
    items = page.locator("#undated li")
    assert items.count() == len(undated)
    assert {items.nth(i).get_attribute("data-id") for i in range(items.count())} == {u["id"] for u in undated}
    aside, chart = page.locator("#undated").bounding_box(), page.locator("#timeline").bounding_box()
    assert aside["x"] >= chart["x"] + chart["width"] - 1 and aside["y"] < chart["y"] + chart["height"]  # beside, not below
    _ok(page)


def test_timeline_opens_on_the_densest_period_and_draws_spans(page, desk_server):
    page.goto(desk_server.url + "/timeline")
    page.wait_for_selector("#timeline[data-ready='1']")
    shown = page.eval_on_selector_all("#timeline-svg a.mark-link", "els => els.map(e => e.dataset.precision)")
    assert len(shown) >= 4 and "year" not in shown  # the 2024 events, not the lone 2017 parade
    view = page.get_attribute("#timeline", "data-view")
    assert view.startswith("2023-1") or view.startswith("2024"), view
    undated = page.locator("#undated li")
    assert undated.count() == 1 and "meeting" in undated.inner_text()
    page.click("#zoom-reset")
    spans = page.eval_on_selector_all(
        "#timeline-svg a.mark-link", "els => els.map(e => [e.dataset.precision, e.firstChild.tagName, e.firstChild.getBoundingClientRect().width])"
    )
    by = {p: (tag, w) for p, tag, w in spans if p != "day"}
    assert by["year"][0] == "rect" and by["month"][0] == "rect"
    assert 8 < by["year"][1] / by["month"][1] < 16, by  # a year drawn about twelve times as wide as a month
    assert all(tag != "rect" for p, tag, _w in spans if p == "day")
    _timeline_labels_apart(page)
    _ok(page)


def test_network_labels_do_not_overlap_and_links_list_their_events(page, live_server):
    page.goto(live_server.url + "/network")
    page.wait_for_selector("#network[data-ready='1']")
    nodes = page.locator("#network-svg g.node").count()
    labels = _boxes(page, "#network-svg text.label")
    assert nodes > 5 and len(labels) >= nodes * 0.6, (nodes, len(labels))
    assert _overlapping(labels) == []
    circles = _boxes(page, "#network-svg circle")
    for label in labels:
        for c in circles:
            inset = {"x": c["x"] + 1, "y": c["y"] + 1, "w": c["w"] - 2, "h": c["h"] - 2, "text": "circle"}
            assert not _overlapping([label, inset]), (label["text"], c)
    # one palette, a legend entry for each colour drawn
    fills = set(page.eval_on_selector_all("#network-svg circle", "els => els.map(e => e.getAttribute('fill'))"))
    legend = page.eval_on_selector_all("#network-legend li", "els => els.map(e => e.querySelector('circle').getAttribute('fill'))")
    assert fills <= set(legend) and len(set(legend)) >= 5
    # a link says what it is made of
    edge = page.locator("#network-svg g.edge").first
    weight = int(edge.get_attribute("data-weight"))
    assert "attended together" in edge.locator("title").text_content()
    edge.locator("line.hit").dispatch_event("click")
    assert page.locator("#network-selection li a[href^='/events/']").count() == weight
    _ok(page)


def test_network_colours_countries_not_in_any_hand_written_list(page, desk_server):
    page.goto(desk_server.url + "/network")
    page.wait_for_selector("#network[data-ready='1']")
    countries = page.eval_on_selector_all("#network-svg g.node", "els => els.map(e => [e.dataset.country, e.querySelector('circle').getAttribute('fill')])")
    colour = dict(countries)
    assert {"BRA", "ARG", "FRA", "DEU"} <= set(colour)
    assert len({colour[c] for c in ("BRA", "ARG", "FRA", "DEU")}) == 4
    assert page.locator("#network-legend li[data-country='ARG']").inner_text().strip().startswith("Argentina")
    _ok(page)


@pytest.mark.parametrize("query", ['"Javier Milei"', "Javier Milei"])
def test_search_page_in_the_browser(page, desk_server, query):
    page.goto(desk_server.url + "/")
    page.fill("header input[name=q]", query)
    with page.expect_navigation():
        page.press("header input[name=q]", "Enter")
    assert page.locator("#search-actors li").count() == 1
    assert page.locator("#search-events tbody tr").count() >= 2
    assert page.locator("#results mark.hit").first.inner_text() == "Javier Milei"
    _ok(page)


def test_brief_page_lists_undated_events(desk_client):
    html = desk_client.get("/brief").text
    assert "Undated events (1)" in html
    section = html.split('id="brief-undated"', 1)[1]
    assert "/events/" in section and "Anthony Albanese" in section and "undated_talks.txt" in section


def test_actor_page_counts_events_attended_together(desk_client):
    profile = desk_client.get(f"/api/actors/{SCHOLZ}").json()
    together = {c["id"]: c["events"] for c in profile["co_appearances"]}
    assert together == {LULA: 1, MACRON: 1}  # the Paris summit; the letter and the Madrid meetings do not count
