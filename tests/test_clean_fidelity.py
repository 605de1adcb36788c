"""Nothing lost on the way in: the cleaner keeps every sentence of the article, short items are articles.

The pages and briefs here are written for this test. The end-to-end part runs the CLI the way a
user does (ingest a folder, export the documents) and reads the stored text back from the export.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tribune.clean.document import MIN_WORDS, build_document
from tribune.clean.text import clean_text, count_words, holds_sentence
from tribune.ingest.readers import RawArticle
from tribune.records import IngestProblem

LEAD = (
    "NAIROBI, March 12, 2025 - Kenya's foreign minister met her Ethiopian counterpart in the capital "
    "on Wednesday and the two signed three water-sharing agreements."
)

LINKED_LEAD_PAGE = f"""<html><head><title>Water talks in Nairobi</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Water talks in Nairobi</h1>
<p>{LEAD} <a href="/story/water-talks">more</a></p>
<p>The talks lasted two days.</p>
</article>
<footer><a href="/contact">Contact us</a></footer></body></html>
"""

BRIEFS = [
    # Fifteen words each: wire briefs, not stubs.
    "Chilean President Gabriel Boric arrived in Buenos Aires on Monday for talks with Argentine officials.",
    "The foreign ministers of Japan and the Philippines signed a coast guard pact in Manila.",
    "Polish troops began a joint exercise with Lithuanian forces near the border on Tuesday morning.",
]
TEXT_BRIEF = "Ghana and Togo agreed on Friday in Accra to reopen their shared border to trade."
DATELINE_LEAD = "OSLO, May 2 (Nordic Wire) - Norway and Iceland agreed on Friday to extend their fisheries accord by five years."

FURNITURE = """Skip to content
Home | World | Politics | Sports | Opinion
71.6 F
Lima
Most Viewed
Share on Facebook
Advertisement
Subscribe now
"""


def test_fifteen_words_each():
    assert {len(b.split()) for b in BRIEFS + [TEXT_BRIEF]} == {15}


# -- the line cleaner ------------------------------------------------------------------------


def test_lead_ending_in_a_link_word_is_not_a_headline():
    """Without a headline from metadata, a lead ending in "Read more" is still the lead, not a title."""
    raw = f"{LEAD} Read more\n\nThe talks lasted two days and ended with a joint statement."
    cleaned = clean_text(raw)
    assert cleaned.title is None
    assert "signed three water-sharing agreements." in cleaned.text
    assert cleaned.text.startswith("NAIROBI, March 12, 2025 - Kenya's foreign minister")


def test_lead_is_kept_when_the_page_has_another_headline():
    cleaned = clean_text(f"{LEAD} more\nThe talks lasted two days.", title="Water talks in Nairobi")
    assert cleaned.title is None
    assert LEAD in cleaned.text


def test_headline_given_by_the_metadata_is_taken_out_once():
    raw = "Water talks in Nairobi\n\n" + LEAD + "\n\nWater talks in Nairobi\n\nThe talks lasted two days."
    cleaned = clean_text(raw, title="Water talks in Nairobi | Example News")
    assert cleaned.title == "Water talks in Nairobi"
    assert "Water talks in Nairobi" not in cleaned.text
    assert ("repeated headline", "Water talks in Nairobi") in cleaned.reasons


def test_dateline_prefix_does_not_make_the_lead_boilerplate():
    cleaned = clean_text(DATELINE_LEAD + "\n\nThe accord covers cod and herring.")
    assert cleaned.dateline is not None and cleaned.dateline.value == "XXXX-05-02"
    assert cleaned.dateline.outlet == "Nordic Wire"
    # The wire dateline is the outlet's own text: it stays at the head of the lead.
    assert cleaned.text.startswith(DATELINE_LEAD)


def test_store_line_goes_but_the_wire_dateline_stays():
    cleaned = clean_text("date 2024-05-02 " + DATELINE_LEAD)
    assert cleaned.dateline.value == "2024-05-02"
    assert cleaned.text == DATELINE_LEAD


def test_sentences_repeated_far_apart_are_kept_but_a_caption_printed_twice_is_not():
    caption = "The two ministers shake hands after the signing in the capital. [POOL]"
    question = "What did the delegation ask for first?"
    raw = "\n".join(
        [
            "Ecuador and Colombia reopened two border crossings on Monday after a week of talks.",
            caption,
            caption,
            question,
            "Officials said the crossings would stay open at night.",
            question,
            "Traders welcomed the decision, which ends a month of delays.",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.count("shake hands") == 1
    assert ("repeated caption", caption) in cleaned.reasons
    assert cleaned.text.count(question) == 2


def test_a_story_printed_twice_is_kept_once():
    story = [
        "Senegal and Mauritania signed a gas pipeline accord in Dakar on Thursday.",
        "The pipeline will carry gas from the offshore field to both capitals.",
        "Work on the first section is due to start next spring, officials said.",
    ]
    raw = "\n".join(story + ["-", "Related coverage", "-"] + story)
    cleaned = clean_text(raw)
    for sentence in story:
        assert cleaned.text.count(sentence) == 1
    assert [why for why, _ in cleaned.reasons].count("repeated block") == 3


def test_a_line_broken_off_a_sentence_is_not_a_menu():
    cleaned = clean_text("Photos\nwhich were taken on Sunday show the new bridge over the river in Asuncion.")
    assert cleaned.text.startswith("Photos")


def test_a_notice_written_as_a_sentence_is_kept_a_credit_is_not():
    raw = "Uruguay's senate approved the budget on Thursday by a wide margin.\n\u00a9 Example Photo Agency\nThis report may be shared for teaching by any school in the region."
    cleaned = clean_text(raw)
    assert "\u00a9 Example Photo Agency" not in cleaned.text
    assert "This report may be shared" in cleaned.text


def test_holds_sentence_and_word_counts():
    assert holds_sentence(TEXT_BRIEF)
    assert holds_sentence(LEAD + " more")
    assert not holds_sentence("Ministers agree on new fisheries pact")
    assert not holds_sentence("Most Viewed")
    assert not holds_sentence("Talks in Lima end without a deal from the U.S.")
    # Japanese has no spaces: a paragraph is not "one word".
    assert count_words("東京で首相が記者会見を開き、新しい経済対策を発表した。") >= 10
    assert holds_sentence("東京で首相が記者会見を開き、新しい経済対策を発表した。")


# -- short items are articles -------------------------------------------------------------------


def _raw(text: str, kind: str = "text", key: str = "brief.txt", meta: dict | None = None) -> RawArticle:
    return RawArticle(key, key, text, kind, meta or {})


def test_a_fifteen_word_brief_is_a_document():
    document = build_document(_raw(TEXT_BRIEF))
    assert not isinstance(document, IngestProblem), document
    assert document.text == TEXT_BRIEF


def test_the_minimum_is_a_setting_and_what_falls_short_says_why():
    assert MIN_WORDS <= 15
    problem = build_document(_raw(TEXT_BRIEF), min_words=20)
    assert isinstance(problem, IngestProblem)
    assert "15 words" in problem.reason and "--min-words" in problem.reason


def test_a_page_of_pure_furniture_is_skipped_with_its_reason():
    problem = build_document(_raw(FURNITURE))
    assert isinstance(problem, IngestProblem)
    assert problem.reason.startswith("no article text after cleaning: every line was page furniture")
    assert "menu" in problem.reason


def test_a_headline_alone_is_not_an_article():
    problem = build_document(_raw("Ministers agree on new fisheries pact after two days of talks"))
    assert isinstance(problem, IngestProblem) and "no complete sentence" in problem.reason


def test_html_lead_ending_in_a_link_is_stored():
    document = build_document(_raw(LINKED_LEAD_PAGE, "html", "lead.html"))
    assert not isinstance(document, IngestProblem), document
    assert document.title == "Water talks in Nairobi"
    assert LEAD in document.text


# -- end to end: ingest a folder, export the documents with their text ---------------------------------


def tribune(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tribune", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("fidelity")
    corpus = work / "articles"
    corpus.mkdir()
    (corpus / "briefs.jsonl").write_text("".join(json.dumps({"text": b}) + "\n" for b in BRIEFS), encoding="utf-8")
    (corpus / "brief.txt").write_text(TEXT_BRIEF + "\n", encoding="utf-8")
    (corpus / "dateline.txt").write_text(DATELINE_LEAD + "\n", encoding="utf-8")
    (corpus / "lead.html").write_text(LINKED_LEAD_PAGE, encoding="utf-8")
    (corpus / "furniture.txt").write_text(FURNITURE, encoding="utf-8")
    result = tribune("ingest", "articles", "--db", "kb.duckdb", cwd=work)
    assert result.returncode == 0, result.stderr
    return work, result.stderr


def _docs_jsonl(work: Path) -> dict[str, dict]:
    result = tribune("export", "docs", "--db", "kb.duckdb", "--format", "jsonl", cwd=work)
    assert result.returncode == 0, result.stderr
    return {Path(d["path"]).name: d for d in map(json.loads, result.stdout.splitlines())}


def test_briefs_and_the_linked_lead_are_stored_with_their_sentences(kb):
    work, _ = kb
    docs = _docs_jsonl(work)
    for number, brief in enumerate(BRIEFS, start=1):
        assert docs[f"briefs.jsonl#{number}"]["text"] == brief
    assert docs["brief.txt"]["text"] == TEXT_BRIEF
    assert DATELINE_LEAD in docs["dateline.txt"]["text"]
    assert docs["dateline.txt"]["dateline"] == "OSLO, May 2 (Nordic Wire) -"
    assert LEAD in docs["lead.html"]["text"]


def test_pure_furniture_is_reported_not_stored(kb):
    work, stderr = kb
    assert "furniture.txt" not in _docs_jsonl(work)
    line = next(ln for ln in stderr.splitlines() if "furniture.txt" in ln)
    assert "skipped" in line and "every line was page furniture" in line


def test_export_docs_carries_the_text_in_all_three_formats(kb):
    work, _ = kb
    expected = {name: d["text"] for name, d in _docs_jsonl(work).items()}
    assert expected and all(expected.values())

    as_csv = tribune("export", "docs", "--db", "kb.duckdb", "--format", "csv", cwd=work)
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert {Path(r["path"]).name: r["text"] for r in rows} == expected

    out = tribune("export", "docs", "--db", "kb.duckdb", "--format", "parquet", "--out", "docs.parquet", cwd=work)
    assert out.returncode == 0, out.stderr
    table = pq.read_table(work / "docs.parquet").to_pylist()
    assert {Path(r["path"]).name: r["text"] for r in table} == expected
