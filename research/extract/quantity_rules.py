"""Load `research/rules/quantities.toml` into checked Structs, failing early on any malformed entry.

The file holds the figure rules (ids, examples, counter-examples) and the lexicons the
engine in `research.extract.quantities` compiles once: number words, approximators, vague
quantifiers, units, kind cues, measure nouns and the exclusion lists.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

import msgspec

from research.errors import RuleError
from research.lexicon import RULES_DIR, check_rule_id, load_toml

__all__ = [
    "APPROX",
    "QUANTITIES_FILE",
    "ArticlePredicate",
    "BareVerb",
    "Example",
    "Exclusions",
    "KindCue",
    "Measure",
    "NounPhraseLexicon",
    "Numbers",
    "QuantityLexicon",
    "QuantityRule",
    "Unit",
    "Vague",
    "Zero",
    "parse_quantity_rules",
    "quantity_rules",
]

QUANTITIES_FILE = "quantities.toml"

Approx = Literal[
    "exact", "about", "more_than", "at_least", "less_than", "up_to", "almost", "several", "many", "dozens", "range"
]
APPROX: tuple[str, ...] = (
    "exact",
    "about",
    "more_than",
    "at_least",
    "less_than",
    "up_to",
    "almost",
    "several",
    "many",
    "dozens",
    "range",
)
Checked = Literal["value", "low", "high", "approx", "unit", "kind"]


class Strict(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Shared options: immutable, keyword-only, a misspelt key fails."""


class Example(Strict, frozen=True, kw_only=True):
    """A sentence and one figure it must yield; only the fields given (or listed in `null`) are checked."""

    text: str
    figure: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: Approx | None = None
    unit: str | None = None
    kind: str | None = None
    null: list[Checked] = []


class QuantityRule(Strict, frozen=True, kw_only=True):
    """One way a figure is found; counter_examples are sentences that must yield no figure at all."""

    id: str
    doc: str
    examples: list[Example]
    counter_examples: list[str] = []


class Numbers(Strict, frozen=True, kw_only=True):
    """Number words by role, glued scale letters (10bn) and fractions."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, float]
    suffix_scales: dict[str, float]
    fractions: dict[str, float]


class Approximator(Strict, frozen=True, kw_only=True):
    """Words before (or after) a number that bound it: more than, about, up to ..."""

    approx: Approx
    phrases: list[str]


class Vague(Strict, frozen=True, kw_only=True):
    """Quantifier words standing for a number: several, many, dozens of ..."""

    rule: str
    approx: Approx
    phrases: list[str]
    low: float | None = None
    needs_cue: bool = False


class Unit(Strict, frozen=True, kw_only=True):
    """A counted noun and its spellings; without a name every form is its own unit."""

    name: str | None = None
    group: str
    forms: list[str]
    kind: str | None = None
    fixed: bool = False
    relational: bool = False


class KindCue(Strict, frozen=True, kw_only=True):
    """Words in the sentence that say what happened to what is counted."""

    kind: str
    applies_to: list[str]
    phrases: list[str]
    direction: Literal["before", "after", "both"] = "both"


class Measure(Strict, frozen=True, kw_only=True):
    """A measure noun (population, death toll) that gives a bare number a unit and kind."""

    unit: str
    kind: str
    nouns: list[str]


class Phrases(Strict, frozen=True, kw_only=True):
    """A plain list of phrases (the link words after a measure noun)."""

    phrases: list[str]


class BareVerb(Strict, frozen=True, kw_only=True):
    """A verb whose bare-number object counts people (killed 12)."""

    kind: str
    phrases: list[str]


class ArticlePredicate(Strict, frozen=True, kw_only=True):
    """Predicates that make "a/an + unit" a count of one."""

    kind: str
    groups: list[str]
    phrases: list[str]


class Zero(Strict, frozen=True, kw_only=True):
    """Phrases that state a count of zero."""

    openings: list[str]
    nouns: dict[str, str]
    subjects: list[str]
    verbs: dict[str, str]


class Exclusions(Strict, frozen=True, kw_only=True):
    """What makes a number a date, year, time, label, duration or code instead of a figure."""

    months: list[str]
    designators: list[str]
    year_words: list[str]
    time_units: list[str]
    ordinal_suffixes: list[str]
    hyphen_units: list[str]


class NounPhraseLexicon(Strict, frozen=True, kw_only=True):
    """Words that end, fill or bridge the counted noun phrase."""

    stop_words: list[str]
    modifiers: list[str]
    anaphors: list[str]
    transparent: list[str]
    max_cue_distance: int


class QuantityLexicon(Strict, frozen=True, kw_only=True):
    """Everything in quantities.toml, checked."""

    rule: list[QuantityRule]
    numbers: Numbers
    approximator: list[Approximator]
    post_approximator: list[Approximator]
    vague: list[Vague]
    unit: list[Unit]
    kind: list[KindCue]
    measure: list[Measure]
    measure_links: Phrases
    bare_verb: list[BareVerb]
    participles: dict[str, str]
    article: list[ArticlePredicate]
    zero: Zero
    exclusions: Exclusions
    np: NounPhraseLexicon


def _convert_rules(raw: dict[str, Any], path: str) -> list[QuantityRule]:
    rules: list[QuantityRule] = []
    seen: set[str] = set()
    for entry in raw.get("rule", []):
        rule_id = str(entry.get("id", "?")) if isinstance(entry, dict) else "?"
        try:
            rule = msgspec.convert(entry, QuantityRule)
        except msgspec.ValidationError as exc:
            raise RuleError(f"{path}: rule {rule_id!r}: {exc}") from exc
        check_rule_id(path, rule.id, seen)
        if not rule.examples:
            raise RuleError(f"{path}: rule {rule.id!r}: every rule needs at least one example")
        rules.append(rule)
    return rules


def parse_quantity_rules(raw: dict[str, Any], path: str) -> QuantityLexicon:
    """Check and convert a parsed quantities rules file; errors name the file and the entry."""
    rules = _convert_rules(raw, path)
    try:
        lexicon = msgspec.convert({**raw, "rule": []}, QuantityLexicon)
    except msgspec.ValidationError as exc:
        raise RuleError(f"{path}: {exc}") from exc
    lexicon = msgspec.structs.replace(lexicon, rule=rules)
    rule_ids = {rule.id for rule in rules}
    for vague in lexicon.vague:
        if vague.rule not in rule_ids:
            raise RuleError(f"{path}: vague {vague.phrases!r} names undefined rule {vague.rule!r}")
    groups = {unit.group for unit in lexicon.unit} | {"unknown"}
    forms: dict[str, str] = {}
    for unit in lexicon.unit:
        for form in unit.forms:
            if form != form.lower() or not form.strip():
                raise RuleError(f"{path}: unit {unit.name or form!r}: form {form!r} must be lower case")
            if form in forms:
                raise RuleError(f"{path}: unit form {form!r} is listed twice ({forms[form]!r})")
            forms[form] = unit.name or form
    for cue in lexicon.kind:
        for group in cue.applies_to:
            if group not in groups:
                raise RuleError(f"{path}: kind {cue.kind!r}: applies_to names unknown group {group!r}")
    for predicate in lexicon.article:
        for group in predicate.groups:
            if group not in groups:
                raise RuleError(f"{path}: article {predicate.kind!r}: unknown group {group!r}")
    for measure in lexicon.measure:
        if measure.unit not in forms.values():
            raise RuleError(f"{path}: measure {measure.nouns!r}: unit {measure.unit!r} is not a unit name")
    return lexicon


@functools.cache
def quantity_rules() -> QuantityLexicon:
    """The rules and lexicons of `rules/quantities.toml`, loaded once."""
    return parse_quantity_rules(load_toml(QUANTITIES_FILE), str(RULES_DIR / QUANTITIES_FILE))
