"""The UI in a real browser (Debian's Chromium, headless, through Playwright).

Overview, timeline filtering and zoom, an event and its sources, following a
source to its highlighted sentence, the delegations chart, the network, search;
and the XSS corpus: nothing in it may execute, with the CSP on and with it off
(escaping must hold by itself).
"""

from __future__ import annotations

import pytest


def _ok(page):
    assert page.errors == [], page.errors
    assert page.dialogs == [], page.dialogs


def test_overview_loads(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("#counts .card").count() >= 5
    assert page.locator("#latest-events tbody tr").count() > 0
    assert page.title().startswith("Overview")
    _ok(page)


def test_timeline_draws_filters_and_zooms(page, live_server):
    page.goto(live_server.url + "/timeline")
    page.wait_for_selector("#timeline[data-ready='1']")
    page.click("#zoom-reset")  # every dated event (the page opens on the densest period)
    marks = page.locator("#timeline-svg a.mark-link")
    total = marks.count()
    assert total > 10
    statuses = set(page.eval_on_selector_all("#timeline-svg a.mark-link", "els => els.map(e => e.dataset.status)"))
    assert "happened" in statuses and len(statuses) > 1, statuses
    # planned / speculated / denied are drawn differently from happened
    shapes = page.eval_on_selector_all(
        "#timeline-svg a.mark-link", "els => els.map(e => [e.dataset.status, e.firstChild.tagName, getComputedStyle(e.firstChild).fill])"
    )
    happened_fill = {fill for status, _tag, fill in shapes if status == "happened"}
    other_fill = {fill for status, _tag, fill in shapes if status in ("planned", "speculated")}
    assert happened_fill and other_fill and not (happened_fill & other_fill)

    page.select_option("#f-type", "parade")
    with page.expect_navigation():
        page.click("#f-apply")
    page.wait_for_selector("#timeline[data-ready='1']")
    assert "type=parade" in page.url
    page.click("#zoom-reset")
    types = page.eval_on_selector_all("#timeline-svg a.mark-link", "els => els.map(e => e.dataset.type)")
    assert types and set(types) == {"parade"} and len(types) < total
    rows = page.eval_on_selector_all("#timeline-table tbody tr", "els => els.map(e => e.dataset.type)")
    assert rows and set(rows) == {"parade"}

    before = page.eval_on_selector_all("#timeline-svg .axis text", "els => els.map(e => e.textContent)")
    for _ in range(3):
        page.click("#zoom-in")
    after = page.eval_on_selector_all("#timeline-svg .axis text", "els => els.map(e => e.textContent)")
    assert after != before
    page.click("#zoom-reset")
    assert page.locator("#timeline-svg a.mark-link").count() == len(types)
    _ok(page)


def test_event_sources_and_follow_to_highlighted_sentence(page, live_server, client):
    page.goto(live_server.url + "/timeline?type=parade&status=happened")
    page.wait_for_selector("#timeline[data-ready='1']")
    event = max(client.get("/api/events", params={"type": "parade", "status": "happened"}).json(), key=lambda e: e["sources"])
    page.goto(live_server.url + f"/events/{event['id']}")
    assert page.locator("#event-title").inner_text().startswith("parade")
    accounts = page.locator(".account")
    assert accounts.count() == len({m["doc_id"] for m in event["mentions"]})
    first = accounts.first
    assert first.locator(".article-text mark.evidence").first.is_visible()
    # Follow the first source to its article: the evidence sentence is highlighted and in view.
    doc_id = first.get_attribute("data-doc")
    sentence = next(m["sentence"] for m in event["mentions"] if m["doc_id"] == doc_id)
    with page.expect_navigation():
        first.locator("a.source-link").click()
    assert f"/documents/{doc_id}" in page.url
    evidence = page.locator("#evidence")
    assert evidence.is_visible()
    assert " ".join(evidence.inner_text().split()) == " ".join(sentence.split())
    assert evidence.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }")
    assert evidence.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    _ok(page)


def test_clicking_a_timeline_mark_opens_the_event(page, live_server):
    page.goto(live_server.url + "/timeline?type=parade")
    page.wait_for_selector("#timeline[data-ready='1']")
    event_id = page.locator("#timeline-svg a.mark-link").first.get_attribute("data-id")
    page.goto(live_server.url + f"/events/{event_id}")
    assert page.locator("#attributes").is_visible()
    _ok(page)


def test_delegations_chart_renders(page, live_server):
    page.goto(live_server.url + "/delegations?host=PRK&type=parade")
    chart = page.locator("#delegation-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 400 and box["height"] > 150
    assert page.locator("#delegation-chart circle.point").count() >= 3
    assert page.locator("#delegation-chart g.series[data-country='CHN'] polyline").count() == 1
    assert page.locator("section.delegation-country[data-country='CHN'] tbody tr").count() >= 2
    _ok(page)


def test_network_renders_and_links_to_actors(page, live_server):
    page.goto(live_server.url + "/network")
    page.wait_for_selector("#network[data-ready='1']")
    assert page.locator("#network-svg g.node").count() > 5
    assert page.locator("#network-svg line").count() > 5
    _ok(page)


def test_search_highlights_hits(page, live_server):
    page.goto(live_server.url + "/")
    page.fill("header input[name=q]", "Hwasong")
    with page.expect_navigation():
        page.press("header input[name=q]", "Enter")
    assert page.locator("#results li").count() > 0
    assert page.locator("#results mark.hit").first.is_visible()
    with page.expect_navigation():
        page.locator("#results li a").first.click()
    assert page.locator("#article mark.hit").count() > 0
    _ok(page)


def test_actor_page(page, live_server):
    page.goto(live_server.url + "/actors/kim-jong-un")
    assert page.locator("#actor-name").inner_text().startswith("Kim Jong Un")
    assert page.locator("#offices tbody tr").count() > 0
    assert page.locator("#actor-events tbody tr").count() > 0
    _ok(page)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_xss_corpus_executes_nothing(browser, xss_server, bypass_csp):
    import httpx

    base = xss_server.url
    docs = httpx.get(base + "/api/documents").json()
    events = httpx.get(base + "/api/timeline").json()
    actors = httpx.get(base + "/api/actors").json()
    assert len(docs) >= 15
    urls = ["/", "/timeline", "/documents", "/conflicts", "/network", "/weapons", "/brief", "/actors", "/search?q=parade",
            "/search?q=%3Cscript%3Ewindow.__xss%3D99%3C%2Fscript%3E", "/delegations?host=PRK", "/delegations?host=CHN"]
    urls += [f"/documents/{d['id']}?q=script" for d in docs]
    urls += [f"/events/{e['id']}" for e in events[:25]]
    urls += [f"/actors/{a['id']}" for a in actors[:10]]
    context = browser.new_context(bypass_csp=bypass_csp)
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for url in urls:
            page.goto(base + url)
            page.wait_for_load_state("load")
            title = page.title()
            assert page.evaluate("() => window.__xss === undefined && window.parent.__xss === undefined"), url
            assert title.endswith("· tribune") and title != "pwned", (url, title)  # set by a payload, it would be exactly "pwned"
            # the hover/focus an analyst would do: no handler fires either
            for link in page.locator("main a").all()[:8]:
                link.dispatch_event("mouseover")
                link.dispatch_event("focus")
            assert page.evaluate("() => window.__xss === undefined"), url
            assert page.locator("main script:not([type='application/json']), main iframe, main img, main body, main details, main svg[onload]").count() == 0, url
        assert dialogs == [], dialogs
        assert errors == [], errors
    finally:
        context.close()
