"""The query layer: the answers notebooks and the API share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from research.errors import NotFoundError
from research.query import Corpus
from research.store import Store
from tests.conftest import SEED


def test_articles_listing_and_filters(seed_store: Store) -> None:
    corpus = Corpus(seed_store)
    listing = corpus.articles()
    assert listing["id"].to_list() == sorted(p.stem for p in SEED.glob("*.txt"))
    assert "text" not in listing.columns
    dated = corpus.articles(date_from=dt.date(2024, 3, 13))
    assert dated["id"].to_list() == ["001_f9b2737bfb25786e"]
    assert corpus.articles(date_to=dt.date(2024, 3, 12))["id"].to_list() == ["000_e2bdb397d315b745"]
    assert corpus.articles(outlet="nobody").height == 0


def test_article_detail_spans_slice_the_text(seed_store: Store) -> None:
    detail = Corpus(seed_store).article("002_a72ca9267606cdd7")
    assert detail.title is not None and detail.title.startswith("Ukraine-based Militias")
    for part in [*detail.paragraphs, *detail.sentences, *detail.boilerplate]:
        assert detail.text[part.start : part.end] == part.text
    with pytest.raises(NotFoundError, match="no article with id 'nope'"):
        Corpus(seed_store).article("nope")


def test_zone_counts_add_up(seed_store: Store) -> None:
    corpus = Corpus(seed_store)
    counts = corpus.zone_counts()
    totals = counts.select(
        "article",
        paragraphs=pl.sum_horizontal(pl.col("^paragraphs_.*$")),
        sentences=pl.sum_horizontal(pl.col("^sentences_.*$")),
    )
    assert totals.equals(corpus.articles().select(pl.col("id").alias("article"), "paragraphs", "sentences"))
    assert counts.filter(pl.col("article") == "002_a72ca9267606cdd7")["paragraphs_heading"].item() == 6


def test_pinned_corpus_ignores_new_versions_and_unpinned_follows(tmp_path: Path) -> None:
    from research.pipeline import analyze_paths

    files = sorted(SEED.glob("*.txt"))
    store = Store(tmp_path / "store")
    store.commit(analyze_paths(files[:1]).tables())
    pinned, latest = Corpus(store, as_of=1), Corpus(store)
    store.commit(analyze_paths(files[1:2]).tables())
    assert not pinned.refresh() and pinned.articles().height == 1
    assert latest.refresh() and latest.articles().height == 2 and latest.version == 2


def test_event_figures_list_who_claims_which_figure(seed_store: Store) -> None:
    figures = Corpus(seed_store).event_figures()
    assert {"event", "story", "claimant", "via", "value", "low", "high", "kind", "unit", "article"} <= set(
        figures.columns
    )
    killed = figures.filter(pl.col("kind") == "killed")
    assert killed.height >= 3
    assert killed["claim"].null_count() == 0
