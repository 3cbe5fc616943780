"""Claims -> contradictions: sources that disagree about one aspect of one story.

Three kinds, each grouped by key in one pass (no all-pairs over the corpus):

- numeric (`contradiction.numeric.v1`): figures of one kind and unit family ("killed" troops,
  "destroyed" tanks) in one story and one event type (of the claim's sentence), from at least
  two claimants whose figures cannot both hold (234+ vs 100 vs about 60; 6 vs 5).
  Vague figures ("several") join as positions.
- outcome / responsibility (`contradiction.outcome.v1`): claims whose cue and content match the
  `[[outcome]]` lexicon of `rules/events.toml` put their claimant on one side of an axis
  ("repelled" vs "advanced"; "accused" vs "denied"); two claimants on different sides disagree.

A position is one claimant (the canonical name of the speaker's entity, else the speaker's name)
with its value and claims. The result does not depend on the order of the claims.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import msgspec

from research.lexicon import RULES_DIR, WordPatternRule, load_toml, parse_pattern_rules
from research.model import Claim, Contradiction, Event, Position, Quantity
from research.regex_syntax import any_needles, lowered, may_match, may_match_each

__all__ = ["OutcomeRule", "compares_figures", "contradictions", "outcome_rules", "outcome_sides", "unit_family"]

NUMERIC_RULE = "contradiction.numeric.v1"
OUTCOME_RULE = "contradiction.outcome.v1"
COMPARED_KINDS = frozenset({"killed", "injured", "destroyed", "shot_down", "launched", "casualties", "captured"})


class OutcomeRule(WordPatternRule, frozen=True, kw_only=True, dict=True):
    """Words that put a claim on one side of an axis of disagreement."""

    axis: str
    side: str


@functools.cache
def outcome_rules() -> tuple[OutcomeRule, ...]:
    """The `[[outcome]]` rules of `events.toml`, checked and compiled."""
    return parse_pattern_rules(load_toml("events.toml").get("outcome", []), OutcomeRule, str(RULES_DIR / "events.toml"))


@functools.cache
def _any_outcome() -> frozenset[str] | None:
    """Needles of every outcome rule: a text holding none takes no side."""
    return any_needles(rule.needles for rule in outcome_rules())


@functools.cache
def _unit_families() -> dict[str, str]:
    raw = load_toml("events.toml").get("unit_family", {})
    return {str(unit).lower(): family for family, units in raw.items() for unit in units}


def unit_family(unit: str | None) -> str:
    """The family a unit is compared in ("armoured personnel carriers" -> armoured_vehicle)."""
    key = (unit or "").lower().strip()
    return _unit_families().get(key, key)


def outcome_sides(text: str, *, deny: bool = False) -> dict[str, str]:
    """axis -> side for a claim's text; a denial ("denied the success") takes the other side of
    the incursion axis unless the text already names its side ("no violation")."""
    return _outcome_sides(text, deny=deny) if may_match(_any_outcome(), lowered(text)) else {}


def _outcome_sides(text: str, *, deny: bool) -> dict[str, str]:
    low = lowered(text)
    sides: dict[str, list[str]] = defaultdict(list)
    for rule in outcome_rules():
        if rule.side not in sides[rule.axis] and may_match(rule.needles, low) and rule.regex.search(text):
            sides[rule.axis].append(rule.side)
    out: dict[str, str] = {}
    for axis, found in sides.items():
        if not found:
            continue
        if axis == "incursion":
            side = "repelled" if "repelled" in found else "advanced"
            if deny and len(found) == 1:
                side = "advanced" if side == "repelled" else "repelled"
            out[axis] = side
        elif len(found) == 1:
            out[axis] = found[0]
    return out


def compares_figures(claim: Claim) -> bool:
    """Whether `contradictions` compares a figure of this claim: it has a speaker and a figure
    of a compared kind (only these claims need the event type of their sentence)."""
    return claim.speaker is not None and any(q.kind in COMPARED_KINDS for q in claim.quantities)


def _bounds(q: Quantity) -> tuple[float, float] | None:
    if q.approx == "about" and q.value is not None:
        return q.value * 0.9, q.value * 1.1
    low = q.low if q.low is not None else q.value
    high = q.high if q.high is not None else q.value
    if low is None and high is None:
        return None
    return (low if low is not None else 0.0), (high if high is not None else float("inf"))


def _figure(q: Quantity) -> str:
    if q.value is None:
        return q.approx
    number = f"{q.value:g}"
    prefix = {"more_than": "more than ", "at_least": "at least ", "about": "about ", "up_to": "up to "}
    return prefix.get(q.approx, "") + number


def _claimant(claim: Claim, speaker_names: Mapping[str, str]) -> str | None:
    if claim.speaker is None:
        return None
    return speaker_names.get(claim.id, claim.speaker.name)


def _event_of(claim_ids: Iterable[str], event_of: Mapping[str, list[str]]) -> str | None:
    votes: dict[str, int] = defaultdict(int)
    for cid in claim_ids:
        for e in event_of.get(cid, []):
            votes[e] += 1
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0] if votes else None


def contradictions(
    claims: Iterable[Claim],
    *,
    scope_of: Mapping[str, str] | None = None,
    speaker_names: Mapping[str, str] | None = None,
    events: Sequence[Event] = (),
    type_of: Mapping[str, str] | None = None,
) -> list[Contradiction]:
    """Contradictions among `claims`, sorted by id.

    scope_of: article id -> story id (claims are compared within a story; default: one scope);
    speaker_names: claim id -> canonical claimant name (default: the speaker's name);
    events: to name the event most of a contradiction's claims belong to;
    type_of: claim id -> event type of its sentence: figures are compared only within one type
    (or among untyped sentences), so the Kryvyi Rih missile's injured are not set against the
    Belgorod drone's.
    """
    claims = list(claims)
    via_of = {c.id: c.via for c in claims}
    types = type_of or {}
    scopes = scope_of or {}
    names = speaker_names or {}
    event_of: dict[str, list[str]] = defaultdict(list)
    for e in events:
        for cid in e.claims:
            event_of[cid].append(e.id)
    numeric: dict[tuple[str, str, str, str], dict[str, list[tuple[Quantity, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    stances: dict[tuple[str, str], dict[str, dict[str, set[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set))
    )
    speaking = [(claim, who) for claim in claims if (who := _claimant(claim, names)) is not None]
    texts = [f"{claim.cue.text if claim.cue else ''} {claim.content.text}" for claim, _ in speaking]
    for (claim, who), text, maybe in zip(speaking, texts, may_match_each(texts, _any_outcome()), strict=True):
        scope = scopes.get(claim.article, "")
        for q in claim.quantities:
            if q.kind in COMPARED_KINDS:
                numeric[(scope, types.get(claim.id, ""), q.kind, unit_family(q.unit))][who].append((q, claim.id))
        for axis, side in (_outcome_sides(text, deny=claim.polarity == "deny") if maybe else {}).items():
            stances[(scope, axis)][who][side].add(claim.id)
    out: list[Contradiction] = []
    for (scope, type_, kind, family), by_who in numeric.items():
        bounds = {w: [b for q, _ in figs if (b := _bounds(q)) is not None] for w, figs in by_who.items()}
        precise = [w for w, bs in bounds.items() if bs]
        clash = any(
            all(a[1] < b[0] or b[1] < a[0] for a in bounds[w1] for b in bounds[w2])
            for i, w1 in enumerate(sorted(precise))
            for w2 in sorted(precise)[i + 1 :]
        )
        if len(by_who) < 2 or not clash:
            continue
        positions = []
        for who in sorted(by_who):
            figs = sorted(by_who[who], key=lambda f: (f[0].value is None, f[0].value or 0.0, f[1]))
            values = sorted({_figure(q) for q, _ in figs})
            numbers = {q.value for q, _ in figs}
            number = next(iter(numbers)) if len(numbers) == 1 else None
            claim_ids = sorted({cid for _, cid in figs})
            positions.append(Position(speaker=who, value=" / ".join(values), number=number, claims=claim_ids))
        cids = [c for p in positions for c in p.claims]
        out.append(
            Contradiction(
                id=f"{NUMERIC_RULE}:{scope}:{type_ or 'untyped'}:{kind}:{family}",
                event=_event_of(cids, event_of),
                about=f"{kind} ({family})",
                positions=positions,
            )
        )
    for (scope, axis), held_by in stances.items():
        sides = {side for held in held_by.values() for side in held}
        if len(held_by) < 2 or len(sides) < 2:
            continue
        positions = [
            Position(
                speaker=who,
                value=" / ".join(sorted(held_by[who])),
                claims=sorted({c for ids in held_by[who].values() for c in ids}),
            )
            for who in sorted(held_by)
        ]
        cids = [c for p in positions for c in p.claims]
        out.append(
            Contradiction(
                id=f"{OUTCOME_RULE}:{scope}:{axis}",
                event=_event_of(cids, event_of),
                about=axis,
                positions=positions,
            )
        )
    return sorted((_with_via(c, via_of) for c in out), key=lambda c: c.id)


def _with_via(contradiction: Contradiction, via_of: Mapping[str, Sequence[str]]) -> Contradiction:
    """Each position with the outlets and platforms its claims came through, in order."""
    positions = []
    for position in contradiction.positions:
        via: list[str] = []
        for cid in position.claims:
            via.extend(v for v in via_of.get(cid, ()) if v not in via)
        positions.append(msgspec.structs.replace(position, via=via))
    return msgspec.structs.replace(contradiction, positions=positions)
