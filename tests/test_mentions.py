"""Mention rules: every example and counter-example of mentions.toml, seed cases, properties."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from research.errors import RuleError
from research.extract.mentions import (
    CAPTION_KINDS,
    article_mentions,
    mention_rules,
    parse_mention_rules,
    skeleton,
    text_mentions,
)
from research.ingest import ingest
from research.lexicon import load_toml
from research.model import Mention

SEED = Path(__file__).resolve().parent.parent / "data" / "seed"
RE_MARK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]")
TYPES = {"person", "organisation", "armed_group", "government_body", "place", "outlet", "event"}


def marked(example: str) -> tuple[str, list[str]]:
    """The example without its [marks] and the marked spans' texts."""
    spans: list[str] = []

    def keep(m: re.Match[str]) -> str:
        spans.append(m.group(1))
        return m.group(1)

    return RE_MARK.sub(keep, example), spans


def found(text: str) -> list[Mention]:
    return text_mentions(text)


def rule_cases() -> list[tuple[str, str, list[str], list[str]]]:
    rules = mention_rules()
    cases: list[tuple[str, str, list[str], list[str]]] = []
    for group in (rules.gazetteer_rules, rules.head_rules, rules.cues, rules.descriptors):
        for rule in group:
            cases.append((rule.id, rule.type, rule.examples, rule.counter_examples))
    c = rules.collective
    cases.append((c.id, c.type, c.examples, c.counter_examples))
    return cases


@pytest.mark.parametrize(("rule_id", "type_", "examples", "counters"), rule_cases(), ids=lambda x: str(x)[:40])
def test_rule_examples(rule_id: str, type_: str, examples: list[str], counters: list[str]) -> None:
    assert examples, f"{rule_id} has no example"
    for example in examples:
        text, spans = marked(example)
        assert spans, f"{rule_id}: example {example!r} marks no span"
        got = {(m.text, m.type) for m in found(text)}
        for span in spans:
            assert (span, type_) in got, (rule_id, example, sorted(got))
    for counter in counters:
        rules = {m.rule for m in found(counter)}
        assert rule_id not in rules, (rule_id, counter)


def test_person_lexicon_examples() -> None:
    raw = load_toml("mentions.toml")["persons"]
    for example in raw["examples"]:
        text, spans = marked(example)
        got = {(m.text, m.type) for m in found(text)}
        assert all((s, "person") in got for s in spans), (example, got)
    for counter in raw["counter_examples"]:
        assert not [m for m in found(counter) if m.type == "person"], counter


@pytest.mark.parametrize("rule", mention_rules().transliteration, ids=lambda r: r.id)
def test_transliteration_examples(rule: object) -> None:
    for a, b in rule.examples:  # type: ignore[attr-defined]
        assert skeleton(a) == skeleton(b), (a, b, skeleton(a), skeleton(b))
    for a, b in rule.counter_examples:  # type: ignore[attr-defined]
        assert skeleton(a) != skeleton(b), (a, b)


def test_cyrillic_and_latin_share_a_skeleton() -> None:
    assert skeleton("Тёткино") == skeleton("Tyotkino") == skeleton("Tetkino")
    assert skeleton("Пономарёв") == skeleton("Ponomarev") == skeleton("Ponomariov")


def test_malformed_rules_fail_naming_file_and_rule() -> None:
    raw = load_toml("mentions.toml")
    bad = dict(raw)
    bad["cue"] = [
        *raw["cue"],
        {"id": "mention.bad.v1", "type": "place", "pattern": "(", "triggers": [], "examples": ["x"]},
    ]
    with pytest.raises(RuleError, match=r"rules/mentions.toml.*mention\.bad\.v1"):
        parse_mention_rules(bad, "rules/mentions.toml")
    bad = dict(raw)
    bad["head"] = [{"id": "no-version", "type": "place", "words": [], "examples": []}]
    with pytest.raises(RuleError, match="no-version"):
        parse_mention_rules(bad, "rules/mentions.toml")


@pytest.fixture(scope="module")
def seed_mentions() -> dict[str, list[Mention]]:
    return {a.article.id: article_mentions(a.article, a.sentences, a.paragraphs) for a in ingest([SEED])}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Freedom of Russia Legion", "armed_group"),
        ("Russian Legion of Freedom", "armed_group"),
        ("Russia’s Freedom Legion", "armed_group"),
        ("FRL", "armed_group"),
        ("RDK", "armed_group"),
        ("Tetkino", "place"),
        ("Teotki", "place"),
        ("Tyotkino", "place"),
        ("Kursk region", "place"),
        ("Belgorod city administration building", "place"),
        ("Ilyá Ponomariov", "person"),
        ("Illya Ponomarev", "person"),
        ("Igor Koutsak", "person"),
        ("Baranovsky", "person"),
        ("Russia’s Defence Ministry", "government_body"),
        ("Ukraine’s military intelligence agency", "government_body"),
        ("TASS", "outlet"),
        ("the Kremlin", "government_body"),
        ("Ukraine-based Russian paramilitary groups", "armed_group"),
        ("(Vladimir) Putin", "person"),
    ],
)
def test_seed_mentions(seed_mentions: dict[str, list[Mention]], text: str, type_: str) -> None:
    got = {(m.text, m.type) for ms in seed_mentions.values() for m in ms}
    assert (text, type_) in got


def test_seed_mentions_are_exact_spans_with_rules(seed_mentions: dict[str, list[Mention]]) -> None:
    texts = {a.article.id: a.article.text for a in ingest([SEED])}
    for article, ms in seed_mentions.items():
        assert [m.id for m in ms] == [f"{article}:m{n}" for n in range(len(ms))]
        for m in ms:
            assert texts[article][m.start : m.end] == m.text
            assert m.entity is None and m.type in TYPES and m.rule.startswith("mention.")
        starts = [(m.start, m.end) for m in ms]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(starts)), "mentions do not overlap"


def test_boilerplate_is_searched_only_for_captions() -> None:
    article = next(a for a in ingest([SEED]) if a.article.id.startswith("000"))
    with_captions = article_mentions(article.article, article.sentences, article.paragraphs)
    body_only = article_mentions(article.article, article.sentences, article.paragraphs, boilerplate_kinds=frozenset())
    assert "AP" in {m.text for m in with_captions} and "AP" not in {m.text for m in body_only}
    assert {"caption", "credit_line"} == set(CAPTION_KINDS)


@pytest.mark.parametrize(
    ("text", "expected", "unexpected"),
    [
        (
            "Shelling hit the village of Krynky, Kherson region, on Monday.",
            {("Krynky", "place"), ("Kherson region", "place")},
            set(),
        ),
        (
            "Defence Minister Rustem Umerov met Gen. Oleksandr Syrskyi.",
            {("Rustem Umerov", "person"), ("Oleksandr Syrskyi", "person")},
            set(),
        ),
        (
            "The Azov Brigade (AB) said it held. The AB lost two tanks.",
            {("Azov Brigade", "armed_group"), ("AB", "armed_group")},
            set(),
        ),
        (
            "However, the talks failed. Meanwhile Kyiv waited.",
            {("Kyiv", "place")},
            {("However", "organisation"), ("Meanwhile", "organisation")},
        ),
        ("Georgia's parliament voted.", {("Georgia's parliament", "government_body")}, {("Georgia", "place")}),
        ("It was reported byAFP and Reuters.", {("AFP", "outlet"), ("Reuters", "outlet")}, set()),
    ],
)
def test_hand_written_cases(text: str, expected: set[tuple[str, str]], unexpected: set[tuple[str, str]]) -> None:
    got = {(m.text, m.type) for m in found(text)}
    assert expected <= got, got
    assert not (unexpected & got), got


@given(st.text(max_size=300))
def test_any_text_returns_exact_spans(text: str) -> None:
    for m in found(text):
        assert text[m.start : m.end] == m.text and m.start < m.end


@given(
    st.lists(
        st.sampled_from(
            [
                "Moscow",
                "the Kremlin",
                "Alexei Navalny",
                "said",
                "the village of Krynky",
                ".",
                ",",
                "in",
                "Kursk region",
                "FSB",
            ]
        ),
        max_size=30,
    )
)
def test_deterministic_and_unaffected_by_a_sentence_after(words: list[str]) -> None:
    text = " ".join(words) + "."
    first = found(text)
    assert first == found(text)
    longer = found(text + "\nThe Siberian Battalion said Lukoil was hit.")
    assert [(m.start, m.end, m.type) for m in longer if m.end <= len(text)] == [(m.start, m.end, m.type) for m in first]
