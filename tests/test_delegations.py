"""Delegation ranks at North Korean events, read from the seed articles.

The seeds describe China's and Russia's delegations to Pyongyang across ten
years, often naming a parade only by its occasion or by who attended: the
view must still place those parades in North Korea and show the rank change.
"""

from __future__ import annotations

from tribune.analyze.delegations import delegations


def _trend(tb, guest: str) -> dict[str, dict]:
    view = delegations(tb, "PRK", guest=guest)
    (country,) = view["countries"]
    return {row["date"]: row for row in country["trend"] if row["type"] == "parade"}


def test_china_at_north_korean_parades_from_the_seeds(seeds_kb):
    tb, _ = seeds_kb
    parades = _trend(tb, "CHN")
    # seed 001 names the 2015 parade only by the party anniversary it marked: no place, no host
    assert parades["2015-10-10"]["head"] == "Liu Yunshan"
    assert parades["2025-10-10"]["head"] == "Li Qiang"
    assert parades["2025-10-10"]["change"] == "upgrade"
    assert parades["2025-10-10"]["rank"] < parades["2015-10-10"]["rank"]


def test_russia_at_north_korean_parades_from_the_seeds(seeds_kb):
    tb, _ = seeds_kb
    parades = _trend(tb, "RUS")
    # seed 004's parade: Kim presided, Shoigu attended; no sentence names the square or the city
    assert parades["2023-07-27"]["head"] == "Sergei Shoigu"
    assert parades["2025-10-10"]["head"] == "Dmitry Medvedev"
    assert parades["2025-10-10"]["previous"]["head"] == "Sergei Shoigu"
    assert parades["2025-10-10"]["change"] == "upgrade"


def test_a_parade_abroad_is_not_counted_as_hosted_by_a_guest_leader(seeds_kb):
    tb, _ = seeds_kb
    view = delegations(tb, "PRK")
    dates = {d["date"] for c in view["countries"] for d in c["delegations"]}
    assert "2025-09-03" not in dates  # Kim was a guest in Beijing: Xi is nobody's delegation to Pyongyang
