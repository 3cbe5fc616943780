"""Word and punctuation tokens of a span, each an exact slice of the text."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from research.lexicon import sentence_lexicon
from research.patterns import literal_trie

__all__ = ["AMBIGUOUS_QUOTES", "CLOSING_QUOTES", "OPENING_QUOTES", "RE_TOKEN", "Token", "tokens"]

# Words keep inner apostrophes, dots, hyphens and ampersands: Russia’s, U.S, pro-Kyiv, AT&T;
# numbers keep their thousands separators: 1,100 (not "1" "," "100", a comma a clause may end at).
# Combining marks stay in their word.
WORD = r"[\w\u0300-\u036f]+(?:[’'.&-][\w\u0300-\u036f]+|(?<=\d),\d{3}(?![\w\u0300-\u036f]))*"
RE_TOKEN = re.compile(rf"{WORD}|''|``|[^\w\s\u0300-\u036f]|[\u0300-\u036f]")


@functools.cache
def token_pattern() -> re.Pattern[str]:
    """Tokens, with titles and dotted abbreviations kept whole with their period ("Mr.", "U.S.")."""
    lexicon = sentence_lexicon()
    abbreviations = lexicon.never_final | lexicon.maybe_final
    # the lookahead skips the titles at once at every word not followed by a period soon
    longest = max(map(len, abbreviations))
    inner = "".join(sorted({re.escape(c) for a in abbreviations for c in a if not (c.isalnum() or c == "_")}))
    titles = rf"(?=[\w{inner}]{{1,{longest}}}\.){literal_trie(abbreviations)}"
    return re.compile(rf"{titles}\.(?!\w)|(?:[A-Za-z]\.){{2,}}(?!\w)|{RE_TOKEN.pattern}")


OPENING_QUOTES = ("“", "«", "‘", "``")
CLOSING_QUOTES = ("”", "»", "’")
AMBIGUOUS_QUOTES = ('"', "''")


class Token(NamedTuple):
    """A token: [start, end) into the text, its text, lower-cased text, and two flags every
    rule asks (computed once: the rules ask them millions of times)."""

    start: int
    end: int
    text: str
    lower: str
    is_word: bool
    is_capitalised: bool


def _token(start: int, end: int, word: str) -> Token:
    first = word[0]
    return Token(start, end, word, word.lower(), first.isalnum() or first == "_", first.isupper())


@functools.cache
def _spaced_pattern() -> re.Pattern[str]:
    """(white space before, token): every character is one or the other, so offsets add up."""
    return re.compile(rf"(\s*)({token_pattern().pattern})")


# A sentence glued to the word before it by a lost space or line break: "on TelegramHe said".
RE_GLUED = re.compile(r"(?<=[a-z]{3})(?:He|She|They|The|It|We)$")
RE_GLUED_ANYWHERE = re.compile(r"[a-z]{3}(?:He|She|They|The|It|We)\b")


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end] in order."""
    out: list[Token] = []
    if RE_GLUED_ANYWHERE.search(text, start, end) is None:
        at = start
        make = Token._make
        append = out.append
        for space, word in _spaced_pattern().findall(text, start, end):
            at += len(space)
            first = word[0]
            following = at + len(word)
            append(make((at, following, word, word.lower(), first.isalnum() or first == "_", first.isupper())))
            at = following
        return out
    for m in token_pattern().finditer(text, start, end):
        word = m.group(0)
        glued = RE_GLUED.search(word) if word[-1].islower() and len(word) > 5 else None
        if glued is not None:
            cut = m.start() + glued.start()
            out.append(_token(m.start(), cut, text[m.start() : cut]))
            out.append(_token(cut, m.end(), text[cut : m.end()]))
            continue
        out.append(_token(m.start(), m.end(), word))
    return out
