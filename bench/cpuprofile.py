"""CPU time per component of an ingest, measured from outside tribune (bench only).

Each timed section charges its CPU time (``time.process_time``) to one name,
exclusive of the timed sections nested inside it, so the figures add up: the
spaCy components run as chained generators and each one's time excludes the
time spent pulling documents through the components before it.

Worker processes (forked by tribune's pool or by spaCy's ``n_process``) write
their running totals to ``$TRIBUNE_BENCH_CPU_DIR/cpu-<pid>.json`` after each
batch; ``collect`` adds them up with the parent's own totals.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections import defaultdict
from pathlib import Path

TOTALS: dict[str, float] = defaultdict(float)
_STACK: list[list] = []
_clock = time.process_time


def enter(name: str) -> None:
    now = _clock()
    if _STACK:
        top = _STACK[-1]
        TOTALS[top[0]] += now - top[1]
    _STACK.append([name, now])


def leave() -> None:
    now = _clock()
    name, start = _STACK.pop()
    TOTALS[name] += now - start
    if _STACK:
        _STACK[-1][1] = now


def reset(fn):
    """Wrap a pool initializer: a forked worker starts with empty totals, not a copy of its parent's."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        TOTALS.clear()
        _STACK.clear()
        return fn(*args, **kwargs)

    return wrapper


def dump() -> None:
    folder = os.environ.get("TRIBUNE_BENCH_CPU_DIR")
    if folder:
        path = Path(folder) / f"cpu-{os.getpid()}.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(dict(TOTALS)))
        os.replace(tmp, path)


def collect(folder: str) -> dict[str, float]:
    """The totals of every process that wrote some, plus this one's."""
    out: dict[str, float] = defaultdict(float)
    for path in Path(folder).glob("cpu-*.json"):
        if path.name != f"cpu-{os.getpid()}.json":
            for k, v in json.loads(path.read_text()).items():
                out[k] += v
    for k, v in TOTALS.items():
        out[k] += v
    return dict(out)


def timed(name: str, fn, dump_after: bool = False):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        enter(name)
        try:
            return fn(*args, **kwargs)
        finally:
            leave()
            if dump_after:
                dump()

    return wrapper


def timed_iter(name: str, fn):
    """Time a generator function: each step of the iteration, not only the call that creates it."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        it = iter(fn(*args, **kwargs))
        while True:
            enter(name)
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                leave()
            yield item

    wrapper._bench_timed = True
    return wrapper


def patch(module, attr: str, name: str, dump_after: bool = False) -> None:
    """Time module.attr under name (an attribute looked up at call time)."""
    fn = getattr(module, attr)
    if not getattr(fn, "_bench_timed", False):
        wrapped = timed(name, fn, dump_after)
        wrapped._bench_timed = True
        setattr(module, attr, wrapped)


class _Call:
    def __init__(self, name, proc):
        self.name, self.proc = name, proc

    def __call__(self, doc):
        enter(self.name)
        try:
            return self.proc(doc)
        finally:
            leave()

    def __getattr__(self, attr):
        return getattr(self.proc, attr)


class _Pipe(_Call):
    def pipe(self, stream, **kwargs):
        proc = self.proc
        gen = iter(proc.pipe(stream, **kwargs) if hasattr(proc, "pipe") else (proc(doc) for doc in stream))
        while True:
            enter(self.name)
            try:
                doc = next(gen)
            except StopIteration:
                return
            finally:
                leave()
            yield doc


def _pipe_and_dump(proc: _Pipe):
    original = proc.pipe

    def pipe(stream, **kwargs):
        yield from original(stream, **kwargs)
        dump()

    proc.pipe = pipe
    return proc


def instrument(nlp) -> None:
    """Time the tokenizer and every pipe of nlp, each under its own name."""
    if not isinstance(nlp.tokenizer, _Call):
        nlp.tokenizer = _Call("spacy tokenizer", nlp.tokenizer)
    components = nlp._components
    for i, (name, proc) in enumerate(components):
        if isinstance(proc, _Call):
            continue
        label = name if name.startswith("tribune") else f"spacy {name}"
        wrapped = _Pipe(label, proc) if hasattr(proc, "pipe") else _Call(label, proc)
        components[i] = (name, wrapped)
    # the last pipe dumps the worker's totals after each batch (spaCy's own workers exit with os._exit)
    name, last = components[-1]
    if not isinstance(last, _Pipe):
        last = _Pipe(last.name, last.proc)
    components[-1] = (name, _pipe_and_dump(last))
