"""Actors, aliases, offices, titles, ranks and weapons, loaded from data files."""

from tribune.kb.knowledge import Country, KnowledgeBase, TitlePhrase, default_kb, fold

__all__ = ["Country", "KnowledgeBase", "TitlePhrase", "default_kb", "fold"]
