"""Publication tables: the ledger, the contradictions and the spellings, from the seed store."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from research.query import Corpus
from research.store import Store
from research.tables import contradictions_table, event_label, ledger_rows, ledger_table, spellings, spellings_table


@pytest.fixture(scope="module")
def corpus(seed_store: Store) -> Corpus:
    return Corpus(seed_store)


def _claimed_events(corpus: Corpus) -> pl.DataFrame:
    return corpus.events().filter(pl.col("claims") > 0)


def test_event_labels_read_as_type_places_and_date() -> None:
    events = pl.DataFrame(
        {
            "id": ["e1", "e2"],
            "type": ["armed_clash", "drone_strike"],
            "place_names": [["Tetkino", "Tyotkino"], ["Kursk"]],
            "date": [None, dt.date(2024, 3, 12)],
        }
    )
    labels = dict(event_label(events).iter_rows())
    assert labels == {"e1": "armed clash · Tetkino, Tyotkino", "e2": "drone strike · Kursk · 2024-03-12"}


def test_ledger_rows_keep_every_claim_id_of_the_ledger(corpus: Corpus) -> None:
    events = _claimed_events(corpus)
    ledgers = pl.concat([corpus.ledger(e) for e in events["id"]])
    rows = ledger_rows(ledgers, events)
    assert rows.height == ledgers.height
    shown = {c for cell in rows["claim_ids"] for c in cell.split(", ")}
    assert shown == set(ledgers["claims"].explode().to_list())
    assert rows["label"].null_count() == 0
    assert (rows["claim"].str.len_chars() <= 160 + len(" (+99 more)")).all()


def test_ledger_table_renders_claimants_positions_and_denials(corpus: Corpus) -> None:
    events = _claimed_events(corpus)
    ledgers = pl.concat([corpus.ledger(e) for e in events["id"]])
    html = ledger_table(ledgers, events, title="Who claims what").as_raw_html()
    for expected in ("Who claims what", "Russian Freedom Legion", "incursion: ", "Reporting chain", "BBC"):
        assert expected in html
    denials = ledgers.filter(pl.col("polarity") != "assert")
    assert denials.height > 0 and "deny" in html


def test_contradictions_table_lists_every_position(corpus: Corpus) -> None:
    contradictions = corpus.contradictions()
    html = contradictions_table(contradictions, corpus.events(), title="Where they disagree").as_raw_html()
    speakers = contradictions["positions"].explode().struct.field("speaker").unique().to_list()
    assert all(s in html for s in speakers if s)


def test_spellings_show_each_articles_own_spelling_of_the_village(corpus: Corpus) -> None:
    table = spellings(corpus.mentions(), corpus.entities())
    village = table.filter(pl.col("name").is_in(["Tetkino", "Tyotkino", "Teotki"])).row(0, named=True)
    written = {article: cell for article, cell in village.items() if article not in ("entity", "name", "type") and cell}
    assert {"Tyotkino", "Teotki"} <= {form.split(" ×")[0] for cell in written.values() for form in cell.split(", ")}
    html = spellings_table(corpus.mentions(), corpus.entities(), title="Spellings").as_raw_html()
    assert "Tyotkino" in html and "Teotki" in html


def test_spellings_count_repeated_forms() -> None:
    entities = pl.DataFrame({"id": ["x"], "name": ["X"], "type": ["place"], "aliases": [["X", "Ex"]], "mentions": [3]})
    mentions = pl.DataFrame({"entity": ["x", "x", "x"], "article": ["a", "a", "b"], "text": ["X", "X", "Ex"]})
    row = spellings(mentions, entities).row(0, named=True)
    assert (row["a"], row["b"]) == ("X ×2", "Ex")
