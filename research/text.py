"""Paragraphs and sentences as (start, end) spans into the raw text; nothing is rewritten.

A paragraph is a non-blank line, trimmed of surrounding white space (news pages put one
paragraph per line; blank lines and lines of only white space, such as a lone no-break
space, separate them). Sentences are found inside a paragraph by one regex pass over
candidate boundaries, each checked against the abbreviation lexicon in
`rules/sentences.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from research.lexicon import SentenceLexicon, sentence_lexicon

__all__ = ["RE_LINE", "line_spans", "sentence_spans", "trim"]

RE_LINE = re.compile(r"[^\n]+")
# Terminal punctuation, then closing quotes/brackets (French style allows a space before »),
# then the white space that must follow a boundary.
RE_BOUNDARY = re.compile(r"[.!?…]+(?:[”\"’'»)\]]|[ \u00a0]»)*(?=\s)")
OPENERS = "“\"‘'«(["
MAX_WORD = 40
# Typographic, guillemet and straight marks, plus the doubled apostrophes and backticks of
# text converted from PTB tokens (''like this'', ``like this'').
RE_QUOTE_MARK = re.compile(r"''|``|[“”«»\"]")
OPENING_MARKS = ("“", "«", "``")
AMBIGUOUS_MARKS = ('"', "''")
RE_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
RE_INITIAL = re.compile(r"^[A-Z]$")
RE_NEXT_WORD = re.compile(r"[^\s,;:.!?”\"’'»)\]]+")
SPACE = " \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past white space at both ends."""
    while start < end and (text[start] in SPACE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in SPACE or text[end - 1].isspace()):
        end -= 1
    return start, end


def line_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Non-blank lines of text[start:end], trimmed, in order."""
    stop = len(text) if end is None else end
    for match in RE_LINE.finditer(text, start, stop):
        s, e = trim(text, match.start(), match.end())
        if s < e:
            yield s, e


def _ends_sentence(text: str, punct_start: int, punct: str, next_at: int, lexicon: SentenceLexicon) -> bool:
    """Decide whether the candidate boundary at text[punct_start] ends a sentence."""
    following = text[next_at]
    if following.islower() or following in ",;:":
        return False
    if punct != ".":
        return True
    word_start = punct_start
    while (
        word_start > 0
        and punct_start - word_start < MAX_WORD
        and not text[word_start - 1].isspace()
        and text[word_start - 1] not in OPENERS
    ):
        word_start -= 1
    word = text[word_start:punct_start]
    if not word:
        return True
    if word in lexicon.never_final or RE_INITIAL.match(word):
        return False
    if word in lexicon.maybe_final or RE_DOTTED.match(word):
        nxt = RE_NEXT_WORD.match(text, next_at)
        return nxt is not None and nxt.group(0) in lexicon.openers
    return True


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Closed quotations in text[start:end] as (open mark, after close mark) spans.

    Curly and guillemet marks close whichever quotation is open (machine-translated text
    mixes “ with »); straight double quotes alternate. An opening mark met while a quotation
    is open restarts it, so an unbalanced mark never swallows the rest of the paragraph.
    """
    regions: list[tuple[int, int]] = []
    open_at = -1
    for match in RE_QUOTE_MARK.finditer(text, start, end):
        mark, at = match.group(0), match.start()
        opens = mark in OPENING_MARKS or (mark in AMBIGUOUS_MARKS and open_at < 0)
        if opens:
            open_at = at
        elif open_at >= 0:
            regions.append((open_at, match.end()))
            open_at = -1
    return regions


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of the paragraph text[start:end], trimmed; they cover all its non-space text.

    A boundary inside a closed quotation does not split: a quotation of several sentences
    stays with its attribution (“A. B,” she said.).
    """
    lexicon = sentence_lexicon()
    regions = quote_regions(text, start, end)
    region_at = 0
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in RE_BOUNDARY.finditer(text, start, end):
        while region_at < len(regions) and regions[region_at][1] <= match.end():
            region_at += 1
        if region_at < len(regions) and regions[region_at][0] < match.start():
            continue
        next_at = match.end()
        while next_at < end and text[next_at].isspace():
            next_at += 1
        if next_at >= end:
            break
        punct = text[match.start() : match.end()].rstrip("”\"’'»)] \u00a0")
        if _ends_sentence(text, match.start(), punct, next_at, lexicon):
            s, e = trim(text, sentence_start, match.end())
            if s < e:
                spans.append((s, e))
            sentence_start = next_at
    s, e = trim(text, sentence_start, end)
    if s < e:
        spans.append((s, e))
    return spans
