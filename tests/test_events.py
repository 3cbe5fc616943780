"""Event typing and grouping: trigger rules with their examples, and the seed events."""

from __future__ import annotations

import json

import pytest

from research.events import event_triggers, excluded_place, place_context, sentence_event
from research.pipeline import analyze_paths
from tests.conftest import GOLD, SHARED

SEED_CORPUS = SHARED / "corpus" / "seed"


@pytest.mark.parametrize("rule", event_triggers(), ids=lambda r: r.id)
def test_trigger_examples(rule: object) -> None:
    from research.events import EventTrigger

    assert isinstance(rule, EventTrigger)
    for example in rule.examples:
        assert rule.regex.search(example), f"{rule.id}: {example!r}"
    for counter in rule.counter_examples:
        assert not rule.regex.search(counter), f"{rule.id}: {counter!r}"


def test_place_context_examples() -> None:
    rule = place_context()
    for example in rule.examples:
        text, place = example.split("|")
        start = text.index(place)
        assert excluded_place(text, start, start + len(place)), example
    for counter in rule.counter_examples:
        text, place = counter.split("|")
        start = text.index(place)
        assert not excluded_place(text, start, start + len(place)), counter


def test_most_specific_type_wins() -> None:
    trigger = sentence_event("A drone was shot down after clashes near Sudzha.")
    assert trigger is not None and trigger.type == "drone_strike"
    assert sentence_event("The weather was mild in Kursk.") is None


@pytest.mark.skipif(not GOLD.exists(), reason="seed gold not available")
def test_seed_events_found() -> None:
    analysis = analyze_paths([SEED_CORPUS])
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert len(analysis.events) <= 30
    ids = {e.id for e in analysis.events}
    assert len(ids) == len(analysis.events)
    by_type = {(e.type, p) for e in analysis.events for p in e.places}
    for expected in [
        ("armed_clash", "tetkino"),
        ("armed_clash", "nekhoteevka"),
        ("drone_strike", "kstovo"),
        ("drone_strike", "belgorod-city-administration-building"),
        ("air_crash", "ivanovo-region"),
        ("missile_strike", "kryvyi-rih"),
        ("school_closure", "kursk"),
    ]:
        assert expected in by_type
    assert len(gold["events"]) == 17
