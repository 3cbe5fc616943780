"""Stored tables -> the frames `research.query` lists: pure functions, one per row shape of
`research.records` (columns in the order of the record's fields)."""

from __future__ import annotations

import polars as pl

from research.records import ContradictionRow, EntityRow, FigureRow, LedgerRow, StoryRow

__all__ = [
    "contradictions_frame",
    "entities_frame",
    "events_frame",
    "figures_frame",
    "ledger_frame",
    "stories_frame",
]

EMPTY_STRINGS = pl.lit([], dtype=pl.List(pl.String()))
STORY_TERMS = 12


def _outlet_or_article() -> pl.Expr:
    """An article's outlet, else the article itself (as corroboration counts outlets)."""
    outlet = pl.col("outlet")
    return pl.when(outlet.is_not_null() & (outlet != "")).then(outlet).otherwise(pl.col("article"))


def events_frame(
    events: pl.DataFrame, articles: pl.DataFrame, corroboration: pl.DataFrame, contradictions: pl.DataFrame
) -> pl.DataFrame:
    """`EventRow` columns plus the lists behind the counts (`article_ids`, `claim_ids`, `origins`,
    `contradiction_ids`), by event id."""
    story = articles.select(pl.col("id").alias("_first"), "story")
    reported = corroboration.filter(pl.col("level") == "event").select(
        pl.col("subject").alias("id"), "outlets", "origins", "independent"
    )
    disputed = (
        contradictions.drop_nulls("event")
        .group_by("event")
        .agg(pl.col("id").sort().alias("contradiction_ids"))
        .rename({"event": "id"})
    )
    return (
        events.with_columns(_first=pl.col("articles").list.first())
        .join(story, on="_first", how="left", maintain_order="left")
        .join(reported, on="id", how="left", maintain_order="left")
        .join(disputed, on="id", how="left", maintain_order="left")
        .with_columns(
            pl.col("outlets", "origins", "contradiction_ids").fill_null(EMPTY_STRINGS),
            pl.col("independent").fill_null(0),
        )
        .select(
            "id",
            "type",
            "date",
            "story",
            "places",
            "place_names",
            articles=pl.col("articles").list.len().cast(pl.Int64()),
            claims=pl.col("claims").list.len().cast(pl.Int64()),
            outlets="outlets",
            independent="independent",
            contradictions=pl.col("contradiction_ids").list.len().cast(pl.Int64()),
            article_ids="articles",
            claim_ids="claims",
            origins="origins",
            contradiction_ids="contradiction_ids",
        )
        .sort("id")
    )


def entities_frame(entities: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """`EntityRow` columns by entity id; claims: the claims frame (its `entity` column)."""
    spoken = claims.drop_nulls("entity").group_by("entity").agg(claims=pl.len().cast(pl.Int64()))
    return (
        entities.join(spoken, left_on="id", right_on="entity", how="left", maintain_order="left")
        .with_columns(
            mentions=pl.col("mentions").list.len().cast(pl.Int64()),
            articles=pl.col("mentions")
            .list.eval(pl.element().struct.field("article"))
            .list.n_unique()
            .cast(pl.Int64()),
            claims=pl.col("claims").fill_null(0),
        )
        .select(EntityRow.__struct_fields__)
        .sort("id")
    )


def stories_frame(
    articles: pl.DataFrame, stories: pl.DataFrame, events: pl.DataFrame, claims: pl.DataFrame
) -> pl.DataFrame:
    """`StoryRow` columns by story id; events: the events frame; claims: the claims frame."""
    grouped = (
        articles.drop_nulls("story")
        .group_by("story")
        .agg(
            articles=pl.col("id").sort(),
            first_published=pl.col("published").min(),
            last_published=pl.col("published").max(),
        )
    )
    counted_events = events.drop_nulls("story").group_by("story").agg(events=pl.len().cast(pl.Int64()))
    counted_claims = claims.drop_nulls("story").group_by("story").agg(claims=pl.len().cast(pl.Int64()))
    terms = (
        stories.select("story", "terms")
        .explode("terms")
        .drop_nulls("terms")
        .group_by("story", "terms")
        .len()
        .sort(["story", "len", "terms"], descending=[False, True, False])
        .group_by("story", maintain_order=True)
        .agg(terms=pl.col("terms").head(STORY_TERMS))
    )
    return (
        grouped.join(counted_events, on="story", how="left")
        .join(counted_claims, on="story", how="left")
        .join(terms, on="story", how="left")
        .with_columns(pl.col("events", "claims").fill_null(0), pl.col("terms").fill_null(EMPTY_STRINGS))
        .rename({"story": "id"})
        .select(StoryRow.__struct_fields__)
        .sort("id")
    )


def contradictions_frame(contradictions: pl.DataFrame, events: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """`ContradictionRow` columns by id; the story is its event's, else that of its first claim."""
    event_story = events.select(pl.col("id").alias("event"), pl.col("story").alias("_event_story"))
    claim_story = claims.select(pl.col("id").alias("_first_claim"), pl.col("story").alias("_claim_story"))
    return (
        contradictions.with_columns(
            rule=pl.col("id").str.split(":").list.first(),
            claimants=pl.col("positions").list.eval(pl.element().struct.field("speaker")),
            _first_claim=pl.col("positions").list.first().struct.field("claims").list.first(),
        )
        .join(event_story, on="event", how="left", maintain_order="left")
        .join(claim_story, on="_first_claim", how="left", maintain_order="left")
        .with_columns(story=pl.coalesce("_event_story", "_claim_story"))
        .select(ContradictionRow.__struct_fields__)
        .sort("id")
    )


def figures_frame(figures: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """`FigureRow` columns: every figure stated in a claim, with the claim's context."""
    context = claims.select(
        pl.col("id").alias("claim"), "outlet", "published", "story", "events", pl.col("claimant").alias("_canonical"),
        "entity",
    )  # fmt: skip
    return (
        figures.filter(pl.col("claim").is_not_null())
        .join(context, on="claim", how="inner", maintain_order="left")
        .with_columns(speaker=pl.col("claimant"), claimant=pl.coalesce("_canonical", "claimant"))
        .select(FigureRow.__struct_fields__)
        .sort("article", "start", "id")
    )


def ledger_frame(event_id: str, claims: pl.DataFrame, contradictions: pl.DataFrame) -> pl.DataFrame:
    """`LedgerRow` columns: every claim about one event, one row per claimant and position.

    claims: the claims frame rows about the event (those of its `claims` list and those behind
    its contradictions' positions), in default order; contradictions: the event's contradictions.
    A claim on a side of a contradiction is listed under that position (once per contradiction);
    the others are grouped by claimant and polarity.
    """
    about = claims.with_row_index("_row").select(
        "_row", pl.col("id").alias("claim"), "claimant", "entity", "polarity", "certainty", "content", "via",
        "article", "origin", outlet_or_article=_outlet_or_article(),
    )  # fmt: skip
    sides = (
        contradictions.select(pl.col("id").alias("contradiction"), "about", "positions")
        .explode("positions")
        .unnest("positions")
        .select("contradiction", "about", pl.col("value").alias("position"), "number", "speaker", "claims")
        .explode("claims")
        .rename({"claims": "claim"})
        .join(about, on="claim", how="inner")
        .with_columns(claimant=pl.col("speaker"))
        .drop("speaker")
    )
    alone = about.join(sides.select("claim"), on="claim", how="anti").with_columns(
        contradiction=pl.lit(None, pl.String()),
        about=pl.lit(None, pl.String()),
        position=pl.lit(None, pl.String()),
        number=pl.lit(None, pl.Float64()),
    )
    aggregations = [
        pl.col("entity").drop_nulls().first(),
        pl.col("polarity").unique().sort().alias("_polarities"),
        pl.col("certainty").unique().sort(),
        pl.col("claim").alias("claims"),
        pl.col("content").alias("contents"),
        pl.col("via").explode().drop_nulls().unique().sort(),
        pl.col("article").unique().sort().alias("articles"),
        pl.col("outlet_or_article").unique().sort().alias("outlets"),
        pl.col("origin").unique().sort().alias("origins"),
    ]
    keys = ["contradiction", "about", "position", "number", "claimant"]
    grouped = pl.concat(
        [
            sides.sort("_row").group_by(keys, maintain_order=True).agg(aggregations),
            alone.sort("_row").group_by([*keys, "polarity"], maintain_order=True).agg(aggregations).drop("polarity"),
        ],
        how="vertical_relaxed",
    )
    return (
        grouped.with_columns(
            event=pl.lit(event_id),
            polarity=pl.when(pl.col("_polarities").list.len() == 1)
            .then(pl.col("_polarities").list.first())
            .otherwise(pl.lit("mixed")),
            independent=pl.col("origins").list.len().cast(pl.Int64()),
        )
        .sort(["about", "position", "claimant", "polarity"], nulls_last=True, maintain_order=True)
        .select(LedgerRow.__struct_fields__)
    )
