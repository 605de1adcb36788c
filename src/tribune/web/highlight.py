"""Marking spans inside article text, safely.

Article text is untrusted: it is escaped segment by segment, and only tags and
attributes built here (from a fixed set of tag names, with escaped values) are
ever inserted between the segments. Overlapping spans are nested by layer
(lower layers outside); a span crossing another is split and reopened, so the
output is always well formed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

ALLOWED_TAGS = {"mark", "span", "a"}


@dataclass
class Span:
    start: int
    end: int
    tag: str = "mark"
    attrs: dict[str, str] = field(default_factory=dict)
    layer: int = 0
    once: dict[str, str] = field(default_factory=dict)  # attributes only on the first opening (ids)


def _open(span: Span, first: bool) -> str:
    if span.tag not in ALLOWED_TAGS:
        raise ValueError(f"tag {span.tag!r} not allowed")
    attrs = dict(span.attrs)
    if first:
        attrs.update(span.once)
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items() if value is not None)
    return f"<{span.tag}{rendered}>"


def annotate(text: str, spans: list[Span]) -> Markup:
    """``text`` escaped, with each span wrapped in its tag."""
    text = text or ""
    n = len(text)
    spans = [s for s in spans if s.start < s.end]
    for s in spans:
        s.start, s.end = max(0, min(s.start, n)), max(0, min(s.end, n))
    spans = [s for s in spans if s.start < s.end]
    if not spans:
        return Markup(escape(text))
    order = {id(s): i for i, s in enumerate(sorted(spans, key=lambda s: (s.layer, s.start, -s.end)))}
    bounds = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[int] = set()
    for a, b in zip(bounds, bounds[1:]):
        active = sorted((s for s in spans if s.start <= a and s.end >= b), key=lambda s: order[id(s)])
        common = 0
        while common < len(stack) and common < len(active) and stack[common] is active[common]:
            common += 1
        for s in reversed(stack[common:]):
            out.append(f"</{s.tag}>")
        for s in active[common:]:
            out.append(_open(s, id(s) not in opened))
            opened.add(id(s))
        stack = active
        out.append(str(escape(text[a:b])))
    for s in reversed(stack):
        out.append(f"</{s.tag}>")
    return Markup("".join(out))
