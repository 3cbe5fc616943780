"""The embedded store: versions, idempotent re-ingest, replacement, as-of reads, failure safety."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research.errors import StaleVersionError, StoreError
from research.pipeline import analyze_paths
from research.query import Corpus
from research.store import Store
from tests.conftest import SEED

SEED_FILES = sorted(SEED.glob("*.txt"))


def tables_for(*paths: Path) -> dict[str, pl.DataFrame]:
    return analyze_paths(list(paths)).tables()


def test_empty_store_is_version_zero_with_empty_tables(empty_store: Store) -> None:
    assert empty_store.version() == 0 and empty_store.versions() == []
    assert empty_store.read("articles").height == 0
    assert not empty_store.root.exists(), "reading never creates the store"


def test_commit_then_read_back(empty_store: Store) -> None:
    result = empty_store.commit(tables_for(SEED), sources=["data/seed"])
    assert (result.version, result.previous, len(result.added)) == (1, 0, 5)
    articles = empty_store.read("articles")
    assert sorted(articles["id"].to_list()) == sorted(p.stem for p in SEED_FILES)
    sentences = empty_store.read("sentences")
    assert sentences.height == sum(len(a.sentences) for a in analyze_paths([SEED]).articles)
    assert empty_store.versions()[0].sources == ["data/seed"]


def test_reingesting_unchanged_articles_changes_nothing(empty_store: Store) -> None:
    empty_store.commit(tables_for(SEED))
    files = sorted(p.name for p in empty_store.root.rglob("*"))
    again = empty_store.commit(tables_for(SEED))
    assert not again.changed and again.version == 1 and len(again.unchanged) == 5
    assert sorted(p.name for p in empty_store.root.rglob("*")) == files


def test_changed_article_replaces_its_rows_in_a_new_version(empty_store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED, corpus)
    empty_store.commit(tables_for(corpus))
    target = corpus / SEED_FILES[3].name
    old_text = target.read_text(encoding="utf-8")
    target.write_text(old_text + "\nA new closing paragraph was added. It has two sentences.\n", encoding="utf-8")
    result = empty_store.commit(tables_for(corpus))
    assert (result.version, result.replaced, len(result.unchanged)) == (2, [target.stem], 4)
    now = empty_store.read("sentences").filter(pl.col("article") == target.stem)
    before = empty_store.read("sentences", empty_store.snapshot(1)).filter(pl.col("article") == target.stem)
    assert now.height == before.height + 2
    assert empty_store.read("articles").height == 5
    assert (
        empty_store.read("articles", empty_store.snapshot(1)).filter(pl.col("id") == target.stem)["text"][0] == old_text
    )


def test_every_version_reads_back(empty_store: Store) -> None:
    for i, path in enumerate(SEED_FILES, start=1):
        assert empty_store.commit(tables_for(path)).version == i
    for version in range(len(SEED_FILES) + 1):
        assert empty_store.read("articles", empty_store.snapshot(version)).height == version
    with pytest.raises(StoreError, match="no version 9"):
        empty_store.snapshot(9)


def test_unfinished_commit_is_invisible_and_rolled_back(empty_store: Store) -> None:
    empty_store.commit(tables_for(SEED_FILES[0]))
    # A writer that died after writing a table but before the version row:
    tables_for(SEED_FILES[1])["articles"].write_delta(str(empty_store.root / "articles"), mode="append")
    assert empty_store.read("articles").height == 1, "readers stay on the last complete version"
    result = empty_store.commit(tables_for(SEED_FILES[2]))
    assert result.version == 2
    assert sorted(empty_store.read("articles")["id"].to_list()) == sorted([SEED_FILES[0].stem, SEED_FILES[2].stem])


def test_readers_see_whole_versions_while_a_writer_commits(empty_store: Store) -> None:
    empty_store.commit(tables_for(SEED_FILES[0]))
    seen: list[tuple[int, int, int]] = []
    done = threading.Event()

    def read_loop() -> None:
        while not done.is_set():
            corpus = Corpus(empty_store)
            articles = corpus.table("articles").height
            paragraph_articles = corpus.table("paragraphs")["article"].n_unique()
            seen.append((corpus.version, articles, paragraph_articles))

    reader = threading.Thread(target=read_loop)
    reader.start()
    try:
        for path in SEED_FILES[1:]:
            empty_store.commit(tables_for(path))
    finally:
        done.set()
        reader.join()
    assert seen
    for version, articles, paragraph_articles in seen:
        assert articles == version == paragraph_articles


def test_unknown_table_and_bad_root(tmp_path: Path, empty_store: Store) -> None:
    with pytest.raises(StoreError, match="unknown table"):
        empty_store.read("nope")
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        Store(tmp_path / "file")


def test_old_versions_stay_readable_by_configuration(empty_store: Store) -> None:
    empty_store.commit(tables_for(SEED_FILES[0]))
    config = DeltaTable(str(empty_store.root / "articles")).metadata().configuration
    assert config["delta.logRetentionDuration"] == "interval 36500 days"


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(order=st.permutations(SEED_FILES))
def test_store_content_does_not_depend_on_ingest_order(
    tmp_path_factory: pytest.TempPathFactory, order: list[Path]
) -> None:
    store = Store(tmp_path_factory.mktemp("order"))
    for path in order:
        store.commit(tables_for(path))
    store.commit(tables_for(*order))  # and re-ingesting all of it changes nothing
    assert store.version() == len(order)
    sentences = store.read("sentences").sort("article", "index")
    expected = tables_for(SEED)["sentences"].sort("article", "index")
    assert sentences.equals(expected)


def test_corpus_tables_cover_every_batch(tmp_path: Path) -> None:
    """Entities, mentions and stories are recomputed over the stored corpus and the new batch."""
    from typer.testing import CliRunner

    from research.cli import app

    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEED_FILES[0]), "--store", str(store), "-q"]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(SEED), "--store", str(store), "-q"]).exit_code == 0
    once = Store(tmp_path / "once")
    once.commit(tables_for(SEED))
    two_batches, one_batch = Corpus(Store(store)), Corpus(once)
    assert sorted(two_batches.table("entities")["id"]) == sorted(one_batch.table("entities")["id"])
    assert two_batches.table("mentions").height == one_batch.table("mentions").height
    assert two_batches.table("articles")["story"].n_unique() == 1


def test_a_commit_based_on_an_old_version_is_refused(empty_store: Store) -> None:
    empty_store.commit(tables_for(SEED_FILES[0]))
    with pytest.raises(StaleVersionError, match="read version 0"):
        empty_store.commit(tables_for(SEED_FILES[1]), expected_version=0)
    assert empty_store.version() == 1
    assert Corpus(empty_store).table("articles").height == 1


def test_a_writer_overtaken_by_another_process_recomputes_the_corpus_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch whose corpus stages read version 1 while another process committed version 2
    is stored over version 2: neither writer's articles drop out of the corpus tables."""
    from research import intake

    store = Store(tmp_path / "store")
    store.commit(tables_for(SEED_FILES[0]))
    batch = analyze_paths([SEED_FILES[2]])
    real_with_corpus = intake.with_corpus
    calls = []

    def overtaken(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:  # another process commits while this batch's corpus stages run
            other = Store(store.root)
            stored = Corpus(other)
            other.commit(
                real_with_corpus(
                    analyze_paths([SEED_FILES[1]]),
                    stored.all_ingested(),
                    intake.from_frame(stored.table("mentions"), intake.Mention),
                ).tables()
            )
        return real_with_corpus(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(intake, "with_corpus", overtaken)
    result = intake.store_analysis(store, batch, sources=["batch"])
    assert len(calls) == 2  # read twice: the first read was stale
    assert (result.previous, result.version) == (2, 3)
    corpus = Corpus(store)
    ids = {path.stem for path in SEED_FILES[:3]}
    assert set(corpus.table("articles")["id"]) == ids
    assert set(corpus.table("mentions")["article"]) == ids
    assert set(corpus.table("stories")["article"]) == ids
