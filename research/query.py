"""The one read surface of the package, shared by the notebooks and the REST API.

`Corpus` opens a store (optionally pinned to a version) and answers questions with polars
DataFrames; the few record-shaped answers (one article) are Structs that the API returns
as they are.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import msgspec
import polars as pl

from research.errors import NotFoundError, StoreError
from research.frames import from_frame
from research.model import Article, Boilerplate, IngestedArticle, Paragraph, Sentence, Span
from research.store import Snapshot, Store

__all__ = [
    "ArticleDetail",
    "ArticleSummary",
    "Corpus",
    "ParagraphView",
    "SentenceView",
    "with_span_text",
]

ZONES = ("title", "heading", "body", "boilerplate")


class ArticleSummary(msgspec.Struct, frozen=True, kw_only=True):
    """One row of the articles listing."""

    id: str
    title: str | None
    published: dt.date | None
    outlet: str | None
    url: str | None
    source: str
    story: str | None
    paragraphs: int
    sentences: int
    boilerplate_spans: int


class ParagraphView(msgspec.Struct, frozen=True, kw_only=True):
    """A paragraph with its text and zone (title, heading, body, boilerplate)."""

    index: int
    start: int
    end: int
    zone: str
    rule: str
    text: str


class SentenceView(msgspec.Struct, frozen=True, kw_only=True):
    """A sentence with its text, the paragraph it lies in and that paragraph's zone."""

    index: int
    paragraph: int
    start: int
    end: int
    zone: str
    text: str


class ArticleDetail(msgspec.Struct, frozen=True, kw_only=True):
    """An article with its text and every span ingest found."""

    id: str
    title: str | None
    published: dt.date | None
    outlet: str | None
    url: str | None
    source: str
    story: str | None
    content_hash: str
    text: str
    title_span: Span | None
    date_span: Span | None
    boilerplate: list[Boilerplate]
    paragraphs: list[ParagraphView]
    sentences: list[SentenceView]


def with_span_text(frame: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Add a `text` column slicing each row's [start, end) out of its article's text."""
    texts = articles.select(pl.col("id").alias("article"), pl.col("text").alias("_article_text"))
    return (
        frame.join(texts, on="article", how="left")
        .with_columns(text=pl.col("_article_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        .drop("_article_text")
    )


class Corpus:
    """A store opened for reading, at its latest version or pinned with `as_of`.

    Tables are read once per store version and cached. An unpinned corpus follows new
    versions when `refresh()` is called (the API calls it before each request).
    """

    def __init__(self, store: Store | str | Path | None = None, *, as_of: int | None = None) -> None:
        self.store = store if isinstance(store, Store) else Store(store)
        self.pinned = as_of is not None
        self._lock = threading.Lock()
        self._snapshot: Snapshot = self.store.snapshot(as_of)
        self._tables: dict[str, pl.DataFrame] = {}
        self._checked_at = time.monotonic()

    def __repr__(self) -> str:
        return f"Corpus({str(self.store.root)!r}, version={self.version})"

    @property
    def version(self) -> int:
        """The store version this corpus reads."""
        return self._snapshot.version

    def refresh(self, *, min_interval: float = 0.0) -> bool:
        """Move an unpinned corpus to the latest store version; True when it moved.

        min_interval: seconds since the last check under which the store is not asked again
        (the API passes one second, so a busy server reads the version log once a second).
        """
        if self.pinned:
            return False
        now = time.monotonic()
        if now - self._checked_at < min_interval:
            return False
        self._checked_at = now
        latest = self.store.snapshot()
        with self._lock:
            if latest.version == self._snapshot.version:
                return False
            self._snapshot = latest
            self._tables = {}
            return True

    def table(self, name: str) -> pl.DataFrame:
        """A whole stored table as of this corpus's version.

        The articles' `story` comes from the stories table, which every ingest recomputes over
        the whole corpus (an article stored earlier may have joined a new story since).
        """
        with self._lock:
            frame = self._tables.get(name)
            if frame is None:
                frame = self.store.read(name, self._snapshot)
                if name == "articles":
                    stories = self.store.read("stories", self._snapshot)
                    if stories.height:
                        story = stories.select(pl.col("article").alias("id"), pl.col("story").alias("_story"))
                        frame = (
                            frame.join(story, on="id", how="left")
                            .with_columns(story=pl.coalesce("_story", "story"))
                            .drop("_story")
                        )
                self._tables[name] = frame
            return frame

    # ------------------------------------------------------------------ articles
    def articles(
        self,
        *,
        outlet: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> pl.DataFrame:
        """Articles (without text) with paragraph, sentence and boilerplate counts, by id.

        outlet: exact outlet name; date_from/date_to: inclusive bounds on `published`
        (articles without a date are left out when either bound is given).
        """
        frame = self.table("articles")
        if outlet is not None:
            frame = frame.filter(pl.col("outlet") == outlet)
        if date_from is not None:
            frame = frame.filter(pl.col("published") >= date_from)
        if date_to is not None:
            frame = frame.filter(pl.col("published") <= date_to)
        paragraphs = self.table("paragraphs").group_by("article").agg(paragraphs=pl.len())
        sentences = self.table("sentences").group_by("article").agg(sentences=pl.len())
        return (
            frame.with_columns(boilerplate_spans=pl.col("boilerplate").list.len().cast(pl.Int64()))
            .join(paragraphs, left_on="id", right_on="article", how="left")
            .join(sentences, left_on="id", right_on="article", how="left")
            .with_columns(pl.col("paragraphs", "sentences").fill_null(0).cast(pl.Int64()))
            .select(ArticleSummary.__struct_fields__)
            .sort("id")
        )

    def article(self, article_id: str) -> ArticleDetail:
        """One article with its text, paragraphs, sentences and boilerplate spans."""
        rows = self.table("articles").filter(pl.col("id") == article_id)
        if rows.height == 0:
            raise NotFoundError(f"no article with id {article_id!r} in store version {self.version}")
        row: dict[str, Any] = rows.row(0, named=True)
        paragraphs = self.paragraphs(article_id).drop("article")
        sentences = self.sentences(article_id).drop("article")
        try:
            return msgspec.convert(
                {**row, "paragraphs": paragraphs.to_dicts(), "sentences": sentences.to_dicts()},
                ArticleDetail,
            )
        except msgspec.ValidationError as exc:  # a store written by another version of the package
            raise StoreError(f"{self.store.root}: article {article_id!r} does not match the model: {exc}") from exc

    def ingested(self, article_id: str) -> IngestedArticle:
        """One article with its paragraphs and sentences as records, to run extractors on."""
        rows = self.table("articles").filter(pl.col("id") == article_id)
        if rows.height == 0:
            raise NotFoundError(f"no article with id {article_id!r} in store version {self.version}")
        paragraphs = self.table("paragraphs").filter(pl.col("article") == article_id).sort("index")
        sentences = self.table("sentences").filter(pl.col("article") == article_id).sort("index")
        return IngestedArticle(
            article=from_frame(rows, Article)[0],
            paragraphs=from_frame(paragraphs, Paragraph),
            sentences=from_frame(sentences, Sentence),
        )

    def all_ingested(self) -> list[IngestedArticle]:
        """Every stored article with its paragraphs and sentences, as records (for re-running
        the corpus stages over the stored corpus and a new batch)."""
        paragraphs: dict[str, list[Paragraph]] = {}
        for paragraph in from_frame(self.table("paragraphs").sort("article", "index"), Paragraph):
            paragraphs.setdefault(paragraph.article, []).append(paragraph)
        sentences: dict[str, list[Sentence]] = {}
        for sentence in from_frame(self.table("sentences").sort("article", "index"), Sentence):
            sentences.setdefault(sentence.article, []).append(sentence)
        return [
            IngestedArticle(article=a, paragraphs=paragraphs.get(a.id, []), sentences=sentences.get(a.id, []))
            for a in from_frame(self.table("articles").sort("id"), Article)
        ]

    def paragraphs(self, article_id: str | None = None, *, zone: str | None = None) -> pl.DataFrame:
        """Paragraphs with their text, optionally of one article and one zone."""
        frame = self.table("paragraphs")
        if article_id is not None:
            frame = frame.filter(pl.col("article") == article_id)
        if zone is not None:
            frame = frame.filter(pl.col("zone") == zone)
        return with_span_text(frame, self.table("articles")).sort("article", "index")

    def sentences(self, article_id: str | None = None) -> pl.DataFrame:
        """Sentences with their text and their paragraph's zone, optionally of one article."""
        frame = self.table("sentences")
        if article_id is not None:
            frame = frame.filter(pl.col("article") == article_id)
        zones = self.table("paragraphs").select("article", pl.col("index").alias("paragraph"), "zone")
        frame = frame.join(zones, on=["article", "paragraph"], how="left")
        return with_span_text(frame, self.table("articles")).sort("article", "index")

    def zone_counts(self) -> pl.DataFrame:
        """Per article: paragraphs and sentences in each zone (title, heading, body, boilerplate)."""
        paragraphs = self.table("paragraphs").group_by("article", "zone").agg(paragraphs=pl.len())
        sentences = self.sentences().group_by("article", "zone").agg(sentences=pl.len())
        counts = paragraphs.join(sentences, on=["article", "zone"], how="left").with_columns(
            pl.col("paragraphs", "sentences").fill_null(0).cast(pl.Int64())
        )
        wide = counts.pivot("zone", ZONES, index="article", values=["paragraphs", "sentences"])
        columns = [f"paragraphs_{z}" for z in ZONES] + [f"sentences_{z}" for z in ZONES if z != "boilerplate"]
        ids = self.table("articles").select(pl.col("id").alias("article"))
        return (
            ids.join(wide, on="article", how="left")
            .with_columns(
                [pl.col(c).fill_null(0).cast(pl.Int64()) if c in wide.columns else pl.lit(0).alias(c) for c in columns]
            )
            .select("article", *columns)
            .sort("article")
        )

    def event_figures(self, event_id: str | None = None) -> pl.DataFrame:
        """Who claims which figure about what: one row per figure stated in a claim, with its
        event (null when the claim's sentence names no typed event) and the article's story,
        claimant, via, value, low, high, approx, kind, unit, article, text and claim."""
        claim_events = (
            self.table("events")
            .select(pl.col("id").alias("event"), pl.col("claims").alias("claim"))
            .explode("claim")
            .drop_nulls("claim")
            .unique("claim", keep="first", maintain_order=True)
        )
        stories = self.table("articles").select(pl.col("id").alias("article"), "story")
        columns = ["claimant", "via", "value", "low", "high", "approx", "kind", "unit", "article", "text", "claim"]
        frame = (
            self.table("figures")
            .filter(pl.col("claim").is_not_null())
            .join(claim_events, on="claim", how="left")
            .join(stories, on="article", how="left")
            .select("event", "story", *columns)
        )
        if event_id is not None:
            frame = frame.filter(pl.col("event") == event_id)
        return frame.sort("story", "kind", "claimant", nulls_last=True)

    def boilerplate(self, article_id: str | None = None) -> pl.DataFrame:
        """Every boilerplate span (one row each) with its kind and the rule that marked it."""
        frame = self.table("articles").select(pl.col("id").alias("article"), "boilerplate")
        if article_id is not None:
            frame = frame.filter(pl.col("article") == article_id)
        return frame.explode("boilerplate").drop_nulls("boilerplate").unnest("boilerplate").sort("article", "start")

    def versions(self) -> pl.DataFrame:
        """The store's version log, oldest first."""
        rows = [
            {
                "version": v.version,
                "created_at": v.created_at,
                "added": v.added,
                "replaced": v.replaced,
                "unchanged": v.unchanged,
                "articles": v.articles,
                "sources": v.sources,
            }
            for v in self.store.versions()
        ]
        schema = {
            "version": pl.Int64(),
            "created_at": pl.Datetime("us", "UTC"),
            "added": pl.Int64(),
            "replaced": pl.Int64(),
            "unchanged": pl.Int64(),
            "articles": pl.Int64(),
            "sources": pl.List(pl.String()),
        }
        return pl.DataFrame(rows, schema=schema, orient="row")
