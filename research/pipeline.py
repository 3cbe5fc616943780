"""The whole pipeline in memory: ingest -> extract -> resolve -> stories -> tables.

Per-article stages (layout, claims, figures, mentions) run on each article alone; corpus
stages (entities, stories) compare articles and run over the whole corpus: `analyze` runs
them over the batch, `with_corpus` re-runs them over a stored corpus plus a new batch.
Events and contradictions are corpus stages too: they read the claims of every article.
"""

from __future__ import annotations

import bisect
import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import msgspec
import polars as pl

from research.compare import compares_figures, contradictions
from research.corroboration import Corroboration, corroborate
from research.events import claim_types, events
from research.extract.article import extract_article
from research.extract.mentions import article_mentions
from research.frames import SCHEMAS, empty_frame, to_frame
from research.ingest import ingest
from research.model import Claim, Contradiction, Entity, Event, Figure, IngestedArticle, Mention
from research.resolve import DEFAULT_ALIASES_PATH, MergeEvidence, resolve
from research.stories import StoryAssignment, assign_stories

__all__ = ["Analysis", "StageTimes", "analyze", "analyze_paths", "with_corpus"]


class Analysis(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the pipeline produced for a batch of articles."""

    articles: list[IngestedArticle]
    claims: list[Claim] = []
    figures: list[Figure] = []
    mentions: list[Mention] = []
    entities: list[Entity] = []
    merges: list[MergeEvidence] = []
    stories: list[StoryAssignment] = []
    events: list[Event] = []
    contradictions: list[Contradiction] = []
    corroboration: list[Corroboration] = []

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
        tables["events"] = to_frame("events", self.events)
        tables["contradictions"] = to_frame("contradictions", self.contradictions)
        tables["corroboration"] = to_frame("corroboration", self.corroboration)
        return tables


def _alias_key(name: str) -> str:
    key = " ".join(name.replace("’", "'").lower().split())
    return key[4:] if key.startswith("the ") else key


def _speaker_names(claims: Sequence[Claim], mentions: Sequence[Mention], entities: Sequence[Entity]) -> dict[str, str]:
    """claim id -> the canonical name of the entity its speaker resolves to: the mention at
    (or the one mention inside) the speaker's span, else the entity with the speaker's name as
    an alias (unless two entities share it)."""
    # a place as speaker is a metonym ("Moscow said"): the speaker's own name says more
    names = {e.id: e.name for e in entities if e.type != "place"}
    at: dict[tuple[str, int, int], str] = {}
    spans: dict[str, list[tuple[int, int, str]]] = {}  # article -> (start, end, entity), sorted
    for m in mentions:
        if m.entity is not None and m.entity in names:
            at.setdefault((m.article, m.start, m.end), names[m.entity])
            spans.setdefault(m.article, []).append((m.start, m.end, m.entity))
    for found in spans.values():
        found.sort()
    by_alias: dict[str, str] = {}
    ambiguous: set[str] = set()
    for e in entities:
        for alias in {e.name, *e.aliases}:
            key = _alias_key(alias)
            if by_alias.setdefault(key, e.name) != e.name:
                ambiguous.add(key)
    for key in ambiguous:
        del by_alias[key]
    out: dict[str, str] = {}
    for c in claims:
        if c.speaker is None:
            continue
        exact = at.get((c.article, c.speaker.start, c.speaker.end))
        if exact is None:
            inside: set[str] = set()
            article_spans = spans.get(c.article, [])
            for start, end, entity in article_spans[bisect.bisect_left(article_spans, (c.speaker.start,)) :]:
                if start > c.speaker.end:
                    break
                if end <= c.speaker.end:
                    inside.add(entity)
            if len(inside) == 1:
                exact = names[inside.pop()]
        if exact is None:
            exact = by_alias.get(_alias_key(c.speaker.name))
        if exact is not None:
            out[c.id] = exact
    return out


def _corpus_stages(
    articles: Sequence[IngestedArticle], mentions: Sequence[Mention], claims: Sequence[Claim] = ()
) -> dict[str, object]:
    """Entities, stories, events and contradictions over a whole corpus; articles get their story."""
    resolution = resolve(mentions, aliases_path=DEFAULT_ALIASES_PATH if DEFAULT_ALIASES_PATH.exists() else None)
    stories = assign_stories(articles)
    story_of = {s.article: s.story for s in stories}
    with_stories = [
        msgspec.structs.replace(a, article=msgspec.structs.replace(a.article, story=story_of.get(a.article.id)))
        for a in articles
    ]
    found = events(with_stories, resolution.mentions, claims, resolution.entities)
    speaker_names = _speaker_names(claims, resolution.mentions, resolution.entities)
    disagreements = contradictions(
        claims,
        scope_of=story_of,
        speaker_names=speaker_names,
        events=found,
        type_of=claim_types(with_stories, [c for c in claims if compares_figures(c)]),
    )
    support = corroborate(found, claims, [a.article for a in with_stories], speaker_names=speaker_names)
    return {
        "articles": with_stories,
        "mentions": resolution.mentions,
        "entities": resolution.entities,
        "merges": resolution.evidence,
        "stories": stories,
        "events": found,
        "contradictions": disagreements,
        "corroboration": support,
    }


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: the stages build millions of small objects that
    hold no reference cycles, and collecting them again and again while the results grow cost
    15-20% of `analyze`. Reference counting still frees everything; the collector resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class StageTimes(msgspec.Struct, kw_only=True):
    """Wall-clock seconds one `analyze` run spent in each stage."""

    ingest: float = 0.0  # reading, checking and laying out articles (`analyze_paths`)
    extract: float = 0.0  # claims, figures, dates
    mentions: float = 0.0
    corpus: float = 0.0  # entities, stories, events, contradictions, corroboration


def analyze(articles: Sequence[IngestedArticle], *, times: StageTimes | None = None) -> Analysis:
    """Run every stage after ingest over laid-out articles; `times` receives what each stage took."""
    with _cyclic_gc_paused():
        return _analyze(articles, times if times is not None else StageTimes())


def _analyze(articles: Sequence[IngestedArticle], times: StageTimes) -> Analysis:
    claims: list[Claim] = []
    figures: list[Figure] = []
    mentions: list[Mention] = []
    clock = time.perf_counter
    for a in articles:
        started = clock()
        extraction = extract_article(a.article, a.sentences, a.paragraphs)
        extracted_at = clock()
        claims.extend(extraction.claims)
        figures.extend(extraction.figures)
        mentions.extend(article_mentions(a.article, a.sentences, a.paragraphs))
        times.extract += extracted_at - started
        times.mentions += clock() - extracted_at
    started = clock()
    stages = _corpus_stages(articles, mentions, claims)
    times.corpus += clock() - started
    return Analysis(claims=claims, figures=figures, **stages)  # type: ignore[arg-type]


def with_corpus(
    batch: Analysis,
    stored: Sequence[IngestedArticle],
    stored_mentions: Sequence[Mention],
    *,
    stored_claims: Sequence[Claim] = (),
) -> Analysis:
    """The batch with its corpus stages re-run over the stored corpus plus the batch (the
    batch's version of an article wins): what `research ingest` stores. Events and
    contradictions read `stored_claims` for the stored articles."""
    new_ids = {a.article.id for a in batch.articles}
    articles = [a for a in stored if a.article.id not in new_ids] + list(batch.articles)
    mentions = [m for m in stored_mentions if m.article not in new_ids] + list(batch.mentions)
    claims = [c for c in stored_claims if c.article not in new_ids] + list(batch.claims)
    with _cyclic_gc_paused():
        stages = _corpus_stages(articles, mentions, claims)
    return msgspec.structs.replace(batch, **stages)


def analyze_paths(
    paths: Sequence[str | Path],
    *,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[IngestedArticle], None] | None = None,
    times: StageTimes | None = None,
) -> Analysis:
    """Read a corpus and run the pipeline over it (callbacks as in `research.ingest.ingest`)."""
    times = times if times is not None else StageTimes()
    with _cyclic_gc_paused():
        started = time.perf_counter()
        articles = ingest(paths, on_start=on_start, on_article=on_article)
        times.ingest += time.perf_counter() - started
        return _analyze(articles, times)
