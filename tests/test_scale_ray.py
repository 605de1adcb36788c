"""The Ray engine produces the same knowledge base as the local engine (on a local Ray instance)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import SAMPLE

pytestmark = pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed (pip install 'tribune[scale]')")


def digest(events: list[dict]) -> list[dict]:
    out = []
    for e in events:
        out.append(
            {
                "type": e["type"],
                "date": e["date"],
                "status": e["status"],
                "location": e["location"],
                "participants": sorted(f"{p['name']} | {p['country']} | {p['title']} | {p['role']}" for p in e["participants"] + e.get("parties", [])),
                "weapons": sorted(w["name"] for w in e["weapons"]),
                "sources": e["sources"],
                "mentions": sorted((Path(m["path"]).name, m["sentence"], m["status"], m["date"] or "") for m in e["mentions"]),
                "conflicts": sorted(c["attribute"] for c in e["conflicts"]),
            }
        )
    return sorted(out, key=lambda d: (d["date"] or "", d["type"], d["mentions"]))


def test_ray_engine_matches_local_engine(sample_kb, tmp_path):
    from tribune.api import Tribune
    from tribune.scale import ray_ingest

    local, local_report = sample_kb
    with Tribune(str(tmp_path / "ray.duckdb")) as tb:
        report = ray_ingest(tb, [str(SAMPLE)], workers=2, shard_dir=str(tmp_path / "shards"))
        assert report.new == local_report.new
        assert report.duplicates == local_report.duplicates
        assert report.near_duplicates == local_report.near_duplicates
        assert sorted(p.path for p in report.problems) == sorted(p.path for p in local_report.problems)
        assert digest(tb.events()) == digest(local.events())
        assert tb.store.counts()["events"] == local.store.counts()["events"]
        assert list(Path(tmp_path / "shards").rglob("*.parquet")), "the Parquet result shards are kept when shard_dir is given"

        again = ray_ingest(tb, [str(SAMPLE)], workers=2)
        assert again.new == 0 and again.unchanged == again.read
