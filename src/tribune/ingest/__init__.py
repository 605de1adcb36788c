"""Reading files, folders, JSON Lines and gzip into raw articles."""

from tribune.ingest.readers import DEFAULT_MAX_BYTES, RawArticle, read_path, read_sources

__all__ = ["DEFAULT_MAX_BYTES", "RawArticle", "read_path", "read_sources"]
