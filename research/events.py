"""Claims and sentences -> typed events, grouped by (type, place, story).

A sentence reports an event when a trigger of `rules/events.toml` matches it (rule ids like
`event.trigger.drone_strike.v1`); the event is placed at every resolved place mentioned in the
same sentence. Country-level places ("Russia") anchor an event only when the sentence names no
narrower place. Sentences with the same type and place in the same story make one event, so the
Tyotkino incursion and the Belgorod-region attempts stay distinct. The event's date is the most
common `when` of its claims, else the earliest publication date of its articles. One pass over
the sentences, grouped by key: linear in corpus size.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import msgspec

from research.errors import RuleError
from research.lexicon import RULES_DIR, WordPatternRule, load_toml, parse_pattern_rules
from research.model import Claim, Entity, Event, IngestedArticle, Mention
from research.regex_syntax import any_needles, lowered, may_match, may_match_each

__all__ = [
    "RULE_ID",
    "EventTrigger",
    "PlaceContext",
    "claim_types",
    "event_triggers",
    "events",
    "excluded_place",
    "place_context",
    "sentence_event",
    "sentence_events",
]

RULE_ID = "event.trigger_place.v1"
MAX_ANCHORS = 3
BROAD_PLACE_RULES = frozenset({"mention.gazetteer.country.v1", "mention.gazetteer.region_world.v1"})


class EventTrigger(WordPatternRule, frozen=True, kw_only=True, dict=True):
    """A pattern that marks a sentence as reporting an event of one type."""

    type: str


@functools.cache
def event_triggers() -> tuple[EventTrigger, ...]:
    """The `[[trigger]]` rules of `events.toml`, checked and compiled."""
    return parse_pattern_rules(
        load_toml("events.toml").get("trigger", []), EventTrigger, str(RULES_DIR / "events.toml")
    )


@functools.cache
def _any_trigger() -> frozenset[str] | None:
    return any_needles(rule.needles for rule in event_triggers())


def sentence_event(text: str) -> EventTrigger | None:
    """The trigger that types a sentence: the first of `events.toml` that matches, if any."""
    return sentence_events([text])[0]


def sentence_events(texts: Sequence[str]) -> list[EventTrigger | None]:
    """`sentence_event` of each text; the texts that hold no needle of any trigger are found at once."""
    out: list[EventTrigger | None] = [None] * len(texts)
    for n, (text, maybe) in enumerate(zip(texts, may_match_each(texts, _any_trigger()), strict=True)):
        if not maybe:
            continue
        low = lowered(text)
        for rule in event_triggers():
            if may_match(rule.needles, low) and rule.regex.search(text):
                out[n] = rule
                break
    return out


class PlaceContext(msgspec.Struct, frozen=True, kw_only=True, dict=True):
    """Contexts in which a place mention does not place an event."""

    id: str
    not_before: list[str]
    dateline: str
    examples: list[str]
    counter_examples: list[str] = []

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.dateline)


@functools.cache
def place_context() -> PlaceContext:
    """The `[place_context]` rule of `events.toml`."""
    path = str(RULES_DIR / "events.toml")
    try:
        rule = msgspec.convert(load_toml("events.toml")["place_context"], PlaceContext)
        rule.regex  # noqa: B018 - compile now so a bad pattern fails at load
    except (KeyError, msgspec.ValidationError, re.error) as exc:
        raise RuleError(f"{path}: place_context: {exc}") from exc
    return rule


def excluded_place(sentence: str, start: int, end: int) -> bool:
    """Whether the place at `sentence[start:end]` is a dateline or a modifier ("Kyiv regime")."""
    rule = place_context()
    if sentence[end:].lstrip().lower().startswith(tuple(rule.not_before)):
        return True
    return start == 0 and rule.regex.match(sentence) is not None


class _Group:
    __slots__ = ("articles", "claims", "places", "sentences", "surfaces")

    def __init__(self) -> None:
        self.articles: set[str] = set()
        self.claims: set[str] = set()
        self.sentences: set[tuple[str, int]] = set()
        self.surfaces: set[str] = set()
        self.places: dict[str, None] = {}


def _sentence_places(mentions: Sequence[Mention]) -> list[Mention]:
    places = [m for m in mentions if m.type == "place" and m.entity]
    narrow = [m for m in places if m.rule not in BROAD_PLACE_RULES]
    return narrow or places


def claim_types(articles: Sequence[IngestedArticle], claims: Iterable[Claim]) -> dict[str, str]:
    """claim id -> the event type its sentence reports (claims in untyped sentences are left out)."""
    claims = list(claims)
    wanted = {(c.article, c.sentence) for c in claims}
    sentences = {
        key: a.article.text[s.start : s.end]
        for a in articles
        for s in a.sentences
        if (key := (a.article.id, s.index)) in wanted
    }
    typed = [c for c in claims if (c.article, c.sentence) in sentences]
    triggers = sentence_events([sentences[(c.article, c.sentence)] for c in typed])
    return {c.id: trigger.type for c, trigger in zip(typed, triggers, strict=True) if trigger is not None}


def events(
    articles: Sequence[IngestedArticle],
    mentions: Iterable[Mention],
    claims: Iterable[Claim],
    entities: Iterable[Entity] = (),
) -> list[Event]:
    """Typed events of a corpus, sorted by id; `mentions` carry resolved `entity` ids."""
    # only resolved places can place an event
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.type == "place" and m.entity:
            by_article[m.article].append(m)
    claims_at: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        claims_at[(c.article, c.sentence)].append(c)
    names = {e.id: e.name for e in entities}
    groups: dict[tuple[str, str, str], _Group] = {}
    published: dict[str, dt.date | None] = {}
    broad: set[str] = set()
    # the sentences that name a place, with their places
    placed: list[tuple[str, str, int, str, list[Mention]]] = []  # (scope, article, sentence, text, places)
    for ia in articles:
        article = ia.article
        published[article.id] = article.published
        scope = article.story or article.id
        ms = sorted(by_article.get(article.id, []), key=lambda m: m.start)
        i = 0
        for sentence in ia.sentences:
            while i < len(ms) and ms[i].start < sentence.start:
                i += 1
            j = i
            inside: list[Mention] = []
            while j < len(ms) and ms[j].start < sentence.end:
                if ms[j].end <= sentence.end:
                    inside.append(ms[j])
                j += 1
            if not inside:
                continue
            text = article.text[sentence.start : sentence.end]
            kept = [m for m in inside if not excluded_place(text, m.start - sentence.start, m.end - sentence.start)]
            places = _sentence_places(kept)
            if places:
                placed.append((scope, article.id, sentence.index, text, places))
    triggers = sentence_events([text for _, _, _, text, _ in placed])
    for (scope, article_id, sentence_index, _, places), trigger in zip(placed, triggers, strict=True):
        if trigger is None:
            continue
        # an enumeration of many places reports one wave, anchored at its first place
        anchors = places if len({m.entity for m in places}) <= MAX_ANCHORS else places[:1]
        for anchor in anchors:
            assert anchor.entity is not None
            group = groups.setdefault((scope, trigger.type, anchor.entity), _Group())
            group.articles.add(article_id)
            group.sentences.add((article_id, sentence_index))
            for m in places if len(anchors) == 1 else [anchor]:
                assert m.entity is not None
                group.places.setdefault(m.entity, None)
                group.surfaces.add(m.text)
            if anchor.rule in BROAD_PLACE_RULES:
                broad.add(anchor.entity)
            group.claims.update(c.id for c in claims_at.get((article_id, sentence_index), []))
    narrow_keys = {(scope, type_) for (scope, type_, place), g in groups.items() if place not in broad}
    groups = {k: g for k, g in groups.items() if k[2] not in broad or (k[0], k[1]) not in narrow_keys}
    when_of = {c.id: c.when for cs in claims_at.values() for c in cs}
    out: list[Event] = []
    for (scope, type_, place), group in groups.items():
        whens = Counter(d for cid in group.claims if (d := when_of.get(cid)) is not None)
        dates = [d for a in group.articles if (d := published.get(a)) is not None]
        date = min(whens.items(), key=lambda kv: (-kv[1], kv[0]))[0] if whens else (min(dates) if dates else None)
        others = [p for p in group.places if p != place]
        out.append(
            Event(
                id=f"{scope}:{type_}:{place}",
                type=type_,
                date=date,
                places=[place, *others],
                place_names=sorted({*(names.get(p, p) for p in group.places), *group.surfaces}),
                articles=sorted(group.articles),
                claims=sorted(group.claims),
            )
        )
    return sorted(out, key=lambda e: e.id)
