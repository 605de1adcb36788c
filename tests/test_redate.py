"""Year-less date lines completed from linked events, and the document read again."""

from __future__ import annotations

import pytest

from tribune.redate import complete_year

DATED = """Harbour Times

Putin and Kim meet at Russian spaceport

VOSTOCHNY, Sept 13, 2023 (Harbour Times) -

Russian President Vladimir Putin met North Korean leader Kim Jong Un at the Vostochny Cosmodrome on September 13, 2023, and the two leaders held talks for several hours.
"""

YEARLESS = """Northern Ledger

Kim tours rocket site with Putin

SEOUL, Sept 14 (Northern Ledger) -

Russian President Vladimir Putin met North Korean leader Kim Jong Un at the Vostochny Cosmodrome on Wednesday, and the two leaders held talks for several hours.

Kim arrived at the spaceport by armoured train on Tuesday.
"""


@pytest.mark.parametrize(
    "month_day, event, expected",
    [
        ("09-14", "2023-09-13", "2023-09-14"),
        ("01-02", "2023-12-30", "2024-01-02"),  # a report just after new year
        ("12-28", "2024-01-03", "2023-12-28"),  # a preview just before it
        ("02-29", "2024-02-27", "2024-02-29"),
        ("06-01", "2023-09-13", None),  # months away: no evidence of the year
        ("04-25", "2019-04", "2019-04-25"),  # an event known to the month
        ("12-30", "2024-01", "2023-12-30"),
    ],
)
def test_the_year_is_the_one_nearest_the_event(month_day, event, expected):
    assert complete_year(month_day, event) == expected


def test_a_yearless_dateline_gets_its_year_and_its_weekdays_resolve(tmp_path):
    from tribune.api import Tribune

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dated.txt").write_text(DATED, encoding="utf-8")
    (corpus / "yearless.txt").write_text(YEARLESS, encoding="utf-8")
    with Tribune(str(tmp_path / "kb.duckdb")) as tb:
        tb.ingest([str(corpus)])
        docs = {d["path"].rsplit("/", 1)[-1]: d for d in tb.documents()}
        assert (docs["yearless.txt"]["published"], docs["yearless.txt"]["published_source"]) == ("2023-09-14", "inferred")
        assert docs["dated.txt"]["published_source"] == "dateline"
        dates = {
            m["sentence"].split(" on ")[-1].split(",")[0].rstrip("."): m["date"]
            for e in tb.events()
            for m in e["mentions"]
            if m["path"].endswith("yearless.txt") and " on " in m["sentence"]
        }
        # read again with the completed date as anchor: "on Wednesday" and "on Tuesday" are now days
        assert dates == {"Wednesday": "2023-09-13", "Tuesday": "2023-09-12"}
        meeting = next(e for e in tb.events() if e["type"] == "meeting")
        assert meeting["date"] == "2023-09-13" and meeting["sources"] == 2
        before = tb.store.counts()
        tb.relink()  # nothing left to complete: nothing is read again, nothing doubles
        assert tb.store.counts() == before


@pytest.fixture(scope="module")
def kb():
    from tribune.nlp.components import knowledge_base

    return knowledge_base(())


@pytest.mark.parametrize(
    "lead, titled, expected",
    [
        # Mattis ran the Pentagon from January 2017 to the end of 2018; 28 November was a Tuesday only in 2017
        ("The missile was fired on Tuesday, the Pentagon said.", [("jim-mattis", "Defence Secretary")], "2017-11-28"),
        # ... and never a Monday in those two years: no year rather than a guess
        ("The missile was fired on Monday, the Pentagon said.", [("jim-mattis", "Defence Secretary")], None),
        # a weekday but nobody with a title the knowledge base can date
        ("The missile was fired on Tuesday.", [], None),
        # a titled person but no weekday in the lead
        ("The missile was fired overnight.", [("jim-mattis", "Defence Secretary")], None),
    ],
)
def test_titles_and_the_leads_weekday_can_give_the_year(kb, lead, titled, expected):
    from tribune.redate import year_from_offices_and_weekday

    assert year_from_offices_and_weekday("11-28", lead, titled, kb, 2026) == expected


def test_two_presidents_and_a_friday_fix_the_year_of_a_july_14_date_line(kb):
    from tribune.redate import year_from_offices_and_weekday

    titled = [("donald-trump", "U.S. President"), ("emmanuel-macron", "French President")]
    # 14 July fell on a Friday in 2017 and 2023, but only in 2017 were both men presidents
    assert year_from_offices_and_weekday("07-14", "Trump watched the parade on Friday.", titled, kb, 2026) == "2017-07-14"
