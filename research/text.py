"""Paragraphs and sentences as (start, end) spans into the raw text; nothing is rewritten.

A paragraph is a non-blank line, trimmed of surrounding white space (news pages put one
paragraph per line; blank lines and lines of only white space, such as a lone no-break
space, separate them). Sentences are found inside a paragraph by one regex pass over
candidate boundaries, each checked against the abbreviation lexicon in
`rules/sentences.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from research.lexicon import SentenceLexicon, sentence_lexicon

__all__ = ["RE_LINE", "line_spans", "lines_sentence_spans", "sentence_spans", "trim"]

RE_LINE = re.compile(r"[^\n]+")
# A line trimmed of white space (and byte-order marks) at both ends, as `trim` does.
RE_TRIMMED_LINE = re.compile(r"[^\s\ufeff](?:[^\n]*[^\s\ufeff])?")
# A candidate boundary: terminal punctuation (group 1), then closing quotes/brackets (French
# style allows a space before »), then the white space that must follow (group 2).
# (The first mark is matched on its own so that the scan for it is a fast character-set one;
# a run of marks is tried from its first mark only, taken whole: linear on "......" of any length.)
RE_BOUNDARY = re.compile(r"([.!?…](?<![.!?…][.!?…])[.!?…]*+)(?:[”\"’'»)\]]|[ \u00a0]»)*(\s+)")
# The same in a scan over many trimmed lines: its white space stays in the line, and more of
# the trimmed line follows, just as when each line is scanned on its own. (Its white space is
# possessive: less of it could not be followed by more of the line either.)
RE_LINE_BOUNDARY = re.compile(
    r"([.!?…](?<![.!?…][.!?…])[.!?…]*+)(?:[”\"’'»)\]]|[ \u00a0]»)*([^\S\n]++)(?=(?:[^\S\n]|\ufeff)*+[^\s\ufeff])"
)
MAX_WORD = 40
# Everything up to the last white space or opening mark (“ " ‘ ' « ( [): what follows it is
# the word before a period.
RE_BEFORE_WORD = re.compile(r"(?s:.*)[\s“\"‘'«(\[]")
# A closed quotation. Marks are typographic, guillemet and straight ones, plus the doubled
# apostrophes and backticks of text converted from PTB tokens (''like this'', ``like this'').
# It opens at an opening mark (“ « ``), or at a straight one (" '') while none is open, and
# closes (group 1) at the very next mark if that is a closing (” ») or straight one; an
# opening mark met first restarts the quotation there. A lone ' or ` is not a mark. An
# opening without its close is matched alone, so the scan goes on after the whole mark.
# (Runs of other characters are taken whole; every repeat is possessive, as no two of its
# branches can start with the same character.)
RE_QUOTE_REGION = re.compile(r"(?:“|«|``|\"|'')(?:(?:[^“”«»\"'`]++|'(?!')|`(?!`))*+(”|»|\"|''))?")
RE_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
RE_NEXT_WORD = re.compile(r"[^\s,;:.!?”\"’'»)\]]+")
# A word of the signature after a quoted question or exclamation ("“Is it?” Sen. Ann Ruiz,
# R-Ohio, asked."): a reporting verb among the first few such words makes one sentence.
RE_SIGNATURE_WORD = re.compile(r"[\w’'.-]+")
MAX_SIGNATURE_WORDS = 8
BOM = "\ufeff"  # trimmed like white space, though str.isspace says it is not
# A longer sentence is cut at its last white space before the limit (or at the limit): no real
# sentence comes near it (the longest of PolNeAR's 31,000 has 1,395 characters), and so every
# rule that reads a sentence costs a bounded amount per character whatever the input (a
# megabyte with no full stop would otherwise be one sentence).
MAX_SENTENCE = 3_000
RE_TO_LAST_SPACE = re.compile(r"(?s:.*)\s")  # greedy: ends just after the last white space


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past white space (and byte-order marks) at both ends."""
    while start < end and (text[start].isspace() or text[start] == BOM):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == BOM):
        end -= 1
    return start, end


def line_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Non-blank lines of text[start:end], trimmed, in order."""
    stop = len(text) if end is None else end
    for match in RE_TRIMMED_LINE.finditer(text, start, stop):
        yield match.span()


def _period_ends(text: str, punct_start: int, next_at: int, lexicon: SentenceLexicon) -> bool:
    """Whether the period at text[punct_start], followed by text[next_at], ends a sentence:
    not after a title or an initial, after other abbreviations only before a sentence opener."""
    low = punct_start - MAX_WORD if punct_start > MAX_WORD else 0
    space = text.rfind(" ", low, punct_start)
    word = text[space + 1 if space >= 0 else low : punct_start]
    if not word.isalnum():  # it may hold another separator (or be a dotted abbreviation)
        before = RE_BEFORE_WORD.match(text, low, punct_start)
        word = text[before.end() if before else low : punct_start]
    if not word:
        return True
    if word in lexicon.never_final or (len(word) == 1 and "A" <= word <= "Z"):
        return False
    if word in lexicon.maybe_final or ("." in word and RE_DOTTED.match(word)):
        nxt = RE_NEXT_WORD.match(text, next_at)
        return nxt is not None and nxt.group(0) in lexicon.openers
    return True


def _signature(text: str, start: int, end: int, lexicon: SentenceLexicon) -> bool:
    """Whether text[start:end] opens with the signature of the quotation before it: a name or
    noun phrase and a reporting verb ("Trump asked.", "Sen. Ann Ruiz, R-Ohio, said")."""
    words = text[start : min(end, start + 120)].split(maxsplit=MAX_SIGNATURE_WORDS)[:MAX_SIGNATURE_WORDS]
    for word in words:
        bare = word.rstrip(".,")
        if RE_SIGNATURE_WORD.fullmatch(bare) is None:
            return False  # a mark other than a comma or a period closing the word
        if bare.lower() in lexicon.signature_verbs:
            return True
    return False


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Closed quotations in text[start:end] as (open mark, after close mark) spans.

    Curly and guillemet marks close whichever quotation is open (machine-translated text
    mixes “ with »); straight double quotes alternate. An opening mark met while a quotation
    is open restarts it, so an unbalanced mark never swallows the rest of the paragraph.
    """
    return [match.span() for match in RE_QUOTE_REGION.finditer(text, start, end) if match.lastindex]


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of the paragraph text[start:end], trimmed; they cover all its non-space text.

    A boundary inside a closed quotation does not split: a quotation of several sentences
    stays with its attribution (“A. B,” she said.).
    """
    return _split(text, start, end, RE_BOUNDARY.finditer(text, start, end), sentence_lexicon())


def lines_sentence_spans(text: str, lines: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """`sentence_spans` of each of `lines`, found with one scan of the text for all of them.

    The lines must be lines of `text` as `line_spans` gives them (trimmed, in order); any
    may be left out.
    """
    if not lines:
        return []
    lexicon = sentence_lexicon()
    found = RE_LINE_BOUNDARY.finditer(text, lines[0][0], lines[-1][1])
    match = next(found, None)
    result: list[list[tuple[int, int]]] = []
    for start, end in lines:
        while match is not None and match.start() < start:  # in a line left out
            match = next(found, None)
        if match is None or match.start() >= end:
            result.append(_capped(text, [(start, end)]))  # no boundary: the trimmed line is one sentence
            continue
        here: list[re.Match[str]] = []
        while match is not None and match.start() < end:
            here.append(match)
            match = next(found, None)
        result.append(_split(text, start, end, here, lexicon))
    return result


def _split(
    text: str, start: int, end: int, boundaries: Iterable[re.Match[str]], lexicon: SentenceLexicon
) -> list[tuple[int, int]]:
    """The sentences of text[start:end], given its candidate boundaries in order."""
    regions: list[tuple[int, int]] = []
    regions_read = False  # they are read once a boundary needs them
    region_at = 0
    spans: list[tuple[int, int]] = []
    sentence_start = start
    if start < end and (text[start].isspace() or text[start] == BOM):
        sentence_start = trim(text, start, end)[0]
    for match in boundaries:
        punct_end, next_at = match.span(2)
        if next_at >= end:
            break
        following = text[next_at]
        if following.islower() or following in ",;:":
            continue
        punct_start = match.start()
        if not regions_read:
            regions, regions_read = quote_regions(text, start, end), True
        while region_at < len(regions) and regions[region_at][1] <= punct_end:
            region_at += 1
        if region_at < len(regions) and regions[region_at][0] < punct_start:
            continue
        if match.group(1) == "." and not _period_ends(text, punct_start, next_at, lexicon):
            continue
        if match.group(1)[-1] in "?!" and punct_end > match.end(1) and _signature(text, next_at, end, lexicon):
            continue  # “Is that all?” Trump asked.
        # The boundary ends in a mark and the next sentence starts after white space, so
        # both ends are trimmed already, but for a byte-order mark.
        spans.append((sentence_start, punct_end))
        sentence_start = next_at if following != BOM else trim(text, next_at, end)[0]
    last = end
    if sentence_start < last and (text[last - 1].isspace() or text[last - 1] == BOM):
        last = trim(text, sentence_start, end)[1]
    if sentence_start < last:
        spans.append((sentence_start, last))
    return _capped(text, spans)


def _capped(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` with every span longer than MAX_SENTENCE cut into pieces of at most that many
    characters, at white space where there is some in the second half of a piece."""
    if all(end - start <= MAX_SENTENCE for start, end in spans):
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_SENTENCE:
            limit = start + MAX_SENTENCE
            space = RE_TO_LAST_SPACE.match(text, start + MAX_SENTENCE // 2, limit)
            cut = space.end() - 1 if space is not None else limit
            piece = trim(text, start, cut)
            if piece[0] < piece[1]:
                out.append(piece)
            start = trim(text, cut, end)[0]
        if start < end:
            out.append((start, end))
    return out
