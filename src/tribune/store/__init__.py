"""DuckDB schema, batch writes, reads and exports."""

from tribune.store.db import DEFAULT_DB, ProcessedDocument, Store

__all__ = ["DEFAULT_DB", "ProcessedDocument", "Store"]
