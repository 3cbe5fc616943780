"""Typed mentions of people, organisations, armed groups, government bodies, places and outlets.

Rules are data (`research/rules/mentions.toml`); this module is the small engine that applies
them to the title, headings and body of one article (and to picture captions and credit
lines, which name real actors; see `article_mentions`). Passes, each a linear regex scan:

1. cues: type-cue patterns with a name slot ("the village of X", "X region", "X news agency");
2. descriptors: a country or demonym before a state-body description ("Russia's armed forces");
3. collective descriptions of irregular armed groups ("pro-Ukrainian Russian militias");
4. capitalised runs ("Freedom of Russia Legion", "Kursk Governor Roman Starovoyt"), split at
   titles and possessives and typed by gazetteer, head word, given name or title.

Spans found by an earlier pass are not searched again by a later one. A last pass over the
article types bare names by what the article says elsewhere (a surname of a named person, an
acronym defined in parentheses, a name typed by a cue). Every mention carries its rule id;
`entity` is left for `research.resolve`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import msgspec
from anyascii import anyascii

from research.errors import RuleError
from research.extract.tokens import RE_GLUED
from research.lexicon import RULES_DIR, check_rule_id, load_toml
from research.model import Article, Mention, Paragraph, Sentence
from research.patterns import literal_trie

__all__ = [
    "CAPTION_KINDS",
    "PROVISIONAL_RULES",
    "RULE_ACRONYM",
    "RULE_ACRONYM_PARENTHESIS",
    "RULE_CAPITALISED",
    "RULE_COLLECTIVE",
    "RULE_DEFINITE_HEAD",
    "RULE_GIVEN_NAME",
    "RULE_SURNAME",
    "RULE_TITLE_NAME",
    "CueRule",
    "DescriptorRule",
    "GazetteerName",
    "MentionRules",
    "TransliterationRule",
    "article_mentions",
    "fold",
    "mention_rules",
    "parse_mention_rules",
    "skeleton",
    "text_mentions",
]

RULES_FILE = "mentions.toml"
RULE_CAPITALISED = "mention.capitalised.v1"
RULE_ACRONYM = "mention.acronym.v1"
RULE_ACRONYM_PARENTHESIS = "mention.acronym_parenthesis.v1"
RULE_GIVEN_NAME = "mention.given_name.v1"
RULE_TITLE_NAME = "mention.title_name.v1"
RULE_SURNAME = "mention.surname.v1"
RULE_DEFINITE_HEAD = "mention.definite_head.v1"
RULE_GLUED_ACRONYM = "mention.glued_acronym.v1"
RULE_COLLECTIVE = "mention.collective.v1"
# Types these rules give are guesses: resolve lets such a mention join a typed entity.
PROVISIONAL_RULES = frozenset({RULE_CAPITALISED, RULE_ACRONYM})
PROVISIONAL_TYPE = "organisation"
# Boilerplate that still names actors: picture captions and "With Reuters, AP" credit lines.
CAPTION_KINDS = frozenset({"caption", "credit_line"})

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽА-ЯЁЄІЇҐ"
CAPWORD = rf"(?:[A-Z]\.){{2,}}(?![\w])|[{UPPER}][\w]*(?:[’'][\w]+)?(?:-[\w]+(?:[’'][\w]+)?)*"
# CAPWORD not glued to a word before it, written to open with its character class so that
# `re` skips to the next capital letter at C speed (same matches as (?<![\w’'-])(?:CAPWORD)).
CAPWORD_FIRST = (
    rf"[{UPPER}](?<![\w’'-].)(?:(?<=[A-Z])\.(?:[A-Z]\.)+(?![\w])|[\w]*(?:[’'][\w]+)?(?:-[\w]+(?:[’'][\w]+)?)*)"
)
SPACE = r"[ \t\u00a0]+"
RE_CAPWORD = re.compile(CAPWORD)
RE_WORD = re.compile(r"[\w’'.&-]+")
RE_NONSPACE = re.compile(r"\S+")
RE_AFTER_MARK = re.compile(r"[“”\"«»:—–.!?][ \t\u00a0]*(?=[^\W\d_])")
RE_DIGIT = re.compile(r"\d")
RE_ACRONYM = re.compile(rf"^(?:[{UPPER}]{{2,6}}|(?:[A-Z]\.){{2,}})$")
RE_GLUED_CAPS = re.compile(r"[A-Z](?<=[a-z].)[A-Z]+(?![\w])")  # (?<=[a-z])[A-Z]{2,}, opening with its class
RE_POSSESSIVE = re.compile(r"[’']s$", re.IGNORECASE)
RE_HYPHEN_ADJECTIVE = re.compile(
    r"^(?:(?:pro|anti|non|ex|post|pre|cross)-[\w’']+|[\w’']+-(?:based|backed|led|controlled|installed|occupied|"
    r"held|born|made|run|owned|style|era|speaking|supported|aligned|funded|linked))$",
    re.IGNORECASE,
)
RE_SLUG = re.compile(r"[^a-z0-9]+")
OPENERS = "“\"‘'«([—–- \u00a0"


# ---------------------------------------------------------------- rules as loaded


class GazetteerRuleEntry(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    type: str
    names: list[str]
    the_names: list[str] = []
    examples: list[str]
    counter_examples: list[str] = []


class HeadRuleEntry(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    type: str
    words: list[str]
    examples: list[str]
    counter_examples: list[str] = []


class CueRule(msgspec.Struct, frozen=True, kw_only=True):
    """A type-cue pattern with a `name`, `names` or `span` group, its type and key suffix."""

    id: str
    type: str
    pattern: str
    triggers: list[str]
    key_suffix: str | None = None
    full_form: bool = False
    examples: list[str]
    counter_examples: list[str] = []


class DescriptorRule(msgspec.Struct, frozen=True, kw_only=True):
    """Descriptions of one class of state body, qualified by a country or demonym."""

    id: str
    type: str
    class_: str = msgspec.field(name="class")
    forms: list[str]
    standalone: bool = False
    examples: list[str]
    counter_examples: list[str] = []


class CollectiveRule(msgspec.Struct, frozen=True, kw_only=True):
    """Heads and modifiers of collective descriptions of irregular armed groups."""

    id: str
    type: str
    heads: list[str]
    irregular_heads: list[str]
    irregular: list[str]
    neutral: list[str]
    armed_heads: list[str]
    examples: list[str]
    counter_examples: list[str] = []


class TransliterationRule(msgspec.Struct, frozen=True, kw_only=True):
    """One ordered rewrite towards a transliteration skeleton; examples are pairs that agree."""

    id: str
    pattern: str
    replacement: str
    examples: list[list[str]]
    counter_examples: list[list[str]] = []


class SpellingRule(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    pairs: list[list[str]]
    examples: list[list[str]]
    counter_examples: list[list[str]] = []


class GazetteerName(NamedTuple):
    """A known name: its canonical form, type, rule and whether it takes its article."""

    canonical: str
    type: str
    rule: str
    with_article: bool
    country: bool


class MentionRules(msgspec.Struct, frozen=True, kw_only=True, dict=True):
    """Everything the mention engine and the resolver look up, checked and indexed."""

    stop: frozenset[str]
    never: frozenset[str]
    connectors: frozenset[str]
    demonyms: dict[str, str]
    gazetteer: dict[str, GazetteerName]
    gazetteer_rules: tuple[GazetteerRuleEntry, ...]
    heads: dict[str, tuple[str, str]]
    head_rules: tuple[HeadRuleEntry, ...]
    titles: frozenset[str]
    max_title_words: int
    roles: tuple[str, ...]
    given_names: frozenset[str]
    cues: tuple[CueRule, ...]
    descriptors: tuple[DescriptorRule, ...]
    descriptor_forms: dict[str, DescriptorRule]
    collective: CollectiveRule
    transliteration: tuple[TransliterationRule, ...]
    spelling: dict[str, str]
    spelling_rules: tuple[SpellingRule, ...]

    @functools.cached_property
    def compiled_cues(self) -> tuple[tuple[CueRule, re.Pattern[str]], ...]:
        return tuple((cue, compile_cue(cue.pattern, self)) for cue in self.cues)

    @functools.cached_property
    def compiled_transliteration(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(rule.pattern), rule.replacement) for rule in self.transliteration)

    @functools.cached_property
    def skip_words(self) -> frozenset[str]:
        """Words that end a run or are skipped whole: stop and calendar words."""
        return self.stop | self.never

    @functools.cached_property
    def collective_sets(self) -> tuple[frozenset[str], ...]:
        """The collective rule's irregular and neutral modifiers, heads, irregular and armed heads."""
        rule = self.collective
        return (
            frozenset(rule.irregular),
            frozenset(rule.neutral),
            frozenset(h.lower() for h in rule.heads),
            frozenset(rule.irregular_heads),
            frozenset(rule.armed_heads),
        )

    @functools.cached_property
    def connectors_the(self) -> frozenset[str]:
        return self.connectors | {"the"}

    @functools.cached_property
    def run_breakers(self) -> frozenset[str]:
        """Calendar words that are not stop words: a capitalised run breaks at them."""
        return self.never - self.stop

    @functools.cached_property
    def role_words(self) -> frozenset[str]:
        return frozenset(r.lower() for r in self.roles)

    @functools.cached_property
    def title_first_words(self) -> frozenset[str]:
        return frozenset(t.split()[0] for t in self.titles)

    @functools.cached_property
    def cue_triggers(self) -> dict[str, frozenset[int]]:
        """Trigger word -> the cues (by index) it lets run."""
        out: dict[str, set[int]] = {}
        for n, cue in enumerate(self.cues):
            for word in cue.triggers:
                for w in self.roles if word == "{ROLES}" else (word,):
                    out.setdefault(w.lower(), set()).add(n)
        return {k: frozenset(v) for k, v in out.items()}

    @functools.cached_property
    def always_cues(self) -> frozenset[int]:
        return frozenset(n for n, cue in enumerate(self.cues) if not cue.triggers)

    @functools.cached_property
    def re_keyword(self) -> re.Pattern[str]:
        """Every cue trigger, descriptor form and collective head, in one pass (a trie).

        A collective head glued to the next sentence by a lost space still counts
        ("forcesThe unit said").
        """
        words = set(self.cue_triggers) | set(self.descriptor_forms) | {h.lower() for h in self.collective.heads}
        glued = "(?=(?:He|She|They|The|It|We)(?![a-z]))"
        # (?<!\w) is \b before a letter
        return re.compile(rf"(?<!\w){trie_pattern(words)}(?:\b|{glued})")

    @functools.cached_property
    def re_run(self) -> re.Pattern[str]:
        connectors = "|".join(sorted(self.connectors, key=len, reverse=True))
        joint = rf"(?:{SPACE}(?:(?:{connectors}){SPACE}(?:the{SPACE})?)?)"
        return re.compile(rf"{CAPWORD_FIRST}(?:{joint}(?:{CAPWORD}))*")

    @functools.cached_property
    def qualifiers(self) -> dict[str, str]:
        """Lower-case country names and demonyms -> the country they name."""
        out = {k: v for k, v in self.demonyms.items()}
        for key, entry in self.gazetteer.items():
            if entry.country:
                out[key] = entry.canonical
        return out

    @functools.cached_property
    def skeleton_given_names(self) -> frozenset[str]:
        return frozenset(skeleton(name, self) for name in self.given_names)


def _convert(entry: Any, type_: type[Any], path: str, seen: set[str]) -> Any:
    rule_id = str(entry.get("id", "?")) if isinstance(entry, dict) else "?"
    try:
        rule = msgspec.convert(entry, type_)
    except msgspec.ValidationError as exc:
        raise RuleError(f"{path}: rule {rule_id!r}: {exc}") from exc
    check_rule_id(path, rule.id, seen)
    return rule


def _case_variants(phrase: str) -> set[str]:
    words = phrase.split()
    small = {"of", "the", "for", "and", "in", "on"}
    return {
        phrase,
        phrase.upper(),
        " ".join(w[:1].upper() + w[1:] for w in words),
        " ".join(w if w in small else w[:1].upper() + w[1:] for w in words),
        words[0][:1].upper() + phrase[1:],
    }


def trie_pattern(phrases: Iterable[str]) -> str:
    """One regex alternation for many phrases, as a trie (fast to scan; longest match first).

    Phrases match in lower case, Title Case, Capitalised and UPPER CASE; a space between
    words matches any white space.
    """
    return literal_trie((v for phrase in phrases for v in _case_variants(phrase)), space=r"\s+")


def _placeholder_patterns(rules: MentionRules) -> dict[str, str]:
    name = rf"(?:{CAPWORD})(?:{SPACE}(?:{CAPWORD}))*"
    demonyms = literal_trie(rules.qualifiers, space=r"\s+")
    return {
        "NAME": name,
        "NAMES": rf"{name}(?:(?:\s*,\s*{name})*,?\s+and\s+{name})?",
        "DEMONYM": rf"(?i:{demonyms})",
        "ROLES": literal_trie(rules.roles, space=" "),
    }


def compile_cue(pattern: str, rules: MentionRules) -> re.Pattern[str]:
    """A cue pattern with its {NAME}/{NAMES}/{DEMONYM}/{ROLES} placeholders filled."""
    filled = pattern
    for key, value in _placeholder_patterns(rules).items():
        filled = filled.replace("{" + key + "}", value)
    return re.compile(filled)


def parse_mention_rules(raw: dict[str, Any], path: str) -> MentionRules:
    """Check and index a parsed mentions rules file; errors name the file and the rule."""
    seen: set[str] = set()
    try:
        words, persons = raw["words"], raw["persons"]
        gazetteer_rules = tuple(_convert(e, GazetteerRuleEntry, path, seen) for e in raw["gazetteer"])
        head_rules = tuple(_convert(e, HeadRuleEntry, path, seen) for e in raw["head"])
        cues = tuple(_convert(e, CueRule, path, seen) for e in raw["cue"])
        descriptors = tuple(_convert(e, DescriptorRule, path, seen) for e in raw["descriptor"])
        collective = _convert(raw["collective"], CollectiveRule, path, seen)
        transliteration = tuple(_convert(e, TransliterationRule, path, seen) for e in raw["transliteration"])
        spelling_rules = tuple(_convert(e, SpellingRule, path, seen) for e in raw["spelling"])
        demonyms = {str(k).replace("_", " ").lower(): str(v) for k, v in raw["demonyms"].items()}
        titles = [str(t) for t in persons["titles"]]
    except (KeyError, TypeError, AttributeError) as exc:
        raise RuleError(f"{path}: missing or malformed entry {exc}") from exc
    gazetteer: dict[str, GazetteerName] = {}
    for g_rule in gazetteer_rules:
        with_article = {n.lower() for n in g_rule.the_names}
        for group in g_rule.names:
            names = [n.strip() for n in group.split("|") if n.strip()]
            if not names:
                raise RuleError(f"{path}: rule {g_rule.id!r}: empty gazetteer entry")
            for name in names:
                gazetteer.setdefault(
                    _lookup_key(name),
                    GazetteerName(
                        canonical=names[0],
                        type=g_rule.type,
                        rule=g_rule.id,
                        with_article=name.lower() in with_article,
                        country=g_rule.id == "mention.gazetteer.country.v1",
                    ),
                )
    heads: dict[str, tuple[str, str]] = {}
    for h_rule in head_rules:
        for word in h_rule.words:
            heads.setdefault(word.lower(), (h_rule.type, h_rule.id))
    descriptor_forms: dict[str, DescriptorRule] = {}
    for d_rule in descriptors:
        for form in d_rule.forms:
            descriptor_forms.setdefault(form.lower(), d_rule)
    spelling: dict[str, str] = {}
    for s_rule in spelling_rules:
        for pair in s_rule.pairs:
            if len(pair) != 2:
                raise RuleError(f"{path}: rule {s_rule.id!r}: spelling pairs have two words, got {pair!r}")
            spelling[pair[0].lower()] = pair[1].lower()
    rules = MentionRules(
        stop=frozenset(words["stop"]),
        never=frozenset(words["never"]),
        connectors=frozenset(words["connectors"]),
        demonyms=demonyms,
        gazetteer=gazetteer,
        gazetteer_rules=gazetteer_rules,
        heads=heads,
        head_rules=head_rules,
        titles=frozenset(t.lower() for t in titles),
        max_title_words=max(len(t.split()) for t in titles),
        roles=tuple(persons["roles"]),
        given_names=frozenset(persons["given_names"]),
        cues=cues,
        descriptors=descriptors,
        descriptor_forms=descriptor_forms,
        collective=collective,
        transliteration=transliteration,
        spelling=spelling,
        spelling_rules=spelling_rules,
    )
    for cue in cues:
        try:
            compile_cue(cue.pattern, rules)
        except re.error as exc:
            raise RuleError(f"{path}: rule {cue.id!r}: bad pattern: {exc}") from exc
    for t_rule in transliteration:
        try:
            re.compile(t_rule.pattern)
        except re.error as exc:
            raise RuleError(f"{path}: rule {t_rule.id!r}: bad pattern: {exc}") from exc
    return rules


@functools.cache
def mention_rules() -> MentionRules:
    """The rules of `research/rules/mentions.toml`, loaded and checked once."""
    return parse_mention_rules(load_toml(RULES_FILE), str(RULES_DIR / RULES_FILE))


# ---------------------------------------------------------------- normalisation


def _lookup_key(name: str) -> str:
    return " ".join(name.replace("’", "'").lower().split()).rstrip(".")


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """A word lower-cased and folded to ASCII ("Ilyá" -> "ilya", "Тёткино" -> "tetkino")."""
    return anyascii(word).lower()


@functools.lru_cache(maxsize=200_000)
def _skeleton(word: str) -> str:
    out = fold(word)
    for regex, replacement in mention_rules().compiled_transliteration:
        out = regex.sub(replacement, out)
    return "".join(c for c in out if c.isalnum())


def skeleton(word: str, rules: MentionRules | None = None) -> str:
    """The transliteration skeleton of one word: two spellings of one name share it."""
    if rules is None or rules is mention_rules():
        return _skeleton(word)
    out = fold(word)
    for regex, replacement in rules.compiled_transliteration:
        out = regex.sub(replacement, out)
    return "".join(c for c in out if c.isalnum())


# ---------------------------------------------------------------- engine


class Word(NamedTuple):
    start: int
    end: int
    text: str


class Candidate(NamedTuple):
    """A mention before ids: span, type, rule, and how it was found."""

    start: int
    end: int
    type: str
    rule: str
    priority: int
    initial: bool = False
    title_case: bool = False
    title_person: bool = False


PRIORITY_CUE = 0
PRIORITY_DESCRIPTOR = 1
PRIORITY_COLLECTIVE = 1
PRIORITY_RUN = 3
RUN_CACHE_SIZE = 100_000
# (run text, sentence-initial, "the " before it, title-case line) -> candidates relative to the run
_RUN_CACHE: dict[tuple[str, bool, bool, bool], tuple[tuple[Any, ...], ...]] = {}


def _strip_possessive(word: str) -> str:
    if len(word) > 2 and (word[-2] == "'" or word[-2] == "’") and word[-1] in "sS":
        return word[:-2]
    return word


def _words(text: str, start: int, end: int) -> list[Word]:
    out: list[Word] = []
    for m in RE_WORD.finditer(text, start, end):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in ".-":
            e -= 1
        if e > s:
            out.append(Word(s, e, text[s:e]))
    return out


class _Segment:
    """One paragraph (or caption) being searched: the claimed spans so far and its flags."""

    __slots__ = ("claimed", "end", "start", "title_case")

    def __init__(self, start: int, end: int, title_case: bool) -> None:
        self.start = start
        self.end = end
        self.title_case = title_case
        self.claimed: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.claimed)


def _is_title_case(text: str, start: int, end: int) -> bool:
    long_words = [w for w in RE_WORD.findall(text, start, end) if len(w) >= 4 and w[0].isalpha()]
    if len(long_words) < 2:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.7


def _trim_name(words: list[Word], rules: MentionRules) -> list[Word]:
    """Drop leading stop words, titles, hyphenated adjectives and owners ("Lukoil's NORSI").

    The result may be `words` itself: callers do not change it.
    """
    out = words
    while out:
        first = out[0].text
        if _drops_first(out, rules):
            out = out[1:]
        elif len(out) > 1 and first.lower() in rules.demonyms:
            rest = rules.gazetteer.get(_lookup_key(" ".join(w.text for w in out[1:])))
            if (rest is not None and rest.type == "place") or _starts_with_title(out[1:], rules):
                out = out[1:]
            else:
                break
        else:
            break
    while out and (out[-1].text.lower() in rules.connectors_the):
        out = out[:-1]
    return out


def _drops_first(words: list[Word], rules: MentionRules) -> bool:
    """Whether a name's first word is not part of it: a stop word, an owner, a role, an adjective."""
    first = words[0].text
    more = len(words) > 1
    if more and _strip_possessive(first) != first and not _keeps_owner(words[:1], words[1:], rules):
        return True  # "Lukoil's NORSI refinery": the owner is a name of its own
    if first in rules.stop or first in rules.connectors_the:
        return True
    if more and first[0].isupper() and first.lower() in rules.role_words:
        return True  # "Analyst Tatiana Stanovaya"
    return "-" in first and (bool(RE_HYPHEN_ADJECTIVE.match(first)) or _is_demonym_compound(first, rules))


def _keeps_owner(owner: Sequence[Word], rest: Sequence[Word], rules: MentionRules) -> bool:
    """ "Russia's Freedom Legion" is one name (a country owning a body); "Lukoil's NORSI" is two."""
    name = " ".join(w.text for w in owner)
    entry = rules.gazetteer.get(_lookup_key(_strip_possessive(name)))
    head = _head_type(rest, rules) if rest else None
    return entry is not None and entry.type == "place" and head is not None and head[0] not in ("place", "event")


def _is_demonym_compound(word: str, rules: MentionRules) -> bool:
    parts = word.split("-")
    return len(parts) > 1 and all(p.lower() in rules.qualifiers for p in parts)


def _starts_with_title(words: Sequence[Word], rules: MentionRules) -> bool:
    return _title_length(words, 0, rules) > 0


def _title_length(words: Sequence[Word], i: int, rules: MentionRules) -> int:
    """How many words from words[i] form a title ("Prime Minister" -> 2), 0 if none."""
    if words[i].text.rstrip(".").lower() not in rules.title_first_words:
        return 0
    for n in range(min(rules.max_title_words, len(words) - i), 0, -1):
        phrase = " ".join(w.text for w in words[i : i + n]).rstrip(".").lower()
        if phrase in rules.titles and words[i].text[0].isupper():
            return n
    return 0


def _head_type(words: Sequence[Word], rules: MentionRules) -> tuple[str, str] | None:
    """The type a name's head word gives: the word before its first connector, else its last."""
    for i in range(1, len(words) - 1):
        if words[i].text in rules.connectors:
            before = words[i - 1].text.lower()
            if before in rules.heads:
                return rules.heads[before]
            break
    last = _strip_possessive(words[-1].text).lower()
    if last in rules.heads:
        return rules.heads[last]
    for w in words[:-1]:
        found = rules.heads.get(w.text.lower())
        if found is not None and found[0] == "event":
            return found
    return None


def _span_text(text: str, words: Sequence[Word]) -> str:
    return text[words[0].start : words[-1].end]


class _Engine:
    """Mention search over the segments of one article text."""

    def __init__(self, text: str, rules: MentionRules, initial: frozenset[int]) -> None:
        self.text = text
        self.rules = rules
        self.initial = initial
        self.out: list[Candidate] = []
        self.initial = initial | {m.end() for m in RE_AFTER_MARK.finditer(text)}
        # keyword hits: (start, end, the keyword in lower case, single-spaced)
        self.hits = [
            (m.start(), m.end(), " ".join(m.group(0).lower().split())) for m in rules.re_keyword.finditer(text)
        ]

    # -- helpers
    def add(self, seg: _Segment, cand: Candidate) -> None:
        self.out.append(cand)
        seg.claimed.append((cand.start, cand.end))

    def is_initial(self, pos: int) -> bool:
        """At a sentence start, or right after a quotation mark, colon, dash or full stop."""
        return pos in self.initial

    # -- pass 1: cues
    def cues(self, seg: _Segment, hits: Sequence[tuple[int, int, str]]) -> None:
        """Cues whose trigger is among the keyword hits of `seg`, and those without triggers."""
        text, rules = self.text, self.rules
        if seg.title_case:
            return
        wanted = rules.always_cues
        triggers = rules.cue_triggers
        for _, _, word in hits:
            cues = triggers.get(word)
            if cues is not None:
                wanted = wanted | cues
        compiled = rules.compiled_cues
        for n in sorted(wanted):
            cue, regex = compiled[n]
            for m in regex.finditer(text, seg.start, seg.end):
                groups = m.groupdict()
                if groups.get("span") is not None:
                    s, e = m.span("span")
                    words = _words(text, s, e)
                    if any(w.text in rules.never for w in words):
                        continue
                    if words and words[0].text[0].isupper() and cue.id != "mention.bracketed_given_name.v1":
                        lead = _trim_name(words, rules)
                        if not lead or not lead[0].text[0].isupper():
                            continue
                        s = lead[0].start
                    self._add_cue(seg, s, e, cue)
                elif groups.get("names") is not None:
                    for s, e in self._list_names(*m.span("names")):
                        self._add_cue(seg, s, e, cue)
                elif groups.get("name") is not None:
                    s, e = m.span("name")
                    words = _trim_name(_words(text, s, e), rules)
                    if words and not (len(words) == 1 and words[0].text.lower() in rules.qualifiers):
                        end = m.end() if cue.full_form else words[-1].end
                        self._add_cue(seg, words[0].start, end, cue)

    def _list_names(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The names of "A, B and C" (each trimmed)."""
        chunk = self.text[start:end]
        offset = start
        for part in re.split(r"(\s*,\s*(?:and\s+)?|\s+and\s+)", chunk):
            if part and not re.fullmatch(r"\s*,\s*(?:and\s+)?|\s+and\s+", part):
                words = _trim_name(_words(self.text, offset, offset + len(part)), self.rules)
                if words:
                    yield words[0].start, words[-1].end
            offset += len(part)

    def _add_cue(self, seg: _Segment, start: int, end: int, cue: CueRule) -> None:
        word = self.text[start:end]
        bare = _strip_possessive(word)
        end -= len(word) - len(bare)
        if start >= end or not seg.free(start, end):
            return
        last = bare.split()[-1].lower() if bare.split() else ""
        if bare in self.rules.never or bare in self.rules.stop or last in self.rules.demonyms:
            return
        if cue.type == "person" and _lookup_key(word) in self.rules.gazetteer:
            return
        self.add(seg, Candidate(start, end, cue.type, cue.id, PRIORITY_CUE))

    # -- pass 2: descriptors ("Russia's armed forces")
    def descriptors(self, seg: _Segment, hits: Sequence[tuple[int, int, str]]) -> None:
        rules = self.rules
        for start, end, word in hits:
            rule = rules.descriptor_forms.get(word)
            if rule is None:
                continue
            qualifier = self._qualifier_before(seg, start)
            if qualifier is None or not seg.free(qualifier, end):
                continue
            self.add(seg, Candidate(qualifier, end, rule.type, rule.id, PRIORITY_DESCRIPTOR))

    def _qualifier_before(self, seg: _Segment, pos: int) -> int | None:
        """Start of a country or demonym (with or without 's) right before pos, if any."""
        text = self.text
        window_start = max(seg.start, pos - 40)
        words = _words(text, window_start, pos)
        if not words or text[words[-1].end : pos].strip():
            return None
        for n in (2, 1):
            if len(words) < n:
                continue
            chunk = words[-n:]
            if n == 2 and text[chunk[0].end : chunk[1].start].strip():
                continue
            phrase = _lookup_key(" ".join(w.text for w in chunk))
            phrase = RE_POSSESSIVE.sub("", phrase)
            if phrase in self.rules.qualifiers and chunk[0].text[0].isupper():
                return chunk[0].start
        return None

    # -- pass 3: collective descriptions
    def collective(self, seg: _Segment, hits: Sequence[tuple[int, int, str]]) -> None:
        text, rule = self.text, self.rules.collective
        irregular, neutral, heads, irregular_heads, armed_heads = self.rules.collective_sets
        for hit_start, hit_end, head in hits:
            if head not in heads:
                continue
            words = _words(text, max(seg.start, hit_start - 160), hit_start)
            first = None
            strong = head in irregular_heads
            count = 0
            gap_end = hit_start
            for word in reversed(words):
                if text[word.end : gap_end].strip():
                    break
                low = word.text.lower()
                if low == "armed":
                    if head not in armed_heads:
                        break
                    strong = True
                elif low in irregular or RE_HYPHEN_ADJECTIVE.match(low):
                    strong = True
                elif not (low in neutral or low in self.rules.qualifiers):
                    break
                first = word
                count += 1
                gap_end = word.start
            if first is None or not strong or count == 0:
                continue
            if seg.free(first.start, hit_end):
                self.add(seg, Candidate(first.start, hit_end, rule.type, rule.id, PRIORITY_COLLECTIVE))

    # -- glued acronyms ("reported byAFP")
    def glued_match(self, seg: _Segment, m: re.Match[str]) -> None:
        entry = self.rules.gazetteer.get(_lookup_key(m.group(0)))
        if entry is not None and seg.free(m.start(), m.end()):
            self.add(seg, Candidate(m.start(), m.end(), entry.type, RULE_GLUED_ACRONYM, PRIORITY_RUN))

    # -- pass 4: capitalised runs
    def runs_all(self, segs: Sequence[_Segment], starts: Sequence[int]) -> None:
        """Capitalised runs of the whole text, each searched in the segment (line) that holds it.

        The same run outside claimed spans in the same position kind (sentence-initial, after
        "the", in a title-case line) always gives the same names: they are reused.
        """
        if not segs:
            return
        text, out, initial = self.text, self.out, self.initial
        skip = self.rules.skip_words
        seg = segs[0]
        lo, hi = seg.start, seg.end
        for m in self.rules.re_run.finditer(text, lo, segs[-1].end):
            run = m.group()
            if run in skip:
                continue  # one stop word or calendar word: the common case, decided at once
            start, end = m.span()
            if start >= hi or start < lo:
                seg = segs[max(0, bisect.bisect_right(starts, start) - 1)]
                lo, hi = seg.start, seg.end
            if start < lo or end > hi:
                continue
            if seg.claimed and not seg.free(start, end):
                self._run(seg, start, run, free=False)
                continue
            key = (run, start in initial, text[max(0, start - 4) : start].lower() == "the ", seg.title_case)
            cached = _RUN_CACHE.get(key)
            if cached is None:
                mark = len(out)
                self._run(seg, start, run, free=True)
                cached = tuple((c[0] - start, c[1] - start, c[2:]) for c in out[mark:])
                if len(_RUN_CACHE) > RUN_CACHE_SIZE:
                    _RUN_CACHE.clear()
                _RUN_CACHE[key] = cached
            else:
                for rel_start, rel_end, rest in cached:
                    out.append(Candidate(rel_start + start, rel_end + start, *rest))

    def _run(self, seg: _Segment, start: int, run: str, *, free: bool) -> None:
        """Names in one capitalised run starting at `start` (`free`: outside claimed spans)."""
        rules = self.rules
        skip, breakers = rules.skip_words, rules.run_breakers
        if " " in run or "\t" in run or "\u00a0" in run:
            words = [Word(start + x.start(), start + x.end(), x.group()) for x in RE_NONSPACE.finditer(run)]
        else:
            words = [Word(start, start + len(run), run)]
        check_claims = bool(seg.claimed) and not free
        group: list[Word] = []
        for w in words:
            t = w.text
            if len(t) > 5 and t[-1].islower() and not t[1:].islower():
                glued = RE_GLUED.search(t)
                if glued is not None:
                    w = Word(w.start, w.start + glued.start(), t[: glued.start()])
                    t = w.text
            if check_claims and not seg.free(w.start, w.end):
                ends = True
            elif t.isalpha():  # no digit, no possessive: the common case
                ends = t in skip
            else:
                ends = t in breakers or RE_DIGIT.search(t) is not None or _strip_possessive(t) in skip
            if ends:
                self._group(seg, group)
                group = []
            else:
                group.append(w)
        self._group(seg, group)

    def _group(self, seg: _Segment, words: list[Word]) -> None:
        """Split one run of capitalised words at titles and possessives, then name each part."""
        rules = self.rules
        if not words:
            return
        start_initial = words[0].start in self.initial
        if len(words) == 1:
            self._part(seg, words, False, start_initial)
            return
        if start_initial and len(words) > 2 and words[1].text in rules.connectors and not self._known(words[0]):
            # "Fighters of the Kastus Kalinouski Regiment": a sentence's first word, then a name
            j = 1
            while j < len(words) and (words[j].text in rules.connectors or words[j].text == "the"):
                j += 1
            words = words[j:]
            start_initial = False
            if not words:
                return
        i = 0
        part: list[Word] = []
        title_before = False
        while i < len(words):
            n = _title_length(words, i, rules)
            if n and i + n < len(words) and words[i + n].text.lower() not in rules.connectors:
                rest = words[i + n :]
                if _head_type(rest, rules) is None or len(rest) == 1:
                    self._part(seg, part, title_before, start_initial and not part)
                    part = []
                    title_before = True
                    i += n
                    continue
            if n and i + n < len(words) and words[i + n].text in rules.connectors:
                # a title phrase ("Minister of Internal Affairs"), not a name: skip it whole
                self._part(seg, part, title_before, start_initial and bool(part) and part[0] is words[0])
                part = []
                title_before = False
                j = i + n
                while j < len(words) and (words[j].text in rules.connectors or words[j].text == "the"):
                    j += 1
                while j < len(words) and words[j].text not in rules.connectors:
                    j += 1
                i = j
                continue
            w = words[i]
            part.append(w)
            bare = _strip_possessive(w.text)
            if bare != w.text and i + 1 < len(words):
                if not _keeps_owner(part, words[i + 1 :], rules):
                    self._part(seg, part, title_before, start_initial and part[0] is words[0])
                    part = []
                    title_before = False
            elif title_before and w.text.lower() in rules.connectors and len(part) > 1:
                self._part(seg, part[:-1], True, False)
                part = []
                title_before = False
            i += 1
        self._part(seg, part, title_before, start_initial and bool(part) and part[0] is words[0])

    def _known(self, word: Word) -> bool:
        low = word.text.lower()
        return low in self.rules.heads or _lookup_key(word.text) in self.rules.gazetteer

    def _part(self, seg: _Segment, words: list[Word], after_title: bool, initial: bool) -> None:
        rules, text = self.rules, self.text
        words = _trim_name(words, rules)
        if not words:
            return
        last = words[-1]
        bare = _strip_possessive(last.text)
        end = last.end - (len(last.text) - len(bare))
        single = len(words) == 1
        if single:
            low = bare.lower()
            if low in rules.demonyms or low.rstrip("s") in rules.demonyms or bare in rules.stop or low in rules.titles:
                return
        start = words[0].start
        initial = initial and start in self.initial
        name = text[start:end]
        key = _lookup_key(name)
        entry = rules.gazetteer.get(key)
        if entry is not None:
            if entry.with_article and text[max(0, start - 4) : start].lower() == "the ":
                start -= 4
            self._emit(seg, start, end, entry.type, entry.rule, initial=False)
            return
        typed = _head_type(words, rules)
        if not single and typed is None and self._all_known(seg, words):
            return
        if single and RE_ACRONYM.match(name):
            self._emit(seg, start, end, PROVISIONAL_TYPE, RULE_ACRONYM, initial=False)
        elif single and typed is not None and text[max(0, start - 4) : start].lower() == "the ":
            self._emit(seg, start - 4, end, typed[0], RULE_DEFINITE_HEAD, initial=False)
        elif single and typed is not None:
            return  # a bare head word ("Ministry", "Region") names nothing by itself
        elif after_title:
            self._emit(seg, start, end, "person", RULE_TITLE_NAME, initial=False, title_person=True)
        elif typed is not None:
            self._emit(seg, start, end, typed[0], typed[1], initial=False)
        elif not single and skeleton(words[0].text) in rules.skeleton_given_names:
            self._emit(seg, start, end, "person", RULE_GIVEN_NAME, initial=False)
        else:
            self._emit(seg, start, end, PROVISIONAL_TYPE, RULE_CAPITALISED, initial=initial and single)

    def _all_known(self, seg: _Segment, words: list[Word]) -> bool:
        """A run made only of gazetteer names ("Moscow Kremlin"): emit each, report True."""
        gazetteer = self.rules.gazetteer
        entries: list[tuple[Word, GazetteerName]] = []
        for w in words:
            entry = gazetteer.get(_lookup_key(_strip_possessive(w.text)))
            if entry is None:
                return False
            entries.append((w, entry))
        for w, entry in entries:
            end = w.start + len(_strip_possessive(w.text))
            self._emit(seg, w.start, end, entry.type, entry.rule, initial=False)
        return True

    def _emit(
        self, seg: _Segment, start: int, end: int, type_: str, rule: str, *, initial: bool, title_person: bool = False
    ) -> None:
        if start < end:
            self.out.append(Candidate(start, end, type_, rule, PRIORITY_RUN, initial, seg.title_case, title_person))


def _initial_positions(text: str, starts: Iterable[int]) -> frozenset[int]:
    out: set[int] = set()
    for s in starts:
        p = s
        while p < len(text) and text[p] in OPENERS:
            p += 1
        out.add(p)
    return frozenset(out)


def _segments(
    article: Article, sentences: Sequence[Sentence], paragraphs: Sequence[Paragraph], kinds: frozenset[str]
) -> tuple[list[tuple[int, int, bool]], frozenset[int]]:
    text = article.text
    with_sentences = {s.paragraph for s in sentences}
    boiler = {(b.start, b.end): b.kind for b in article.boilerplate}
    segments: list[tuple[int, int, bool]] = []
    starts: list[int] = [s.start for s in sentences]
    for p in paragraphs:
        if p.zone == "boilerplate":
            if boiler.get((p.start, p.end)) not in kinds:
                continue
            starts.append(p.start)
        elif p.index not in with_sentences:
            continue
        title_case = p.zone in ("title", "heading") and _is_title_case(text, p.start, p.end)
        segments.append((p.start, p.end, title_case))
    return segments, _initial_positions(text, starts)


def _finish(text: str, cands: list[Candidate], rules: MentionRules) -> list[Candidate]:
    """Article-level typing of bare names, then overlap removal."""
    known: dict[str, str] = {}
    surnames: set[str] = set()
    seen_lower: set[str] = set()
    defined: dict[str, str] = {}
    by_end: dict[int, Candidate] | None = None
    named: list[tuple[Candidate, str, str]] = []
    for c in cands:
        name = text[c.start : c.end]
        low = name.lower()
        if not c.initial and not c.title_case:
            seen_lower.add(low)
        if c.type == "person" and c.rule != RULE_CAPITALISED:
            parts = name.split()
            if len(parts) > 1:
                surnames.add(_strip_possessive(parts[-1]).lower())
        if c.rule not in PROVISIONAL_RULES:
            known.setdefault(low, c.type)
        elif c.rule == RULE_ACRONYM and text[c.start - 1 : c.start] == "(" and text[c.end : c.end + 1] == ")":
            if by_end is None:
                by_end = {b.end: b for b in cands}
            before = by_end.get(c.start - 2)
            if before is not None and before.rule not in PROVISIONAL_RULES and before.type != "place":
                c = c._replace(type=before.type, rule=RULE_ACRONYM_PARENTHESIS)
                defined[low] = before.type
        named.append((c, name, low))
    final: list[Candidate] = []
    for c, name, low in named:
        if c.rule in PROVISIONAL_RULES:
            if c.rule == RULE_ACRONYM and low in defined:
                c = c._replace(type=defined[low])
            elif low in surnames:
                c = c._replace(type="person", rule=RULE_SURNAME)
            elif low in known:
                c = c._replace(type=known[low])
            elif c.initial and low not in seen_lower and skeleton(name) not in rules.skeleton_given_names:
                continue
        if c.title_case and c.priority == PRIORITY_RUN and low not in seen_lower:
            trusted = c.rule.startswith("mention.gazetteer.") or c.rule in (RULE_ACRONYM, RULE_SURNAME)
            if not trusted:
                continue  # a capitalised word of a title-case heading, not seen as a name elsewhere
        final.append(c)
    final.sort(key=_overlap_order)
    kept: list[Candidate] = []
    last_end = -1
    for c in final:
        if c.start >= last_end:
            kept.append(c)
            last_end = c.end
        elif kept and c.priority < kept[-1].priority and c.end >= kept[-1].end:
            kept[-1] = c
            last_end = c.end
    return kept


def _overlap_order(c: Candidate) -> tuple[int, int, int]:
    return (c.start, c.priority, c.start - c.end)


def _search(text: str, segments: Sequence[tuple[int, int, bool]], initial: frozenset[int]) -> list[Candidate]:
    rules = mention_rules()
    engine = _Engine(text, rules, initial)
    segs = [_Segment(start, end, title_case) for start, end, title_case in sorted(segments)]
    hits = engine.hits
    lo = 0
    for seg in segs:
        while lo < len(hits) and hits[lo][0] < seg.start:
            lo += 1
        hi = lo
        while hi < len(hits) and hits[hi][0] < seg.end:
            hi += 1
        if hi > lo:
            seg_hits = hits[lo:hi]
            engine.cues(seg, seg_hits)
            engine.descriptors(seg, seg_hits)
            engine.collective(seg, seg_hits)
        elif rules.always_cues:
            engine.cues(seg, ())
    starts = [s.start for s in segs]
    for m in RE_GLUED_CAPS.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.end() <= segs[k].end:
            engine.glued_match(segs[k], m)
    engine.runs_all(segs, starts)
    return _finish(text, engine.out, rules)


def article_mentions(
    article: Article,
    sentences: Sequence[Sentence],
    paragraphs: Sequence[Paragraph],
    *,
    boilerplate_kinds: frozenset[str] = CAPTION_KINDS,
) -> list[Mention]:
    """Typed mentions in the title, headings and body of one article, in text order.

    Boilerplate is skipped except for the kinds in `boilerplate_kinds` (by default picture
    captions and credit lines, which name the actors and outlets of the story); pass
    `frozenset()` to search sentences only. Ids are f"{article.id}:m{n}"; `entity` is None.
    """
    segments, initial = _segments(article, sentences, paragraphs, boilerplate_kinds)
    text = article.text
    return [
        Mention(
            id=f"{article.id}:m{n}",
            article=article.id,
            start=c.start,
            end=c.end,
            text=text[c.start : c.end],
            type=c.type,
            rule=c.rule,
        )
        for n, c in enumerate(_search(text, segments, initial))
    ]


def text_mentions(text: str, *, article_id: str = "text") -> list[Mention]:
    """Mentions in a bare text, every line a body paragraph (for examples and tests)."""
    segments = [(m.start(), m.end(), False) for m in re.finditer(r"[^\n]+", text)]
    initial = _initial_positions(text, _absolute_starts(text))
    return [
        Mention(
            id=f"{article_id}:m{n}",
            article=article_id,
            start=c.start,
            end=c.end,
            text=text[c.start : c.end],
            type=c.type,
            rule=c.rule,
        )
        for n, c in enumerate(_search(text, segments, initial))
    ]


def _absolute_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n+|[.!?][”\"’']?\s+", text))
    return starts
