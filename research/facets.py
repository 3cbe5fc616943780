"""Facet counts: how many rows of a (filtered) frame hold each value of a column."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

__all__ = ["facet", "facets"]


def facet(frame: pl.DataFrame, column: str, *, limit: int | None = None) -> pl.DataFrame:
    """`value`, `count` for one column, most frequent first (ties by value; nulls counted as null).

    A list column counts each row once per distinct value it holds ("via": BBC and TASS), and
    rows with an empty list as null.
    """
    if column not in frame.columns:
        raise ValueError(f"cannot facet by {column!r}: the frame has columns {', '.join(frame.columns)}")
    values = frame.get_column(column)
    if isinstance(values.dtype, pl.List):
        values = values.list.unique().explode(empty_as_null=True, keep_nulls=True)
    counted = (
        values.cast(pl.String())
        .alias("value")
        .to_frame()
        .group_by("value")
        .agg(count=pl.len().cast(pl.Int64()))
        .sort(["count", "value"], descending=[True, False], nulls_last=True)
    )
    return counted if limit is None else counted.head(limit)


def facets(frame: pl.DataFrame, columns: Sequence[str], *, limit: int | None = None) -> dict[str, pl.DataFrame]:
    """One `facet` frame per column, by column name."""
    return {column: facet(frame, column, limit=limit) for column in columns}
