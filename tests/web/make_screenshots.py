"""Regenerate docs/timeline.png, docs/event.png, docs/network.png and docs/search.png from the bundled sample corpus.

    .venv/bin/python tests/web/make_screenshots.py

Builds a throwaway knowledge base of data/sample/articles, serves it on a free
loopback port and photographs four pages with Debian's Chromium (Playwright).
Not a test: pytest does not collect it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from conftest import CHROMIUM, CHROMIUM_ARGS, SAMPLE, LiveServer  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tribune.api import Tribune
    from tribune.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "sample.duckdb")
        with Tribune(db) as tb:
            os.chdir(ROOT)  # relative paths in the pictures, as a user would type them
            tb.ingest([str(SAMPLE.relative_to(ROOT))])
            events = tb.events(type="parade", country="PRK")
        event = max(events, key=lambda e: ((e["location"] or {}).get("country") == "PRK", bool(e["conflicts"]), e["sources"], e["date"] or ""))
        server = LiveServer(create_app(db))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                page.goto(server.url + "/timeline")
                page.wait_for_selector("#timeline[data-ready='1']")
                page.screenshot(path=str(ROOT / "docs" / "timeline.png"))
                page.goto(server.url + f"/events/{event['id']}")
                page.locator("#sources").scroll_into_view_if_needed()
                page.evaluate("window.scrollTo(0, 0)")
                page.set_viewport_size({"width": 1400, "height": 1300})
                page.screenshot(path=str(ROOT / "docs" / "event.png"))
                page.set_viewport_size({"width": 1400, "height": 900})
                page.goto(server.url + "/network")
                page.wait_for_selector("#network[data-ready='1']")
                page.locator("#network-svg g.edge line.hit").first.dispatch_event("click")  # the side panel lists a link's events
                page.screenshot(path=str(ROOT / "docs" / "network.png"))
                page.goto(server.url + "/search?q=%22Li+Hongzhong%22")
                page.screenshot(path=str(ROOT / "docs" / "search.png"))
                browser.close()
        finally:
            server.stop()
    print("wrote docs/timeline.png, docs/event.png, docs/network.png and docs/search.png")


if __name__ == "__main__":
    main()
