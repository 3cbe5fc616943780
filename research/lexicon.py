"""Load the rule files in `research/rules/` into Structs, failing early on any malformed rule.

Rules are data: patterns, lexicons, examples and counter-examples. This module only reads
and checks them; the engines that apply them live beside the stage that uses them.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import msgspec

from research.errors import RuleError
from research.model import BoilerplateKind
from research.regex_syntax import needles

__all__ = [
    "RULES_DIR",
    "BoilerplateRule",
    "SentenceLexicon",
    "boilerplate_rules",
    "check_rule_id",
    "load_toml",
    "parse_boilerplate_rules",
    "parse_pattern_rules",
    "sentence_lexicon",
]

RULES_DIR = Path(__file__).parent / "rules"
RE_RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\.v[0-9]+$")


class BoilerplateRule(msgspec.Struct, frozen=True, kw_only=True, dict=True):
    """A paragraph-level pattern that marks boilerplate of one kind.

    needs_one_of: strings of which every paragraph the pattern matches contains one
    (case-sensitive); a paragraph with none of them skips the pattern. Empty: always tried.
    """

    id: str
    kind: BoilerplateKind
    pattern: str
    examples: list[str]
    counter_examples: list[str] = []
    needs_one_of: list[str] = []

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


class SentenceLexicon(msgspec.Struct, frozen=True, kw_only=True):
    """Words that decide whether a period ends a sentence."""

    never_final: frozenset[str]
    maybe_final: frozenset[str]
    openers: frozenset[str]
    signature_verbs: frozenset[str]


def load_toml(name: str) -> dict[str, Any]:
    """Parse `research/rules/NAME`, naming the file in any error."""
    path = RULES_DIR / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from exc


def check_rule_id(path: str, rule_id: str, seen: set[str]) -> None:
    """Rule ids look like `family.name.v1` and are unique within a file."""
    if not RE_RULE_ID.match(rule_id):
        raise RuleError(f"{path}: rule id {rule_id!r} is not of the form family.name.v1")
    if rule_id in seen:
        raise RuleError(f"{path}: rule id {rule_id!r} is defined twice")
    seen.add(rule_id)


class PatternRule(Protocol):
    """A rule with an id and a compiled pattern (boilerplate, event triggers, outcome words)."""

    @property
    def id(self) -> str: ...

    @property
    def regex(self) -> re.Pattern[str]: ...


class WordPatternRule(msgspec.Struct, frozen=True, kw_only=True, dict=True):
    """A case-insensitive pattern over words (event triggers, outcome words), with the needles
    one of which every match holds (`research.regex_syntax`): a text without them is skipped."""

    id: str
    pattern: str
    examples: list[str]
    counter_examples: list[str] = []

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)

    @functools.cached_property
    def needles(self) -> frozenset[str] | None:
        return needles(self.pattern)


R = TypeVar("R", bound=PatternRule)


def parse_pattern_rules(entries: Iterable[Any], struct: type[R], path: str) -> tuple[R, ...]:
    """Check and convert rule entries of a parsed rules file: fields typed, ids of the form
    family.name.v1 and unique, patterns compiled. Errors name the file and the rule."""
    rules: list[R] = []
    seen: set[str] = set()
    for entry in entries:
        rule_id = str(entry.get("id", "?")) if isinstance(entry, dict) else "?"
        try:
            rule = msgspec.convert(entry, struct)
        except msgspec.ValidationError as exc:
            raise RuleError(f"{path}: rule {rule_id!r}: {exc}") from exc
        check_rule_id(path, rule.id, seen)
        try:
            rule.regex  # noqa: B018 - compile now so a bad pattern fails at load
        except re.error as exc:
            raise RuleError(f"{path}: rule {rule.id!r}: bad pattern: {exc}") from exc
        rules.append(rule)
    return tuple(rules)


def parse_boilerplate_rules(raw: dict[str, Any], path: str) -> tuple[BoilerplateRule, ...]:
    """Check and convert the `[[boilerplate]]` entries of a parsed rules file."""
    rules = parse_pattern_rules(raw.get("boilerplate", []), BoilerplateRule, path)
    for rule in rules:
        needed = rule.needs_one_of
        if needed and any(not any(s in example for s in needed) for example in rule.examples):
            raise RuleError(f"{path}: rule {rule.id!r}: an example holds none of needs_one_of")
    return rules


@functools.cache
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """The boilerplate rules of `layout.toml`, in file order (the first match wins)."""
    return parse_boilerplate_rules(load_toml("layout.toml"), str(RULES_DIR / "layout.toml"))


@functools.cache
def sentence_lexicon() -> SentenceLexicon:
    """Abbreviations and sentence openers of `sentences.toml`."""
    raw = load_toml("sentences.toml")
    try:
        abbreviations = raw["abbreviations"]
        return SentenceLexicon(
            never_final=frozenset(abbreviations["never_final"]),
            maybe_final=frozenset(abbreviations["maybe_final"]),
            openers=frozenset(raw["openers"]["words"]),
            signature_verbs=frozenset(raw["signatures"]["verbs"]),
        )
    except KeyError as exc:
        raise RuleError(f"{RULES_DIR / 'sentences.toml'}: missing key {exc}") from exc


class CueVerb(msgspec.Struct, frozen=True, kw_only=True):
    """One inflected form of a cue verb and what a claim made with it means."""

    form: str
    lemma: str
    verb_class: str
    certainty: str
    polarity: str
    needs_clause: bool = False


class AttributionLexicon(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the attribution engine looks up, as sets and form tables."""

    verbs: dict[str, CueVerb]
    according_to: tuple[str, ...]
    stop_words: frozenset[str]
    adverbs: frozenset[str]
    auxiliaries: frozenset[str]
    pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    determiners: frozenset[str]
    source_carriers: frozenset[str]
    roles: tuple[str, ...]
    organisation_words: frozenset[str]
    media_nouns: frozenset[str]
    hedged_show: tuple[str, ...]
    unverified_words: tuple[str, ...]
    probable_words: tuple[str, ...]
    possible_words: tuple[str, ...]
    conditional_words: tuple[str, ...]
    not_verified: tuple[str, ...]
    negations: frozenset[str]
    outlets: tuple[str, ...]
    platforms: tuple[str, ...]
    article_level_min_mentions: int


def inflections(lemma: str, irregular: dict[str, list[str]]) -> list[str]:
    """lemma, third person, past, past participle and gerund of a regular English verb."""
    if lemma in irregular:
        return [lemma, *irregular[lemma]]
    if lemma.endswith("e"):
        past, gerund = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past, gerund = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, gerund = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return [lemma, third, past, past, gerund]


@functools.cache
def attribution_lexicon() -> AttributionLexicon:
    """Cue verbs (with their inflections), speaker words, hedges and outlets of `attribution.toml`."""
    path = RULES_DIR / "attribution.toml"
    raw = load_toml("attribution.toml")
    try:
        irregular: dict[str, list[str]] = raw["irregular"]
        verbs: dict[str, CueVerb] = {}
        for group in raw["verbs"]:
            for lemma in group["lemmas"]:
                for form in inflections(lemma, irregular):
                    verbs.setdefault(
                        form,
                        CueVerb(
                            form=form,
                            lemma=lemma,
                            verb_class=group["class"],
                            certainty=group["certainty"],
                            polarity=group["polarity"],
                            needs_clause=bool(group.get("needs_clause", False)),
                        ),
                    )
        speaker, media, certainty, via = raw["speaker"], raw["media"], raw["certainty"], raw["via"]
        return AttributionLexicon(
            verbs=verbs,
            according_to=tuple(raw["according_to"]["cues"]),
            stop_words=frozenset(speaker["stop_words"]),
            adverbs=frozenset(speaker["adverbs"]),
            auxiliaries=frozenset(speaker["auxiliaries"]),
            pronouns=frozenset(speaker["pronouns"]),
            person_pronouns=frozenset(speaker["person_pronouns"]),
            group_pronouns=frozenset(speaker["group_pronouns"]),
            determiners=frozenset(speaker["determiners"]),
            source_carriers=frozenset(speaker["source_carriers"]),
            roles=tuple(speaker["roles"]),
            organisation_words=frozenset(speaker["organisation_words"]),
            media_nouns=frozenset(media["nouns"]),
            hedged_show=tuple(media["hedged_show"]),
            unverified_words=tuple(certainty["unverified_words"]),
            probable_words=tuple(certainty["probable_words"]),
            possible_words=tuple(certainty["possible_words"]),
            conditional_words=tuple(certainty["conditional_words"]),
            not_verified=tuple(certainty["not_verified"]),
            negations=frozenset(raw["polarity"]["negations"]),
            outlets=tuple(via["outlets"]),
            platforms=tuple(via["platforms"]),
            article_level_min_mentions=int(via["article_level_min_mentions"]),
        )
    except (KeyError, TypeError) as exc:
        raise RuleError(f"{path}: missing or malformed entry {exc}") from exc
