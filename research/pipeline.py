"""The whole pipeline in memory: ingest -> extract -> resolve -> stories -> tables.

Per-article stages (layout, claims, figures, mentions) run on each article alone; corpus
stages (entities, stories) compare articles and run over the whole corpus: `analyze` runs
them over the batch, `with_corpus` re-runs them over a stored corpus plus a new batch.
Stages still to land (events, contradictions) have empty tables with the declared schema.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import msgspec
import polars as pl

from research.extract.article import extract_article
from research.extract.mentions import article_mentions
from research.frames import SCHEMAS, empty_frame, to_frame
from research.ingest import ingest
from research.model import Claim, Entity, Figure, IngestedArticle, Mention
from research.resolve import DEFAULT_ALIASES_PATH, MergeEvidence, resolve
from research.stories import StoryAssignment, assign_stories

__all__ = ["Analysis", "analyze", "analyze_paths", "with_corpus"]


class Analysis(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the pipeline produced for a batch of articles."""

    articles: list[IngestedArticle]
    claims: list[Claim] = []
    figures: list[Figure] = []
    mentions: list[Mention] = []
    entities: list[Entity] = []
    merges: list[MergeEvidence] = []
    stories: list[StoryAssignment] = []

    def tables(self) -> dict[str, pl.DataFrame]:
        """Every table of the store, as frames with their declared schemas."""
        tables = {name: empty_frame(name) for name in SCHEMAS}
        tables["articles"] = to_frame("articles", [a.article for a in self.articles])
        tables["paragraphs"] = to_frame("paragraphs", [p for a in self.articles for p in a.paragraphs])
        tables["sentences"] = to_frame("sentences", [s for a in self.articles for s in a.sentences])
        tables["claims"] = to_frame("claims", self.claims)
        tables["figures"] = to_frame("figures", self.figures)
        tables["mentions"] = to_frame("mentions", self.mentions)
        tables["entities"] = to_frame("entities", self.entities)
        tables["merges"] = to_frame("merges", self.merges)
        tables["stories"] = to_frame("stories", self.stories)
        return tables


def _corpus_stages(articles: Sequence[IngestedArticle], mentions: Sequence[Mention]) -> dict[str, object]:
    """Entities and stories over a whole corpus; articles get their story."""
    resolution = resolve(mentions, aliases_path=DEFAULT_ALIASES_PATH if DEFAULT_ALIASES_PATH.exists() else None)
    stories = assign_stories(articles)
    story_of = {s.article: s.story for s in stories}
    with_stories = [
        msgspec.structs.replace(a, article=msgspec.structs.replace(a.article, story=story_of.get(a.article.id)))
        for a in articles
    ]
    return {
        "articles": with_stories,
        "mentions": resolution.mentions,
        "entities": resolution.entities,
        "merges": resolution.evidence,
        "stories": stories,
    }


def analyze(articles: Sequence[IngestedArticle]) -> Analysis:
    """Run every stage after ingest over laid-out articles."""
    claims: list[Claim] = []
    figures: list[Figure] = []
    mentions: list[Mention] = []
    for a in articles:
        extraction = extract_article(a.article, a.sentences, a.paragraphs)
        claims.extend(extraction.claims)
        figures.extend(extraction.figures)
        mentions.extend(article_mentions(a.article, a.sentences, a.paragraphs))
    return Analysis(claims=claims, figures=figures, **_corpus_stages(articles, mentions))  # type: ignore[arg-type]


def with_corpus(batch: Analysis, stored: Sequence[IngestedArticle], stored_mentions: Sequence[Mention]) -> Analysis:
    """The batch with its corpus stages re-run over the stored corpus plus the batch (the
    batch's version of an article wins): what `research ingest` stores."""
    new_ids = {a.article.id for a in batch.articles}
    articles = [a for a in stored if a.article.id not in new_ids] + list(batch.articles)
    mentions = [m for m in stored_mentions if m.article not in new_ids] + list(batch.mentions)
    stages = _corpus_stages(articles, mentions)
    return msgspec.structs.replace(batch, **stages)


def analyze_paths(
    paths: Sequence[str | Path],
    *,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[IngestedArticle], None] | None = None,
) -> Analysis:
    """Read a corpus and run the pipeline over it (callbacks as in `research.ingest.ingest`)."""
    return analyze(ingest(paths, on_start=on_start, on_article=on_article))
