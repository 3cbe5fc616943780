"""Every record the pipeline produces, as frozen msgspec Structs.

Field names are the column names of the matching polars frame (`research.frames`) and the
keys of the export tables (`../shared/eval/README.md`). Offsets are Python string indices
(code points) into `Article.text`, exactly as read: `text[start:end]` is the span.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeVar

import msgspec

__all__ = [
    "Article",
    "Base",
    "Boilerplate",
    "Claim",
    "Contradiction",
    "Entity",
    "Event",
    "Figure",
    "IngestedArticle",
    "Mention",
    "MentionRef",
    "Paragraph",
    "Position",
    "Quantity",
    "Sentence",
    "Span",
    "Speaker",
    "TimeExpression",
    "decode_json",
    "encode_json",
]


class Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Shared options: immutable, keyword-only, strict on decode."""


class Span(Base, frozen=True, kw_only=True):
    """A slice of an article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


Zone = Literal["title", "heading", "body", "boilerplate"]
BoilerplateKind = Literal[
    "date_line",
    "breadcrumb",
    "share_widget",
    "comment_box",
    "also_read",
    "loading",
    "credit_line",
    "repeated_headline",
    "caption",
]


class Boilerplate(Base, frozen=True, kw_only=True):
    """Text kept in the article but excluded from extraction, with the rule that marked it."""

    start: int
    end: int
    text: str
    kind: BoilerplateKind
    rule: str


class Article(Base, frozen=True, kw_only=True):
    """One news article as read, with its metadata and the spans ingest found.

    id: file stem or the documents file's `id`; source: where it was read from;
    content_hash: sha256 of text and metadata, so re-ingesting unchanged input is a no-op;
    story: the group of articles about the same happening (filled by the events stage).
    """

    id: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    source: str
    content_hash: str
    text: str
    title_span: Span | None = None
    date_span: Span | None = None
    boilerplate: list[Boilerplate] = []
    story: str | None = None


class Paragraph(Base, frozen=True, kw_only=True):
    """A non-blank line of the article (trimmed of surrounding white space)."""

    article: str
    index: int
    start: int
    end: int
    zone: Zone
    rule: str


class Sentence(Base, frozen=True, kw_only=True):
    """A sentence inside a title, heading or body paragraph; boilerplate has none."""

    article: str
    index: int
    paragraph: int
    start: int
    end: int


class IngestedArticle(Base, frozen=True, kw_only=True):
    """What ingest makes of one input article: the article and its segments."""

    article: Article
    paragraphs: list[Paragraph]
    sentences: list[Sentence]


class MentionRef(Base, frozen=True, kw_only=True):
    """Where an entity is mentioned."""

    article: str
    start: int
    end: int


class Mention(Base, frozen=True, kw_only=True):
    """A typed mention of a person, organisation, place, outlet ... in one article."""

    id: str
    article: str
    start: int
    end: int
    text: str
    type: str
    entity: str | None = None
    rule: str


class Entity(Base, frozen=True, kw_only=True):
    """A canonical entity across the corpus, with every spelling seen."""

    id: str
    name: str
    type: str
    aliases: list[str] = []
    mentions: list[MentionRef] = []


class Quantity(Base, frozen=True, kw_only=True):
    """A figure: `value`/`low`/`high` follow the bounds convention of the export format."""

    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: str = "exact"
    unit: str | None = None
    kind: str | None = None
    rule: str = ""


class TimeExpression(Base, frozen=True, kw_only=True):
    """A date, date range, weekday or clock time in the text, normalised.

    date/end_date: the calendar day(s) it denotes (end_date only for ranges), resolved against
    the publication date when the text leaves them implicit ("Tuesday", "yesterday");
    time/end_time: "HH:MM" (24 h) as written; zone: the zone named ("GMT", "local", "Paris");
    utc/end_utc: "HH:MM" in UTC when the text gives it or the zone fixes it.
    """

    start: int
    end: int
    text: str
    kind: Literal["date", "date_range", "month", "weekday", "relative_day", "time", "time_range"]
    date: dt.date | None = None
    end_date: dt.date | None = None
    time: str | None = None
    end_time: str | None = None
    zone: str | None = None
    utc: str | None = None
    end_utc: str | None = None
    rule: str


class Figure(Base, frozen=True, kw_only=True):
    """A figure as the corpus states it: in a claim (claimant = its speaker) or in the article's voice."""

    id: str
    article: str
    sentence: int
    claim: str | None = None
    claimant: str | None = None
    via: list[str] = []
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: str = "exact"
    unit: str | None = None
    kind: str | None = None
    rule: str


class Speaker(Base, frozen=True, kw_only=True):
    """The speaker mention in the claim's sentence and the name it resolves to."""

    start: int
    end: int
    text: str
    name: str
    entity: str | None = None


class Claim(Base, frozen=True, kw_only=True):
    """An attributed statement: who claims what, through whom, how sure."""

    id: str
    article: str
    sentence: int
    content: Span
    speaker: Speaker | None = None
    cue: Span | None = None
    kind: Literal["direct", "indirect", "mixed"]
    via: list[str] = []
    polarity: Literal["assert", "deny"] = "assert"
    certainty: Literal["certain", "probable", "possible", "unverified"] = "certain"
    quantities: list[Quantity] = []
    when: dt.date | None = None
    event: str | None = None
    rule: str


class Event(Base, frozen=True, kw_only=True):
    """A typed real-world happening reported by one or more articles."""

    id: str
    type: str
    date: dt.date | None = None
    places: list[str] = []
    place_names: list[str] = []
    articles: list[str] = []
    claims: list[str] = []


class Position(Base, frozen=True, kw_only=True):
    """One side of a contradiction: who holds it, the claims behind it and the outlets and
    platforms those claims came through (`via`)."""

    speaker: str
    value: str | None = None
    number: float | None = None
    claims: list[str] = []
    via: list[str] = []


class Contradiction(Base, frozen=True, kw_only=True):
    """Sources that disagree about one aspect of one event."""

    id: str
    event: str | None = None
    about: str
    positions: list[Position] = []


T = TypeVar("T")

_encoder = msgspec.json.Encoder()


def encode_json(record: msgspec.Struct) -> bytes:
    """One record as compact JSON (dates as YYYY-MM-DD)."""
    return _encoder.encode(record)


def decode_json(data: bytes | str, type_: type[T]) -> T:
    """Parse JSON into a record, validating every field."""
    return msgspec.json.decode(data, type=type_)
