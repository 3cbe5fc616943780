"""Attribution rules and claims: rule examples, the seed corpus, and the invariants of extraction."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from research.explain import RULE_SHAPES
from research.extract.attribution import sentence_attributions
from research.extract.claims import article_claims
from research.ingest import RawArticle, build_article
from research.lexicon import load_toml
from research.model import Claim
from tests.conftest import growth_ratio

EXAMPLES: list[dict[str, Any]] = load_toml("attribution_examples.toml")["example"]
COUNTER_EXAMPLES: list[dict[str, Any]] = load_toml("attribution_examples.toml")["counter_example"]
NESTED: list[dict[str, Any]] = load_toml("attribution_examples.toml")["nested"]
# Every rule the engine documents (its module docstring lists them with their shapes).
RULE_IDS = set(RULE_SHAPES) - {"attribution.standalone_quote.v1"}


def claims_of(text: str, *, published: str | None = None) -> list[Claim]:
    built = build_article(RawArticle(id="a", text=text, source="test"))
    return article_claims(built.article, built.sentences, built.paragraphs)


def test_every_rule_has_an_example() -> None:
    assert len(RULE_IDS) >= 16
    assert {e["rule"] for e in EXAMPLES} >= RULE_IDS


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['rule']}:{e['text'][:30]}")
def test_rule_example(example: dict[str, Any]) -> None:
    found = claims_of(example["text"])
    matching = [c for c in found if c.rule == example["rule"] and c.content.text == example["content"]]
    assert matching, [(c.rule, c.content.text) for c in found]
    claim = matching[0]
    if "speaker" in example:
        assert claim.speaker is not None and claim.speaker.text == example["speaker"]
    if "name" in example:
        assert claim.speaker is not None and claim.speaker.name == example["name"]
    if "cue" in example:
        assert claim.cue is not None and claim.cue.text == example["cue"]


@pytest.mark.parametrize("example", COUNTER_EXAMPLES, ids=lambda e: e["text"][:40])
def test_rule_counter_example(example: dict[str, Any]) -> None:
    assert claims_of(example["text"]) == []


def test_nested_rule_has_examples_and_counter_examples() -> None:
    assert any(e.get("kept") for e in NESTED) and not all(e.get("kept") for e in NESTED)


@pytest.mark.parametrize("example", NESTED, ids=lambda e: e["text"][:40])
def test_nested_attributions(example: dict[str, Any]) -> None:
    """An attribution inside another's content is dropped, unless its rule or the outer's keeps it."""
    assert [c.content.text for c in claims_of(example["text"])] == example["contents"]


def test_stance_polarity_certainty_and_kind() -> None:
    (denial,) = claims_of("The ministry denied that troops had crossed the border.")
    assert (denial.polarity, denial.certainty, denial.kind) == ("deny", "certain", "indirect")
    (negated,) = claims_of("The spokesman said the militias were not acting under orders from the capital.")
    assert negated.polarity == "deny"
    (claimed,) = claims_of("The army claimed it had captured the town.")
    assert claimed.certainty == "unverified"
    (possible,) = claims_of("Officials said the death toll may rise.")
    assert possible.certainty == "possible"
    (probable,) = claims_of("The agency said the fire appeared to have started in the kitchen.")
    assert probable.certainty == "probable"
    (direct,) = claims_of("“We are ready,” the general said.")
    assert direct.kind == "direct"
    (mixed,) = claims_of("The general said his troops were “ready for anything”.")
    assert mixed.kind == "mixed"


def test_unverified_when_the_next_sentence_says_so() -> None:
    found = claims_of("The rebels said 40 soldiers were killed. These figures could not be independently verified.")
    assert found[0].certainty == "unverified"


def test_pronouns_and_descriptions_resolve_to_earlier_speakers() -> None:
    text = (
        "Governor Jane Smith said the dam had held overnight.\n\n"
        "She added that repair crews were on site.\n\n"
        "The Interior Ministry said 300 people had been evacuated. The ministry said shelters were open."
    )
    found = claims_of(text)
    assert [c.speaker.name if c.speaker else None for c in found] == [
        "Jane Smith",
        "Jane Smith",
        "Interior Ministry",
        "Interior Ministry",
    ]


def test_reporting_chain() -> None:
    (claim,) = claims_of("The ministry said 20 drones were shot down, TASS reported.")
    assert claim.via == ["TASS"] and claim.speaker is not None and claim.speaker.text == "The ministry"
    (posted,) = claims_of("The mayor said on Telegram that the schools would reopen.")
    assert posted.via == ["Telegram"]


def test_article_level_chain_for_a_rewrite() -> None:
    text = (
        "The army said the bridge was destroyed, BBC reported.\n\n"
        "Officials said two people were hurt, BBC reported.\n\n"
        "The mayor said schools would close."
    )
    found = claims_of(text)
    assert found[-1].via == ["BBC"]


def test_standalone_quote_continues_the_previous_speaker() -> None:
    text = "The coach, Anna Berg, praised her players.\n\n“This is only the beginning. We will be back.”"
    found = claims_of(text)
    assert found[-1].rule == "attribution.standalone_quote.v1"
    assert found[-1].speaker is not None and found[-1].speaker.name == "Anna Berg"


def test_a_sentence_inside_an_open_quotation_is_quoted_speech() -> None:
    """A quotation over several sentences and paragraphs is one claim of the quoted speaker:
    "I think ..." inside it is not a new attribution."""
    text = (
        "The mayor, Ana Ruiz, praised the volunteers.\n\n"
        "“We will rebuild the bridge. I think the city can do it in a year.\n\n"
        "“Nobody will stop us,” she said."
    )
    found = claims_of(text)
    assert [(c.rule, c.content.text) for c in found] == [
        ("attribution.subject_verb.v1", "the volunteers"),
        (
            "attribution.quote_then_said.v1",
            "We will rebuild the bridge. I think the city can do it in a year.\n\n“Nobody will stop us",
        ),
    ]
    assert found[-1].speaker is not None and found[-1].speaker.name == "Ana Ruiz"


def test_a_quotation_left_open_is_continued_by_the_next_paragraph() -> None:
    text = (
        "Ana Ruiz, the mayor, said the bridge would be rebuilt.\n\n"
        "“It will take a year. We know the river well.\n\n"
        "“Nobody will stop us.”"
    )
    found = claims_of(text)
    assert [c.content.text for c in found] == [
        "the bridge would be rebuilt",
        "It will take a year. We know the river well.\n\n“Nobody will stop us",
    ]


def test_a_quotation_restarted_mid_paragraph_is_a_new_one() -> None:
    text = "“All attacks were repelled. “The enemy lost two tanks,” the ministry said."
    found = claims_of(text)
    assert [c.content.text for c in found] == ["The enemy lost two tanks"]


def test_speaker_names_have_no_stray_white_space() -> None:
    (claim,) = claims_of("The  police union said the officers had followed the rules.")
    assert claim.speaker is not None and claim.speaker.name == "police union"


# ---------------------------------------------------------------- properties
FILLER = st.sampled_from(
    [
        "Heavy rain fell across the region on Monday.",
        "The bridge was closed for repairs.",
        "Prices rose by 3 percent in May.",
        "Schools reopened after the holiday.",
        "The river level dropped overnight.",
    ]
)
NAMES = st.sampled_from(["Maria Lopez", "John Okafor", "Chen Wei", "Ana Petrova", "Ahmed Khan", "Lena Novak"])
ATTRIBUTED = st.sampled_from(
    [
        "{name} said the talks had failed.",
        "“The talks have failed,” {name} said.",
        "According to {name}, the talks had failed.",
        "The talks had failed, {name} said.",
    ]
)


def check_spans(text: str, claims: list[Claim]) -> None:
    for claim in claims:
        assert text[claim.content.start : claim.content.end] == claim.content.text
        if claim.speaker is not None:
            assert text[claim.speaker.start : claim.speaker.end] == claim.speaker.text
        if claim.cue is not None:
            assert text[claim.cue.start : claim.cue.end] == claim.cue.text


@given(st.text(max_size=300))
def test_any_unicode_returns_exact_spans(text: str) -> None:
    if not text.strip():
        return
    check_spans(text, claims_of(text))


@given(before=st.lists(FILLER, max_size=3), after=st.lists(FILLER, max_size=3), name=NAMES, template=ATTRIBUTED)
def test_a_claim_sentence_embedded_in_other_text_is_found(
    before: list[str], after: list[str], name: str, template: str
) -> None:
    sentence = template.format(name=name)
    text = " ".join([*before, sentence, *after])
    found = claims_of(text)
    check_spans(text, found)
    assert [c for c in found if c.speaker and c.speaker.text == name and "talks" in c.content.text]


@given(first=NAMES, second=NAMES, template=ATTRIBUTED)
def test_replacing_the_speaker_changes_only_the_speaker(first: str, second: str, template: str) -> None:
    one, two = claims_of(template.format(name=first)), claims_of(template.format(name=second))
    assert len(one) == len(two) == 1
    assert (one[0].speaker.text, two[0].speaker.text) == (first, second)  # type: ignore[union-attr]
    assert (one[0].content.text, one[0].rule, one[0].polarity, one[0].certainty) == (
        two[0].content.text,
        two[0].rule,
        two[0].polarity,
        two[0].certainty,
    )


@settings(max_examples=25)
@given(
    name=NAMES,
    template=ATTRIBUTED,
    extra=st.lists(FILLER | ATTRIBUTED.map(lambda t: t.format(name="Sam Lee")), max_size=3),
)
def test_appending_sentences_never_changes_earlier_claims(name: str, template: str, extra: list[str]) -> None:
    text = template.format(name=name)
    before = claims_of(text)
    after = claims_of(text + "\n\n" + " ".join(extra)) if extra else before
    assert after[: len(before)] == before


ADVERSARIAL = ["“A, ", "B said, ", "“C” D, said E. ", "According to F, ", "G, who said H, ", "“" * 3 + ", I said"]


@pytest.mark.slow
@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_time_grows_linearly_on_adversarial_input(unit: str) -> None:
    """10x more input must not cost much more than 10x the time (a ratio, not a deadline)."""
    ratio = growth_ratio(lambda text: sentence_attributions(text, 0, len(text)), unit, small=2_000, large=20_000)
    assert ratio < 40, f"{ratio:.0f}x for 10x the input"


def _article_claims(text: str) -> list[Claim]:
    built = build_article(RawArticle(id="a", text=text, source="test"))
    return article_claims(built.article, built.sentences, built.paragraphs)


# Found by a random search over cue words, marks and names: one long "sentence" without a
# full stop used to cost time quadratic in its length; sentences are now cut at 3,000 characters.
NO_FULL_STOP = ["as A ” 42% made it clear ’s ", "— is that -- but told ", "Kasich (who said) "]


@pytest.mark.slow
@pytest.mark.parametrize("unit", NO_FULL_STOP)
def test_claims_time_grows_linearly_on_text_without_full_stops(unit: str) -> None:
    ratio = growth_ratio(_article_claims, unit, small=10_000, large=100_000)
    assert ratio < 40, f"{ratio:.0f}x for 10x the input"
