"""Running tribune's stages beyond one process: Ray Data (optional dependency ``tribune[scale]``)."""

from tribune.scale.ray_engine import ray_ingest

__all__ = ["ray_ingest"]
