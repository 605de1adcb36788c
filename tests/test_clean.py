"""The line cleaner and header detection, on hand-made pages and on the seed articles."""

from __future__ import annotations

from tribune.clean.datelines import find_dateline, parse_date_expression
from tribune.clean.document import build_document
from tribune.clean.text import clean_text
from tribune.ingest.readers import RawArticle
from tribune.records import DateSource

from conftest import seed

PAGE = """Skip to content
Home | World | Politics | Sports | Opinion
68.2 F
Seoul
Tuesday, March 5, 2024

Ministers agree on new fisheries pact after two days of talks

By Jane Example

The foreign ministers of the two countries signed a fisheries agreement on Monday in the port city, officials said.
A photo shows the ministers shaking hands after the signing. [POOL]
A photo shows the ministers shaking hands after the signing. [POOL]
Advertisement
The pact sets quotas for three seasons and creates a joint patrol, according to a statement from the ministry.

Most Viewed
Read also:
"""


def test_page_furniture_is_removed_and_header_kept():
    cleaned = clean_text(PAGE)
    assert cleaned.title == "Ministers agree on new fisheries pact after two days of talks"
    assert cleaned.byline == "Jane Example"
    assert cleaned.dateline is not None and cleaned.dateline.value == "2024-03-05"
    text = cleaned.text
    for junk in ("Skip to content", "Home | World", "68.2 F", "Advertisement", "Most Viewed", "Read also", "By Jane"):
        assert junk not in text
    assert text.count("shaking hands") == 1
    assert text.startswith("The foreign ministers")
    assert text.rstrip().endswith("from the ministry.")


def test_datelines():
    assert find_dateline("SEOUL, July 28 (Meridian Wire) - The talks began.")[0].value == "XXXX-07-28"
    found, rest = find_dateline("date 2023-11-11 Seoul, South Korea (AP) \u2014 Leaders met.")
    assert found.value == "2023-11-11" and found.outlet == "AP" and rest == "Leaders met."
    assert parse_date_expression("Wednesday, October 8, 2025") == "2025-10-08"
    assert parse_date_expression("8 October 2025") == "2025-10-08"
    assert find_dateline("The ministers met on Monday in the capital for talks.")[0] is None


def test_seed_001_header_and_captions():
    raw = seed("001").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert cleaned.dateline.value == "2025-10-08"
    assert cleaned.title.startswith("North Korea\u2019s military parade signals")
    assert cleaned.byline == "CHUNG YEONG-GYO"
    assert "71.9 F" not in cleaned.text and "Advertisement" not in cleaned.text
    assert "Digital Team" not in cleaned.text
    # Every photo caption is printed twice in the page (quote styles differ); once is kept.
    assert cleaned.text.count("smiles as he speaks with Lao President") == 1


def test_seed_documents_are_dated_with_their_source():
    cases = {
        "000": ("2025-10-10", DateSource.INFERRED),  # no date line: the 80th party anniversary
        "001": ("2025-10-08", DateSource.DATELINE),
        "003": ("2023-11-11", DateSource.DATELINE),
    }
    for prefix, (published, source) in cases.items():
        path = seed(prefix)
        document = build_document(RawArticle(str(path), str(path), path.read_text(encoding="utf-8"), "text"))
        assert (document.published, document.published_source) == (published, source), prefix


def test_seed_002_repeated_headlines_are_dropped():
    cleaned = clean_text(seed("002").read_text(encoding="utf-8"))
    assert "Skip to content" not in cleaned.text
    assert cleaned.title.startswith("Military Parade in Beijing")
    assert cleaned.title not in cleaned.text
    assert "Multilateral..." not in cleaned.text
