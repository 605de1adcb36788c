"""tribune: who stood where, when, and who says so."""

__version__ = "0.1.0"
