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
    lowered,
    may_match,
    may_match_each,
    needles,
    place_context,
    sentence_event,
    sentence_events,
)
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


# ---------------------------------------------------------------- literal prefilter


def test_needles_of_a_pattern() -> None:
    assert needles(r"\b(?:was|were) behind\b|\bblam\w+") == {"was behind", "were behind", "blam"}
    assert needles(r"(?<!cardiac )\b(?:arrest(?:ed|s)?|detain(?:ed|s)?|detention)\b") == {
        "arrest",
        "detain",
        "detention",
    }
    assert needles(r"\bx\b") is None  # too short to be worth a look
    assert needles(r"\w+ing|foo") == {"ing", "foo"}
    assert needles(r"\w+|foo") is None  # a branch without a literal


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


def test_a_letter_folded_to_ascii_by_the_regex_is_always_searched() -> None:
    assert lowered("İ") is None and lowered("ſ") is None and lowered("ı") is None
    assert lowered("Kyiv’s “Drone”") == "kyiv’s “drone”"


def test_needles_of_groups_repeats_and_flags() -> None:
    assert needles(r"(?>alpha|beta)x") == {"alphax", "betax"}
    assert needles(r"(?:gamma)++\d") == {"gamma"}
    assert needles(r"(?-i:Delta)\w") == {"delta"}
    assert needles(r"ep silon  # comment", re.VERBOSE) == {"epsilon"}


def _piece() -> st.SearchStrategy[str]:
    atoms = st.sampled_from(["a", "b", "ab", "ba", "A", "-", " ", r"\b", r"\w", ".", "[ab]", "(?<!a)", "k", "s", "i"])

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
            inner.map(lambda p: f"(?:{p})?"),
            inner.map(lambda p: f"(?:{p})+"),
            inner.map(lambda p: f"(?:{p})*"),
            inner.map(lambda p: f"(?:{p}){{2,3}}"),
            inner.map(lambda p: f"(?>{p})"),
            inner.map(lambda p: f"(?:{p})?+"),
        )

    return st.recursive(atoms, grow, max_leaves=12)


@given(_piece(), st.text(alphabet="abAB -kKsSiIİıſK", max_size=24))
def test_a_text_matching_a_pattern_holds_one_of_its_needles(pattern: str, text: str) -> None:
    found = needles(pattern, shortest=1)
    if re.search(pattern, text, re.IGNORECASE):
        assert may_match(found, lowered(text)), (pattern, text, found)


@given(st.lists(st.text(alphabet="drone DRONE blast-İıſΣ\x00\n", max_size=16), max_size=6))
def test_needles_searched_in_many_texts_at_once_as_in_each(texts: list[str]) -> None:
    for found in [frozenset({"drone", "blast"}), frozenset({"e b", "ne\nb"}), None]:
        assert may_match_each(texts, found) == [may_match(found, lowered(t)) for t in texts]


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
