"""Property tests (hypothesis): the cleaner, the date normaliser and the exporters on generated input."""

from __future__ import annotations

import calendar
import io
import json

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tribune.clean.text import clean_text, default_rules
from tribune.store.export import write_csv, write_jsonl, write_parquet
from tribune.temporal import find_timexes

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=80)


@FAST
@given(st.lists(words, max_size=30))
def test_cleaner_only_removes_lines_never_rewrites_them(lines):
    raw = "\n".join(lines)
    cleaned = clean_text(raw)
    kept = [line for line in cleaned.text.split("\n\n") if line]
    originals = {line.strip() for line in lines}
    for line in kept:
        assert line in originals or any(line in o for o in originals), "the cleaner invented or rewrote text"
    rules = default_rules()
    for line in kept:
        assert line.strip().lower() not in rules.exact


@FAST
@given(st.text(max_size=300), st.sampled_from([None, "2024-02-29", "1999-12-31", "2025-10-11"]))
def test_timexes_point_at_their_text_and_are_real_dates(text, anchor):
    for timex in find_timexes(text, anchor):
        assert text[timex.start : timex.end] == timex.text
        date = timex.date()
        if date is not None and date.precision == "day" and timex.anchored:
            year, month, day = (int(x) for x in date.value.split("-"))
            assert 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


@FAST
@given(st.dates(min_value=__import__("datetime").date(1900, 1, 1), max_value=__import__("datetime").date(2099, 12, 31)))
def test_explicit_dates_normalise_exactly(day):
    text = f"The agreement was signed on {day.strftime('%B')} {day.day}, {day.year} in the capital."
    values = [t.value for t in find_timexes(text, "2025-06-01")]
    assert day.isoformat() in values


records = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.text(min_size=1, max_size=12),
            "title": st.one_of(st.none(), st.text(max_size=40)),
            "sources": st.integers(min_value=0, max_value=10**6),
            "participants": st.lists(st.fixed_dictionaries({"name": st.text(max_size=20), "role": st.sampled_from(["host", "attendee"])}), max_size=3),
        }
    ),
    min_size=1,
    max_size=8,
)


@FAST
@given(records)
def test_jsonl_export_then_import_is_lossless(rows):
    buffer = io.StringIO()
    assert write_jsonl(rows, buffer) == len(rows)
    assert [json.loads(line) for line in buffer.getvalue().splitlines()] == rows


@FAST
@given(records)
def test_csv_export_keeps_every_value(rows):
    buffer = io.StringIO()
    write_csv(rows, buffer)
    import csv

    back = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [r["id"] for r in back] == [r["id"] for r in rows]
    assert [json.loads(r["participants"]) for r in back] == [r["participants"] for r in rows]


@settings(max_examples=25, deadline=None)
@given(records)
def test_parquet_export_then_import_is_lossless(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("pq") / "rows.parquet"
    write_parquet(rows, str(path))
    assert pq.read_table(path).to_pylist() == rows
