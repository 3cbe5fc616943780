"""What every match of a regex must hold, read from its syntax tree: prefilters for the rules.

A case-insensitive search costs ~150 ns a character; `in` on a lower-cased text is a hundred
times cheaper. `needles` reads a pattern's syntax tree for ASCII strings one of which every
match must contain: a text holding none of them (lower-cased) cannot match, and the pattern
need not be searched. `first_chars` reads which characters a match can start with, so that a
scanner tries at each word only the patterns that can start there.

The syntax tree comes from CPython's own regex parser (`re._parser`, private but unchanged since
3.11); on a Python without it every answer is "unknown", and every pattern is searched.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

try:
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no reading, no prefilter
    _parser = None

__all__ = ["any_needles", "first_chars", "fold_like_ignorecase", "lowered", "may_match", "may_match_each", "needles"]

# `re.IGNORECASE` matches an ASCII letter to a character whose `lower()` is
# not that letter only for these three; a text holding one of them is always searched.
RE_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f]")
SEPARATOR = "\x00"  # between texts searched together: in no needle, so none spans two texts
MIN_NEEDLE = 3  # shorter needles would be found in almost every text
USEFUL_NEEDLE = 12  # longer needles are hardly more selective
MAX_NEEDLES = 8  # exact strings of a piece of pattern worth a look each through the text
MAX_STRINGS = 64  # exact strings of one piece of pattern followed before giving up on it

_Exact = frozenset[str] | None


def _cross(left: frozenset[str], right: frozenset[str]) -> _Exact:
    if len(left) * len(right) > MAX_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


def _better(best: _Exact, candidate: _Exact) -> _Exact:
    """The more selective of two needle sets: the longer shortest needle (up to USEFUL_NEEDLE
    characters), then the fewer needles; None has none."""
    if candidate is None or "" in candidate:
        return best
    if best is None:
        return candidate
    score = (min(USEFUL_NEEDLE, *map(len, candidate)), -len(candidate))
    return candidate if score > (min(USEFUL_NEEDLE, *map(len, best)), -len(best)) else best


def _item_needles(op: object, av: Any) -> tuple[_Exact, _Exact]:
    """(the exact strings one item of a parsed pattern matches, or None when not a few; needles
    one of which its every match holds, or None)."""
    if op is _constants.LITERAL:
        char = chr(av)
        return (frozenset({char.lower()}), None) if char.isascii() else (None, None)
    if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
        return frozenset({""}), None  # zero width
    if op is _constants.SUBPATTERN:  # (group, added flags, removed flags, items)
        return _sequence_needles(av[-1])
    if op is _constants.ATOMIC_GROUP:
        return _sequence_needles(av)
    if op is _constants.BRANCH:
        found = [_sequence_needles(branch) for branch in av[1]]
        exact = any_needles(e for e, _ in found)
        return (exact if exact is None or len(exact) <= MAX_STRINGS else None), any_needles(n for _, n in found)
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        low, high, item = av
        exact, needed = _sequence_needles(item)
        if low == high == 1:
            return exact, needed
        if low == 0:
            return (exact | {""} if high == 1 and exact is not None else None), None
        return None, needed
    return None, None  # a class, a category, any character, a back reference


def _sequence_needles(items: Any) -> tuple[_Exact, _Exact]:
    run: frozenset[str] = frozenset({""})  # exact strings of the items since the last inexact one
    whole = True
    best: _Exact = None
    for op, av in items:
        exact, needed = _item_needles(op, av)
        joined = _cross(run, exact) if exact is not None else None
        if joined is None:
            whole = False
            joined = exact if exact is not None else frozenset({""})
        run = joined
        best = _better(_better(best, needed), run if len(run) <= MAX_NEEDLES else None)
    return (run if whole else None), best


def needles(pattern: str, flags: int = re.IGNORECASE, *, shortest: int = MIN_NEEDLE) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `pattern` (compiled with `flags`,
    case-insensitive or not) holds, each at least `shortest` long; None when there are none.

    >>> sorted(needles(r"\\b(?:was|were) behind\\b|\\bblam\\w+"))
    ['blam', 'was behind', 'were behind']
    """
    if _parser is None:
        return None
    _, found = _sequence_needles(_parser.parse(pattern, flags))
    if found is None or min(map(len, found)) < shortest:
        return None
    # a needle that holds another is found only where that one is
    return frozenset(n for n in found if not any(m != n and m in n for m in found))


def any_needles(sets: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """Needles of a choice of patterns (of these needles): a text holding none matches none."""
    found: set[str] = set()
    for one in sets:
        if one is None:
            return None
        found |= one
    return frozenset(found)


def fold_like_ignorecase(text: str) -> str:
    """`text` lower-cased one character for one, as re.IGNORECASE compares it with ASCII letters:
    str.lower(), except that "İ" (which lowers to two characters) becomes "i", and "ı" and "ſ"
    (which IGNORECASE takes for "i" and "s") become those."""
    folded = text.lower()
    if len(folded) != len(text):
        folded = text.replace("\u0130", "i").lower()
    if not folded.isascii():
        folded = folded.replace("\u0131", "i").replace("\u017f", "s")
    return folded


def lowered(text: str) -> str | None:
    """The text to look for needles in: lower-cased, or None when needles cannot tell."""
    return None if RE_FOLDS_TO_ASCII.search(text) else text.lower()


def may_match(found: frozenset[str] | None, low: str | None) -> bool:
    """Whether a text (as `lowered`) may match a pattern of these `needles`."""
    return found is None or low is None or any(map(low.__contains__, found))


def may_match_each(texts: Sequence[str], found: frozenset[str] | None) -> list[bool]:
    """`may_match` for each of many texts, found by one look for each needle through all of them
    joined (a look through a long text costs little more than through a short one)."""
    if found is None or any(SEPARATOR in n for n in found):
        return [True] * len(texts)
    joined = SEPARATOR.join(texts)
    if RE_FOLDS_TO_ASCII.search(joined):  # lower-case each text alone, and search those that hold one always
        lows = list(map(lowered, texts))
        out = [low is None for low in lows]
        joined = SEPARATOR.join(low or "" for low in lows)
        starts = list(itertools.accumulate((len(low or "") + 1 for low in lows), initial=0))
    else:  # lower-casing keeps every other character's length: one text's offsets are the joined text's
        out = [False] * len(texts)
        joined = joined.lower()
        starts = list(itertools.accumulate((len(text) + 1 for text in texts), initial=0))
    for needle in found:
        at = joined.find(needle)
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            out[i] = True
            at = joined.find(needle, starts[i + 1])  # in the next texts
    return out


def first_chars(pattern: str) -> tuple[set[str] | None, bool]:
    """The characters (ASCII, lower-cased) a match of `pattern` can start with, None when that is
    not known to be a few ASCII characters; and whether it can match the empty string."""
    if _parser is None:
        return None, False
    return _first_chars_of(_parser.parse(pattern).data)


def _first_chars_of(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The characters (ASCII, lower-cased) a match of the parsed pattern `items` can start with,
    None when that is not known to be a few ASCII characters; and whether it can match empty."""
    chars: set[str] = set()
    for op, av in items:
        first, empty = _first_of(op, av)
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op is _constants.LITERAL:
        return ({chr(av).lower()}, False) if chr(av).isascii() else (None, False)
    if op is _constants.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _constants.LITERAL and chr(value).isascii():
                chars.add(chr(value).lower())
            elif kind is _constants.RANGE and value[1] < 128:
                chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
            elif kind is _constants.CATEGORY and value is _constants.CATEGORY_DIGIT:
                chars.update("0123456789")  # other digits are not ASCII: every rule is tried there
            else:
                return None, False
        return chars, False
    if op is _constants.SUBPATTERN:
        return _first_chars_of(av[3].data)
    if op is _constants.BRANCH:
        union: set[str] = set()
        empty = False
        for branch in av[1]:
            first, branch_empty = _first_chars_of(branch.data)
            if first is None:
                return None, False
            union |= first
            empty = empty or branch_empty
        return union, empty
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        first, empty = _first_chars_of(av[2].data)
        return first, empty or av[0] == 0
    if op in (_constants.ASSERT, _constants.ASSERT_NOT, _constants.AT):
        return set(), True
    return None, False
