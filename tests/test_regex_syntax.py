"""Reading regexes: the needles every match holds, the characters a match starts with."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from research.regex_syntax import first_chars, lowered, may_match, may_match_each, needles


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


@given(_piece(), st.text(alphabet="abAB -kKsSiIİıſK", max_size=24))
def test_a_match_starts_with_one_of_the_first_characters(pattern: str, text: str) -> None:
    first, can_be_empty = first_chars(pattern)
    for match in re.finditer(pattern, text, re.IGNORECASE):
        starts_with = text[match.start() : match.start() + 1]
        if first is not None and not can_be_empty and starts_with.isascii() and starts_with:
            assert starts_with.lower() in first, (pattern, text, first)  # scanners dispatch on ASCII only


def test_first_characters_of_a_few_patterns() -> None:
    assert first_chars(r"(?:May|june)\b") == ({"m", "j"}, False)
    assert first_chars(r"\d+(?:am|pm)") == (set("0123456789"), False)
    assert first_chars(r"(?:the )?day") == ({"t", "d"}, False)
    assert first_chars(r"\w+") == (None, False)
