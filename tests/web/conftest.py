"""Fixtures for the web tests: knowledge bases built once per session, a live server, a headless browser.

The main knowledge base holds data/sample/articles and, where present, ../shared/seeds
(tests that need the seeds skip with a reason when they are absent). The XSS knowledge
base holds a generated corpus of hostile articles. Browser tests drive Debian's Chromium
(/usr/bin/chromium) through Playwright and skip cleanly when either is missing; Playwright
never downloads a browser here.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "articles"
SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = os.environ.get("TRIBUNE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Each payload tries to leave a trace: window.__xss set, the title changed, or a dialog.
PAYLOADS = [
    "<script>window.__xss=1;document.title='pwned'</script>",
    "<img src=x onerror=\"window.__xss=2;alert(2)\">",
    "<svg onload=\"window.__xss=3\"><script>window.__xss=3</script></svg>",
    "<a href=\"javascript:window.__xss=4\">click</a>",
    "\"><script>window.__xss=5</script>",
    "'--><iframe src=\"javascript:parent.__xss=6\"></iframe>",
    "</script><script>window.__xss=7</script>",
    "<body onload=window.__xss=8>",
    "{{7*7}}<details open ontoggle=\"window.__xss=9\">",
]


def _write_xss_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, payload in enumerate(PAYLOADS):
        text = (
            f"{payload} Kim Jong Un reviews parade {i}\n\n"
            f"PYONGYANG, May {i + 1}, 2024 - Kim Jong Un watched a military parade in Pyongyang on Friday {payload} "
            f"as Russian Defence Minister {payload} Sergei Shoigu looked on.\n\n"
            f"Chinese Premier Li Qiang met Kim Jong Un {payload} in Pyongyang, the agency said. "
            f"The parade showed the Hwasong-18 {payload} missile.\n"
        )
        (folder / f"xss_{i:02d}.txt").write_text(text, encoding="utf-8")
    html_payloads = "".join(PAYLOADS)
    (folder / "xss_page.html").write_text(
        "<!doctype html><html><head><title>Parade &lt;script&gt;window.__xss=10&lt;/script&gt; report</title>"
        "<script>window.__xss=11</script></head><body><article><h1>Parade &lt;img src=x onerror=window.__xss=12&gt;</h1>"
        "<p>Kim Jong Un watched a military parade in Pyongyang on 10 October 2025 &lt;script&gt;window.__xss=13&lt;/script&gt; "
        "with Chinese Premier Li Qiang.</p><iframe src=\"javascript:window.__xss=14\"></iframe>"
        f"<p>Observers said {html_payloads.replace('<', '&lt;')} the parade was the largest yet.</p>"
        "<svg onload=\"window.__xss=15\"></svg></article></body></html>",
        encoding="utf-8",
    )
    records = [
        {
            "url": "javascript:window.__xss=16",
            "title": f"Summit {p} in Beijing",
            "outlet": f"Outlet {p}",
            "published": "2025-09-03",
            "text": f"Kim Jong Un met Xi Jinping {p} in Beijing on 3 September 2025 before a military parade. "
            f"Russian President Vladimir Putin {p} also attended the parade in Tiananmen Square, the agency reported. "
            f"Observers said the meeting of the three leaders {p} was the first of its kind since the end of the Cold War.",
        }
        for p in PAYLOADS
    ]
    # Payloads in file names: shown as paths in the documents list and, for an unreadable file, in the problems.
    (folder / "xss_<img src=x onerror=window.__xss=17>.txt").write_text(
        "Kim Jong Un watched a military parade in Pyongyang on 9 September 2023 with Chinese Vice Premier Liu Guozhong, "
        "the official news agency reported. The parade marked the 75th anniversary of the country's founding.\n",
        encoding="utf-8",
    )
    (folder / "<svg onload=window.__xss=18>.txt").write_bytes(b"")
    (folder / "xss.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


# A small corpus written for these tests (Brazil, Argentina, France, Germany, India, Australia):
# who attended what together, a letter, a speculated and a disputed meeting (not attendance),
# events dated to the day, the month and the year, one no source dates, and a stray "Olaf" and
# "Scholz" apart (not the phrase "Olaf Scholz").
DESK_CORPUS = {
    "brasilia_meeting.txt": "Lula and Milei meet in Brasilia\n\nBRASILIA, March 4, 2024 - Brazilian President Luiz Inácio Lula da Silva met "
    "Argentine President Javier Milei in Brasilia on Monday, the two governments said.\n\nFrench President Emmanuel Macron also "
    "attended the meeting in Brasilia, officials said.\n",
    "paris_summit.txt": "Summit in Paris\n\nPARIS, June 12, 2024 - French President Emmanuel Macron hosted Brazilian President Luiz Inácio "
    "Lula da Silva and German Chancellor Olaf Scholz at a summit in Paris on Wednesday.\n\nOlaf Scholz told reporters the summit had been useful.\n",
    "berlin_letter.txt": "Letter to Buenos Aires\n\nBERLIN, July 2, 2024 - German Chancellor Olaf Scholz sent a letter to Argentine President "
    "Javier Milei on Tuesday, the chancellery said.\n\nAnalysts speculated that Olaf Scholz might meet Javier Milei in Buenos Aires next year.\n",
    "madrid_report.txt": "Scholz and Milei in Madrid\n\nMADRID, May 6, 2024 - German Chancellor Olaf Scholz met Argentine President Javier Milei "
    "in Madrid on Sunday, a Spanish newspaper reported.\n",
    "madrid_denial.txt": "Berlin denies Madrid meeting\n\nBERLIN, May 7, 2024 - The German government denied that Chancellor Olaf Scholz met "
    "Argentine President Javier Milei in Madrid on Sunday.\n",
    "sydney_month.txt": "Modi in Sydney\n\nIndian Prime Minister Narendra Modi met Australian Prime Minister Anthony Albanese in Sydney in "
    "May 2023, the two governments said.\n",
    "undated_talks.txt": "Talks without a date\n\nOfficials said Australian Prime Minister Anthony Albanese and French President Emmanuel Macron "
    "held talks on trade, without saying when.\n\nOlaf, a junior aide, took notes while a reporter asked about Scholz.\n",
    "parade_year.txt": "Parade in 2017\n\nBrazilian President Luiz Inácio Lula da Silva watched a military parade in Brasilia in 2017 with "
    "Argentine President Javier Milei.\n",
}


@pytest.fixture(scope="session")
def desk_kb_path(tmp_path_factory) -> str:
    """The desk corpus above, ingested once."""
    from tribune.api import Tribune

    base = tmp_path_factory.mktemp("desk")
    for name, text in DESK_CORPUS.items():
        (base / "corpus").mkdir(exist_ok=True)
        (base / "corpus" / name).write_text(text, encoding="utf-8")
    db = base / "desk.duckdb"
    with Tribune(str(db)) as tb:
        tb.ingest([str(base / "corpus")])
    return str(db)


@pytest.fixture(scope="session")
def desk_client(desk_kb_path):
    from fastapi.testclient import TestClient

    from tribune.web.app import create_app

    return TestClient(create_app(desk_kb_path))


@pytest.fixture(scope="session")
def desk_server(desk_kb_path):
    from tribune.web.app import create_app

    server = LiveServer(create_app(desk_kb_path))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> str:
    """The sample corpus (and the seeds where present), ingested once."""
    from tribune.api import Tribune

    db = tmp_path_factory.mktemp("webkb") / "kb.duckdb"
    paths = [str(SAMPLE)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    with Tribune(str(db)) as tb:
        tb.ingest(paths)
    return str(db)


@pytest.fixture(scope="session")
def has_seeds() -> bool:
    return SEEDS.is_dir()


@pytest.fixture(scope="session")
def xss_kb_path(tmp_path_factory) -> str:
    from tribune.api import Tribune

    base = tmp_path_factory.mktemp("xss")
    _write_xss_corpus(base / "corpus")
    db = base / "xss.duckdb"
    with Tribune(str(db)) as tb:
        tb.ingest([str(base / "corpus")])
    return str(db)


@pytest.fixture(scope="session")
def app(kb_path):
    from tribune.web.app import create_app

    return create_app(kb_path)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    return TestClient(app)


class LiveServer:
    def __init__(self, app) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.time() + 15
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(app):
    server = LiveServer(app)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def xss_server(xss_kb_path):
    from tribune.web.app import create_app

    server = LiveServer(create_app(xss_kb_path))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"{CHROMIUM} is absent: browser tests need Debian's chromium (make test installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (python) is not installed: pip install -e '.[dev]'")
    with sync_playwright() as p:
        try:
            instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        except Exception as exc:  # a broken or sandboxed chromium: skip, with the reason
            pytest.skip(f"chromium would not start: {exc}")
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.dialogs = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))

    def on_dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()
