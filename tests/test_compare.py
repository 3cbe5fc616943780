"""Contradictions: outcome lexicon examples, hand-written cases, symmetry, and the seed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from research.compare import contradictions, outcome_rules, outcome_sides, unit_family
from research.model import Claim, Quantity, Span, Speaker
from research.pipeline import analyze_paths
from tests.conftest import GOLD, SHARED


def claim(cid: str, who: str, text: str, *, quantities: list[Quantity] = (), deny: bool = False) -> Claim:  # type: ignore[assignment]
    return Claim(
        id=cid,
        article="a",
        sentence=0,
        content=Span(start=0, end=len(text), text=text),
        speaker=Speaker(start=0, end=len(who), text=who, name=who),
        kind="indirect",
        polarity="deny" if deny else "assert",
        quantities=list(quantities),
        rule="test.v1",
    )


def killed(value: float, approx: str = "exact") -> Quantity:
    return Quantity(
        start=0, end=1, text=str(value), value=value, low=value, high=value, approx=approx, unit="troops", kind="killed"
    )


@pytest.mark.parametrize("rule", outcome_rules(), ids=lambda r: r.id)
def test_outcome_examples(rule: object) -> None:
    from research.compare import OutcomeRule

    assert isinstance(rule, OutcomeRule)
    for example in rule.examples:
        assert rule.regex.search(example), f"{rule.id}: {example!r}"
    for counter in rule.counter_examples:
        assert not rule.regex.search(counter), f"{rule.id}: {counter!r}"


def test_unit_families() -> None:
    assert unit_family("armoured personnel carriers") == unit_family("armored vehicles")
    assert unit_family("Tanks") == "tank"
    assert unit_family("ships") == "ships"


def test_denial_flips_incursion_side() -> None:
    assert outcome_sides("denied the success of the raids", deny=True) == {"incursion": "repelled"}
    assert outcome_sides("There was no violation of the border", deny=True) == {"incursion": "repelled"}


def test_numeric_discrepancy() -> None:
    found = contradictions(
        [claim("1", "Army", "x", quantities=[killed(50)]), claim("2", "Rebels", "y", quantities=[killed(5)])]
    )
    assert len(found) == 1
    assert [p.speaker for p in found[0].positions] == ["Army", "Rebels"]
    assert found[0].positions[0].number == 50


def test_agreeing_figures_are_no_contradiction() -> None:
    same = [claim("1", "Army", "x", quantities=[killed(50)]), claim("2", "Rebels", "y", quantities=[killed(50)])]
    one_source = [claim("1", "Army", "x", quantities=[killed(50)]), claim("2", "Army", "y", quantities=[killed(5)])]
    assert contradictions(same) == []
    assert contradictions(one_source) == []


def test_outcome_conflict() -> None:
    found = contradictions(
        [claim("1", "Ministry", "the attack on Sudzha was repelled"), claim("2", "Legion", "our unit entered Sudzha")]
    )
    assert [(c.about, [p.value for p in c.positions]) for c in found] == [("incursion", ["advanced", "repelled"])]


POOL = [
    claim("1", "Ministry", "the attack was repelled", quantities=[killed(200, "more_than")]),
    claim("2", "Legion", "fighting is ongoing in the village"),
    claim("3", "Agency", "about sixty killed", quantities=[killed(60, "about")]),
    claim("4", "Kyiv", "Kyiv denied any involvement in the raid"),
    claim("5", "Kremlin", "accused Kyiv of being behind the raid", quantities=[killed(100)]),
    claim("6", "Legion", "the village is under full control of our forces"),
]


@given(st.permutations(POOL))
def test_contradiction_detection_is_symmetric_in_its_claims(claims: list[Claim]) -> None:
    assert contradictions(claims) == contradictions(POOL)


@pytest.mark.skipif(not GOLD.exists(), reason="seed gold not available")
def test_seed_contradictions() -> None:
    analysis = analyze_paths([SHARED / "corpus" / "seed"])
    abouts = {c.about for c in analysis.contradictions}
    assert {"incursion", "responsibility", "killed (person)", "destroyed (tank)"} <= abouts
    killed_ = next(c for c in analysis.contradictions if c.about == "killed (person)")
    assert {p.speaker for p in killed_.positions} >= {"RIA Novosti", "TASS"}
