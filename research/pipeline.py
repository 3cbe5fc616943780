"""The whole pipeline in memory: ingest -> extract -> resolve -> events -> compare -> tables.

Stages after ingest fill their tables as they land; until then their tables are empty
frames with the declared schema, so every consumer (store, export, query) sees all tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import msgspec
import polars as pl

from research.extract.article import extract_article
from research.frames import SCHEMAS, empty_frame, to_frame
from research.ingest import ingest
from research.model import Claim, Figure, IngestedArticle
from research.stories import StoryAssignment, assign_stories

__all__ = ["Analysis", "analyze", "analyze_paths"]


class Analysis(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the pipeline produced for a batch of articles."""

    articles: list[IngestedArticle]
    claims: list[Claim] = []
    figures: list[Figure] = []
    stories: list[StoryAssignment] = []

    def tables(self) -> dict[str, pl.DataFrame]:
        """Every table of the store, as frames with their declared schemas."""
        tables = {name: empty_frame(name) for name in SCHEMAS}
        tables["articles"] = to_frame("articles", [a.article for a in self.articles])
        tables["paragraphs"] = to_frame("paragraphs", [p for a in self.articles for p in a.paragraphs])
        tables["sentences"] = to_frame("sentences", [s for a in self.articles for s in a.sentences])
        tables["claims"] = to_frame("claims", self.claims)
        tables["figures"] = to_frame("figures", self.figures)
        tables["stories"] = to_frame("stories", self.stories)
        return tables


def analyze(articles: Sequence[IngestedArticle]) -> Analysis:
    """Run every stage after ingest over laid-out articles."""
    claims: list[Claim] = []
    figures: list[Figure] = []
    for a in articles:
        extraction = extract_article(a.article, a.sentences, a.paragraphs)
        claims.extend(extraction.claims)
        figures.extend(extraction.figures)
    stories = assign_stories(articles)
    story_of = {s.article: s.story for s in stories}
    with_stories = [
        msgspec.structs.replace(a, article=msgspec.structs.replace(a.article, story=story_of.get(a.article.id)))
        for a in articles
    ]
    return Analysis(articles=with_stories, claims=claims, figures=figures, stories=stories)


def analyze_paths(
    paths: Sequence[str | Path],
    *,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[IngestedArticle], None] | None = None,
) -> Analysis:
    """Read a corpus and run the pipeline over it (callbacks as in `research.ingest.ingest`)."""
    return analyze(ingest(paths, on_start=on_start, on_article=on_article))
