"""Turn paths into raw articles: one RawArticle per article, one IngestProblem per failure.

Readers never raise on bad input: a corpus from the open web always holds some
broken files, and one of them must not cost the user the other ten thousand.
Every failure is yielded as an IngestProblem naming the file (and the line, for
JSON Lines) so the caller can report it and carry on.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from tribune.ingest.encoding import decode_bytes
from tribune.records import IngestProblem

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""An article larger than this is not an article (a log, a dump, a gz bomb)."""


@dataclass(frozen=True)
class RawArticle:
    """An article as read from disk, before cleaning."""

    source_key: str  # path, or path#line for JSON Lines records: what resume keys on
    path: str
    content: str
    kind: str  # "text" or "html"
    meta: dict = field(default_factory=dict)  # url, title, published, outlet from the record
    encoding: str = "utf-8"


def display_name(path: str | os.PathLike) -> str:
    """The path as a string that can be printed and stored.

    A file name that is not valid UTF-8 reaches Python as lone surrogates, which
    neither DuckDB nor a terminal accepts; such bytes are written as ``\\xNN``,
    the same way every time, so the name still works as a resume key.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _dangling(path: Path) -> IngestProblem:
    """Why a symbolic link leads nowhere: a loop, or a missing target."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return IngestProblem(display_name(path), "symbolic link loop")
    return IngestProblem(display_name(path), "broken symbolic link")


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | IngestProblem]:
    """Every file under the given paths, recursively, in a stable order.

    Symbolic links to directories inside a folder are not followed, so a link
    loop cannot make the walk endless; each is reported once, so that what they
    point to is never skipped silently. Links to files are read like files.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames.sort()
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for name in dirnames:
                    if os.path.islink(os.path.join(dirpath, name)):
                        yield IngestProblem(
                            display_name(Path(dirpath) / name),
                            "symbolic link to a folder, not followed (name its target to ingest it)",
                        )
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    yield Path(dirpath) / name
        elif path.exists():
            yield path
        elif path.is_symlink():
            yield _dangling(path)
        else:
            yield IngestProblem(display_name(path), "no such file or directory")


def _suffixes(path: Path) -> tuple[str, bool]:
    """The content suffix and whether the file is gzip-compressed."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _read_bytes(path: Path, compressed: bool, max_bytes: int) -> bytes:
    """Read at most max_bytes (decompressed); raise ValueError when there is more."""
    opener = gzip.open if compressed else open
    with opener(path, "rb") as handle:
        # A plain file's size is known without reading it: a 50 GB dump is refused at once.
        too_large = not compressed and os.fstat(handle.fileno()).st_size > max_bytes
        data = b"" if too_large else handle.read(max_bytes + 1)
    if too_large or len(data) > max_bytes:
        what = "decompresses to more than" if compressed else "is larger than"
        raise ValueError(f"{what} {max_bytes // (1024 * 1024)} MiB (limit --max-bytes)")
    return data


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | IngestProblem]:
    """Read one file into articles; a JSON Lines file may hold many."""
    where = display_name(path)
    suffix, compressed = _suffixes(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, compressed, max_bytes)
        return
    try:
        data = _read_bytes(path, compressed, max_bytes)
    except PermissionError:
        yield IngestProblem(where, "permission denied")
        return
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield IngestProblem(where, f"cannot read: {exc}")
        return
    except ValueError as exc:
        yield IngestProblem(where, str(exc))
        return
    if not data.strip():
        yield IngestProblem(where, "empty file")
        return
    decoded = decode_bytes(data)
    if decoded is None:
        yield IngestProblem(where, "binary or undecodable content (not text in any known encoding)")
        return
    text, encoding = decoded
    if suffix in JSON_SUFFIXES:
        yield from _read_json_document(where, text, encoding)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        yield RawArticle(where, where, text, "html", {}, encoding)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        yield RawArticle(where, where, text, "text", {}, encoding)
    else:
        yield IngestProblem(where, f"unsupported file type '{suffix}' (expected .txt, .md, .html, .json, .jsonl, or .gz of these)")


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


def _record_to_article(record: object, source_key: str, path: str, encoding: str) -> RawArticle | IngestProblem:
    """A JSON record with `text` or `html`, and optional url/title/published/outlet."""
    line = int(source_key.rsplit("#", 1)[1]) if "#" in source_key else None
    if not isinstance(record, dict):
        return IngestProblem(path, f"record is a JSON {type(record).__name__}, expected an object", line)
    meta = {k: record.get(k) for k in ("url", "title", "published", "outlet") if isinstance(record.get(k), str)}
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return RawArticle(source_key, source_key, text, "text", meta, encoding)
    if isinstance(html, str) and html.strip():
        return RawArticle(source_key, source_key, html, "html", meta, encoding)
    return IngestProblem(path, "record has no non-empty 'text' or 'html' field", line)


def _read_jsonl(path: Path, compressed: bool, max_bytes: int) -> Iterator[RawArticle | IngestProblem]:
    """Stream a JSON Lines file so that a file of a million records never sits in memory."""
    where = display_name(path)
    opener = gzip.open if compressed else open
    seen_any = False
    try:
        with opener(path, "rb") as handle:
            for number, raw_line in enumerate(handle, start=1):
                if len(raw_line) > max_bytes:
                    yield IngestProblem(where, f"line is larger than {max_bytes // (1024 * 1024)} MiB", number)
                    continue
                if not raw_line.strip():
                    continue
                seen_any = True
                decoded = decode_bytes(raw_line)
                if decoded is None:
                    yield IngestProblem(where, "undecodable bytes", number)
                    continue
                line_text, encoding = decoded
                try:
                    record = json.loads(line_text)
                except json.JSONDecodeError as exc:
                    yield IngestProblem(where, f"malformed JSON: {exc.msg} (column {exc.colno})", number)
                    continue
                yield _record_to_article(record, f"{where}#{number}", where, encoding)
    except PermissionError:
        yield IngestProblem(where, "permission denied")
        return
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield IngestProblem(where, f"cannot read: {exc}")
        return
    if not seen_any:
        yield IngestProblem(where, "empty file")


def _read_json_document(where: str, text: str, encoding: str) -> Iterator[RawArticle | IngestProblem]:
    """A .json file holds one record or a list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestProblem(where, f"malformed JSON: {exc.msg}", exc.lineno)
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        key = f"{where}#{index}" if isinstance(data, list) else where
        yield _record_to_article(record, key, where, encoding)


def read_sources(
    paths: Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES, exclude: Iterable[str | os.PathLike] = ()
) -> Iterator[RawArticle | IngestProblem]:
    """All articles under the given paths, and a problem for everything that is not one.

    ``exclude`` names files never to read: the knowledge base itself, when a user
    ingests the folder it lives in.
    """
    skipped = {os.path.realpath(p) for p in exclude}
    for item in iter_files(paths):
        if isinstance(item, IngestProblem):
            yield item
            continue
        if skipped and os.path.realpath(item) in skipped:
            continue
        try:
            if not item.is_file():
                if item.is_symlink() and not item.exists():
                    yield _dangling(item)
                else:
                    yield IngestProblem(display_name(item), "not a regular file")
                continue
        except OSError as exc:
            yield IngestProblem(display_name(item), f"cannot stat: {exc.strerror or exc}")
            continue
        yield from read_path(item, max_bytes=max_bytes)
