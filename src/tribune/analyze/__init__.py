"""Views over the knowledge base: summaries, timelines, delegation trends."""
