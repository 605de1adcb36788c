"""Cross-document merging of event mentions into events, with claims and conflicts."""

from tribune.link.relink import relink

__all__ = ["relink"]
