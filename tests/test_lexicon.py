"""Rule files load into checked Structs; every rule's examples and counter-examples hold."""

from __future__ import annotations

import pytest

from research.errors import RuleError
from research.layout import layout
from research.lexicon import boilerplate_rules, parse_boilerplate_rules, sentence_lexicon
from tests.conftest import growth_ratio


@pytest.mark.parametrize("rule", boilerplate_rules(), ids=lambda r: r.id)
def test_boilerplate_rule_examples(rule: object) -> None:
    assert rule.examples, "every rule has at least one example"  # type: ignore[attr-defined]
    for example in rule.examples:  # type: ignore[attr-defined]
        assert rule.regex.search(example), example  # type: ignore[attr-defined]
    for counter in rule.counter_examples:  # type: ignore[attr-defined]
        assert not rule.regex.search(counter), counter  # type: ignore[attr-defined]


def test_counter_examples_stay_body_text() -> None:
    """A counter-example is not boilerplate under any rule, not just its own."""
    for rule in boilerplate_rules():
        for counter in rule.counter_examples:
            text = f"The council met on Monday.\n\n{counter}\n\nThe vote passed."
            assert not layout(text, article_id="a").boilerplate, (rule.id, counter)


def bad(entry: dict[str, object]) -> str:
    with pytest.raises(RuleError) as caught:
        parse_boilerplate_rules({"boilerplate": [entry]}, "rules/layout.toml")
    return str(caught.value)


def test_malformed_rules_fail_naming_file_and_rule() -> None:
    good = {"id": "boilerplate.x.v1", "kind": "caption", "pattern": "x", "examples": ["x"]}
    assert "rules/layout.toml" in bad({**good, "kind": "nope"}) and "boilerplate.x.v1" in bad({**good, "kind": "nope"})
    assert "bad pattern" in bad({**good, "pattern": "(x"})
    assert "family.name.v1" in bad({**good, "id": "Boilerplate X"})
    with pytest.raises(RuleError, match="defined twice"):
        parse_boilerplate_rules({"boilerplate": [good, good]}, "rules/layout.toml")


def test_sentence_lexicon_loads() -> None:
    lexicon = sentence_lexicon()
    assert {"Mr", "Gov", "Sept"} <= lexicon.never_final
    assert "The" in lexicon.openers


ADVERSARIAL = ["Home » " * 3, "With A B C D E, ", "Photo: " + "a " * 10, "©", "“x. ", '“ « " ', "U.S. " * 3, ".", "?!…"]


@pytest.mark.slow
@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_time_grows_linearly_on_adversarial_input(unit: str) -> None:
    """100x more input must not cost more than ~4x the linear share (a ratio, not a deadline)."""
    ratio = growth_ratio(lambda text: layout(text, article_id="a"), unit, small=10_000, large=1_000_000)
    assert ratio < 400, f"{ratio:.0f}x for 100x the input"
