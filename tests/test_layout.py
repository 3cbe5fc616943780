"""Layout of an article: date line, title, headings and boilerplate, against the seed gold and by hand."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from research.errors import RuleError
from research.ingest import RawArticle, build_article
from research.layout import _grouped, _norm, _screens, layout
from research.lexicon import boilerplate_rules, parse_boilerplate_rules
from tests.conftest import GOLD, SEED

GOLD_ARTICLES: dict[str, dict[str, object]] = (
    json.loads(GOLD.read_text(encoding="utf-8"))["articles"] if GOLD.exists() else {}
)
needs_gold = pytest.mark.skipif(not GOLD_ARTICLES, reason="../shared/corpus/seed/gold.json is not beside the project")


def seed(article_id: str) -> str:
    return (SEED / f"{article_id}.txt").read_text(encoding="utf-8")


@needs_gold
@pytest.mark.parametrize("article_id", sorted(GOLD_ARTICLES))
def test_seed_date_and_title(article_id: str) -> None:
    gold = GOLD_ARTICLES[article_id]
    found = layout(seed(article_id), article_id=article_id)
    assert (found.published.isoformat() if found.published else None) == gold["date"]
    assert found.title == gold["title"]
    if gold["date_header"]:
        assert found.date_span is not None and found.date_span.text == gold["date_header"]


@needs_gold
@pytest.mark.parametrize("article_id", sorted(GOLD_ARTICLES))
def test_seed_boilerplate_and_captions_are_spans_outside_every_sentence(article_id: str) -> None:
    gold = GOLD_ARTICLES[article_id]
    text = seed(article_id)
    found = layout(text, article_id=article_id)
    for needle in [*gold["boilerplate"], *gold["captions"]]:  # type: ignore[misc]
        start = text.index(needle)
        end = start + len(needle)
        assert any(b.start <= start and end <= b.end for b in found.boilerplate), needle
        for sentence in found.sentences:
            assert sentence.end <= start or sentence.start >= end, (needle, text[sentence.start : sentence.end])


@needs_gold
@pytest.mark.parametrize("article_id", sorted(GOLD_ARTICLES))
def test_seed_subheadings_are_headings(article_id: str) -> None:
    text = seed(article_id)
    found = layout(text, article_id=article_id)
    headings = {text[p.start : p.end] for p in found.paragraphs if p.zone == "heading"}
    assert set(GOLD_ARTICLES[article_id]["subheadings"]) <= headings  # type: ignore[arg-type]


def test_every_span_slices_to_its_text() -> None:
    for path in sorted(SEED.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = layout(text, article_id=path.stem)
        for b in found.boilerplate:
            assert text[b.start : b.end] == b.text
        if found.title_span:
            assert text[found.title_span.start : found.title_span.end] == found.title_span.text


@pytest.mark.parametrize("rule", boilerplate_rules(), ids=lambda r: r.id)
def test_rule_examples_become_boilerplate_in_an_article(rule: object) -> None:
    """Each rule's examples, placed between body paragraphs, are boilerplate of the rule's kind."""
    for example in rule.examples:  # type: ignore[attr-defined]
        text = f"The council met on Monday to vote on the budget.\n\n{example}\n\nThe vote passed by a wide margin."
        found = layout(text, article_id="a")
        kinds = {(b.text, b.kind, b.rule) for b in found.boilerplate}
        assert (example, rule.kind, rule.id) in kinds  # type: ignore[attr-defined]
        assert [text[s.start : s.end] for s in found.sentences] == [
            "The council met on Monday to vote on the budget.",
            "The vote passed by a wide margin.",
        ]


def test_first_line_headline_is_the_title_and_its_repeat_is_boilerplate() -> None:
    text = "Floods close schools across the north\n\nShare this article\n\nFloods close schools across the north\n\nHeavy rain fell overnight. Schools closed."
    found = layout(text, article_id="a")
    assert found.title == "Floods close schools across the north"
    assert [b.kind for b in found.boilerplate] == ["share_widget", "repeated_headline"]
    assert [text[s.start : s.end] for s in found.sentences] == [
        "Floods close schools across the north",
        "Heavy rain fell overnight.",
        "Schools closed.",
    ]


def test_breadcrumb_then_title() -> None:
    text = "Home › News › Floods close schools\n\nFloods close schools\n\nHeavy rain fell overnight, officials said."
    found = layout(text, article_id="a")
    assert found.boilerplate[0].kind == "breadcrumb"
    assert found.title == "Floods close schools"


def test_a_lede_is_not_a_title() -> None:
    text = "Heavy rain fell overnight in the north. Schools closed on Monday.\n\nOfficials said more rain was due."
    assert layout(text, article_id="a").title is None


def test_date_line_gives_the_date_and_is_kept_out_of_sentences() -> None:
    text = " date 2023-11-05 Voters went to the polls on Sunday. Turnout was high."
    found = layout(text, article_id="a")
    assert found.published == dt.date(2023, 11, 5)
    assert found.sentences[0].start == text.index("Voters")


def test_impossible_date_line_is_just_text() -> None:
    found = layout(" date 2023-02-30 Something happened.", article_id="a")
    assert found.published is None and found.date_span is None


def test_given_title_marks_the_matching_first_line() -> None:
    raw = RawArticle(
        id="a", source="x", title="Senate passes bill", text="Senate passes bill.\n\nThe Senate voted 60-40 on Tuesday."
    )
    built = build_article(raw)
    assert built.article.title == "Senate passes bill"
    assert built.article.title_span is not None and built.article.title_span.text == "Senate passes bill."
    assert built.paragraphs[0].zone == "title"


def test_an_example_without_the_needed_strings_is_a_rule_error() -> None:
    """needs_one_of screens paragraphs out before the pattern runs, so every example must hold one."""
    entry = {"id": "boilerplate.x.v1", "kind": "caption", "pattern": "Photo|x", "examples": ["Photo", "x"]}
    with pytest.raises(RuleError, match="needs_one_of"):
        parse_boilerplate_rules({"boilerplate": [{**entry, "needs_one_of": ["Photo"]}]}, "rules/layout.toml")
    assert parse_boilerplate_rules({"boilerplate": [{**entry, "needs_one_of": ["Photo", "x"]}]}, "x")


@given(
    st.lists(st.sampled_from([*"aA.ßİǅ ©:/()\t\u00a0", "Photo", "Home", " » ", "Share this"]), max_size=20).map("".join)
)
def test_screens_keep_every_paragraph_a_rule_matches(line: str) -> None:
    """A line no screen finds anything in matches no boilerplate rule (the screens only save time)."""
    if any(rule.regex.search(line) for rule in boilerplate_rules()):
        assert any(screen(line) is not None for screen in _screens())


def test_grouped_patterns_keep_their_flags() -> None:
    assert _grouped("(?i)(?s)a.b") == "(?is:a.b)" and _grouped("^(?i:a)$") == "(?:^(?i:a)$)"
    assert re.fullmatch(_grouped("(?x) a b # a comment"), "ab")


@given(st.lists(st.sampled_from([*"aA. ßİǅﬁΣς\t\u00a0\u2028\ufeff", "  ", ".."]), min_size=1, max_size=20).map("".join))
def test_norm_is_folded_words_without_final_periods(line: str) -> None:
    assert _norm(line) == " ".join(line.casefold().rstrip(".").split())
    if line.strip() == line and not line.startswith("\ufeff") and _norm(line):
        assert _norm(line)[0] == line[0].casefold()[0]  # what the repeated-headline screen relies on


SCREENED_RULES = [rule for rule in boilerplate_rules() if rule.needs_one_of]


@pytest.mark.parametrize("rule", SCREENED_RULES, ids=lambda r: r.id)
@settings(max_examples=400)  # enough to reach every branch of a pattern (a missing "Foto" is found)
@given(data=st.data())
def test_every_paragraph_a_screened_rule_matches_holds_a_needed_string(rule: object, data: st.DataObject) -> None:
    """needs_one_of is a promise of the rule's author: text generated from the pattern keeps it."""
    from research.lexicon import BoilerplateRule

    assert isinstance(rule, BoilerplateRule)
    line = data.draw(st.from_regex(rule.regex))
    if rule.regex.search(line):
        assert any(s in line for s in rule.needs_one_of), line
