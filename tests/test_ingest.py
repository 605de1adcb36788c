"""Readers: every format, every encoding, and a clear problem for everything else."""

from __future__ import annotations

import gzip
import json

from tribune.ingest.readers import RawArticle, read_sources
from tribune.records import IngestProblem

ARTICLE = (
    "Leaders of three countries met in the capital on Tuesday to discuss trade routes, "
    "border crossings and a joint statement that officials said would follow within weeks."
)


def _read(paths):
    items = list(read_sources([str(p) for p in paths]))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, IngestProblem)]


def test_reads_text_html_jsonl_and_gzip_recursively(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    sub = tmp_path / "nested" / "deeper"
    sub.mkdir(parents=True)
    (sub / "b.html").write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>", encoding="utf-8")
    (sub / "c.jsonl").write_text(
        json.dumps({"text": ARTICLE, "title": "T", "outlet": "Wire"}) + "\n" + json.dumps({"html": f"<p>{ARTICLE}</p>"}) + "\n",
        encoding="utf-8",
    )
    with gzip.open(sub / "d.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write(ARTICLE)
    articles, problems = _read([tmp_path])
    assert problems == []
    kinds = sorted((a.source_key.replace(str(tmp_path), ""), a.kind) for a in articles)
    assert kinds == [
        ("/a.txt", "text"),
        ("/nested/deeper/b.html", "html"),
        ("/nested/deeper/c.jsonl#1", "text"),
        ("/nested/deeper/c.jsonl#2", "html"),
        ("/nested/deeper/d.txt.gz", "text"),
    ]
    record = next(a for a in articles if a.source_key.endswith("#1"))
    assert record.meta == {"title": "T", "outlet": "Wire"}


def test_bad_files_are_reported_with_file_and_line(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "mixed.jsonl").write_text(
        json.dumps({"text": ARTICLE}) + "\n{not json\n" + json.dumps([1, 2]) + "\n" + json.dumps({"title": "no body"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    articles, problems = _read([tmp_path, tmp_path / "missing.txt"])
    assert [a.source_key.rsplit("/", 1)[1] for a in articles] == ["mixed.jsonl#1"]
    reasons = {(p.path.rsplit("/", 1)[1], p.line): p.reason for p in problems}
    assert reasons[("empty.txt", None)] == "empty file"
    assert "binary" in reasons[("binary.txt", None)]
    assert "malformed JSON" in reasons[("mixed.jsonl", 2)]
    assert "expected an object" in reasons[("mixed.jsonl", 3)]
    assert "no non-empty 'text' or 'html'" in reasons[("mixed.jsonl", 4)]
    assert ("image.png", None) in reasons
    assert reasons[("missing.txt", None)] == "no such file or directory"
    # Every problem names its file in its printed form.
    assert all(p.path in str(p) for p in problems)


def test_encodings_are_detected(tmp_path):
    text = "Déclaration commune signée à Séoul par les ministres, après des négociations difficiles sur les frontières."
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    korean = "평양에서 열린 열병식에 중국과 러시아 대표단이 참석했다고 조선중앙통신이 보도했다. " * 3
    (tmp_path / "euckr.txt").write_bytes(korean.encode("euc-kr"))
    articles, problems = _read([tmp_path])
    assert problems == []
    by_name = {a.path.rsplit("/", 1)[1]: a.content for a in articles}
    assert by_name["cp1252.txt"] == text
    assert by_name["utf16.txt"] == text
    assert by_name["bom.txt"] == text
    assert by_name["euckr.txt"] == korean


def test_oversized_and_gzip_bomb_are_refused(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 5000, encoding="utf-8")
    with gzip.open(tmp_path / "bomb.txt.gz", "wb") as handle:
        handle.write(b"a" * 3_000_000)
    items = list(read_sources([str(tmp_path)], max_bytes=10_000))
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert {p.path.rsplit("/", 1)[1] for p in problems} == {"big.txt", "bomb.txt.gz"}
    assert all("MiB" in p.reason for p in problems)


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    articles, _problems = _read([tmp_path])
    assert len(articles) == 1


def test_impossible_dates_are_rejected_with_a_reason(tmp_path):
    from tribune.api import Tribune
    from tribune.temporal.validate import impossible_dates

    text = (
        "The two sides said the accord was signed on February 30, 2024 in the border town, a date the ministry "
        "later corrected. A second memo was dated 2023-04-31. The archive refers to a treaty from the year 0025."
    )
    reasons = {r.text: r.reason for r in impossible_dates(text)}
    assert reasons == {
        "February 30, 2024": "February has no day 30 in 2024",
        "2023-04-31": "April has no day 31 in 2023",
        "0025": "year 0025 is written with a leading zero: not a plausible date for news",
    }
    assert impossible_dates("Talks resumed on February 29, 2024 and again on 1 March.") == []
    (tmp_path / "memo.txt").write_text(text, encoding="utf-8")
    with Tribune(str(tmp_path / "kb.duckdb")) as tb:
        tb.ingest([str(tmp_path / "memo.txt")])
        stored = tb.store.query("SELECT text FROM rejected_dates ORDER BY start_char")
        assert [r["text"] for r in stored] == ["February 30, 2024", "2023-04-31", "0025"]
        assert all(e["date"] not in {"2024-03-01", "2024-03-02", "2023-05-01"} for e in tb.events())
