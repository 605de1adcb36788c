"""Coverage-guided fuzzing of the ingest path with atheris: bytes in, an article or a reported problem out.

Not run in CI (it runs until stopped). Install the fuzzer into the project's venv and run it:

    .venv/bin/pip install atheris==3.0.0
    .venv/bin/python bench/fuzz_ingest.py -atheris_runs=200000      # or -max_total_time=600

Every input is treated as the content of a file of each supported kind (.txt, .html, .json,
.jsonl, .gz). The property checked: reading and cleaning never raise; they yield RawArticles,
Documents or IngestProblems, and every problem names its file. A crash prints the input
that caused it (saved by libFuzzer as crash-<hash>) so it can become a regression test.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".txt.gz")


def check(data: bytes, folder: Path) -> None:
    from tribune.clean.document import build_document
    from tribune.ingest.readers import RawArticle, read_path
    from tribune.records import Document, IngestProblem

    for suffix in SUFFIXES:
        path = folder / f"input{suffix}"
        if suffix.endswith(".gz"):
            import gzip

            path.write_bytes(gzip.compress(data))
        else:
            path.write_bytes(data)
        for item in read_path(path, max_bytes=1_000_000):
            if isinstance(item, IngestProblem):
                assert str(path) in str(item), item
                continue
            assert isinstance(item, RawArticle)
            built = build_document(item)
            assert isinstance(built, (Document, IngestProblem)), type(built)


def main() -> None:
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: .venv/bin/pip install atheris==3.0.0")
    folder = Path(tempfile.mkdtemp(prefix="tribune-fuzz-"))
    with atheris.instrument_imports():
        import tribune.clean.document  # noqa: F401
        import tribune.ingest.readers  # noqa: F401

    def one_input(data: bytes) -> None:
        check(data, folder)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
