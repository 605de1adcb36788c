"""Shared fixtures: the seeds, the sample corpus, and knowledge bases ingested once per session.

Tests that read ../shared skip with a reason where it is absent (a clone
without the shared folder beside it). The spaCy model is loaded once per
session: ingesting the sample corpus is the expensive part of the suite.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLE = ROOT / "data" / "sample" / "articles"
GOLD = ROOT / "data" / "sample" / "gold.json"
GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/* from the current output.")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent: the seed articles are not in this checkout")
    return SEEDS


def seed(name_prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    found = sorted(SEEDS.glob(f"{name_prefix}*"))
    if not found:
        pytest.skip(f"seed {name_prefix} is absent")
    return found[0]


@pytest.fixture(scope="session")
def nlp():
    from tribune.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_kb(tmp_path_factory, seeds_dir):
    """A knowledge base of the five seed articles."""
    from tribune.api import Tribune

    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with Tribune(str(db)) as tb:
        report = tb.ingest([str(seeds_dir)])
        yield tb, report


@pytest.fixture(scope="session")
def sample_kb(tmp_path_factory):
    """A knowledge base of the bundled sample corpus."""
    from tribune.api import Tribune

    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Tribune(str(db)) as tb:
        report = tb.ingest([str(SAMPLE)])
        yield tb, report


def check_golden(name: str, data, update: bool) -> None:
    """Compare data with tests/golden/<name>; --update-golden rewrites it for review in the diff."""
    path = GOLDEN / name
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if update or not path.exists():
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path} was missing and has been written: review it and run again")
        return
    expected = path.read_text(encoding="utf-8")
    assert json.loads(text) == json.loads(expected), f"output differs from {path}; run pytest --update-golden and review the diff"
