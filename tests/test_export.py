"""The export writes each claim's links where a reader of claims.jsonl looks for them."""

from __future__ import annotations

import polars as pl
import pytest

from research.export import linked_claims
from research.frames import SCHEMAS
from research.query import Corpus
from research.store import Store


@pytest.fixture(scope="module")
def tables(seed_store: Store) -> dict[str, pl.DataFrame]:
    return {name: seed_store.read(name) for name in SCHEMAS}


def test_speakers_carry_the_entity_the_query_layer_resolves(seed_store: Store, tables: dict[str, pl.DataFrame]) -> None:
    linked = linked_claims(tables).select("id", entity=pl.col("speaker").struct.field("entity"))
    served = Corpus(seed_store).claims().select("id", "entity")
    assert (
        linked.join(served, on="id", suffix="_served")
        .filter(pl.col("entity").ne_missing(pl.col("entity_served")))
        .is_empty()
    )
    ministry = linked.filter(pl.col("entity") == "russian-defense-ministry")
    assert ministry.height >= 5  # "It", "the ministry", "Russia's Defence Ministry" ... are one entity


def test_claims_carry_the_first_event_that_lists_them(tables: dict[str, pl.DataFrame]) -> None:
    linked = linked_claims(tables)
    listed = tables["events"].select(pl.col("id").alias("event"), pl.col("claims").alias("id")).explode("id")
    first = listed.drop_nulls("id").unique("id", keep="first", maintain_order=True)
    expected = tables["claims"].select("id").join(first, on="id", how="left", maintain_order="left")
    assert linked.select("id", "event").equals(expected)
    assert linked["event"].null_count() < linked.height


def test_links_change_nothing_else(tables: dict[str, pl.DataFrame]) -> None:
    linked = linked_claims(tables)
    assert linked.schema == SCHEMAS["claims"]
    assert linked.drop("event", "speaker").equals(tables["claims"].drop("event", "speaker"))
    kept = ["start", "end", "text", "name"]
    assert linked.select(pl.col("speaker").struct.field(*kept)).equals(
        tables["claims"].select(pl.col("speaker").struct.field(*kept))
    )


def test_an_empty_claims_table_exports_as_it_is() -> None:
    assert linked_claims({}).schema == SCHEMAS["claims"]
    empty = pl.DataFrame(schema=SCHEMAS["claims"])
    assert linked_claims({"claims": empty}).equals(empty)
