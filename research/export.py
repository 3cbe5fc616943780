"""Write tables as the JSON Lines export of `../shared/eval/README.md`.

Each file is written beside its target and renamed into place, so a failed export never
leaves a half-written table where a complete one stood.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from research.claim_index import speaker_entities
from research.errors import StoreError
from research.frames import SCHEMAS

__all__ = ["EXPORT_TABLES", "linked_claims", "write_export"]

EXPORT_TABLES = tuple(SCHEMAS)


def linked_claims(tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """The claims table with `speaker.entity` (the entity the speaker resolves to, by the rules
    the query layer uses) and `event` (the first event that lists the claim) filled in.

    The store keeps these links in the corpus tables (entities, events), which every ingest
    recomputes, rather than in the per-article claims; an export is one snapshot, so it writes
    them where a reader of `claims.jsonl` looks for them."""
    claims = tables.get("claims")
    if claims is None or claims.height == 0:
        return pl.DataFrame(schema=SCHEMAS["claims"]) if claims is None else claims
    mentions = tables.get("mentions", pl.DataFrame(schema=SCHEMAS["mentions"]))
    entities = tables.get("entities", pl.DataFrame(schema=SCHEMAS["entities"]))
    events = tables.get("events", pl.DataFrame(schema=SCHEMAS["events"]))
    entity_of = speaker_entities(claims, mentions, entities).rename({"entity": "_entity"})
    event_of = (
        events.select(pl.col("id").alias("_event"), pl.col("claims").alias("id"))
        .explode("id")
        .drop_nulls("id")
        .unique("id", keep="first", maintain_order=True)
    )
    return (
        claims.join(entity_of, on="id", how="left", maintain_order="left")
        .join(event_of, on="id", how="left", maintain_order="left")
        .with_columns(
            speaker=pl.when(pl.col("speaker").is_not_null()).then(
                pl.col("speaker").struct.with_fields(pl.coalesce(pl.field("entity"), pl.col("_entity")).alias("entity"))
            ),
            event=pl.coalesce("event", "_event"),
        )
        .select(SCHEMAS["claims"].names())
        .cast(SCHEMAS["claims"])
    )


def write_export(tables: Mapping[str, pl.DataFrame], out: str | Path) -> list[Path]:
    """Write every table to `out/<table>.jsonl`; returns the paths written."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: export target exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for table in EXPORT_TABLES:
        frame = linked_claims(tables) if table == "claims" else tables.get(table)
        if frame is None:
            frame = pl.DataFrame(schema=SCHEMAS[table])
        target = folder / f"{table}.jsonl"
        fd, tmp = tempfile.mkstemp(prefix=f".{table}.", suffix=".tmp", dir=folder)
        os.close(fd)
        try:
            frame.write_ndjson(tmp)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(target)
    return written
