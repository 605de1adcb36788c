"""Small learned decisions shipped as numbers: logistic regressions over hashed binary features.

Features are names ("trigger=summit|meet"); they are hashed with CRC32 into a fixed number of buckets, so a
model file holds bucket indexes and weights, never text. Scoring needs no machine-learning library: a sum of
weights and a sigmoid. Training lives in ``train/`` (``make train``), with scikit-learn.

A knowledge-base folder given to tribune (``kb_dirs``, ``--kb``) may hold its own model file of the same name;
the last such folder wins over the bundled file (this is how cross-validation runs each fold with a model that
never saw it). A missing or corrupt file is an error that names it, never a silent fallback.
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from tribune.errors import TribuneError

FORMAT = "tribune-linear/1"


class ModelFileError(TribuneError):
    """A model file is missing or unreadable: say which, and how to rebuild it (never a silent fallback)."""


def hashed(features: Iterable[str], dims: int) -> list[int]:
    """Feature names to bucket indexes (CRC32: stable across processes and Python versions)."""
    return sorted({zlib.crc32(name.encode("utf-8")) % dims for name in features})


@dataclass(frozen=True)
class LinearModel:
    """Weights of the logistic regression and the threshold chosen by cross-validation."""

    dims: int
    bias: float
    weights: dict[int, float]
    threshold: float
    path: str = ""

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(i, 0.0) for i in hashed(features, self.dims))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def keeps(self, features: Iterable[str]) -> bool:
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "dims": self.dims,
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            "weights": {str(i): round(w, 6) for i, w in sorted(self.weights.items()) if abs(w) > 1e-6},
        }

    @classmethod
    def from_json(cls, data: dict, path: str = "") -> "LinearModel":
        if data.get("format") != FORMAT:
            raise ModelFileError(f"{path}: not a {FORMAT} model file (run `make train` to rebuild it)")
        return cls(int(data["dims"]), float(data["bias"]), {int(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"]), path)


def bundled_model_path(name: str):
    return resources.files("tribune.events").joinpath("models").joinpath(name)


def load_model(name: str, kb_dirs: Iterable[str | Path] = ()) -> LinearModel:
    """The model file ``name`` of the last KB folder that has one, else the bundled one."""
    path = None
    for directory in kb_dirs:
        candidate = Path(directory) / name
        if candidate.is_file():
            path = candidate
    source = path if path is not None else bundled_model_path(name)
    shown = str(source)
    try:
        data = json.loads(source.read_text("utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"{shown}: model file missing (run `make train` to rebuild it from ../shared/data)") from None
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"{shown}: model file unreadable ({exc}); run `make train` to rebuild it") from None
    try:
        return LinearModel.from_json(data, str(source))
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{shown}: model file malformed ({exc}); run `make train` to rebuild it") from None


SHIPPED = ("eventness.json",)


def check_models(kb_dirs: Iterable[str | Path] = ()) -> None:
    """Load every model the pipeline will use, so a bad file stops a run before any worker starts."""
    for name in SHIPPED:
        load_model(name, kb_dirs)
