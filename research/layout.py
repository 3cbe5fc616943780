"""The layout of one article: date line, title, headings, body and boilerplate, as spans.

Boilerplate (share widgets, comment boxes, breadcrumbs, captions, credit lines, repeated
headlines) is kept as spans with the rule that marked it and gets no sentences, so no later
stage extracts from it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

import msgspec

from research.lexicon import boilerplate_rules
from research.model import Boilerplate, BoilerplateKind, Paragraph, Sentence, Span, Zone
from research.text import line_spans, lines_sentence_spans

__all__ = ["RE_DATE_LINE", "Layout", "layout"]

# ` date 2024-03-12` at the very start of the text (the header some scrapers write).
RE_DATE_LINE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)")
TERMINAL = ".!?:;,…\"“”«»'’)"
RE_INNER_BOUNDARY = re.compile(r"[.!?]\s+[A-Z“\"]")
# The global flags at the start of a pattern, as in (?i)x.
RE_GLOBAL_FLAGS = re.compile(r"(?:\(\?([aiLmsux]+)\))+")

TITLE_MAX_CHARS = 250
HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 16

RULE_DATE_LINE = "layout.date_line.v1"
RULE_TITLE_FIRST_LINE = "layout.title_first_line.v1"
RULE_TITLE_GIVEN = "layout.title_given.v1"
RULE_HEADING = "layout.heading.v1"
RULE_BODY = "layout.body.v1"
RULE_REPEATED = "boilerplate.repeated_headline.v1"


class Layout(msgspec.Struct, frozen=True, kw_only=True):
    """What `layout` finds in one text."""

    published: dt.date | None
    date_span: Span | None
    title: str | None
    title_span: Span | None
    boilerplate: list[Boilerplate]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]


def _date_line(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    match = RE_DATE_LINE.match(text)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)), (match.start(), match.end())
    except ValueError:
        return None


def _grouped(pattern: str) -> str:
    """`pattern` as one group that keeps its flags when joined with others: (?i)x is (?i:x)."""
    found = RE_GLOBAL_FLAGS.match(pattern)
    if not found:
        return f"(?:{pattern})"
    flags = "".join(sorted(set(found.group(0)) - set("(?)")))
    newline = "\n" if "x" in flags else ""  # ends a verbose pattern's trailing comment
    return f"(?{flags}:{pattern[found.end() :]}{newline})"


@functools.cache
def _screens() -> tuple[Callable[[str], re.Match[str] | None], ...]:
    """Searches of which one finds something in every paragraph that some boilerplate rule
    matches: the strings the rules with `needs_one_of` need, and the other rules' patterns
    joined into one (a rule with groups alone, as joining would renumber them)."""
    rules = boilerplate_rules()
    needed = [re.escape(s) for rule in rules for s in rule.needs_one_of]
    joinable = [rule.pattern for rule in rules if not rule.needs_one_of and not rule.regex.groups]
    alone = [rule.regex for rule in rules if not rule.needs_one_of and rule.regex.groups]
    patterns = [re.compile("|".join(group)) for group in (needed, [_grouped(p) for p in joinable]) if group]
    return tuple(pattern.search for pattern in (*patterns, *alone))


def _boilerplate_rule(line: str) -> tuple[str, BoilerplateKind] | None:
    for rule in boilerplate_rules():
        if rule.regex.search(line):
            return rule.id, rule.kind
    return None


def _norm(line: str) -> str:
    """Case-folded, final periods dropped, white space runs as one space."""
    folded = line.casefold()
    if folded.isprintable() and "  " not in folded:  # its only white space is single spaces
        return folded.rstrip(".").strip(" ")
    return " ".join(folded.rstrip(".").split())


def _is_headline(line: str, max_chars: int, max_words: int | None = None) -> bool:
    """Short, capitalised, one sentence, no closing punctuation: a title or a subheading."""
    if len(line) > max_chars or not line[:1].isupper() or line[-1] in TERMINAL:
        return False
    if RE_INNER_BOUNDARY.search(line):
        return False
    words = len(line.split())
    return words >= 2 and (max_words is None or words <= max_words)


def layout(text: str, *, article_id: str, given_title: str | None = None) -> Layout:
    """Split `text` into zoned paragraphs and sentences; find date line, title and boilerplate.

    given_title: a title known from metadata (documents column, HTML head); the first
    paragraph that repeats it becomes the title span.
    """
    published: dt.date | None = None
    date_span: Span | None = None
    boilerplate: list[Boilerplate] = []
    body_from = 0
    found = _date_line(text)
    if found:
        published, (ds, de) = found
        date_span = Span(start=ds, end=de, text=text[ds:de])
        boilerplate.append(Boilerplate(start=ds, end=de, text=text[ds:de], kind="date_line", rule=RULE_DATE_LINE))
        body_from = de

    title = given_title
    title_span: Span | None = None
    headlines: set[str] = set()
    # The first folded character of each headline: lines are trimmed and folding never gives
    # white space, so a line's normal form starts with it, and a line starting with another
    # character repeats no headline (most lines are screened out without normalising them).
    headline_starts: set[str] = set()
    seen_content = False
    paragraphs: list[Paragraph] = []
    content: list[int] = []  # the lines that are not boilerplate, which get sentences
    sentences: list[Sentence] = []
    given = _norm(given_title) if given_title else None
    lines = list(line_spans(text, body_from))
    screens = _screens()
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        zone: Zone
        matched = None
        for screen in screens:  # a line that no screen finds anything in matches no rule
            if screen(line) is not None:
                matched = _boilerplate_rule(line)
                break
        if matched:
            zone, rule = "boilerplate", matched[0]
            boilerplate.append(Boilerplate(start=start, end=end, text=line, kind=matched[1], rule=rule))
        elif line[0].casefold()[0] in headline_starts and _norm(line) in headlines:
            zone, rule = "boilerplate", RULE_REPEATED
            boilerplate.append(Boilerplate(start=start, end=end, text=line, kind="repeated_headline", rule=rule))
        elif title_span is None and not seen_content and given is not None and _norm(line) == given:
            zone, rule = "title", RULE_TITLE_GIVEN
        elif (
            title_span is None
            and not seen_content
            and given is None
            and index + 1 < len(lines)
            and _is_headline(line, TITLE_MAX_CHARS)
        ):
            zone, rule = "title", RULE_TITLE_FIRST_LINE
        elif index + 1 < len(lines) and _is_headline(line, HEADING_MAX_CHARS, HEADING_MAX_WORDS):
            zone, rule = "heading", RULE_HEADING
        else:
            zone, rule = "body", RULE_BODY
        if zone == "title":
            title_span = Span(start=start, end=end, text=line)
            title = title if title is not None else line
        if zone in ("title", "heading"):
            headlines.add(_norm(line))
            headline_starts.add(line[0].casefold()[0])
        if zone != "boilerplate":
            seen_content = True
            content.append(index)
        paragraphs.append(Paragraph(article=article_id, index=index, start=start, end=end, zone=zone, rule=rule))
    for index, spans in zip(content, lines_sentence_spans(text, [lines[i] for i in content]), strict=True):
        for s, e in spans:
            sentences.append(Sentence(article=article_id, index=len(sentences), paragraph=index, start=s, end=e))
    return Layout(
        published=published,
        date_span=date_span,
        title=title,
        title_span=title_span,
        boilerplate=boilerplate,
        paragraphs=paragraphs,
        sentences=sentences,
    )
