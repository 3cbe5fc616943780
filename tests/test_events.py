"""Event typing and grouping: trigger rules with their examples, and the seed events."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from research.compare import outcome_rules
from research.events import (
    event_triggers,
    excluded_place,
    place_context,
    sentence_event,
    sentence_events,
)
from research.pipeline import analyze_paths
from research.regex_syntax import lowered, may_match
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


# ---------------------------------------------------------------- literal prefilter


PATTERN_RULES = [*event_triggers(), *outcome_rules()]


@pytest.mark.parametrize("rule", PATTERN_RULES, ids=lambda r: r.id)
def test_every_example_holds_a_needle(rule: Any) -> None:
    for text in [*rule.examples, *rule.counter_examples]:
        if rule.regex.search(text):
            assert may_match(rule.needles, lowered(text)), text
            assert may_match(rule.needles, lowered(text.upper())), text


WORDS = sorted({w for rule in PATTERN_RULES for text in rule.examples for w in re.findall(r"\w+|\W", text)})


@given(st.lists(st.sampled_from([*WORDS, " ", "İ", "ı", "ſ", "K", "UNDER", "Control"]), max_size=30))
def test_a_text_without_needles_matches_no_rule(words: list[str]) -> None:
    text = "".join(words)
    for rule in PATTERN_RULES:
        if rule.regex.search(text):
            assert may_match(rule.needles, lowered(text)), (rule.id, text)


def test_sentence_events_types_each_sentence() -> None:
    texts = ["A drone hit Belgorod.", "The weather was mild.", "", "Shelling near Kursk; İ", "Missiles struck."]
    assert sentence_events(texts) == [sentence_event(t) for t in texts]
    assert [t.type if t else None for t in sentence_events(texts)] == [
        "drone_strike",
        None,
        None,
        "shelling",
        "missile_strike",
    ]
