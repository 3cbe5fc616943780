"""The query layer's claims, entities, events, ledgers, figures and facets on the seed store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msgspec
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from research.errors import NotFoundError
from research.pipeline import analyze_paths
from research.query import (
    ClaimFilter,
    ClaimRow,
    ContradictionRow,
    Corpus,
    CorroborationRow,
    EntityRow,
    EventRow,
    FigureRow,
    LedgerRow,
    MentionRow,
    StoryRow,
    facets,
)
from research.store import Store
from tests.conftest import SEED, make_store

MOD = "russian-defense-ministry"
INCURSION = "s-000_e2bdb397d315b745:armed_clash:belgorod-region"


@pytest.fixture(scope="module")
def corpus(seed_store: Store) -> Corpus:
    return Corpus(seed_store)


# ---------------------------------------------------------------- questions researchers ask
def test_the_defence_ministrys_casualty_claims(corpus: Corpus) -> None:
    rows = corpus.claims(speaker="Russian Ministry of Defense", figure=["killed", "injured"])
    assert rows.height == 1
    claim = rows.row(0, named=True)
    assert "more than 234 Ukrainian troops had been killed" in claim["content"]
    assert (claim["speaker"], claim["claimant"], claim["entity"]) == (
        "Russia’s Defence Ministry",
        "Russian Defense Ministry",
        MOD,
    )
    assert (claim["via"], claim["origin"], claim["certainty"]) == (["BBC"], "BBC", "unverified")
    assert claim["figure_kinds"] == ["destroyed", "killed"]


def test_denials_by_ukraines_military_intelligence(corpus: Corpus) -> None:
    denials = corpus.claims(speaker="Ukraine’s military intelligence", polarity="deny")
    assert denials["article"].to_list() == ["002_a72ca9267606cdd7"]
    assert denials["content"][0].startswith("the anti-Putin Russian volunteer militias")
    # what it asserts is the headline's "..., Say Ukraine’s Military Intelligence" (a claim of the seed gold)
    asserted = corpus.claims(speaker="Ukraine’s military intelligence", polarity="assert")
    assert asserted["content"].to_list() == ["Anti-Putin Russian Volunteer Militias Act Independently"]


def test_a_speaker_is_found_by_entity_id_name_alias_or_spelling_in_any_case(corpus: Corpus) -> None:
    by_id = corpus.claims(speaker=MOD)
    assert by_id.height >= 15
    assert corpus.entity(MOD).claims == by_id.height
    assert set(by_id["claimant"]) == {"Russian Defense Ministry"}
    for spelling in ("Russian Defense Ministry", "RUSSIA’S MINISTRY OF DEFENCE", "russian defence ministry"):
        assert_frame_equal(corpus.claims(speaker=spelling), by_id)
    filed = corpus.claims(speaker="Ministry")  # the name as filed, which resolves to the ministry
    assert filed.height >= 1 and set(filed["speaker"]) == {"Ministry"} and set(filed["entity"]) == {MOD}
    assert corpus.claims(speaker="nobody at all").height == 0


def test_claimants_are_the_names_contradictions_and_corroboration_use(corpus: Corpus) -> None:
    claimant = corpus.claims().select(pl.col("id").alias("claim"), "claimant")
    positions = (
        corpus.table("contradictions")
        .explode("positions")
        .unnest("positions")
        .explode("claims")
        .select(pl.col("claims").alias("claim"), "speaker")
        .join(claimant, on="claim")
    )
    assert positions.height > 40
    assert positions.filter(pl.col("speaker") != pl.col("claimant")).height == 0
    reported = corpus.corroboration(level="claim").join(claimant, left_on="subject", right_on="claim", suffix="_q")
    assert reported.height > 30
    assert reported.filter(pl.col("claimant") != pl.col("claimant_q")).height == 0


# ---------------------------------------------------------------- filters, against a plain scan
FILTER_CASES: list[tuple[dict[str, Any], pl.Expr]] = [
    ({"via": "BBC"}, pl.col("via").list.contains("BBC")),
    ({"via": ["Telegram", "AFP"]}, pl.col("via").list.contains("Telegram") | pl.col("via").list.contains("AFP")),
    ({"event": INCURSION}, pl.col("events").list.contains(INCURSION)),
    ({"story": "s-000_e2bdb397d315b745"}, pl.col("story") == "s-000_e2bdb397d315b745"),
    ({"article": "004_60d5d77b0f232eab"}, pl.col("article") == "004_60d5d77b0f232eab"),
    ({"polarity": "deny"}, pl.col("polarity") == "deny"),
    ({"certainty": ["probable", "possible"]}, pl.col("certainty").is_in(["probable", "possible"])),
    ({"kind": "direct"}, pl.col("kind") == "direct"),
    ({"rule": "attribution.according_to.v1"}, pl.col("rule") == "attribution.according_to.v1"),
    ({"figure": "destroyed"}, pl.col("figure_kinds").list.contains("destroyed")),
    ({"date_from": dt.date(2024, 3, 13)}, pl.col("date") >= dt.date(2024, 3, 13)),
    ({"date_to": dt.date(2024, 3, 12)}, pl.col("date") <= dt.date(2024, 3, 12)),
    ({"q": "TERRORIST"}, pl.col("content").str.to_lowercase().str.contains("terrorist", literal=True)),
    (
        {"speaker": MOD, "via": "BBC", "certainty": "certain"},
        (pl.col("entity") == MOD) & pl.col("via").list.contains("BBC") & (pl.col("certainty") == "certain"),
    ),
    (
        {"polarity": "assert", "q": "drone", "date_from": dt.date(2024, 3, 12)},
        (pl.col("polarity") == "assert")
        & pl.col("content").str.to_lowercase().str.contains("drone")
        & (pl.col("date") >= dt.date(2024, 3, 12)),
    ),
]


@pytest.mark.parametrize(("filters", "expected"), FILTER_CASES, ids=[str(f) for f, _ in FILTER_CASES])
def test_filters_answer_what_a_scan_answers(corpus: Corpus, filters: dict[str, Any], expected: pl.Expr) -> None:
    everything = corpus.claims()
    scanned = everything.filter(expected.fill_null(False))
    found = corpus.claims(**filters)
    assert_frame_equal(found, scanned)
    assert found.height > 0


def test_filters_that_match_nothing_give_an_empty_frame_with_the_columns(corpus: Corpus) -> None:
    empty = corpus.claims(speaker=MOD, polarity="deny", figure="killed")
    assert empty.height == 0
    assert empty.columns == list(ClaimRow.__struct_fields__)


def test_outlet_filter_and_origin_of_documents_with_outlets(tmp_path: Path) -> None:
    documents = tmp_path / "documents.jsonl"
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEED.glob("*.txt"))[:3]]
    rows = [
        {"id": f"doc{n}", "text": text, "outlet": outlet, "date": "2024-03-12"}
        for n, (text, outlet) in enumerate(zip(texts, ["Alpha", "Beta", "Alpha"], strict=True))
    ]
    documents.write_bytes(b"\n".join(msgspec.json.encode(row) for row in rows))
    corpus = Corpus(make_store(tmp_path / "store", [documents]))
    alpha = corpus.claims(outlet="Alpha")
    assert set(alpha["article"]) == {"doc0", "doc2"}
    assert_frame_equal(alpha, corpus.claims().filter(pl.col("outlet") == "Alpha"))
    own_voice = alpha.filter(pl.col("via").list.len() == 0)
    assert own_voice.height > 0 and set(own_voice["origin"]) == {"Alpha"}
    assert dict(corpus.claim_facets(ClaimFilter(), ["outlet"])["outlet"].iter_rows()).keys() == {"Alpha", "Beta"}


def test_event_claims_are_the_events_claims(corpus: Corpus) -> None:
    event = corpus.event(INCURSION)
    assert sorted(corpus.claims(event=INCURSION)["id"]) == sorted(event.claims)


# ---------------------------------------------------------------- pages, sorting, facets
def test_pages_slice_the_whole_answer_and_count_it(corpus: Corpus) -> None:
    where = ClaimFilter(via=("BBC",))
    whole = corpus.find_claims(where)
    assert whole.total == whole.rows.height > 20
    pages = [corpus.find_claims(where, limit=10, offset=offset) for offset in range(0, whole.total, 10)]
    assert {page.total for page in pages} == {whole.total}
    assert_frame_equal(pl.concat([page.rows for page in pages]), whole.rows)
    assert corpus.find_claims(where, limit=10, offset=100).rows.height == 0
    assert (
        corpus.find_claims(ClaimFilter(), limit=5, offset=3).rows["id"].to_list()
        == corpus.claims()["id"][3:8].to_list()
    )


def test_sorting_is_stable_with_nulls_last(corpus: Corpus) -> None:
    rows = corpus.claims(sort=["-date", "claimant"])
    dates = rows["date"].to_list()
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True)
    assert dates[len(known) :] == [None] * (len(dates) - len(known))
    expected = corpus.claims().sort(
        ["date", "claimant"], descending=[True, False], nulls_last=True, maintain_order=True
    )
    assert_frame_equal(rows, expected)
    assert_frame_equal(
        corpus.claims(speaker=MOD, sort="-certainty"),
        corpus.claims(speaker=MOD).sort("certainty", descending=True, maintain_order=True),
    )
    with pytest.raises(ValueError, match="cannot sort by 'content'"):
        corpus.claims(sort="content")


def test_facets_count_the_filtered_claims(corpus: Corpus) -> None:
    where = ClaimFilter(speaker=(MOD,))
    counts = corpus.claim_facets(where, ["certainty", "via", "polarity"])
    ministry = corpus.claims(speaker=MOD)
    scanned = ministry.group_by("certainty").len().sort(["len", "certainty"], descending=[True, False])
    assert counts["certainty"].rows() == scanned.rows()
    assert counts["polarity"].row(0)[0] == "assert"
    carried = ministry["via"].to_list()
    via = dict(counts["via"].iter_rows())
    assert via["BBC"] == sum("BBC" in v for v in carried) > 0
    assert via[None] == sum(not v for v in carried) > 0
    assert counts["certainty"]["count"].sum() == corpus.find_claims(where).total
    everyone = corpus.claim_facets(ClaimFilter(), ["claimant"], limit=3)["claimant"]
    assert everyone.row(0) == ("Russian Defense Ministry", ministry.height)
    assert everyone.height == 3
    with pytest.raises(ValueError, match="cannot facet claims by 'content'"):
        corpus.claim_facets(where, ["content"])


def test_facets_of_any_frame(corpus: Corpus) -> None:
    events = corpus.events()
    counted = facets(events, ["type"])["type"]
    assert counted["count"].sum() == events.height
    assert counted.row(0) == events.group_by("type").len().sort(["len", "type"], descending=[True, False]).row(0)


# ---------------------------------------------------------------- one claim
def test_one_claim_with_its_sentence_speaker_entity_and_figures(corpus: Corpus) -> None:
    [claim_id] = corpus.claims(speaker=MOD, q="234 Ukrainian troops")["id"]
    claim = corpus.claim(claim_id)
    assert claim.sentence.text == (
        "It claimed more than 234 Ukrainian troops had been killed and several tanks had been destroyed."
    )
    assert claim.content.text in claim.sentence.text
    assert claim.speaker is not None and (claim.speaker.text, claim.speaker.entity) == ("It", MOD)
    assert claim.claimant == "Russian Defense Ministry"
    assert claim.cue is not None and claim.cue.text == "claimed"
    assert (claim.figures[0].text, claim.figures[0].kind, claim.figures[0].low) == (
        "more than 234 Ukrainian troops",
        "killed",
        234.0,
    )
    assert claim.rule == "attribution.subject_verb.v1"
    article = corpus.article(claim.article)
    for span in (claim.sentence, claim.content, claim.speaker, claim.cue):
        assert article.text[span.start : span.end] == span.text
    with pytest.raises(NotFoundError, match="no claim with id 'nope'"):
        corpus.claim("nope")


# ---------------------------------------------------------------- entities, events, stories
def test_entity_with_spellings_mentions_and_merge_evidence(corpus: Corpus) -> None:
    ministry = corpus.entity(MOD)
    assert {"Russia’s Ministry of Defence", "Russian Defense Ministry", "Russia’s Defence Ministry"} <= set(
        ministry.aliases
    )
    assert ministry.claims == corpus.claims(speaker=MOD).height and len(ministry.articles) == 5
    assert {m.entity for m in ministry.mentions} == {MOD}
    for mention in ministry.mentions:
        assert corpus.article(mention.article).text[mention.start : mention.end] == mention.text
    merged = {(m.left, m.right) for m in ministry.merges}
    assert ("Russian Defense Ministry", "Russian Ministry of Defense") in merged
    assert all(m.rule.startswith("merge.") for m in ministry.merges)
    with pytest.raises(NotFoundError, match="no entity with id 'nope'"):
        corpus.entity("nope")


def test_entities_listing_filters_and_counts(corpus: Corpus) -> None:
    people = corpus.entities(type="person", sort="-claims")
    assert set(people["type"]) == {"person"}
    assert people.row(0, named=True)["id"] == "alexei-baranovsky"
    assert corpus.entities(q="ponomariov")["id"].to_list() == ["ilya-ponomarev"]
    mentions = corpus.mentions(entity="ilya-ponomarev")
    assert mentions.height == corpus.entities(q="ponomariov")["mentions"][0]


def test_events_filters_and_detail(corpus: Corpus) -> None:
    tetkino = corpus.events(place="Tyotkino")
    assert tetkino["id"].to_list() == ["s-000_e2bdb397d315b745:drone_strike:tetkino"]
    assert corpus.events(place="tetkino", type="armed_clash")["id"].to_list() == [
        "s-000_e2bdb397d315b745:armed_clash:tetkino"
    ]
    dated = corpus.events(date_from=dt.date(2024, 3, 13))
    assert dated.height > 0 and all(d >= dt.date(2024, 3, 13) for d in dated["date"])
    event = corpus.event(INCURSION)
    assert event.type == "armed_clash" and event.independent == len(event.origins)
    assert len(event.contradictions) == 2
    with pytest.raises(NotFoundError, match="no event with id 'nope'"):
        corpus.event("nope")


def test_stories_group_the_seed_articles(corpus: Corpus) -> None:
    [story] = corpus.stories().iter_rows(named=True)
    assert story["articles"] == sorted(p.stem for p in SEED.glob("*.txt"))
    assert (story["claims"], story["events"]) == (corpus.claims().height, corpus.events().height)
    assert "kursk" in story["terms"]


# ---------------------------------------------------------------- the ledger of one event
def test_ledger_lists_each_claimants_position_with_outlets_and_origins(corpus: Corpus) -> None:
    ledger = corpus.ledger(INCURSION)
    position = {
        (row["about"], row["claimant"]): row["position"] for row in ledger.iter_rows(named=True) if row["about"]
    }
    assert position[("incursion", "Kremlin")] == "repelled"
    assert position[("incursion", "Russian Freedom Legion")] == "advanced"
    assert position[("responsibility", "Ukraine’s military intelligence agency")] == "denied"
    assert position[("responsibility", "Russian Defense Ministry")] == "accused"
    for row in ledger.iter_rows(named=True):
        assert row["independent"] == len(row["origins"]) > 0
        assert len(row["claims"]) == len(row["contents"])
        assert set(row["outlets"]) <= set(row["articles"])  # the seed articles name no outlet
    bbc = ledger.filter((pl.col("claimant") == "Ilya Ponomarev") & (pl.col("about") == "incursion")).row(0, named=True)
    assert bbc["via"] == ["BBC"] and "BBC" in bbc["origins"]
    listed = set(ledger["claims"].explode())
    disputed = corpus.contradictions(event=INCURSION)["positions"].explode().struct.field("claims").explode()
    assert set(corpus.event(INCURSION).claims) | set(disputed) == listed


def test_ledger_of_an_event_without_contradictions_groups_by_claimant(corpus: Corpus) -> None:
    event = "s-000_e2bdb397d315b745:armed_clash:kursk-region"
    ledger = corpus.ledger(event)
    assert ledger["about"].null_count() == ledger.height
    assert sorted(ledger["claims"].explode()) == sorted(corpus.event(event).claims)
    assert ledger.select("claimant", "polarity").is_unique().all()
    with pytest.raises(NotFoundError):
        corpus.ledger("nope")


# ---------------------------------------------------------------- figures and contradictions
def test_figures_per_event_and_kind(corpus: Corpus) -> None:
    killed = corpus.figures(kind="killed")
    assert {"Russian Defense Ministry", "RIA Novosti", "TASS"} <= set(killed["claimant"])
    ministry = killed.filter(pl.col("entity") == MOD).row(0, named=True)
    assert (ministry["low"], ministry["approx"], ministry["speaker"]) == (
        234.0,
        "more_than",
        "Russia’s Defence Ministry",
    )
    per_event = corpus.figures(event=INCURSION)
    assert per_event.height > 0 and all(INCURSION in events for events in per_event["events"])
    assert_frame_equal(
        corpus.figures(speaker="Russian Ministry of Defense", kind="killed"), killed.filter(pl.col("entity") == MOD)
    )


def test_contradictions_by_event_speaker_and_rule(corpus: Corpus) -> None:
    every = corpus.contradictions()
    assert every.height == corpus.table("contradictions").height > 5
    numeric = corpus.contradictions(rule="contradiction.numeric.v1")
    assert set(numeric["about"]) >= {"killed (person)", "destroyed (tank)"}
    assert corpus.contradictions(speaker="ukraine’s military intelligence agency")["about"].to_list() == [
        "responsibility"
    ]
    assert set(corpus.contradictions(event=INCURSION)["about"]) == {"incursion", "responsibility"}


# ---------------------------------------------------------------- shapes
@pytest.mark.parametrize(
    ("method", "record"),
    [
        ("claims", ClaimRow),
        ("entities", EntityRow),
        ("mentions", MentionRow),
        ("events", EventRow),
        ("stories", StoryRow),
        ("figures", FigureRow),
        ("contradictions", ContradictionRow),
        ("corroboration", CorroborationRow),
    ],
)
def test_every_listing_has_its_records_columns_and_converts(corpus: Corpus, method: str, record: type[Any]) -> None:
    frame: pl.DataFrame = getattr(corpus, method)()
    assert frame.columns == list(record.__struct_fields__)
    assert frame.height > 0
    msgspec.convert(frame.to_dicts(), list[record])


def test_ledger_rows_convert(corpus: Corpus) -> None:
    ledger = corpus.ledger(INCURSION)
    assert ledger.columns == list(LedgerRow.__struct_fields__)
    msgspec.convert(ledger.to_dicts(), list[LedgerRow])


def test_an_empty_store_answers_with_empty_frames(tmp_path: Path) -> None:
    corpus = Corpus(Store(tmp_path / "none"))
    for method in ("claims", "entities", "mentions", "events", "stories", "figures", "contradictions"):
        assert getattr(corpus, method)().height == 0, method
    assert corpus.find_claims(ClaimFilter(speaker=("x",))).total == 0


def test_a_new_version_gets_new_indexes(tmp_path: Path) -> None:
    files = sorted(SEED.glob("*.txt"))
    store = make_store(tmp_path / "store", files[:1])
    latest, pinned = Corpus(store), Corpus(store, as_of=1)
    before = latest.claims().height
    assert set(latest.claims()["article"]) == {files[0].stem}
    store.commit(analyze_paths(files[1:2]).tables())
    assert latest.refresh()
    assert set(latest.claims()["article"]) == {files[0].stem, files[1].stem}
    assert latest.claims().height > before
    assert pinned.claims().height == before and not pinned.refresh()
