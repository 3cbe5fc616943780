"""Word and punctuation tokens of a span, each an exact slice of the text."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["CLOSING_QUOTES", "OPENING_QUOTES", "RE_TOKEN", "Token", "tokens"]

# Words keep inner apostrophes, dots, hyphens and ampersands: Russia’s, U.S, pro-Kyiv, AT&T.
# Combining marks (a decomposed "ç") stay inside their word.
RE_TOKEN = re.compile(r"[\w\u0300-\u036f]+(?:[’'.&-][\w\u0300-\u036f]+)*|[^\w\s\u0300-\u036f]|[\u0300-\u036f]")
OPENING_QUOTES = "“«‘"
CLOSING_QUOTES = "”»’"


class Token(NamedTuple):
    """A token: [start, end) into the text, its text and lower-cased text."""

    start: int
    end: int
    text: str
    lower: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end] in order."""
    return [Token(m.start(), m.end(), m.group(0), m.group(0).lower()) for m in RE_TOKEN.finditer(text, start, end)]
