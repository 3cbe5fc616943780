"""The records `research.query` answers with: one Struct per row shape of its frames.

A listing's frame has exactly the fields of its row Struct as columns, in order (a test
checks it), so a notebook's frame, an API page's items and these Structs are three views of
one row. Detail records (`ClaimDetail`, `EntityDetail`, `EventDetail`) gather one record
with what hangs off it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from research.model import Position, Quantity, Span, Speaker

__all__ = [
    "Certainty",
    "ClaimDetail",
    "ClaimKind",
    "ClaimRow",
    "ContradictionRow",
    "CorroborationRow",
    "EntityDetail",
    "EntityRow",
    "EventDetail",
    "EventRow",
    "FacetCount",
    "FigureRow",
    "LedgerRow",
    "MentionRow",
    "MergeRow",
    "Polarity",
    "SentenceText",
    "StoryRow",
]

ClaimKind = Literal["direct", "indirect", "mixed"]
Polarity = Literal["assert", "deny"]
Certainty = Literal["certain", "probable", "possible", "unverified"]


class Record(msgspec.Struct, frozen=True, kw_only=True):
    """Shared options of the query records: immutable and keyword-only."""


class ClaimRow(Record, frozen=True, kw_only=True):
    """One claim as listed: who claims what, through whom, how sure, about which events.

    start/end: the content span in the article's text; content: its text; speaker: the name
    the extractor filed the speaker under; claimant: the canonical name of the speaker's entity
    (else `speaker`); entity: that entity's id; origin: where the claim entered the news (the
    last link of `via`, else the outlet, else the article); date: `when`, else the article's
    publication date; events: the typed events it is about; figure_kinds: the kinds of the
    figures it states (killed, destroyed ...).
    """

    id: str
    article: str
    sentence: int
    start: int
    end: int
    content: str
    speaker: str | None
    claimant: str | None
    entity: str | None
    cue: str | None
    kind: ClaimKind
    via: list[str]
    origin: str
    polarity: Polarity
    certainty: Certainty
    when: dt.date | None
    date: dt.date | None
    published: dt.date | None
    outlet: str | None
    story: str | None
    events: list[str]
    figure_kinds: list[str]
    rule: str


class SentenceText(Record, frozen=True, kw_only=True):
    """The sentence a claim lies in: its index in the article, span and text."""

    index: int
    start: int
    end: int
    text: str


class ClaimDetail(Record, frozen=True, kw_only=True):
    """One claim in full: its sentence, spans, the speaker's entity, figures and the rule.

    speaker.entity: the id of the entity the speaker resolves to (null when none does);
    claimant: that entity's canonical name, else the speaker's name; figures: the quantities
    the claim states.
    """

    id: str
    article: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    story: str | None
    sentence: SentenceText
    content: Span
    speaker: Speaker | None
    claimant: str | None
    cue: Span | None
    kind: ClaimKind
    via: list[str]
    origin: str
    polarity: Polarity
    certainty: Certainty
    when: dt.date | None
    events: list[str]
    figures: list[Quantity]
    rule: str


class FacetCount(Record, frozen=True, kw_only=True):
    """How many rows of a filtered set hold one value of a column (null: rows without one)."""

    value: str | None
    count: int


class EntityRow(Record, frozen=True, kw_only=True):
    """A canonical entity with counts: mentions, articles mentioning it, claims it makes."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int
    articles: int
    claims: int


class MentionRow(Record, frozen=True, kw_only=True):
    """One typed mention in one article and the entity it resolves to."""

    id: str
    article: str
    start: int
    end: int
    text: str
    type: str
    entity: str | None
    rule: str


class MergeRow(Record, frozen=True, kw_only=True):
    """Why two spellings are one entity: the merge rule, the two forms and what it compared."""

    rule: str
    left: str
    right: str
    detail: str
    score: float | None


class EntityDetail(Record, frozen=True, kw_only=True):
    """One entity with every spelling, every mention, the evidence for each merge and how many
    claims it makes."""

    id: str
    name: str
    type: str
    aliases: list[str]
    articles: list[str]
    claims: int
    mentions: list[MentionRow]
    merges: list[MergeRow]


class EventRow(Record, frozen=True, kw_only=True):
    """A typed event: where, when, its story, how many articles, claims, outlets and independent
    origins report it, and how many contradictions it has."""

    id: str
    type: str
    date: dt.date | None
    story: str | None
    places: list[str]
    place_names: list[str]
    articles: int
    claims: int
    outlets: list[str]
    independent: int
    contradictions: int


class EventDetail(Record, frozen=True, kw_only=True):
    """One event with its articles, claims, outlets, independent origins and contradictions."""

    id: str
    type: str
    date: dt.date | None
    story: str | None
    places: list[str]
    place_names: list[str]
    articles: list[str]
    claims: list[str]
    outlets: list[str]
    origins: list[str]
    independent: int
    contradictions: list[str]


class LedgerRow(Record, frozen=True, kw_only=True):
    """One claimant's position on one event: the claims behind it and who carried them.

    about: the disputed aspect ("incursion", "killed (troops)") and contradiction: its id, both
    null for claims in no contradiction; position: the claimant's side or figure there
    ("repelled", "234"); number: that figure as a number; polarity: of the claims ("assert",
    "deny", or "mixed"); contents: the claims' texts, in the order of `claims`; outlets: the
    outlets (else articles) that printed them; origins: the distinct points where they entered
    the news; independent: how many origins.
    """

    event: str
    about: str | None
    contradiction: str | None
    position: str | None
    number: float | None
    claimant: str | None
    entity: str | None
    polarity: str
    certainty: list[str]
    claims: list[str]
    contents: list[str]
    via: list[str]
    articles: list[str]
    outlets: list[str]
    origins: list[str]
    independent: int


class FigureRow(Record, frozen=True, kw_only=True):
    """A figure stated in a claim, with its claimant, the events of its claim and its bounds."""

    id: str
    claim: str
    article: str
    outlet: str | None
    published: dt.date | None
    story: str | None
    events: list[str]
    speaker: str | None
    claimant: str | None
    entity: str | None
    via: list[str]
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    approx: str
    unit: str | None
    kind: str | None
    rule: str


class ContradictionRow(Record, frozen=True, kw_only=True):
    """Sources that disagree about one aspect of one event, one position per claimant.

    rule: the contradiction rule that found it; story: the story of its event (or of its claims).
    """

    id: str
    rule: str
    event: str | None
    story: str | None
    about: str
    claimants: list[str]
    positions: list[Position]


class StoryRow(Record, frozen=True, kw_only=True):
    """Articles about one real-world happening: their dates, events, claims and shared terms."""

    id: str
    articles: list[str]
    first_published: dt.date | None
    last_published: dt.date | None
    events: int
    claims: int
    terms: list[str]


class CorroborationRow(Record, frozen=True, kw_only=True):
    """Who reports one event or claim (`level`): its articles, their outlets and the distinct
    origins behind them (`independent` of them)."""

    level: str
    subject: str
    event: str | None
    claimant: str | None
    polarity: str | None
    articles: list[str]
    outlets: list[str]
    origins: list[str]
    independent: int
    rule: str
