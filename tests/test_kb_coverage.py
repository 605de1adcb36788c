"""Coverage of the top offices in the bundled KB (issue #3), and the gap arithmetic behind it.

The issue promises heads of state and government, foreign and defence ministers of 40
countries for 2010-2026. A missing successor is invisible in the data itself, so the
promise is checked day by day rather than by counting records.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tribune.kb.coverage import ROLES, WINDOW, complete_countries, coverage, role_coverage, role_counts
from tribune.kb.knowledge import KnowledgeBase

MAX_GAP_DAYS = 120


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def report(kb):
    return coverage(kb)


def test_forty_countries_have_all_four_roles_covered(report):
    complete = complete_countries(report, MAX_GAP_DAYS)
    assert len(complete) >= 40, (len(complete), complete)


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_is_covered_for_forty_countries(report, role):
    assert role_counts(report, MAX_GAP_DAYS)[role] >= 40


@pytest.mark.parametrize("country", ["PRK", "CHN", "RUS", "KOR", "USA", "JPN", "VNM"])
def test_the_in_depth_countries_are_among_the_complete_ones(report, country):
    """The countries the seed articles are about must not be the ones with holes."""
    assert country in complete_countries(report, MAX_GAP_DAYS), {r: rc.gaps for r, rc in report[country].items()}


def _synthetic_kb(offices: list[dict], country: str = "XAA") -> KnowledgeBase:
    """The bundled titles and ranks, plus one invented country's office holders (names are placeholders)."""
    kb = KnowledgeBase.load()
    for number, office in enumerate(offices):
        kb.add_actor({"id": f"holder-{number}", "name": f"Holder Number{number}", "kind": "person", "country": country, "offices": [dict(office, country=country)]})
    return kb


def test_gap_days_count_the_days_between_two_holders():
    kb = _synthetic_kb(
        [
            {"title": "Minister of Foreign Affairs", "rank_class": "minister", "start": "2000-01-01", "end": "2015-03-01", "source": "test"},
            {"title": "Minister of Foreign Affairs", "rank_class": "minister", "start": "2015-03-12", "end": None, "source": "test"},
        ]
    )
    found = role_coverage(kb, "XAA", "foreign_minister")
    assert found.gaps == [("2015-03-02", "2015-03-11")]
    assert found.gap_days == 10
    assert found.holders == ["holder-0", "holder-1"]


def test_partial_dates_cover_their_whole_month_and_an_empty_role_is_the_whole_window():
    kb = _synthetic_kb(
        [
            {"title": "Defence Minister", "rank_class": "minister", "start": "2009", "end": "2018-02", "source": "test"},
            {"title": "Defence Minister", "rank_class": "minister", "start": "2018-02", "end": None, "source": "test"},
        ]
    )
    assert role_coverage(kb, "XAA", "defence_minister").gap_days == 0
    whole = role_coverage(kb, "XAA", "head_of_government")
    assert whole.gaps == [WINDOW] and whole.holders == []


def test_a_title_outside_the_family_does_not_count():
    """A deputy foreign minister is not the foreign minister, however the words overlap."""
    kb = _synthetic_kb([{"title": "Vice Minister of Foreign Affairs", "rank_class": "deputy_minister", "start": "2000", "end": None, "source": "test"}])
    assert role_coverage(kb, "XAA", "foreign_minister").holders == []


def test_a_president_who_heads_the_government_fills_both_roles(kb):
    """The US has no prime minister: the president's office is the head of government too."""
    assert role_coverage(kb, "USA", "head_of_government").gap_days == 0
    # ...but not where a prime minister exists: there a president alone leaves the role open.
    synthetic = _synthetic_kb([{"title": "President", "rank_class": "head_of_state", "start": "2000", "end": None, "source": "test"}])
    assert role_coverage(synthetic, "XAA", "head_of_state").gap_days == 0
    assert role_coverage(synthetic, "XAA", "head_of_government").gap_days > 6000


def test_cli_prints_the_table_and_json():
    run = [sys.executable, "-m", "tribune", "kb", "coverage", "--country", "PRK", "--country", "usa", "--gaps"]
    result = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    table_rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert {line.split("│")[1].strip() for line in table_rows} >= {"PRK", "USA"}
    assert "countries have all four roles" in result.stdout
    result = subprocess.run([sys.executable, "-m", "tribune", "kb", "coverage", "--json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)
    assert len(view["complete"]) >= 40
    assert set(view["per_role"]) == set(ROLES)
    bad = subprocess.run([sys.executable, "-m", "tribune", "kb", "coverage", "--country", "XXX"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "unknown country" in bad.stderr
