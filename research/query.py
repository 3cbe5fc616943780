"""The one read surface of the package, shared by the notebooks and the REST API.

`Corpus` opens a store (optionally pinned to a version) and answers questions with polars
DataFrames whose columns are the fields of a record of `research.records` (`claims()` rows are
`ClaimRow`s ...); the record-shaped answers (one article, claim, entity or event) are Structs
that the API returns as they are. Everything read or derived from a store version (tables,
the claims indexes, event ledgers) is built once and kept until the corpus moves to another
version.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args

import msgspec
import polars as pl

from research.claim_index import (
    CLAIM_FACETS,
    CLAIM_SORTS,
    ClaimFacet,
    ClaimFilter,
    ClaimIndex,
    ClaimSort,
    KeyIndex,
    claims_frame,
    parse_sort,
)
from research.errors import NotFoundError, StoreError
from research.facets import facet, facets
from research.frames import from_frame
from research.intake import MEDIA_TYPES, ArticleDocument, DocumentError, MediaTypeError, read_body, store_articles
from research.model import Article, Boilerplate, IngestedArticle, Paragraph, Quantity, Sentence, Span, Speaker
from research.records import (
    ClaimDetail,
    ClaimRow,
    ContradictionRow,
    CorroborationRow,
    EntityDetail,
    EntityRow,
    EventDetail,
    EventRow,
    FacetCount,
    FigureRow,
    LedgerRow,
    MentionRow,
    MergeRow,
    SentenceText,
    StoryRow,
)
from research.store import CommitResult, Snapshot, Store
from research.views import (
    contradictions_frame,
    entities_frame,
    events_frame,
    figures_frame,
    ledger_frame,
    stories_frame,
)

__all__ = [
    "ARTICLE_SORTS",
    "CLAIM_FACETS",
    "CLAIM_SORTS",
    "CONTRADICTION_SORTS",
    "ENTITY_SORTS",
    "EVENT_SORTS",
    "MEDIA_TYPES",
    "STORY_SORTS",
    "ArticleDetail",
    "ArticleDocument",
    "ArticleFacet",
    "ArticleSort",
    "ArticleSummary",
    "ClaimDetail",
    "ClaimFacet",
    "ClaimFilter",
    "ClaimRow",
    "ClaimSort",
    "ContradictionFacet",
    "ContradictionRow",
    "ContradictionSort",
    "Corpus",
    "CorroborationRow",
    "DocumentError",
    "EntityDetail",
    "EntityFacet",
    "EntityRow",
    "EntitySort",
    "EventDetail",
    "EventFacet",
    "EventRow",
    "EventSort",
    "FacetCount",
    "FigureRow",
    "Found",
    "Ingested",
    "LedgerRow",
    "MediaTypeError",
    "MentionRow",
    "MergeRow",
    "ParagraphView",
    "SentenceView",
    "StoryRow",
    "StorySort",
    "facet",
    "facets",
    "with_span_text",
]

Values = str | Sequence[str] | None
# What each listing sorts by (`-column`: descending) and counts facets of, as data.
ArticleSort = Literal[
    "id", "-id", "title", "-title", "published", "-published", "outlet", "-outlet", "story", "-story",
    "paragraphs", "-paragraphs", "sentences", "-sentences", "boilerplate_spans", "-boilerplate_spans",
]  # fmt: skip
EntitySort = Literal[
    "id", "-id", "name", "-name", "type", "-type", "mentions", "-mentions", "articles", "-articles",
    "claims", "-claims",
]  # fmt: skip
EventSort = Literal[
    "id", "-id", "type", "-type", "date", "-date", "story", "-story", "articles", "-articles",
    "claims", "-claims", "independent", "-independent", "contradictions", "-contradictions",
]  # fmt: skip
StorySort = Literal[
    "id", "-id", "first_published", "-first_published", "last_published", "-last_published",
    "events", "-events", "claims", "-claims",
]  # fmt: skip
ContradictionSort = Literal["id", "-id", "rule", "-rule", "event", "-event", "story", "-story", "about", "-about"]
ArticleFacet = Literal["outlet", "published", "story"]
EntityFacet = Literal["type"]
EventFacet = Literal["type", "story", "date", "place_names"]
ContradictionFacet = Literal["about", "rule", "event", "story", "claimants"]


def _ascending(sort: object) -> tuple[str, ...]:
    return tuple(key for key in get_args(sort) if not key.startswith("-"))


ARTICLE_SORTS = _ascending(ArticleSort)
ENTITY_SORTS = _ascending(EntitySort)
EVENT_SORTS = _ascending(EventSort)
STORY_SORTS = _ascending(StorySort)
CONTRADICTION_SORTS = _ascending(ContradictionSort)

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


class Found(NamedTuple):
    """One page of a filtered listing and how many rows match in all."""

    rows: pl.DataFrame
    total: int


class Ingested(NamedTuple):
    """What storing a batch did (the commit) and the claims of its articles, as stored."""

    result: CommitResult
    claims: pl.DataFrame


def _values(value: Values) -> tuple[str, ...]:
    """A filter argument as a tuple of alternatives (None: no filter)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _sorted(frame: pl.DataFrame, sort: Values, allowed: Sequence[str], default: Sequence[str]) -> pl.DataFrame:
    """The frame sorted by `sort` (`-column` descending; ties keep `default` order), else by `default`."""
    keys = parse_sort(sort, allowed)
    frame = frame.sort(list(default), nulls_last=True)
    if not keys:
        return frame
    return frame.sort([c for c, _ in keys], descending=[d for _, d in keys], nulls_last=True, maintain_order=True)


def _lower_in(column: str, values: Sequence[str]) -> pl.Expr:
    return pl.col(column).str.to_lowercase().is_in([v.lower() for v in values])


class _Version:
    """Everything a corpus read or derived from one store version, each built on first use."""

    def __init__(self, store: Store, snapshot: Snapshot) -> None:
        self.store = store
        self.snapshot = snapshot
        self.lock = threading.RLock()
        self.tables: dict[str, pl.DataFrame] = {}
        self.frames: dict[str, pl.DataFrame] = {}
        self.ledgers: dict[str, pl.DataFrame] = {}
        self._claims: ClaimIndex | None = None
        self._figures: KeyIndex | None = None

    @property
    def version(self) -> int:
        return self.snapshot.version

    def table(self, name: str) -> pl.DataFrame:
        """A stored table; the articles' `story` comes from the stories table, which every ingest
        recomputes over the whole corpus (an article stored earlier may have joined a new story)."""
        with self.lock:
            frame = self.tables.get(name)
            if frame is None:
                frame = self.store.read(name, self.snapshot)
                if name == "articles":
                    stories = self.store.read("stories", self.snapshot)
                    if stories.height:
                        story = stories.select(pl.col("article").alias("id"), pl.col("story").alias("_story"))
                        frame = (
                            frame.join(story, on="id", how="left", maintain_order="left")
                            .with_columns(story=pl.coalesce("_story", "story"))
                            .drop("_story")
                        )
                self.tables[name] = frame
            return frame

    def frame(self, name: str, build: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        """A derived frame, built once."""
        with self.lock:
            frame = self.frames.get(name)
            if frame is None:
                frame = self.frames[name] = build()
            return frame

    def claims(self) -> ClaimIndex:
        """The claims frame and its indexes."""
        with self.lock:
            if self._claims is None:
                self._claims = ClaimIndex(
                    claims_frame(
                        self.table("claims"),
                        self.table("articles"),
                        self.table("sentences"),
                        self.table("events"),
                        self.table("mentions"),
                        self.table("entities"),
                    ),
                    self.table("entities"),
                )
            return self._claims

    def events(self) -> pl.DataFrame:
        return self.frame(
            "events",
            lambda: events_frame(
                self.table("events"), self.table("articles"), self.table("corroboration"), self.table("contradictions")
            ),
        )

    def figures(self) -> tuple[pl.DataFrame, KeyIndex]:
        """Figures stated in claims, and their rows by event."""
        frame = self.frame("figures", lambda: figures_frame(self.table("figures"), self.claims().frame))
        with self.lock:
            if self._figures is None:
                self._figures = KeyIndex(frame["events"])
            return frame, self._figures


class Corpus:
    """A store opened for reading, at its latest version or pinned with `as_of`.

    Tables and what is derived from them are read once per store version and cached. An
    unpinned corpus follows new versions when `refresh()` is called (the API calls it before
    each request).
    """

    def __init__(self, store: Store | str | Path | None = None, *, as_of: int | None = None) -> None:
        self.store = store if isinstance(store, Store) else Store(store)
        self.pinned = as_of is not None
        self._lock = threading.Lock()
        self._current = _Version(self.store, self.store.snapshot(as_of))
        self._checked_at = time.monotonic()

    def __repr__(self) -> str:
        return f"Corpus({str(self.store.root)!r}, version={self.version})"

    @property
    def version(self) -> int:
        """The store version this corpus reads."""
        return self._current.version

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
            if latest.version == self._current.version:
                return False
            self._current = _Version(self.store, latest)
            return True

    def warm(self) -> None:
        """Read every table and build the claims indexes now rather than on first use."""
        view = self._current
        view.claims()
        view.events()
        view.figures()

    def table(self, name: str) -> pl.DataFrame:
        """A whole stored table as of this corpus's version (articles with their current story)."""
        return self._current.table(name)

    def ingest(
        self, body: bytes, *, media_type: str, article_id: str | None = None, source: str = "POST /articles"
    ) -> Ingested:
        """Store the articles of a request body as one new version, as `research ingest` does.

        media_type: one of `MEDIA_TYPES` (text/plain or text/html: one article, `article_id` or
        a hash of the body; application/json: a document or a list; JSON Lines: one a line).
        Nothing is stored when any article is rejected. An unpinned corpus moves to the new
        version; the claims are read at that version either way.
        """
        raws = read_body(body, media_type, article_id=article_id, where=source)
        result = store_articles(self.store, raws, source=source)
        self.refresh()
        reader = self if self.version == result.version else Corpus(self.store, as_of=result.version)
        return Ingested(result=result, claims=reader.claims(article=list(dict.fromkeys(r.id for r in raws))))

    # ------------------------------------------------------------------ articles
    def articles(
        self,
        *,
        outlet: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        sort: Values = None,
    ) -> pl.DataFrame:
        """Articles (without text) with paragraph, sentence and boilerplate counts, by id.

        outlet: exact outlet name; date_from/date_to: inclusive bounds on `published`
        (articles without a date are left out when either bound is given); sort: columns of
        `ARTICLE_SORTS`, `-` for descending.
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
            .pipe(_sorted, sort, ARTICLE_SORTS, ["id"])
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

    # ------------------------------------------------------------------ claims
    def claims(
        self,
        *,
        speaker: Values = None,
        outlet: Values = None,
        via: Values = None,
        event: Values = None,
        story: Values = None,
        article: Values = None,
        polarity: Values = None,
        certainty: Values = None,
        kind: Values = None,
        rule: Values = None,
        figure: Values = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        q: str | None = None,
        sort: Values = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> pl.DataFrame:
        """Claims (`ClaimRow` columns) matching every filter given; a list of values matches any.

        speaker: an entity id, canonical name, alias of an entity or name as filed, in any case
        ("russian-defense-ministry", "Russian Ministry of Defense"); outlet, via, event, story, article, polarity,
        certainty, kind (direct, indirect, mixed), rule: exact values; figure: the kind of a
        figure the claim states (killed, injured, destroyed ...); date_from/date_to: inclusive
        bounds on `date` (`when`, else the publication date); q: text the content contains,
        any case; sort: columns of `CLAIM_SORTS`, `-` for descending (default: article,
        sentence, position); limit/offset: a page.
        """
        where = ClaimFilter(
            speaker=_values(speaker),
            outlet=_values(outlet),
            via=_values(via),
            event=_values(event),
            story=_values(story),
            article=_values(article),
            polarity=_values(polarity),
            certainty=_values(certainty),
            kind=_values(kind),
            rule=_values(rule),
            figure=_values(figure),
            date_from=date_from,
            date_to=date_to,
            q=q,
        )
        return self.find_claims(where, sort=sort, limit=limit, offset=offset).rows

    def find_claims(
        self, where: ClaimFilter, *, sort: Values = None, limit: int | None = None, offset: int = 0
    ) -> Found:
        """The page `offset:offset+limit` of the claims matching `where` and how many match."""
        if offset < 0 or (limit is not None and limit < 0):
            raise ValueError(f"offset and limit must be 0 or more (got offset={offset}, limit={limit})")
        index = self._current.claims()
        positions = index.select(where)
        rows = index.rows(positions, sort=parse_sort(sort, CLAIM_SORTS), limit=limit, offset=offset)
        return Found(rows=rows, total=index.count(positions))

    def claim_facets(
        self, where: ClaimFilter, columns: Sequence[str], *, limit: int | None = None
    ) -> dict[str, pl.DataFrame]:
        """Facet counts (`value`, `count`) of the claims matching `where`, one frame per column."""
        unknown = [c for c in columns if c not in CLAIM_FACETS]
        if unknown:
            raise ValueError(
                f"cannot facet claims by {', '.join(map(repr, unknown))}; facets: {', '.join(CLAIM_FACETS)}"
            )
        index = self._current.claims()
        return facets(index.gather(index.select(where), columns), columns, limit=limit)

    def claim(self, claim_id: str) -> ClaimDetail:
        """One claim with its sentence, spans, the speaker's entity, its figures and its rule."""
        view = self._current
        index = view.claims()
        position = index.position(claim_id)
        if position is None:
            raise NotFoundError(f"no claim with id {claim_id!r} in store version {view.version}")
        row: dict[str, Any] = index.frame.row(position, named=True)
        stored: dict[str, Any] = index.detail.row(position, named=True)
        article = view.table("articles").filter(pl.col("id") == row["article"])
        start, end = stored["_sentence_start"], stored["_sentence_end"]
        if start is None or end is None:  # a store whose sentences table lacks the claim's sentence
            start, end = row["start"], row["end"]
        speaker = stored["_speaker"]
        return ClaimDetail(
            id=claim_id,
            article=row["article"],
            title=article["title"][0],
            outlet=row["outlet"],
            published=row["published"],
            story=row["story"],
            sentence=SentenceText(index=row["sentence"], start=start, end=end, text=article["text"][0][start:end]),
            content=msgspec.convert(stored["_content"], Span),
            speaker=None if speaker is None else msgspec.convert({**speaker, "entity": row["entity"]}, Speaker),
            claimant=row["claimant"],
            cue=None if stored["_cue"] is None else msgspec.convert(stored["_cue"], Span),
            kind=row["kind"],
            via=row["via"],
            origin=row["origin"],
            polarity=row["polarity"],
            certainty=row["certainty"],
            when=row["when"],
            events=row["events"],
            figures=msgspec.convert(stored["_quantities"], list[Quantity]),
            rule=row["rule"],
        )

    def figures(
        self,
        *,
        event: Values = None,
        kind: Values = None,
        speaker: Values = None,
        story: Values = None,
        article: Values = None,
    ) -> pl.DataFrame:
        """Figures stated in claims (`FigureRow` columns): who claims which number about what.

        event: figures of claims about these events; kind: killed, destroyed ...; speaker: as
        in `claims` (entity id, canonical name, alias or name as filed, any case); story, article.
        """
        frame, by_event = self._current.figures()
        if event is not None:
            frame = frame[by_event.find(_values(event))]
        if kind is not None:
            frame = frame.filter(pl.col("kind").is_in(_values(kind)))
        if speaker is not None:
            index = self._current.claims()
            spoken = index.gather(index.select(ClaimFilter(speaker=_values(speaker))), ["id"])["id"]
            frame = frame.filter(pl.col("claim").is_in(spoken.implode()))
        if story is not None:
            frame = frame.filter(pl.col("story").is_in(_values(story)))
        if article is not None:
            frame = frame.filter(pl.col("article").is_in(_values(article)))
        return frame

    # ------------------------------------------------------------------ entities
    def entities(self, *, type: Values = None, q: str | None = None, sort: Values = None) -> pl.DataFrame:
        """Canonical entities (`EntityRow` columns), by id.

        type: person, organisation, armed_group, government_body, place, outlet ...; q: text
        the name or an alias contains, any case; sort: columns of `ENTITY_SORTS`.
        """
        view = self._current
        frame = view.frame("entities", lambda: entities_frame(view.table("entities"), view.claims().frame))
        if type is not None:
            frame = frame.filter(pl.col("type").is_in(_values(type)))
        if q:
            needle = q.lower()
            frame = frame.filter(
                pl.col("name").str.to_lowercase().str.contains(needle, literal=True)
                | pl.col("aliases")
                .list.eval(pl.element().str.to_lowercase().str.contains(needle, literal=True))
                .list.any()
            )
        return _sorted(frame, sort, ENTITY_SORTS, ["id"])

    def entity(self, entity_id: str) -> EntityDetail:
        """One entity: its spellings, the articles and mentions where it appears, the evidence
        for every merge and how many claims it makes."""
        view = self._current
        rows = self.entities().filter(pl.col("id") == entity_id)
        if rows.height == 0:
            raise NotFoundError(f"no entity with id {entity_id!r} in store version {view.version}")
        row = rows.row(0, named=True)
        mentions = self.mentions(entity=entity_id)
        merges = view.table("merges").filter(pl.col("entity") == entity_id).select(MergeRow.__struct_fields__)
        return EntityDetail(
            id=entity_id,
            name=row["name"],
            type=row["type"],
            aliases=row["aliases"],
            articles=mentions["article"].unique().sort().to_list(),
            claims=row["claims"],
            mentions=[MentionRow(**m) for m in mentions.iter_rows(named=True)],
            merges=[MergeRow(**m) for m in merges.iter_rows(named=True)],
        )

    def mentions(self, *, article: Values = None, entity: Values = None, type: Values = None) -> pl.DataFrame:
        """Typed mentions (`MentionRow` columns) by article and position, optionally of some
        articles, entities or types."""
        frame = self.table("mentions")
        if article is not None:
            frame = frame.filter(pl.col("article").is_in(_values(article)))
        if entity is not None:
            frame = frame.filter(pl.col("entity").is_in(_values(entity)))
        if type is not None:
            frame = frame.filter(pl.col("type").is_in(_values(type)))
        return frame.select(MentionRow.__struct_fields__).sort("article", "start", "end", "id")

    def merges(self, entity_id: str | None = None) -> pl.DataFrame:
        """Merge evidence: why two spellings are one entity (rule, entity, left, right, detail, score)."""
        frame = self.table("merges")
        return frame if entity_id is None else frame.filter(pl.col("entity") == entity_id)

    # ------------------------------------------------------------------ events and stories
    def events(
        self,
        *,
        type: Values = None,
        story: Values = None,
        place: Values = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        sort: Values = None,
    ) -> pl.DataFrame:
        """Typed events (`EventRow` columns), by id.

        place: a place entity id or name (any case); date_from/date_to: inclusive bounds on
        the event's date (events without one are left out when a bound is given); sort: columns
        of `EVENT_SORTS`.
        """
        frame = self._current.events()
        if type is not None:
            frame = frame.filter(pl.col("type").is_in(_values(type)))
        if story is not None:
            frame = frame.filter(pl.col("story").is_in(_values(story)))
        if place is not None:
            wanted = [v.lower() for v in _values(place)]
            lower = pl.element().str.to_lowercase().is_in(wanted)
            frame = frame.filter(
                pl.col("places").list.eval(lower).list.any() | pl.col("place_names").list.eval(lower).list.any()
            )
        if date_from is not None:
            frame = frame.filter(pl.col("date") >= date_from)
        if date_to is not None:
            frame = frame.filter(pl.col("date") <= date_to)
        return _sorted(frame.select(EventRow.__struct_fields__), sort, EVENT_SORTS, ["id"])

    def event(self, event_id: str) -> EventDetail:
        """One event with its articles, claims, outlets, independent origins and contradictions."""
        view = self._current
        rows = view.events().filter(pl.col("id") == event_id)
        if rows.height == 0:
            raise NotFoundError(f"no event with id {event_id!r} in store version {view.version}")
        row = rows.row(0, named=True)
        return EventDetail(
            id=row["id"],
            type=row["type"],
            date=row["date"],
            story=row["story"],
            places=row["places"],
            place_names=row["place_names"],
            articles=row["article_ids"],
            claims=row["claim_ids"],
            outlets=row["outlets"],
            origins=row["origins"],
            independent=row["independent"],
            contradictions=row["contradiction_ids"],
        )

    def ledger(self, event_id: str) -> pl.DataFrame:
        """Every claim about one event (`LedgerRow` columns), one row per claimant and position:
        the positions of its contradictions first (by aspect, side, claimant), then the claims
        in no contradiction grouped by claimant and polarity, with their outlets and origins."""
        view = self._current
        cached = view.ledgers.get(event_id)
        if cached is not None:
            return cached
        detail = self.event(event_id)
        disputed = view.table("contradictions").filter(pl.col("event") == event_id)
        position_claims = disputed["positions"].explode().struct.field("claims").explode().drop_nulls().to_list()
        index = view.claims()
        rows = {p for p in (index.position(c) for c in [*detail.claims, *position_claims]) if p is not None}
        about = index.frame[pl.Series(sorted(rows), dtype=pl.UInt32())]
        ledger = ledger_frame(event_id, about, disputed)
        with view.lock:
            view.ledgers[event_id] = ledger
        return ledger

    def stories(self, *, sort: Values = None) -> pl.DataFrame:
        """Stories (`StoryRow` columns): articles about one happening, their dates, events,
        claims and the terms they share most; sort: columns of `STORY_SORTS`."""
        view = self._current
        frame = view.frame(
            "stories",
            lambda: stories_frame(view.table("articles"), view.table("stories"), view.events(), view.claims().frame),
        )
        return _sorted(frame, sort, STORY_SORTS, ["id"])

    # ------------------------------------------------------------------ agreement
    def contradictions(
        self,
        *,
        event: Values = None,
        story: Values = None,
        about: Values = None,
        speaker: Values = None,
        rule: Values = None,
        sort: Values = None,
    ) -> pl.DataFrame:
        """Contradictions (`ContradictionRow` columns): one aspect of one event on which
        claimants disagree, one position each.

        about: the aspect ("incursion", "killed (troops)"); speaker: a claimant holding one of
        the positions (canonical name, any case); rule: the contradiction rule; sort: columns
        of `CONTRADICTION_SORTS`.
        """
        view = self._current
        frame = view.frame(
            "contradictions",
            lambda: contradictions_frame(view.table("contradictions"), view.events(), view.claims().frame),
        )
        if event is not None:
            frame = frame.filter(pl.col("event").is_in(_values(event)))
        if story is not None:
            frame = frame.filter(pl.col("story").is_in(_values(story)))
        if about is not None:
            frame = frame.filter(pl.col("about").is_in(_values(about)))
        if speaker is not None:
            wanted = [v.lower() for v in _values(speaker)]
            frame = frame.filter(
                pl.col("claimants").list.eval(pl.element().str.to_lowercase().is_in(wanted)).list.any()
            )
        if rule is not None:
            frame = frame.filter(pl.col("rule").is_in(_values(rule)))
        return _sorted(frame, sort, CONTRADICTION_SORTS, ["id"])

    def corroboration(
        self, *, level: Literal["event", "claim"] | None = None, event: Values = None, claimant: Values = None
    ) -> pl.DataFrame:
        """Who reports each event and each claim about one (`CorroborationRow` columns): articles,
        outlets and the independent origins behind them; claimant: canonical name, any case."""
        frame = self.table("corroboration")
        if level is not None:
            frame = frame.filter(pl.col("level") == level)
        if event is not None:
            frame = frame.filter(pl.col("event").is_in(_values(event)))
        if claimant is not None:
            frame = frame.filter(_lower_in("claimant", _values(claimant)))
        return frame.select(CorroborationRow.__struct_fields__)

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
