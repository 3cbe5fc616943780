"""The trie-factored alternations match exactly what the plain longest-first alternation matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from research.patterns import literal_trie, whole_words

# a small alphabet, so that phrases share prefixes and overlap in the text
PHRASE = st.text(alphabet="abAB -.", min_size=1, max_size=6)


def _alternation(phrases: set[str]) -> str:
    return "(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + ")"


# what follows the alternation; a failing suffix makes the engine backtrack into shorter phrases
SUFFIX = st.sampled_from(["", "x?", "(?![ab])", " x", r"\."])


@given(st.sets(PHRASE, min_size=1, max_size=12), st.text(alphabet="abAB -.x", max_size=60), SUFFIX)
def test_trie_matches_like_the_longest_first_alternation(phrases: set[str], text: str, suffix: str) -> None:
    trie = re.compile(literal_trie(phrases) + suffix)
    plain = re.compile(_alternation(phrases) + suffix)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.sets(PHRASE, min_size=1, max_size=12), st.text(alphabet="abAB -.x", max_size=60))
def test_whole_words_matches_like_the_alternation(phrases: set[str], text: str) -> None:
    plain = re.compile(rf"(?<![\w-]){_alternation(phrases)}(?![\w-])")
    assert [m.span() for m in whole_words(phrases).finditer(text)] == [m.span() for m in plain.finditer(text)]
    lower = {p.lower() for p in phrases}
    plain_ci = re.compile(rf"(?<![\w-]){_alternation(lower)}(?![\w-])", re.IGNORECASE)
    found = [m.span() for m in whole_words(phrases, ignore_case=True).finditer(text)]
    assert found == [m.span() for m in plain_ci.finditer(text)]


def test_outlet_names_are_found_whole() -> None:
    outlets = whole_words(["BBC", "BBC News", "AFP"])
    text = "BBC News reported, citing AFP; the BBC-style report and xBBC did not."
    assert [m.group(0) for m in outlets.finditer(text)] == ["BBC News", "AFP"]


def test_a_space_in_a_phrase_can_stand_for_any_white_space() -> None:
    roles = re.compile(literal_trie(["prime minister", "minister"], space=r"\s+"))
    assert roles.search("the prime\n minister said").group(0) == "prime\n minister"
    assert re.compile(literal_trie(["prime minister"])).search("prime\nminister") is None
