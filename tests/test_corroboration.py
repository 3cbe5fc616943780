"""Corroboration: outlets and independent origins of events and claims."""

from __future__ import annotations

from research.corroboration import corroborate, origin_of
from research.model import Article, Claim, Event, Span, Speaker


def article(article_id: str, outlet: str | None) -> Article:
    return Article(id=article_id, source="test", content_hash=article_id, text="x", outlet=outlet)


def claim(
    claim_id: str, article_id: str, via: list[str], *, speaker: str = "Interior Ministry", polarity: str = "assert"
) -> Claim:
    return Claim(
        id=claim_id,
        article=article_id,
        sentence=0,
        content=Span(start=0, end=1, text="x"),
        speaker=Speaker(start=0, end=1, text="x", name=speaker),
        kind="indirect",
        via=via,
        polarity=polarity,  # type: ignore[arg-type]
        rule="attribution.subject_verb.v1",
    )


ARTICLES = [article("a1", "Daily One"), article("a2", "Daily Two"), article("a3", "Weekly Three"), article("a4", None)]


def test_wire_copies_are_one_origin() -> None:
    claims = [claim("a1:c1", "a1", ["TASS"]), claim("a2:c1", "a2", ["TASS"]), claim("a3:c1", "a3", [])]
    event = Event(id="e1", type="drone_strike", articles=["a1", "a2", "a3"], claims=[c.id for c in claims])
    rows = corroborate([event], claims, ARTICLES, speaker_names={})
    (event_row,) = [r for r in rows if r.level == "event"]
    assert event_row.outlets == ["Daily One", "Daily Two", "Weekly Three"]
    assert event_row.origins == ["TASS", "Weekly Three"] and event_row.independent == 2


def test_a_claim_is_corroborated_by_the_same_claimant_only() -> None:
    claims = [
        claim("a1:c1", "a1", []),
        claim("a2:c1", "a2", ["AFP"]),
        claim("a3:c1", "a3", [], speaker="Rebel Army"),
        claim("a4:c1", "a4", [], polarity="deny"),
    ]
    event = Event(id="e1", type="armed_clash", claims=[c.id for c in claims])
    rows = {r.subject: r for r in corroborate([event], claims, ARTICLES, speaker_names={}) if r.level == "claim"}
    assert rows["a1:c1"].articles == ["a1", "a2"] and rows["a1:c1"].independent == 2
    assert rows["a3:c1"].articles == ["a3"]
    assert rows["a4:c1"].polarity == "deny" and rows["a4:c1"].outlets == ["a4"]


def test_origin_of_a_claim() -> None:
    assert origin_of(claim("c", "a1", ["BBC", "state news agencies"]), ARTICLES[0]) == "state news agencies"
    assert origin_of(claim("c", "a4", []), None) == "a4"


def test_seed_event_origins(seed_store: object) -> None:
    from research.query import Corpus
    from research.store import Store

    assert isinstance(seed_store, Store)
    table = Corpus(seed_store).table("corroboration")
    events = table.filter(table["level"] == "event")
    assert events.height == Corpus(seed_store).table("events").height
    assert (events["independent"] >= 1).all()
    assert (events["independent"] <= events["articles"].list.len() + 2).all()
