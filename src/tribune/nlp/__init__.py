"""spaCy pipeline assembly and tribune's own components."""

from tribune.nlp.pipeline import DEFAULT_MODEL, add_tribune_pipes, load_pipeline

__all__ = ["DEFAULT_MODEL", "add_tribune_pipes", "load_pipeline"]
