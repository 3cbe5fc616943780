"""Corroboration: how many outlets report an event or a claim, and how many independent
origins stand behind them.

Wire copies are not consensus: a claim's origin is the reporting link nearest to its speaker
(the last entry of its `via` chain: "TASS" in an article that rewrites a TASS item), and the
article itself when it names no intermediary. Two outlets rewriting one TASS item share one
origin. A claim is corroborated by claims of other articles about the same event, from the
same claimant, with the same polarity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import msgspec

from research.model import Article, Claim, Event

__all__ = ["Corroboration", "corroborate", "origin_of"]

RULE_EVENT = "corroboration.event_outlets.v1"
RULE_CLAIM = "corroboration.same_claimant_polarity.v1"


class Corroboration(msgspec.Struct, frozen=True, kw_only=True):
    """Who reports one event or claim: its articles, their outlets and the distinct origins.

    level: "event" or "claim"; subject: the event or claim id; claimant and polarity: of the
    claim (null for events); independent: the number of distinct origins.
    """

    level: str
    subject: str
    event: str | None = None
    claimant: str | None = None
    polarity: str | None = None
    articles: list[str] = []
    outlets: list[str] = []
    origins: list[str] = []
    independent: int = 0
    rule: str


def _outlet(article: Article | None, article_id: str) -> str:
    """The outlet of an article, else the article itself (a file of unknown outlet)."""
    return article.outlet if article is not None and article.outlet else article_id


def origin_of(claim: Claim, article: Article | None) -> str:
    """Where a claim entered the news: the link nearest its speaker, else the article's outlet."""
    return claim.via[-1] if claim.via else _outlet(article, claim.article)


def _summary(
    level: str, subject: str, claims: Sequence[Claim], by_id: Mapping[str, Article], **extra: str | None
) -> Corroboration:
    articles = sorted({c.article for c in claims})
    outlets = sorted({_outlet(by_id.get(a), a) for a in articles})
    origins = sorted({origin_of(c, by_id.get(c.article)) for c in claims})
    rule = RULE_EVENT if level == "event" else RULE_CLAIM
    return Corroboration(
        level=level, subject=subject, articles=articles, outlets=outlets, origins=origins,
        independent=len(origins), rule=rule, **extra,
    )  # fmt: skip


def corroborate(
    events: Sequence[Event], claims: Sequence[Claim], articles: Sequence[Article], *, speaker_names: Mapping[str, str]
) -> list[Corroboration]:
    """One row per event and one per claim that belongs to an event.

    speaker_names: claim id -> the canonical name of its speaker (so "the ministry" and
    "Russia's Defence Ministry" count as one claimant).
    """
    by_id = {a.id: a for a in articles}
    claim_by_id = {c.id: c for c in claims}
    rows: list[Corroboration] = []
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    event_of: dict[str, str] = {}
    for event in events:
        about = [claim_by_id[c] for c in event.claims if c in claim_by_id]
        row = _summary("event", event.id, about, by_id, event=event.id)
        # an article that reports the event in its own voice is an origin of its own
        own_voice = sorted(set(event.articles) - set(row.articles))
        origins = sorted(set(row.origins) | {_outlet(by_id.get(a), a) for a in own_voice})
        reporting = sorted(set(row.articles) | set(own_voice))
        outlets = sorted({_outlet(by_id.get(a), a) for a in reporting})
        rows.append(
            msgspec.structs.replace(row, articles=reporting, outlets=outlets, origins=origins, independent=len(origins))
        )
        for claim in about:
            claimant = speaker_names.get(claim.id) or (claim.speaker.name if claim.speaker else "")
            groups[(event.id, claimant.casefold(), claim.polarity)].append(claim)
            event_of.setdefault(claim.id, event.id)
    for (event_id, _, polarity), same in groups.items():
        name = speaker_names.get(same[0].id) or (same[0].speaker.name if same[0].speaker else None)
        for claim in same:
            if event_of.get(claim.id) == event_id:
                rows.append(_summary("claim", claim.id, same, by_id, event=event_id, claimant=name, polarity=polarity))
    return rows
