"""Exports beyond the public export format: GEXF (Gephi) and PLOVER-style JSON.

The JSONL/CSV/Parquet writers of the contract live in ``tribune.store.export``.
"""

from tribune.exporters.gexf import write_gexf
from tribune.exporters.plover import plover_records, write_plover

__all__ = ["write_gexf", "plover_records", "write_plover"]
