"""The learned eventness decision: loaded offline, no text in the file, a clear error when the file is bad,
groups it rejects dropped, its scores following the cues, and training that rebuilds the shipped file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tribune.errors import TribuneError
from tribune.events.eventness import MODEL_FILE, group_features, load_eventness
from tribune.events.learned import LinearModel, ModelFileError, bundled_model_path, hashed

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def test_the_shipped_model_loads_offline_and_holds_no_text():
    model = load_eventness()
    assert 0.0 < model.threshold < 1.0 and len(model.weights) > 1000
    data = json.loads(bundled_model_path(MODEL_FILE).read_text("utf-8"))
    assert set(data) == {"format", "dims", "bias", "threshold", "weights"}
    assert all(key.isdigit() for key in data["weights"])  # hashed feature indexes, never feature names
    assert all(isinstance(v, float) for v in data["weights"].values())


@pytest.mark.parametrize("content, says", [("{not json", "unreadable"), ('{"format": "other/1"}', "not a tribune-linear"), ('{"format": "tribune-linear/1"}', "malformed")])
def test_a_bad_model_file_is_an_error_naming_it_and_make_train(tmp_path, content, says):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / MODEL_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ModelFileError) as caught:
        load_eventness([folder])
    message = str(caught.value)
    assert str(folder / MODEL_FILE) in message and says in message and "make train" in message
    assert isinstance(caught.value, TribuneError)  # the CLI prints it as one line


def test_a_missing_model_file_is_an_error_not_a_silent_fallback(tmp_path, monkeypatch):
    from tribune.events import learned

    monkeypatch.setattr(learned, "bundled_model_path", lambda name: tmp_path / "gone" / name)
    with pytest.raises(ModelFileError) as caught:
        load_eventness([tmp_path])  # a KB folder without a model of its own falls back to the bundled file, which is gone
    assert str(tmp_path / "gone" / MODEL_FILE) in str(caught.value) and "missing" in str(caught.value) and "make train" in str(caught.value)


def test_a_kb_folder_model_replaces_the_bundled_one(tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    own = LinearModel(1 << 10, 0.5, {3: 1.0}, 0.4)
    (folder / MODEL_FILE).write_text(json.dumps(own.to_json()), encoding="utf-8")
    loaded = load_eventness([folder])
    assert (loaded.dims, loaded.weights, loaded.threshold) == (1 << 10, {3: 1.0}, 0.4)


def test_ingest_with_a_corrupt_model_stops_with_one_line(tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / MODEL_FILE).write_text("{broken", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tribune", "ingest", str(article), "--db", str(tmp_path / "kb.duckdb"), "--kb", str(folder), "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"{folder / MODEL_FILE}" in done.stderr.replace("\n", "") and "make train" in done.stderr


@pytest.fixture(scope="module")
def proposer(nlp):
    """The pipeline's candidates and groups for a sentence, before the learned decision."""
    from tribune.events.extract import EventExtractor
    from tribune.nlp.components import knowledge_base

    extractor = EventExtractor(nlp.vocab, knowledge_base(()))

    def propose(text: str):
        doc = nlp(text)
        return extractor, doc, extractor.propose(doc, doc._.actors or [], doc._.timexes or [], "2024-05-10")

    return propose


def test_a_group_the_model_rejects_is_dropped_and_one_it_keeps_is_written(proposer):
    extractor, doc, (candidates, groups) = proposer("Peruvian President Dina Boluarte met Chilean President Gabriel Boric in Lima on Monday.")
    assert [g.type for g in groups] == ["meeting"]
    features = group_features(candidates, 0, groups)
    reject_meetings = LinearModel(1 << 18, 0.0, {i: -10.0 for i in hashed(["type=meeting"], 1 << 18)}, 0.5)
    from tribune.events.extract import EventExtractor

    strict = EventExtractor(doc.vocab, extractor.kb, reject_meetings)
    assert not reject_meetings.keeps(features)
    assert strict.extract(doc, "d", doc._.actors or [], doc._.timexes or [], "2024-05-10") == []
    kept = EventExtractor(doc.vocab, extractor.kb, load_eventness()).extract(doc, "d", doc._.actors or [], doc._.timexes or [], "2024-05-10")
    assert [m.type for m in kept] == ["meeting"]


@pytest.mark.parametrize(
    "event, topic",
    [
        ("Peruvian President Dina Boluarte met Chilean President Gabriel Boric in Lima on Monday.", "Analysts say meetings between the two presidents rarely produce results."),
        ("The Philippine navy held a joint exercise with Japan in the South China Sea on Sunday.", "The two navies hold exercises every year."),
        ("Brazil and Argentina signed a trade agreement in Brasilia on Tuesday.", "A trade agreement between Brazil and Argentina could be signed next year, officials said."),
    ],
)
def test_a_reported_event_scores_above_a_topic_or_routine(proposer, event, topic):
    model = load_eventness()

    def score(text: str) -> float:
        _extractor, _doc, (candidates, groups) = proposer(text)
        assert len(groups) == 1, text
        return model.probability(group_features(candidates, 0, groups))

    assert score(event) > score(topic) + 0.03


@pytest.mark.skipif(not (SHARED / "data" / "news-dev" / "gold.json").is_file(), reason="needs ../shared/data/news-dev beside the repository")
def test_make_train_rebuilds_the_shipped_model(tmp_path):
    """Training from ../shared/data with the fixed seed gives the file the package ships."""
    out = tmp_path / MODEL_FILE
    done = subprocess.run([sys.executable, str(ROOT / "train" / "models.py"), "--out", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    rebuilt, shipped = json.loads(out.read_text("utf-8")), json.loads(bundled_model_path(MODEL_FILE).read_text("utf-8"))
    assert rebuilt["threshold"] == shipped["threshold"] and rebuilt["dims"] == shipped["dims"]
    assert set(rebuilt["weights"]) == set(shipped["weights"])
    assert max(abs(rebuilt["weights"][k] - shipped["weights"][k]) for k in shipped["weights"]) < 1e-3
