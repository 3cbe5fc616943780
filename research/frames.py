"""One declared polars schema per table, and the conversions Structs <-> DataFrame.

The columns of each table are exactly the fields of its Struct (a test checks it), so an
exported JSON line, a frame row and a Struct are three views of one record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import msgspec
import polars as pl

from research.corroboration import Corroboration
from research.model import (
    Article,
    Claim,
    Contradiction,
    Entity,
    Event,
    Figure,
    Mention,
    Paragraph,
    Sentence,
)
from research.resolve import MergeEvidence
from research.stories import StoryAssignment

__all__ = ["SCHEMAS", "TABLE_KEYS", "TABLE_STRUCTS", "empty_frame", "from_frame", "to_frame"]

S = TypeVar("S", bound=msgspec.Struct)

SPAN = pl.Struct({"start": pl.Int64(), "end": pl.Int64(), "text": pl.String()})
BOILERPLATE = pl.Struct(
    {"start": pl.Int64(), "end": pl.Int64(), "text": pl.String(), "kind": pl.String(), "rule": pl.String()}
)
SPEAKER = pl.Struct(
    {"start": pl.Int64(), "end": pl.Int64(), "text": pl.String(), "name": pl.String(), "entity": pl.String()}
)
QUANTITY = pl.Struct(
    {
        "start": pl.Int64(),
        "end": pl.Int64(),
        "text": pl.String(),
        "value": pl.Float64(),
        "low": pl.Float64(),
        "high": pl.Float64(),
        "approx": pl.String(),
        "unit": pl.String(),
        "kind": pl.String(),
        "rule": pl.String(),
    }
)
MENTION_REF = pl.Struct({"article": pl.String(), "start": pl.Int64(), "end": pl.Int64()})
POSITION = pl.Struct(
    {
        "speaker": pl.String(),
        "value": pl.String(),
        "number": pl.Float64(),
        "claims": pl.List(pl.String()),
        "via": pl.List(pl.String()),
    }
)

SCHEMAS: dict[str, pl.Schema] = {
    "articles": pl.Schema(
        {
            "id": pl.String(),
            "title": pl.String(),
            "published": pl.Date(),
            "outlet": pl.String(),
            "url": pl.String(),
            "source": pl.String(),
            "content_hash": pl.String(),
            "text": pl.String(),
            "title_span": SPAN,
            "date_span": SPAN,
            "boilerplate": pl.List(BOILERPLATE),
            "story": pl.String(),
        }
    ),
    "paragraphs": pl.Schema(
        {
            "article": pl.String(),
            "index": pl.Int64(),
            "start": pl.Int64(),
            "end": pl.Int64(),
            "zone": pl.String(),
            "rule": pl.String(),
        }
    ),
    "sentences": pl.Schema(
        {"article": pl.String(), "index": pl.Int64(), "paragraph": pl.Int64(), "start": pl.Int64(), "end": pl.Int64()}
    ),
    "mentions": pl.Schema(
        {
            "id": pl.String(),
            "article": pl.String(),
            "start": pl.Int64(),
            "end": pl.Int64(),
            "text": pl.String(),
            "type": pl.String(),
            "entity": pl.String(),
            "rule": pl.String(),
        }
    ),
    "claims": pl.Schema(
        {
            "id": pl.String(),
            "article": pl.String(),
            "sentence": pl.Int64(),
            "content": SPAN,
            "speaker": SPEAKER,
            "cue": SPAN,
            "kind": pl.String(),
            "via": pl.List(pl.String()),
            "polarity": pl.String(),
            "certainty": pl.String(),
            "quantities": pl.List(QUANTITY),
            "when": pl.Date(),
            "event": pl.String(),
            "rule": pl.String(),
        }
    ),
    "figures": pl.Schema(
        {
            "id": pl.String(),
            "article": pl.String(),
            "sentence": pl.Int64(),
            "claim": pl.String(),
            "claimant": pl.String(),
            "via": pl.List(pl.String()),
            **{field.name: field.dtype for field in QUANTITY.fields},  # a figure is a quantity in context
        }
    ),
    "stories": pl.Schema(
        {"article": pl.String(), "story": pl.String(), "rule": pl.String(), "terms": pl.List(pl.String())}
    ),
    "corroboration": pl.Schema(
        {
            "level": pl.String(),
            "subject": pl.String(),
            "event": pl.String(),
            "claimant": pl.String(),
            "polarity": pl.String(),
            "articles": pl.List(pl.String()),
            "outlets": pl.List(pl.String()),
            "origins": pl.List(pl.String()),
            "independent": pl.Int64(),
            "rule": pl.String(),
        }
    ),
    "merges": pl.Schema(
        {
            "rule": pl.String(),
            "entity": pl.String(),
            "left": pl.String(),
            "right": pl.String(),
            "detail": pl.String(),
            "score": pl.Float64(),
        }
    ),
    "entities": pl.Schema(
        {
            "id": pl.String(),
            "name": pl.String(),
            "type": pl.String(),
            "aliases": pl.List(pl.String()),
            "mentions": pl.List(MENTION_REF),
        }
    ),
    "events": pl.Schema(
        {
            "id": pl.String(),
            "type": pl.String(),
            "date": pl.Date(),
            "places": pl.List(pl.String()),
            "place_names": pl.List(pl.String()),
            "articles": pl.List(pl.String()),
            "claims": pl.List(pl.String()),
        }
    ),
    "contradictions": pl.Schema(
        {"id": pl.String(), "event": pl.String(), "about": pl.String(), "positions": pl.List(POSITION)}
    ),
}

TABLE_STRUCTS: dict[str, type[msgspec.Struct]] = {
    "articles": Article,
    "paragraphs": Paragraph,
    "sentences": Sentence,
    "mentions": Mention,
    "claims": Claim,
    "figures": Figure,
    "stories": StoryAssignment,
    "merges": MergeEvidence,
    "corroboration": Corroboration,
    "entities": Entity,
    "events": Event,
    "contradictions": Contradiction,
}

# The column that ties a row to its article: rows of a re-ingested article are replaced by it.
# Tables without one are computed across the whole corpus (mentions carry corpus-wide entity
# ids; stories, entities and merges compare articles) and are rebuilt whole at every ingest.
TABLE_KEYS: dict[str, str | None] = {
    "articles": "id",
    "paragraphs": "article",
    "sentences": "article",
    "mentions": None,
    "claims": "article",
    "figures": "article",
    "stories": None,
    "merges": None,
    "corroboration": None,
    "entities": None,
    "events": None,
    "contradictions": None,
}


def _to_row(record: msgspec.Struct) -> dict[str, Any]:
    row = msgspec.to_builtins(record, builtin_types=(dt.date,))
    assert isinstance(row, dict)
    return row


def empty_frame(table: str) -> pl.DataFrame:
    """A frame with the table's columns and no rows."""
    return pl.DataFrame(schema=SCHEMAS[table])


def to_frame(table: str, records: Iterable[msgspec.Struct]) -> pl.DataFrame:
    """Records of one table as a frame with the declared schema."""
    rows = [_to_row(r) for r in records]
    if not rows:
        return empty_frame(table)
    return pl.DataFrame(rows, schema=SCHEMAS[table], orient="row")


def from_frame(frame: pl.DataFrame, struct: type[S]) -> list[S]:
    """Rows of a frame back as Structs (validated)."""
    return [msgspec.convert(row, struct, from_attributes=False) for row in frame.iter_rows(named=True)]


def columns_of(struct: type[msgspec.Struct]) -> Sequence[str]:
    """The field names of a Struct, in order."""
    return struct.__struct_fields__
