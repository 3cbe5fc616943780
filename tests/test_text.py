"""Paragraphs and sentences: examples of the hard cases and the invariants of the segmenter."""

from __future__ import annotations

import itertools
import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from research.text import line_spans, lines_sentence_spans, quote_regions, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for ps, pe in line_spans(text) for s, e in sentence_spans(text, ps, pe)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote was close. Turnout was low.", ["The vote was close.", "Turnout was low."]),
        ("Mr. Smith met Gov. Abbott on Monday. They talked.", ["Mr. Smith met Gov. Abbott on Monday.", "They talked."]),
        ("George W. Bush and Rep. G.K. Butterfield spoke.", ["George W. Bush and Rep. G.K. Butterfield spoke."]),
        (
            "It starts at 8 a.m. Eastern time. Doors open early.",
            ["It starts at 8 a.m. Eastern time.", "Doors open early."],
        ),
        ("They left at 9 p.m. The hall was empty.", ["They left at 9 p.m.", "The hall was empty."]),
        ("Troops returned to the U.S. Army base.", ["Troops returned to the U.S. Army base."]),
        ("Growth was 3.5 percent. Prices rose 2.1 percent.", ["Growth was 3.5 percent.", "Prices rose 2.1 percent."]),
        (
            "He was born on Sept. 11 in No. 5 Main St. downtown.",
            ["He was born on Sept. 11 in No. 5 Main St. downtown."],
        ),
        (
            "“We will win. They will lose,” she said. Nobody answered.",
            ["“We will win. They will lose,” she said.", "Nobody answered."],
        ),
        ('"Stop. Now," he said. They stopped.', ['"Stop. Now," he said.', "They stopped."]),
        ("He said: « Tout va bien. Merci. » Then he left.", ["He said: « Tout va bien. Merci. »", "Then he left."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("“Is that all?” Trump asked. Nobody answered.", ["“Is that all?” Trump asked.", "Nobody answered."]),
        ("“Why not?” Sen. Ann Ruiz, R-Ohio, said.", ["“Why not?” Sen. Ann Ruiz, R-Ohio, said."]),
        ("“Why not?” Nobody answered.", ["“Why not?”", "Nobody answered."]),
        ("“Will it pass?” Ortiz pressed. Nobody answered.", ["“Will it pass?” Ortiz pressed.", "Nobody answered."]),
        ("“Why not?” Ann\xa0Ruiz asked. Nobody answered.", ["“Why not?” Ann\xa0Ruiz asked.", "Nobody answered."]),
        ("Why not? Trump said so.", ["Why not?", "Trump said so."]),
        ("“A first quote.” “A second one.”", ["“A first quote.”", "“A second one.”"]),
        ("Prices rose (by 5 percent.) Then fell.", ["Prices rose (by 5 percent.)", "Then fell."]),
        ("She said it was fine. and then left.", ["She said it was fine. and then left."]),
        (
            "An unbalanced “quote. Still ends here. Next one.",
            ["An unbalanced “quote.", "Still ends here.", "Next one."],
        ),
    ],
)
def test_sentence_examples(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraphs_are_non_blank_lines_trimmed() -> None:
    text = "Title line\n\n \u00a0\n  First para.  \nSecond para.\n"
    assert [text[s:e] for s, e in line_spans(text)] == ["Title line", "First para.", "Second para."]


def test_unbalanced_quote_never_swallows_the_paragraph() -> None:
    text = "“All attacks were thwarted. “The enemy was hit,” said a statement."
    assert quote_regions(text, 0, len(text)) == [(28, 48)]
    assert sentences(text) == ["“All attacks were thwarted.", "“The enemy was hit,” said a statement."]


news_alphabet = st.sampled_from(
    [*"abcXYZ .,!?…“”\"'«»()\n\u00a0 0123456789", "Mr.", "U.S.", "a.m.", "St. ", "é", "ж", "👍"]
)
news_like = st.lists(news_alphabet, max_size=300).map("".join)


@given(st.one_of(st.text(max_size=400), news_like))
def test_sentences_lie_in_paragraphs_and_cover_them(text: str) -> None:
    previous_end = 0
    for ps, pe in line_spans(text):
        assert previous_end <= ps < pe <= len(text)
        assert "\n" not in text[ps:pe]
        assert not text[ps].isspace() and not text[pe - 1].isspace()
        spans = sentence_spans(text, ps, pe)
        assert spans, "a paragraph has at least one sentence"
        assert spans[0][0] == ps and spans[-1][1] == pe
        for (s1, e1), (s2, e2) in itertools.pairwise(spans):
            assert s1 < e1 <= s2 < e2, "sentences are ordered and never overlap"
            assert text[e1:s2].strip() == "", "only white space between sentences"
        previous_end = pe


@given(st.one_of(st.text(max_size=200), news_like))
def test_long_sentences_are_cut_within_the_limit_keeping_every_boundary(text: str) -> None:
    with mock.patch("research.text.MAX_SENTENCE", 20):
        capped = [sentence_spans(text, ps, pe) for ps, pe in line_spans(text)]
    for (ps, pe), spans in zip(line_spans(text), capped, strict=True):
        assert spans[0][0] == ps and spans[-1][1] == pe
        for s, e in spans:
            assert 0 < e - s <= 20
            assert not text[s].isspace() and not text[e - 1].isspace()
        for (_, e1), (s2, _) in itertools.pairwise(spans):
            assert e1 <= s2 and all(c.isspace() or c == "\ufeff" for c in text[e1:s2])
        ends = {e for _, e in spans}
        assert {e for _, e in sentence_spans(text, ps, pe)} <= ends, "only cuts are added"


def test_a_long_sentence_is_cut_at_white_space() -> None:
    text = "word " * 1_000 + "end"
    spans = sentence_spans(text, 0, len(text))
    assert [e - s for s, e in spans] == [2_999, 2_003]  # 600 words, then 400 and "end"
    assert text[spans[0][1]] == " " and text[spans[0][0] : spans[0][1]].split() == ["word"] * 600


@given(news_like, news_like)
def test_appending_text_never_changes_earlier_paragraphs(first: str, second: str) -> None:
    text = first + "\n" + second
    before = [(ps, pe, sentence_spans(first, ps, pe)) for ps, pe in line_spans(first)]
    after = [(ps, pe, sentence_spans(text, ps, pe)) for ps, pe in line_spans(text)]
    assert after[: len(before)] == before


def reference_quote_regions(text: str) -> list[tuple[int, int]]:
    """quote_regions as a mark-by-mark state machine: the definition its one regex follows."""
    regions: list[tuple[int, int]] = []
    open_at = -1
    for match in re.finditer(r"''|``|[“”«»\"]", text):
        mark, at = match.group(0), match.start()
        if mark in ("“", "«", "``") or (mark in ('"', "''") and open_at < 0):
            open_at = at
        elif open_at >= 0:
            regions.append((open_at, match.end()))
            open_at = -1
    return regions


quote_alphabet = st.sampled_from([*"ab .“”«»\"'`\n", "''", "``", "'''"])


@pytest.mark.parametrize("text", ["````b”", "```b”", "'''b\"", "''''b''", "“a “b” c”", '» “a" b" c'])
def test_quote_regions_of_runs_of_marks(text: str) -> None:
    assert quote_regions(text, 0, len(text)) == reference_quote_regions(text)


@settings(max_examples=500)
@given(st.lists(quote_alphabet, max_size=40).map("".join), st.integers(0, 40), st.integers(0, 40))
def test_quote_regions_follow_the_mark_by_mark_definition(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    expected = [(s + start, e + start) for s, e in reference_quote_regions(text[start:end])]
    assert quote_regions(text, start, end) == expected


lines_alphabet = st.sampled_from([*'aB .!?“”»"\n\t\u00a0\ufeff\u2028', ". »", "Mr.", "U.S.", "\n \n", " \ufeff"])


@given(st.lists(lines_alphabet, max_size=60).map("".join), st.lists(st.booleans(), max_size=30))
def test_lines_scanned_together_split_as_each_alone(text: str, keep: list[bool]) -> None:
    lines = [span for span, kept in zip(line_spans(text), keep + [True] * 30, strict=False) if kept]
    assert lines_sentence_spans(text, lines) == [sentence_spans(text, s, e) for s, e in lines]
