"""Figures in a sentence: how many of what, how bounded, and what happened to them.

`quantities(text, start, end)` reads the sentence `text[start:end]` in one regex pass:

1. a trie-compiled scan finds number cores (digits, currency signs, number words, vague
   quantifiers such as "several" or "dozens of", fractions), "a/an" predicates ("shot
   down"), zero phrases ("no casualties") and measure nouns ("population");
2. each core is checked against the exclusions (dates, years, clock times, codes, labels,
   durations, ordinals) and extended by its approximator ("more than"), range tail ("-20"),
   scale ("million") and the noun phrase it counts, whose head gives the unit;
3. "a/an + unit" objects of counted events ("a drone was shot down") and list items
   ("5 tanks and an armoured personnel carrier") are added;
4. figures in one list share an approximator ("about 160 km and 800 km") and their kind: the
   nearest cue in the sentence that fits the unit's group ("were destroyed", "injuring").

Every step after the scan is a bounded regex match at a position or a bounded look at a
neighbouring slice, so the time is linear in the sentence length. Lexicons and rule ids come
from `rules/quantities.toml` (`research.extract.quantity_rules`) and are compiled once.

Percentages and money are figures (units "percent", "usd", "eur", "gbp"). Out of scope, on
purpose: durations and ages ("three days", "a 5-year-old"), dates, years, clock times,
ordinals, model names and codes, scores ("won 3-1"), bare numbers with nothing counted
("the vote was 52"), "one of the ..." and "a/an + noun" outside a counted event or a list of
figures, and figures whose counted noun is only recoverable across sentences.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable

from research.errors import RuleError
from research.extract.quantity_rules import QuantityLexicon, Unit, quantity_rules
from research.model import Quantity
from research.patterns import literal_trie
from research.regex_syntax import fold_like_ignorecase

__all__ = [
    "ENGINE_RULES",
    "RULE_ARTICLE_OBJECT",
    "RULE_BARE_AFTER_VERB",
    "RULE_FRACTION",
    "RULE_LIST_ITEM",
    "RULE_MEASURE",
    "RULE_MONEY",
    "RULE_NUMBER_NOUN",
    "RULE_PARTICIPLE",
    "RULE_PARTITIVE",
    "RULE_PERCENT",
    "RULE_RANGE",
    "RULE_ZERO",
    "parse_number",
    "quantities",
    "to_plural",
]

RULE_NUMBER_NOUN = "quantity.number_noun.v1"
RULE_RANGE = "quantity.range.v1"
RULE_PARTICIPLE = "quantity.participle.v1"
RULE_BARE_AFTER_VERB = "quantity.bare_after_verb.v1"
RULE_ZERO = "quantity.zero.v1"
RULE_MEASURE = "quantity.measure.v1"
RULE_ARTICLE_OBJECT = "quantity.article_object.v1"
RULE_LIST_ITEM = "quantity.list_item.v1"
RULE_FRACTION = "quantity.fraction.v1"
RULE_PERCENT = "quantity.percent.v1"
RULE_MONEY = "quantity.money.v1"
RULE_PARTITIVE = "quantity.partitive.v1"
ENGINE_RULES = (
    RULE_NUMBER_NOUN,
    RULE_RANGE,
    RULE_PARTICIPLE,
    RULE_BARE_AFTER_VERB,
    RULE_ZERO,
    RULE_MEASURE,
    RULE_ARTICLE_OBJECT,
    RULE_LIST_ITEM,
    RULE_FRACTION,
    RULE_PERCENT,
    RULE_MONEY,
    RULE_PARTITIVE,
)

S = r"[ \t\u00a0\u202f\u2009]"  # white space inside a line
QUOTES = "“”\"‘’'«»()[]"
# Digits: 1,200 / 400 000 (no-break or thin space) / 1.200.000 / 12 / 3.5. Separators only
# between bounded digit groups, so matching is linear.
DIGITS = (
    r"\d{1,3}(?:,\d{3}){1,6}(?:\.\d+)?(?![\d]|,\d)"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3}){1,6}(?![\d]|[\u00a0\u202f\u2009]\d)"
    r"|\d{1,3}(?:\.\d{3}){2,6}(?![\d]|\.\d)"
    r"|\d+(?:\.\d+)?"
)
MAX_DIGITS = 24
MAX_NUMBER_WORDS = 16
MAX_NP_WORDS = 7
MAX_UNKNOWN_NP_WORDS = 4
MAX_OF_WORDS = 5
LOOK_BACK = 48
MEASURE_REACH = 90
CUE_WINDOW = 240
CUES_PER_SIDE = 6
MAX_GROUP_GAP = 80
CLOSE_CUE = 3  # "many" / "some" / "one" + unknown noun need a cue this near

SCAN_FIGURE, SCAN_PREDICATE, SCAN_ZERO, SCAN_MEASURE = 1, 2, 4, 8

# A currency sign, or a digit that does not continue a word, number, time or code. The digit
# comes first and the look-behind after it, so `re` skips ahead to the next digit or sign.
RE_NUMBER_START = re.compile(r"[\d$€£](?<![\w.,:/#]\d)")
# The same for ASCII text, with classes `re` tests against a bitmap instead of Unicode tables.
RE_NUMBER_START_ASCII = re.compile(r"[0-9$](?<![\w.,:/#]\d)")
RE_NP_WORD = re.compile(rf"{S}+([^\W\d_](?:[\w’'\-]*\w)?)")
RE_GLUE = re.compile(r"[^\W\d_]+")
RE_WORD_COUNT = re.compile(r"[^\W_][\w’'\-]*")
RE_OF_DET = re.compile(rf"{S}+of{S}+(the|its|their|his|her|our|these|those|them|us|which|whom|you|it)(?!\w)", re.I)
RE_OF_THE = re.compile(rf"{S}+of{S}+(?:the{S}+)?(?=[\d\w])", re.I)
RE_OF = re.compile(rf"{S}+of(?!\w)", re.I)
RE_DET = re.compile(rf"{S}+(?:the|its|their|his|her|our|these|those|this|that|a|an)(?={S})", re.I)
RE_TIME_AFTER = re.compile(
    rf"[.:]\d{{2}}(?!\d)|{S}*(?:a\.m\b|p\.m\b|am\b|pm\b|h\b|hrs?\b|gmt\b|utc\b|o['’]clock|local{S}+time)", re.I
)
RE_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}")
RE_RANGE_SEP = re.compile(rf"{S}*(?:-|–|—|to(?={S})){S}*", re.I)
RE_AND = re.compile(rf"{S}+and{S}+", re.I)
RE_SCALE = re.compile(rf"(?:{S}+|-)(hundred|thousand|million|billion|trillion)(?!\w)", re.I)
RE_POST = re.compile(rf"({S}+or{S}+(?:more|so)|-odd|-plus)(?!\w)", re.I)
RE_HALF_BEFORE = re.compile(rf"(?<!\w)half{S}+$", re.I)
RE_SCORE_BEFORE = re.compile(rf"\d{S}*[-–—:]{S}*$")
SPACES = " \t\u00a0\u202f\u2009"  # the characters of S
SCORE_TAIL = "-–—:\n"  # what RE_SCORE_BEFORE's match ends with before the number, or before "$" at a newline
RE_ACRONYM = re.compile(r"[A-Z][A-Z\d]*(?:-[A-Z\d]+)*[A-Z\d]")
RE_NEXT_NUMBER = re.compile(rf"{S}+[$€£\d]")
RE_NEXT_WORD = re.compile(r"[\s,]*([^\W\d_][\w’'.]*)")
RE_ARTICLE = re.compile(rf"(?<!\w)(an?){S}+", re.I)
RE_AUX_BEFORE = re.compile(
    rf"(?<!\w)(?:was|were|is|are|has{S}+been|had{S}+been|have{S}+been|got){S}+(?:[a-z]+ly{S}+)?$", re.I
)
RE_JOIN = re.compile(rf"{S}+(and|or)(?={S})", re.I)
Q = r"[\s”“\"’‘']*"  # white space and quote marks around list punctuation
RE_LIST_SEP = re.compile(rf"{Q}(?:,{Q}(?:(?:and|or){S}+)?|(?:and|or|as{S}+well{S}+as|plus){S}+){Q}", re.I)
# ", Caesar cannons, ": one bare item between two figures of a list.
RE_LIST_ITEM_GAP = re.compile(
    rf"{Q},{Q}(?:[^\W\d_][\w’'\-]*{S}+){{0,3}}[^\W\d_][\w’'\-]*{Q}(?:,{Q}(?:and{S}+)?|(?:and|or){S}+){Q}", re.I
)
TIME_PREPOSITIONS = frozenset(["at", "until", "till", "by", "from", "since", "around", "after", "before", "to", "and"])
IRREGULAR_PLURALS = frozenset(["people", "men", "women", "children", "personnel"])
DISTRIBUTED = frozenset(["about", "more_than", "at_least", "less_than", "up_to", "almost"])
PRONOUNS = frozenset(["them", "us", "which", "whom", "you", "it"])
COUNTABLE = frozenset(
    ["people", "equipment", "aerial", "attacks", "places", "buildings", "groups", "events", "unknown"]
)


def to_plural(word: str) -> str:
    """The plural of a lower-case English noun by the regular rules; a word ending in s stays."""
    if not word or word.endswith("s") or not word[-1].isalpha():
        return word
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _trie(phrases: Iterable[str]) -> str:
    """A regex alternation of `phrases` factored as a trie (longest match first); a space matches a run of space."""
    return literal_trie(phrases, space=S + "+")


def _norm(text: str) -> str:
    """Lower case, one space between words, straight apostrophes: the lexicon key of a phrase."""
    return " ".join(text.lower().replace("’", "'").split())


def _folded_matches(fast: re.Pattern[str], exact: re.Pattern[str], folded: str, ascii: bool) -> Iterable[re.Match[str]]:
    """`exact.finditer(folded)`, found by `fast`: the same pattern opening with an ASCII class.

    In folded text (no A-Z), "[^a-z0-9_\\-]" and "[^\\w-]" differ only on non-ASCII letters and
    digits such as "é", which the ASCII class takes for a boundary. Where every match of `fast`
    holds with `exact` (with the same extent, as the rest is the same), the two find the same.
    """
    matches = fast.finditer(folded)
    if ascii:
        return matches
    found = list(matches)
    if all(exact.match(folded, m.start()) for m in found):
        return found
    return exact.finditer(folded)


def _word(text: str) -> str:
    """The lexicon key of one word."""
    return text.lower().replace("’", "'")


class _Figure:
    """A figure while its sentence is read; offsets are into the sentence."""

    __slots__ = (
        "approx",
        "core_value",
        "end",
        "explicit",
        "group",
        "high",
        "kind",
        "kind_fixed",
        "low",
        "needs_cue",
        "rule",
        "start",
        "unit",
        "unit_kind",
        "value",
    )

    def __init__(self, start: int, end: int, rule: str) -> None:
        self.start = start
        self.end = end
        self.rule = rule
        self.value: float | None = None
        self.low: float | None = None
        self.high: float | None = None
        self.core_value: float | None = None
        self.approx = "exact"
        self.explicit = False
        self.unit: str | None = None
        self.group = "unknown"
        self.kind: str | None = None
        self.unit_kind: str | None = None
        self.kind_fixed = False
        self.needs_cue = False

    def bound(self, approx: str, value: float | None, *, low: float | None = None, high: float | None = None) -> None:
        """Set value/low/high from the approximator, following the export convention."""
        self.approx = approx
        self.core_value = value
        if approx == "exact":
            self.value, self.low, self.high = value, value, value
        elif approx in ("more_than", "at_least"):
            self.value, self.low, self.high = value, value, None
        elif approx in ("less_than", "up_to", "almost"):
            self.value, self.low, self.high = value, None, value
        elif approx == "about":
            self.value, self.low, self.high = value, None, None
        elif approx == "range":
            self.value, self.low, self.high = None, low, high
        elif approx == "dozens":
            self.value, self.low, self.high = None, low, None
        else:
            self.value, self.low, self.high = None, None, None

    def set_unit(self, unit: Unit | None, head: str | None) -> None:
        """Unit name, group and default kind from a lexicon entry, or the head noun as written."""
        if unit is None:
            self.unit, self.group = head, "unknown"
            return
        self.unit = unit.name or head
        self.group = unit.group
        self.unit_kind = unit.kind
        if unit.fixed and unit.kind is not None:
            self.kind, self.kind_fixed = unit.kind, True

    def fix_kind(self, unit: str, group: str, kind: str) -> None:
        self.unit, self.group, self.kind, self.kind_fixed = unit, group, kind, True


class _Reading:
    """A number being read: core and span offsets, value, bounds so far, the word before it."""

    __slots__ = (
        "approx",
        "core_end",
        "core_start",
        "currency",
        "head",
        "high",
        "low",
        "pos",
        "prev_word",
        "start",
        "unit",
        "value",
        "words",
    )

    def __init__(self, core_start: int, core_end: int) -> None:
        self.core_start = self.start = core_start
        self.core_end = self.pos = core_end
        self.value = 0.0
        self.low: float | None = None
        self.high: float | None = None
        self.approx: str | None = None
        self.currency: str | None = None
        self.words = ""  # the number as written when in words
        self.prev_word = ""
        self.unit: Unit | None = None
        self.head: str | None = None


class _NounPhrase:
    """The counted noun phrase: where it ends, its head (lexicon key), unit entry and length in words."""

    __slots__ = ("end", "head", "unit", "words")

    def __init__(self, end: int, head: str, unit: Unit | None, words: int) -> None:
        self.end = end
        self.head = head
        self.unit = unit
        self.words = words


class _Engine:
    """The lexicons of quantities.toml compiled once, and the reading of one sentence."""

    def __init__(self, lexicon: QuantityLexicon) -> None:
        defined = {rule.id for rule in lexicon.rule}
        missing = [rule for rule in ENGINE_RULES if rule not in defined]
        if missing:
            raise RuleError(f"quantities.toml: rules {missing} are used by the engine but not defined")
        self._numbers(lexicon)
        self._units(lexicon)
        self._context(lexicon)
        scan: dict[str, int] = {}
        for word in self.trigger_words:
            scan[word] = scan.get(word, 0) | SCAN_FIGURE
        for phrase in self.article:
            scan[phrase] = scan.get(phrase, 0) | SCAN_PREDICATE
        for phrase in self.zero_starts:
            scan[phrase] = scan.get(phrase, 0) | SCAN_ZERO
        for phrase in self.measures:
            scan[phrase] = scan.get(phrase, 0) | SCAN_MEASURE
        self.scan_flags = scan
        # The scanned phrases, read in the folded sentence after a space put before it: the
        # pattern opens with the character before the phrase, so `re` skips ahead to the next
        # character that is not part of a word, and the lower-case trie is matched as is.
        if any(phrase != fold_like_ignorecase(phrase) for phrase in scan):
            raise RuleError(f"quantities.toml: scanned phrases must be lower case: {sorted(scan)}")
        self.re_scan = re.compile(r"[^\w-](" + _trie(scan) + r")(?!\w)")
        self.re_scan_ascii = re.compile(r"[^a-z0-9_\-](" + _trie(scan) + r")(?!\w)")  # folded: no A-Z

    def _numbers(self, lexicon: QuantityLexicon) -> None:
        numbers = lexicon.numbers
        self.small = dict(numbers.units)
        self.tens = dict(numbers.tens)
        self.scales: dict[str, float] = {"hundred": 100.0, "dozen": 12.0, **numbers.scales}
        self.suffix_scales = dict(numbers.suffix_scales)
        self.fractions: dict[str, float] = {}
        for phrase, value in numbers.fractions.items():
            for variant in (phrase, phrase.replace(" ", "-"), phrase.replace("-", " ")):
                self.fractions[_norm(variant)] = value
        self.number_words = frozenset([*self.small, *self.tens, *self.scales])
        word = "(?:" + _trie(self.number_words) + r")(?!\w)"
        joiner = "(?:" + S + "+and" + S + "+|" + S + "*-" + S + "*|" + S + "+)"
        wordnum = (
            "(?:an?" + S + r"+(?=(?:dozen|hundred|thousand|million|billion)(?!\w)))?"
            f"{word}(?:{joiner}{word}){{0,{MAX_NUMBER_WORDS - 1}}}"
        )
        self.re_wordnum = re.compile(wordnum, re.I)
        self.re_number_word = re.compile(word, re.I)
        self.re_digits = re.compile(DIGITS)
        self.re_range_number = re.compile(f"(?P<num>{DIGITS})|(?P<words>{wordnum})", re.I)
        self.vague: dict[str, tuple[str, str, float | None, bool]] = {}
        for vague in lexicon.vague:
            for phrase in vague.phrases:
                self.vague[_norm(phrase)] = (vague.rule, vague.approx, vague.low, vague.needs_cue)
        self.approximators = {_norm(p): a.approx for a in lexicon.approximator for p in a.phrases}
        self.approximators["between"] = "range"
        self.approximator_ends = frozenset(p.split()[-1] for p in self.approximators)
        self.re_pre = re.compile(r"(?<![\w-])(" + _trie(self.approximators) + ")" + S + "+$", re.I)
        self.post_approximators = {_norm(p): a.approx for a in lexicon.post_approximator for p in a.phrases}
        followers = "(?:of|the|its|their|his|her|our|all)(?!\\w)"
        self.re_core = re.compile(
            f"(?P<frac>{_trie(self.fractions)})(?={S}+{followers})"
            f"|(?P<cur>US\\$|\\$|€|£){S}?(?P<cnum>{DIGITS})"
            f"|(?P<num>{DIGITS})"
            f"|(?P<words>{wordnum})"
            f"|(?P<vague>{_trie(self.vague)})(?![\\w-])",
            re.I,
        )
        # Where a figure can start: a digit, a currency sign, a number word, a vague or
        # fraction word (the "a" of "a dozen" / "a few" is looked up just before it).
        fraction_words = {w for phrase in self.fractions for w in re.split("[ -]", phrase) if w not in ("a", "one")}
        vague_words = {next(w for w in phrase.split() if w != "a") for phrase in self.vague}
        self.trigger_words = self.number_words | fraction_words | vague_words
        # "a few", "a third": a letter follows the "a" (as in "a dozen"), so only a word core can have one.
        self.article_then_letter = all(
            words[1][:1].isalpha()
            for words in (phrase.split() for phrase in [*self.vague, *self.fractions])
            if words[0] in ("a", "an") and len(words) > 1
        )

    def _units(self, lexicon: QuantityLexicon) -> None:
        self.units: dict[str, Unit] = {}
        for unit in lexicon.unit:
            for form in unit.forms:
                self.units[_norm(form)] = unit
        self.unit_tokens = frozenset(w for form in self.units if " " in form for w in form.split())
        np = lexicon.np
        self.stop = frozenset(_norm(w) for w in np.stop_words) | self.number_words
        self.modifiers = frozenset(np.modifiers)
        self.anaphors = frozenset(np.anaphors)
        self.transparent = frozenset(np.transparent) | {"”", "“"}
        self.max_distance = np.max_cue_distance
        self.participles = {_norm(k): v for k, v in lexicon.participles.items()}
        ex = lexicon.exclusions
        self.months = frozenset(ex.months) | frozenset(m + "." for m in ex.months)
        self.designators = frozenset(_norm(d).rstrip(".") for d in ex.designators)
        self.designator_ends = frozenset(d.split()[-1] for d in self.designators if " " in d)
        self.year_words = frozenset(ex.year_words)
        self.time_units = frozenset(_norm(t) for t in ex.time_units)
        self.ordinal_suffixes = frozenset(_norm(s) for s in ex.ordinal_suffixes)
        self.hyphen_units = frozenset(ex.hyphen_units)

    def _context(self, lexicon: QuantityLexicon) -> None:
        # Kind cues: phrase -> [(entry order, kind, groups, direction)].
        self.cues: dict[str, list[tuple[int, str, frozenset[str], str]]] = {}
        for order, cue in enumerate(lexicon.kind):
            for phrase in cue.phrases:
                entry = (order, cue.kind, frozenset(cue.applies_to), cue.direction)
                self.cues.setdefault(_norm(phrase), []).append(entry)
        self.re_cue = re.compile(r"[^\w-](" + _trie(self.cues) + r")(?![\w-])")  # in the folded sentence
        self.re_cue_ascii = re.compile(r"[^a-z0-9_\-](" + _trie(self.cues) + r")(?![\w-])")  # folded: no A-Z
        # Measure nouns, link words and bare-number verbs, looked up just before a number.
        self.measures = {_norm(noun): (m.unit, m.kind) for m in lexicon.measure for noun in m.nouns}
        links = _trie(_norm(p) for p in lexicon.measure_links.phrases)
        self.re_measure = re.compile(
            f"({_trie(self.measures)})(?:{S}+[^\\W\\d_][\\w’'\\-]*){{0,6}}?{S}+(?:{links}){S}+", re.I
        )
        self.bare_verbs = {_norm(p): verb.kind for verb in lexicon.bare_verb for p in verb.phrases}
        # "a/an + unit" predicates.
        self.article = {_norm(p): (a.kind, frozenset(a.groups)) for a in lexicon.article for p in a.phrases}
        # Zero phrases.
        zero = lexicon.zero
        self.zero_nouns = {_norm(k): v for k, v in zero.nouns.items()}
        self.zero_verbs = {_norm(k): v for k, v in zero.verbs.items()}
        openings = [_norm(o) for o in zero.openings]
        subjects = [_norm(s) for s in zero.subjects]
        self.zero_starts = frozenset([*(o.split()[0] for o in openings), *subjects])
        aux = f"(?:(?:was|were|has{S}+been|had{S}+been|is|got){S}+)?"
        adverb = f"(?:(?:reported(?:ly)?|seriously|badly|fatally){S}+)?"
        self.re_zero = re.compile(
            f"(?:{_trie(openings)}){S}+(?P<noun>{_trie(self.zero_nouns)})(?![\\w-])"
            f"|(?:{_trie(subjects)}){S}+{aux}{adverb}(?P<verb>{_trie(self.zero_verbs)})(?![\\w-])",
            re.I,
        )

    # ------------------------------------------------------------------ numbers

    def words_value(self, text: str) -> tuple[float, int] | None:
        """Value of the longest valid number-word prefix of `text` and its length in characters.

        "two hundred and fifty thousand" = 250000; "one two" stops after "one".
        """
        total = current = 0.0
        last = ""  # "", "small", "tens", "hundred", "scale"
        ceiling = float("inf")
        value: float | None = None
        end = 0
        for match in self.re_number_word.finditer(text):
            word = match.group(0).lower()
            if end and text[end : match.start()].strip(" \t\u00a0\u202f\u2009-").lower() not in ("", "and"):
                break
            if word in self.small:
                small = self.small[word]
                if last == "small" or (last == "tens" and not 1 <= small <= 9) or (last and small == 0):
                    break
                current += small
                last = "small"
            elif word in self.tens:
                if last in ("small", "tens"):
                    break
                current += self.tens[word]
                last = "tens"
            elif word in ("hundred", "dozen"):
                if last == "hundred" or current >= 100:
                    break
                current = (current or 1.0) * self.scales[word]
                last = "hundred"
            else:
                scale = self.scales[word]
                if scale >= ceiling:
                    break
                total += (current or 1.0) * scale
                current = 0.0
                ceiling = scale
                last = "scale"
            end = match.end()
            value = total + current
        return None if value is None else (value, end)

    def digits_value(self, text: str) -> float | None:
        """Value of a digits string (1,200 / 400 000 / 1.200.000 / 3.5), or None when absurdly long."""
        if len(text) > MAX_DIGITS:
            return None
        cleaned = text.replace(",", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
        if cleaned.count(".") > 1:
            cleaned = cleaned.replace(".", "")
        try:
            return float(cleaned)  # the same as float(Decimal(cleaned)): both round correctly
        except ValueError:
            return None

    def range_value(self, match: re.Match[str]) -> tuple[float, int] | None:
        """Value and length of the second number of a range."""
        if match.lastgroup == "words":
            return self.words_value(match.group("words"))
        digits = match.group("num")
        value = self.digits_value(digits)
        return None if value is None else (value, len(digits))

    # ------------------------------------------------------------------ words around

    def prev_words(self, s: str, at: int) -> tuple[str, str]:
        """The word right before `at` (only space between) and the one before it, quotes stripped."""
        if at == 0 or not s[at - 1].isspace():
            return "", ""
        tokens = s[max(0, at - LOOK_BACK) : at].rsplit(None, 2)  # the last two are whole tokens
        last = tokens[-1].lstrip(QUOTES) if tokens else ""
        second = tokens[-2].lstrip(QUOTES) if len(tokens) > 1 else ""
        return last, second

    def approximator(self, s: str, core_start: int, floor: int) -> tuple[int, str | None]:
        """Where the approximator before the core starts, and its approx; (core_start, None) without one."""
        low = max(floor, core_start - LOOK_BACK)
        if core_start - low < 3 or not s[core_start - 1].isspace():
            return core_start, None
        window = s[low:core_start]
        last = window.rsplit(None, 1)[-1:]
        if not last or _word(last[0].lstrip(QUOTES)) not in self.approximator_ends:
            return core_start, None
        tokens = window.split()
        for size in range(min(4, len(tokens)), 0, -1):
            phrase = _norm(" ".join(tokens[-size:]).lstrip(QUOTES))
            if phrase in self.approximators:
                pre = self.re_pre.search(s, low, core_start)
                if pre is not None:
                    return pre.start(), self.approximators[_norm(pre.group(1))]
        return core_start, None

    def next_word(self, s: str, at: int) -> str:
        match = RE_NEXT_WORD.match(s, at)
        return match.group(1) if match else ""

    def lookup(self, words: list[str]) -> Unit | None:
        """The unit whose form is these words (the last one also tried as a plural)."""
        return self.unit_of([_word(w) for w in words])

    def unit_of(self, lowers: list[str]) -> Unit | None:
        """`lookup` of words already made lexicon keys (`_word`)."""
        if len(lowers) > 1 and lowers[0] not in self.unit_tokens:
            return None  # every word of a form of several words is a unit token
        unit = self.units.get(" ".join(lowers))
        if unit is None and lowers:
            last = lowers[-1]
            plural = to_plural(last)
            if plural != last:
                unit = self.units.get(" ".join([*lowers[:-1], plural]))
        return unit

    def verb_like(self, word: str) -> bool:
        lower = word.lower()
        if "-" in word or lower in self.unit_tokens:
            return False
        return (lower.endswith("ed") and len(lower) > 4) or (lower.endswith("ing") and len(lower) > 5)

    def plural_looking(self, word: str) -> bool:
        return self.plural_key(_word(word))

    def plural_key(self, lower: str) -> bool:
        """`plural_looking` of a lexicon key."""
        unit = self.units.get(lower)
        return lower.endswith("s") or lower in IRREGULAR_PLURALS or (unit is not None and lower == unit.name)

    def plural_cut(self, lowers: list[str]) -> int:
        """Words up to the first plural known unit that no longer form continues ("passengers flew")."""
        for i in range(len(lowers) - 1):
            if not self.plural_key(lowers[i]):
                continue
            if not any(self.unit_of(lowers[f : i + 1]) for f in range(max(0, i - 3), i + 1)):
                continue
            if any(self.unit_of(lowers[f : i + 2]) for f in range(max(0, i - 2), i + 1)):
                continue  # a longer form goes on: "police officers"
            return i + 1
        return len(lowers)

    def noun_phrase(self, s: str, pos: int, *, allow_unknown: bool = True) -> _NounPhrase | None:
        """The counted noun phrase after `pos` (white space first), or None.

        Words run until a stop word, punctuation or a verb-like word; a known unit must end
        the phrase ("25 Ukrainian drones", "Nine assault rifles" -> rifles); without one the
        last word is the head.
        """
        texts: list[str] = []
        lowers: list[str] = []  # their lexicon keys
        ends: list[int] = []
        content = 0
        while len(texts) < MAX_NP_WORDS:
            match = RE_NP_WORD.match(s, pos)
            if not match:
                break
            word = match.group(1)
            lower = _word(word)
            if lower in self.stop:
                break
            if content and (self.verb_like(word) or lower in self.participles):
                break  # "three militias launched", "three professors dead"
            texts.append(word)
            lowers.append(lower)
            pos = match.end()
            ends.append(pos)
            if lower not in self.modifiers and not (lower.endswith("ly") and word.islower()):
                content += 1
        if not texts:
            return None
        count = self.plural_cut(lowers)
        del texts[count:], lowers[count:]
        end = ends[count - 1]
        for size in (4, 3, 2, 1):
            if size <= count:
                unit = self.unit_of(lowers[-size:])
                if unit is not None:
                    return _NounPhrase(end, " ".join(lowers[-size:]), unit, count)
        if not allow_unknown:
            return None
        del texts[MAX_UNKNOWN_NP_WORDS:], lowers[MAX_UNKNOWN_NP_WORDS:]
        while texts and (lowers[-1] in self.modifiers or texts[-1].endswith("ly")):
            if lowers[-1] in self.anaphors:
                break
            texts.pop()
            lowers.pop()
        if not texts:
            return None
        head = lowers[-1]
        if len(head) < 2 or (self.verb_like(texts[0]) and (len(texts) == 1 or texts[0].endswith("ing"))):
            return None  # "10,000 gathered", "16 involving business activity"
        return _NounPhrase(ends[len(texts) - 1], head, None, len(texts))

    def of_phrase_end(self, s: str, pos: int) -> int | None:
        """End of "of [the] X Y" after `pos`, or None when no noun phrase follows "of"."""
        match = RE_OF.match(s, pos)
        if not match:
            return None
        at = match.end()
        det = RE_DET.match(s, at)
        if det:
            at = det.end()
        end = None
        for count in range(MAX_OF_WORDS):
            word = RE_NP_WORD.match(s, at)
            if not word or _word(word.group(1)) in self.stop or (count and self.verb_like(word.group(1))):
                break
            end, at = word.end(1), word.end()
        return end

    def coordinated(self, s: str, pos: int, head: str, unit: Unit) -> tuple[int, str, Unit]:
        """ "drones and rockets": a second known unit of the same group joined by and/or shares the count."""
        join = RE_JOIN.match(s, pos)
        if not join:
            return pos, head, unit
        np = self.noun_phrase(s, join.end(), allow_unknown=False)
        if np is None or np.unit is None or np.unit.group != unit.group or np.words > 2:
            return pos, head, unit
        name = f"{unit.name or head} {join.group(1).lower()} {np.unit.name or np.head}"
        return np.end, name, Unit(name=name, group=unit.group, forms=[], kind=unit.kind)

    def duration_or_name(self, s: str, pos: int, np: _NounPhrase) -> bool:
        """Durations ("three days"), addresses and names ("10 Downing Street") are not figures."""
        first = _word(s[pos : np.end].split()[0])
        if np.head in self.time_units or first in self.time_units:
            return True
        if np.unit is None:
            words = s[pos : np.end].split()
            if not (len(words) == 1 and words[0].endswith("s") and len(words[0]) > 3):
                return all(w[:1].isupper() for w in words)
        return False

    def plural_head(self, head: str | None, value: float | None, unit: Unit | None) -> str | None:
        if head is None:
            return None
        if unit is not None:
            return to_plural(head) if unit.name is None else head
        return to_plural(head) if value == 1 else head

    def anaphor_unit(self, previous: list[_Figure]) -> tuple[str, str]:
        if previous and previous[-1].unit:
            return previous[-1].unit, previous[-1].group
        return "people", "people"

    # ------------------------------------------------------------------ one core

    def figure_at(self, s: str, p: int, floor: int, previous: list[_Figure], measures: list[int]) -> _Figure | None:
        """The figure whose core starts at `p` (or at the "a" just before it), if any."""
        match = None
        if p >= 2 and (s[p].isalpha() or not self.article_then_letter):
            article = RE_ARTICLE.search(s, max(floor, p - 4), p)
            if article and article.end() == p:
                match = self.re_core.match(s, article.start())
                if match and match.lastgroup not in ("words", "vague", "frac"):
                    match = None
        if match is None:
            match = self.re_core.match(s, p)
        if match is None:
            return None
        if match.lastgroup == "frac":
            return self.fraction(s, match, floor)
        if match.lastgroup == "vague":
            return self.vague_figure(s, match, floor, previous)
        return self.numeric(s, match, floor, previous, measures)

    def measure_before(self, s: str, start: int, floor: int, measures: list[int]) -> tuple[str, str] | None:
        """(unit, kind) of a measure noun and link right before `start` ("population of")."""
        for at in reversed(measures):
            if at >= start:
                continue
            if at < floor or start - at > MEASURE_REACH:
                break
            match = self.re_measure.fullmatch(s, at, start)
            if match:
                return self.measures[_norm(match.group(1))]
        return None

    def numeric(
        self, s: str, match: re.Match[str], floor: int, previous: list[_Figure], measures: list[int]
    ) -> _Figure | None:
        """A figure from a number core: the number, its extent (range, scale, suffix) and what it counts."""
        r = self.read_number(s, match, floor)
        if r is None or not self.read_extent(s, r):
            return None
        return self.read_counted(s, r, floor, previous, measures)

    def read_number(self, s: str, match: re.Match[str], floor: int) -> _Reading | None:
        """The value of the core and the words before it; None for codes, times, dates and labels."""
        r = _Reading(match.start(), match.end())
        r.currency = match.group("cur")
        if match.lastgroup == "words":
            parsed = self.words_value(match.group("words"))
            if parsed is None:
                return None
            r.value, length = parsed
            r.core_end = r.pos = r.core_start + length
            r.words = s[r.core_start : r.core_end]
            half = RE_HALF_BEFORE.search(s, max(floor, r.core_start - 8), r.core_start)
            if half and r.words[:1].lower() == "a":
                r.core_start, r.value = half.start(), r.value / 2  # "half a million"
        else:
            digits = match.group("cnum") if r.currency else match.group("num")
            value = self.digits_value(digits)
            if value is None:
                return None
            r.value = value
            at = match.start("cnum") if r.currency else r.core_start
            if s[at] == "0" and s[at + 1 : at + 2].isdigit():
                return None  # 000, 08: a piece of a time, a code or a split number
            if not r.currency and at > 0:
                before = s[at - 1]
                if before in "#." or (before in "-‑–/:," and at >= 2 and s[at - 2].isalnum()):
                    return None  # codes (Il-76, COVID-19), pieces of dates and times, #5, .357
        tail = s[max(0, r.core_start - 8) : r.core_start].rstrip(SPACES)[-1:]
        if tail and tail in SCORE_TAIL and RE_SCORE_BEFORE.search(s, max(0, r.core_start - 8), r.core_start):
            return None  # the second number of a score or a clock time: 65 - 53, 5: 40
        after = s[r.core_end : r.core_end + 2]
        if (after[:1] in ":/." and after[1:2].isdigit()) or RE_TIME_AFTER.match(s, r.core_end):
            return None  # 8:25, 12/03, 1.2.3, 10 am, 13.15 local time
        prev_word, prev_word2 = self.prev_words(s, r.core_start)
        r.prev_word = _word(prev_word)
        if not r.words and r.prev_word in TIME_PREPOSITIONS and RE_CLOCK.fullmatch(s, r.core_start, r.core_end):
            return None
        # The approximator ends with the word before the core: most often it cannot be one.
        r.start = r.core_start
        if r.prev_word in self.approximator_ends or floor > max(0, r.core_start - LOOK_BACK):
            r.start, r.approx = self.approximator(s, r.core_start, floor)
            if r.approx is not None:
                prev_word, prev_word2 = self.prev_words(s, r.start)
                r.prev_word = _word(prev_word)
        if prev_word in self.months:
            return None  # March 12, March 15-17
        if r.approx is None:
            label = r.prev_word.rstrip(".")
            if label in self.designators or (
                label in self.designator_ends and f"{_word(prev_word2)} {label}" in self.designators
            ):
                return None  # Article 5, Flight 17, World War Two
            if RE_ACRONYM.fullmatch(prev_word) and not s[r.core_end : r.core_end + 3].strip()[:1].isupper():
                return None  # a model or system name: "AK 47 rifles", "SEA-ME-WE 4 cable"
        return r

    def read_extent(self, s: str, r: _Reading) -> bool:
        """Range tail, scale word, glued unit or scale, per cent sign, hyphen unit, post-approximator."""
        scaled = False
        if r.approx == "range":  # between X and Y
            joined = RE_AND.match(s, r.pos)
            second = self.re_range_number.match(s, joined.end()) if joined else None
            if second is None:
                r.start, r.approx = r.core_start, None
            elif not self.read_second(s, r, second):
                return False
        else:  # X-Y, X to Y
            sep = RE_RANGE_SEP.match(s, r.pos)
            second = self.re_range_number.match(s, sep.end()) if sep else None
            if sep and second is not None and (sep.group(0).strip() != "-" or not r.words):
                if r.prev_word == "from" and sep.group(0).strip().lower() == "to":
                    return False  # "rose from 10 to 20": the second number is the figure
                if not self.read_second(s, r, second):
                    return False
                r.approx = "range"
        scale = RE_SCALE.match(s, r.pos)
        if r.approx == "range":
            assert r.low is not None and r.high is not None
            if r.prev_word in ("a", "an"):
                return False  # a score, record or compound: "a 2-0 win", "a 9-5 season"
            if scale:
                factor = self.scales[scale.group(1).lower()]
                r.low, r.high, r.pos, scaled = r.low * factor, r.high * factor, scale.end(), True
            elif r.words and r.high >= 1000 and r.low < 100:
                factors = (1e12, 1e9, 1e6, 1e3, 100.0)
                r.low *= next((f for f in factors if r.high >= f and r.low * f <= r.high), 1.0)  # two to three thousand
            if r.low >= r.high:
                return False
        elif scale:
            r.value, r.pos, scaled = r.value * self.scales[scale.group(1).lower()], scale.end(), True
        if self.next_word(s, r.pos) in self.months:
            return False  # 12 March, 13 to 15 May
        if r.currency:
            r.unit, r.head = self.units.get(r.currency.replace("US", "")), r.currency
        glue = RE_GLUE.match(s, r.pos)
        if glue:
            suffix = glue.group(0).lower()
            if suffix in self.ordinal_suffixes:
                return False  # 21st, 1990s
            if r.currency and suffix in self.suffix_scales and not scaled:
                r.value, r.pos = r.value * self.suffix_scales[suffix], glue.end()
            elif suffix in self.units and not r.currency:
                r.unit, r.head, r.pos = self.units[suffix], suffix, glue.end()
            else:
                return False  # 5G, 3D, A4
        elif s[r.pos : r.pos + 1] == "%":
            r.unit, r.head, r.pos = self.units["%"], "%", r.pos + 1
        elif s[r.pos : r.pos + 2] in ("'s", "’s"):
            return False
        post = RE_POST.match(s, r.pos)
        if post and r.approx is None:
            r.approx, r.pos = self.post_approximators[_norm(post.group(1))], post.end()
        elif s[r.pos : r.pos + 1] == "-" and s[r.pos + 1 : r.pos + 2].isalpha():
            word = RE_GLUE.match(s, r.pos + 1)
            assert word is not None
            compound = word.group(0).lower()
            if compound not in self.hyphen_units:
                return False  # a compound modifier: "two-year war", "five-member panel"
            if r.unit is None:
                r.unit, r.head = self.lookup([compound]), compound
            r.pos = word.end()
        return True

    def read_second(self, s: str, r: _Reading, second: re.Match[str]) -> bool:
        """The second number of a range; False when it is a time or a date piece."""
        parsed = self.range_value(second)
        if parsed is None:
            return False
        end = second.start() + parsed[1]
        tail = s[end : end + 2]
        if (tail[:1] in ":-/." and tail[1:2].isdigit()) or RE_TIME_AFTER.match(s, end):
            return False
        r.low, r.high, r.pos = r.value, parsed[0], end
        return True

    def read_counted(
        self, s: str, r: _Reading, floor: int, previous: list[_Figure], measures: list[int]
    ) -> _Figure | None:
        """What the number counts (noun phrase, "of the" partitive, participle, measure, verb) and its rule."""
        approx = r.approx or "exact"
        value = r.value
        yearish = (
            not r.words
            and not r.currency
            and approx == "exact"
            and 1800 <= value <= 2199
            and r.core_end - r.core_start == 4
            and s[r.core_start : r.core_end].isdigit()
        )
        if yearish and r.prev_word in self.year_words:
            return None
        unit, head, pos = r.unit, r.head, r.pos
        np: _NounPhrase | None = None
        partitive = False
        participle: str | None = None
        inner = self.inner_count(s, pos) if unit is None and value != 1 and approx != "range" else None
        if inner is not None:  # "30 of 35 drones", "156 of the 300 seats": the span stays "30"
            np, unit, head, partitive = inner, inner.unit, inner.head, True
        elif unit is None:
            of_det = RE_OF_DET.match(s, pos)
            if of_det:
                if value == 1 or of_det.group(1).lower() in PRONOUNS or approx == "range":
                    return None  # "one of the targets", "two of them"
                np = self.noun_phrase(s, of_det.end())
                if np is None:
                    return None
                partitive = True
            elif value == 1 and r.words and RE_OF.match(s, pos):
                return None
            else:
                first = RE_NP_WORD.match(s, pos)
                if first and _word(first.group(1)) in self.participles:
                    rest = RE_NP_WORD.match(s, first.end())
                    if rest is None or _word(rest.group(1)) in self.stop or self.lookup([rest.group(1)]) is None:
                        participle, pos = self.participles[_word(first.group(1))], first.end()
                if participle is None:
                    np = self.noun_phrase(s, pos)
            if np is not None:
                if self.duration_or_name(s, pos, np):
                    return None
                unit, head, pos = np.unit, np.head, np.end
                if unit is not None and unit.relational:
                    pos = self.of_phrase_end(s, pos) or pos
                elif unit is not None:
                    pos, head, unit = self.coordinated(s, pos, head, unit)
        elif unit.relational:
            pos = self.of_phrase_end(s, pos) or pos
        fig = _Figure(r.start, pos, RULE_RANGE if approx == "range" else RULE_NUMBER_NOUN)
        fig.explicit = r.approx is not None
        if approx == "range":
            fig.bound("range", None, low=r.low, high=r.high)
        else:
            fig.bound(approx, value)
        measure = self.measure_before(s, r.start, floor, measures) if measures else None
        if participle is not None:
            if fig.rule != RULE_RANGE:
                fig.rule = RULE_PARTICIPLE
            fig.fix_kind("people", "people", participle)
        elif unit is None and np is None:
            if measure is not None:
                fig.rule = RULE_MEASURE
                fig.fix_kind(measure[0], "percent" if measure[0] == "percent" else "people", measure[1])
            else:
                verb = _norm(self.prev_words(s, r.start)[0])
                if verb not in self.bare_verbs or yearish:
                    return None  # a bare number counts nothing we can name
                fig.rule = RULE_BARE_AFTER_VERB
                fig.fix_kind("people", "people", self.bare_verbs[verb])
        else:
            after = s[r.core_end : r.core_end + 4].strip()[:1]
            if yearish and (unit is None or np is None or np.words > 2 or not after.islower()):
                return None  # the 2022 elections, the Sixers' 1983 NBA title team
            if unit is None and head in self.anaphors:
                fig.unit, fig.group = self.anaphor_unit(previous)
            else:
                fig.set_unit(unit, self.plural_head(head, value, unit))
            if measure is not None:
                fig.rule = RULE_MEASURE
                fig.kind, fig.kind_fixed = measure[1], True
            elif partitive:
                fig.rule = RULE_PARTITIVE
            elif fig.group == "money":
                fig.rule = RULE_MONEY
            elif fig.group == "percent" and fig.rule != RULE_RANGE:
                fig.rule = RULE_PERCENT
            if value == 1 and unit is None and r.words:
                fig.needs_cue = True  # "one" + an unknown noun: only with an event cue
        return fig

    def vague_figure(self, s: str, match: re.Match[str], floor: int, previous: list[_Figure]) -> _Figure | None:
        phrase = _norm(match.group("vague"))
        vague = self.vague[phrase]
        needs_cue = vague[3]
        pos = match.end()
        if phrase in self.approximators:
            following = RE_NP_WORD.match(s, pos)
            if RE_NEXT_NUMBER.match(s, pos) or (following and _word(following.group(1)) in self.number_words):
                return None  # "some 300 people": an approximator, read with the number
        if s[pos : pos + 1] == "-":
            return None  # multiple-choice
        of_det = RE_OF_DET.match(s, pos)
        np: _NounPhrase | None
        if of_det:
            if of_det.group(1).lower() in PRONOUNS:
                return None
            np = self.noun_phrase(s, of_det.end())
        else:
            first = RE_NP_WORD.match(s, pos)
            if first and _word(first.group(1)) in self.participles and not needs_cue:
                rest = RE_NP_WORD.match(s, first.end())
                if rest is None or _word(rest.group(1)) in self.stop:
                    fig = self.vague_start(s, match.start(), floor, first.end(), vague)
                    fig.fix_kind("people", "people", self.participles[_word(first.group(1))])
                    return fig  # "dozens dead"
            np = self.noun_phrase(s, pos, allow_unknown=not needs_cue)
        if np is None or self.duration_or_name(s, pos, np):
            return None
        if needs_cue and not self.plural_looking(s[pos : np.end].split()[-1]):
            return None
        fig = self.vague_start(s, match.start(), floor, np.end, vague)
        unit, head = np.unit, np.head
        if unit is not None and unit.relational:
            fig.end = self.of_phrase_end(s, fig.end) or fig.end
        elif unit is not None:
            fig.end, head, unit = self.coordinated(s, fig.end, head, unit)
        if unit is None and head in self.anaphors:
            fig.unit, fig.group = self.anaphor_unit(previous)
        else:
            fig.set_unit(unit, self.plural_head(head, None, unit))
        return fig

    def vague_start(self, s: str, at: int, floor: int, end: int, vague: tuple[str, str, float | None, bool]) -> _Figure:
        """The figure of the vague quantifier `vague` at `at` (with its approximator: "about a dozen") up to `end`."""
        rule, approx, low, needs_cue = vague
        start, _ = self.approximator(s, at, floor)
        fig = _Figure(start, end, rule)
        fig.bound(approx, None, low=low)
        fig.needs_cue = needs_cue
        return fig

    def inner_count(self, s: str, pos: int) -> _NounPhrase | None:
        """The noun phrase after "of [the] <number>" at `pos`: what "30 of 35 drones" counts."""
        of = RE_OF_THE.match(s, pos)
        number = self.re_range_number.match(s, of.end()) if of else None
        parsed = self.range_value(number) if number else None
        if number is None or parsed is None:
            return None
        end = number.start() + parsed[1]
        scale = RE_SCALE.match(s, end)
        np = self.noun_phrase(s, scale.end() if scale else end)
        if np is None or self.duration_or_name(s, end, np):
            return None
        return np

    def fraction(self, s: str, match: re.Match[str], floor: int) -> _Figure | None:
        value = self.fractions[_norm(match.group("frac"))]
        start, approx = self.approximator(s, match.start(), floor)
        inner = self.inner_count(s, match.end())
        if inner is not None:  # "two-thirds of the 1,200 delegates": the inner number is a figure too
            fig = _Figure(start, match.end(), RULE_FRACTION)
            fig.bound(approx or "exact", value)
            fig.explicit = approx is not None
            fig.set_unit(inner.unit, inner.head)
            return fig
        of = RE_OF.match(s, match.end())
        at = of.end() if of else match.end()
        det = RE_DET.match(s, at)
        np = self.noun_phrase(s, det.end() if det else at)
        if np is None or np.head in self.time_units:
            return None  # "half an hour"
        fig = _Figure(start, np.end, RULE_FRACTION)
        fig.bound(approx or "exact", value)
        fig.explicit = approx is not None
        fig.set_unit(np.unit, np.head)
        return fig

    # ------------------------------------------------------------------ a / an + unit

    def article_np(self, s: str, at: int, groups: frozenset[str]) -> _NounPhrase | None:
        """The known-unit noun phrase after an "a/an " that ends at `at`, if its group fits."""
        np = self.noun_phrase(s, at - 1, allow_unknown=False)
        if np is None or np.unit is None or np.unit.group not in groups:
            return None
        return np

    def one(self, start: int, np: _NounPhrase, rule: str, kind: str | None) -> _Figure:
        fig = _Figure(start, np.end, rule)
        fig.bound("exact", 1.0)
        fig.set_unit(np.unit, self.plural_head(np.head, 1.0, np.unit))
        if kind is not None:
            fig.kind, fig.kind_fixed = kind, True
        return fig

    def article_object(self, s: str, start: int, end: int) -> _Figure | None:
        """ "destroyed a tank" / "a drone was shot down": a count of one (the predicate is s[start:end])."""
        kind, groups = self.article[_norm(s[start:end])]
        after = RE_ARTICLE.match(s, end + 1) if s[end : end + 1].isspace() else None
        if after:
            np = self.article_np(s, after.end(), groups)
            if np is not None:
                return self.one(after.start(), np, RULE_ARTICLE_OBJECT, kind)
        aux = RE_AUX_BEFORE.search(s, max(0, start - 40), start)
        if aux is None:
            return None
        for article in reversed(list(RE_ARTICLE.finditer(s, max(0, aux.start() - 60), aux.start()))):
            np = self.article_np(s, article.end(), groups)
            if np is not None and not s[np.end : aux.start()].strip():
                return self.one(article.start(), np, RULE_ARTICLE_OBJECT, kind)
        return None

    def list_items(self, s: str, figures: list[_Figure]) -> list[_Figure]:
        """ "5 tanks and an armoured personnel carrier": a/an items listed with counted figures."""
        found: list[_Figure] = []
        for fig in figures:
            if fig.group not in COUNTABLE:
                continue
            at = fig.end
            while True:
                sep = RE_LIST_SEP.match(s, at)
                article = RE_ARTICLE.match(s, sep.end()) if sep else None
                np = self.article_np(s, article.end(), COUNTABLE) if article else None
                if article is None or np is None:
                    break
                found.append(self.one(article.start(), np, RULE_LIST_ITEM, None))
                at = np.end
            for article in reversed(list(RE_ARTICLE.finditer(s, max(0, fig.start - 60), fig.start))):
                np = self.article_np(s, article.end(), COUNTABLE)
                if np is not None:
                    sep = RE_LIST_SEP.match(s, np.end)
                    if sep and sep.end() == fig.start:
                        found.append(self.one(article.start(), np, RULE_LIST_ITEM, None))
                break
        return found

    def zero(self, s: str, at: int) -> _Figure | None:
        match = self.re_zero.match(s, at)
        if match is None:
            return None
        fig = _Figure(match.start(), match.end(), RULE_ZERO)
        fig.bound("exact", 0.0)
        noun = match.group("noun")
        kind = self.zero_nouns[_norm(noun)] if noun else self.zero_verbs[_norm(match.group("verb"))]
        fig.fix_kind("people", "people", kind)
        return fig

    # ------------------------------------------------------------------ the sentence

    def sentence(self, s: str) -> list[_Figure]:
        """Every figure of one sentence, in order, with units, bounds and kinds."""
        ascii = s.isascii()
        folded = " " + (s.lower() if ascii else fold_like_ignorecase(s))
        hits = self.scan(s, folded, ascii)
        if not hits:
            return []
        figures: list[_Figure] = []
        extra: list[_Figure] = []
        measures: list[int] = []
        floor = 0
        for at, end, flags in hits:
            if flags & SCAN_MEASURE:
                measures.append(at)
            if flags & SCAN_ZERO and (zero := self.zero(s, at)) is not None:
                extra.append(zero)
            if flags & SCAN_PREDICATE and s[end : end + 1] != "-":
                obj = self.article_object(s, at, end)
                if obj is not None:
                    extra.append(obj)
            if flags & SCAN_FIGURE and at >= floor:
                fig = self.figure_at(s, at, floor, figures, measures)
                if fig is not None:
                    figures.append(fig)
                    floor = fig.end
        if figures:
            extra += self.list_items(s, figures)
        if extra:
            figures = self.merge(figures, extra)
        if not figures:
            return []
        groups = self.group(s, figures)
        self.distribute(groups)
        self.kinds(s, folded, figures, groups)
        return [f for f in figures if not (f.needs_cue and f.kind is None)]

    def scan(self, s: str, folded: str, ascii: bool | None = None) -> list[tuple[int, int, int]]:
        """(start, end, SCAN_* flags) of each currency sign, number start and scanned phrase, in order.

        `folded` is " " + the folded sentence: a match there starts one character before its phrase;
        `ascii`: whether `s` is ASCII, if known.
        """
        if ascii is None:
            ascii = s.isascii()
        numbers = (RE_NUMBER_START_ASCII if ascii else RE_NUMBER_START).finditer(s)
        hits = [(m.start(), m.end(), SCAN_FIGURE) for m in numbers]
        words = _folded_matches(self.re_scan_ascii, self.re_scan, folded, ascii)
        flags = self.scan_flags
        found = [(m.start(), m.end() - 1, flags.get(p) or flags[_norm(p)]) for m in words for p in (m.group(1),)]
        if hits and found:
            return sorted(hits + found)
        return hits or found

    def merge(self, figures: list[_Figure], extra: list[_Figure]) -> list[_Figure]:
        """All figures in order; of two that overlap, the one read first (the number) stays."""
        merged: list[_Figure] = []
        i = 0
        for fig in sorted(extra, key=lambda f: f.start):
            while i < len(figures) and figures[i].start <= fig.start:
                merged.append(figures[i])
                i += 1
            if (merged and fig.start < merged[-1].end) or (i < len(figures) and fig.end > figures[i].start):
                continue
            merged.append(fig)
        merged.extend(figures[i:])
        return merged

    def group(self, s: str, figures: list[_Figure]) -> list[list[_Figure]]:
        """Runs of figures separated only by list punctuation (a bare item may sit between)."""
        groups: list[list[_Figure]] = [[figures[0]]]
        for before, fig in itertools.pairwise(figures):
            near = fig.start - before.end < MAX_GROUP_GAP
            if near and (
                RE_LIST_SEP.fullmatch(s, before.end, fig.start) or RE_LIST_ITEM_GAP.fullmatch(s, before.end, fig.start)
            ):
                groups[-1].append(fig)
            else:
                groups.append([fig])
        return groups

    def distribute(self, groups: list[list[_Figure]]) -> None:
        """ "about 160 km and 800 km": an approximator carries over to a same-unit figure after it."""
        for group in groups:
            for before, fig in itertools.pairwise(group):
                if (
                    before.approx in DISTRIBUTED
                    and fig.approx == "exact"
                    and not fig.explicit
                    and fig.rule == before.rule
                    and fig.unit == before.unit
                ):
                    fig.bound(before.approx, fig.core_value)

    def kinds(self, s: str, folded: str, figures: list[_Figure], groups: list[list[_Figure]]) -> None:
        """Each figure's kind: the nearest cue around its list that fits its unit's group.

        A cue belongs to the list nearest to it that it fits: in "Three people died as tens of
        thousands of protesters marched", "died" is the three people's, not the protesters'.
        """
        cues = _folded_matches(self.re_cue_ascii, self.re_cue, folded, folded.isascii())
        found = [(m.start(), m.end() - 1, m.group(1)) for m in cues]
        starts = [start for start, _, _ in found]
        ends = [end for _, end, _ in found]
        entries = [self.cues.get(phrase) or self.cues[_norm(phrase)] for _, _, phrase in found]
        spans = [(f.start, f.end) for f in figures]
        # (cue index, side, distance) around each list: the cues before it, then after it.
        arounds: list[list[tuple[int, int, int]]] = []
        owner: dict[int, int] = {}  # cue index -> distance to the nearest list it fits
        for group in groups:
            first, last = group[0].start, group[-1].end
            i_first, i_last = bisect.bisect_left(starts, first), bisect.bisect_left(starts, last)
            around: list[tuple[int, int, int]] = []
            for i in range(max(0, i_first - CUES_PER_SIDE), i_first):
                if ends[i] <= first and first - ends[i] <= CUE_WINDOW and not self.inside(spans, starts[i], ends[i]):
                    around.append((i, 0, self.distance(s, ends[i], first)))
            for i in range(i_last, min(len(found), i_last + CUES_PER_SIDE)):
                if starts[i] - last <= CUE_WINDOW and not self.inside(spans, starts[i], ends[i]):
                    around.append((i, 1, self.distance(s, last, starts[i])))
            groups_here = {fig.group for fig in group}
            for i, side, distance in around:
                fits = any(
                    groups_here & applies and direction in ("both", ("before", "after")[side])
                    for _, _, applies, direction in entries[i]
                )
                if fits and distance < owner.get(i, 1 << 30):
                    owner[i] = distance
            arounds.append(around)
        for group, around in zip(groups, arounds, strict=True):
            usable = [(i, side, distance) for i, side, distance in around if distance <= owner.get(i, distance)]
            for fig in group:
                if fig.kind_fixed:
                    continue
                own = range(bisect.bisect_left(starts, fig.start), bisect.bisect_left(starts, fig.end))
                choices = [(i, 0, 0) for i in own if ends[i] <= fig.end] + usable
                best: tuple[int, int, int, str] | None = None
                for i, side, distance in choices:
                    if distance > self.max_distance:
                        continue
                    for order, kind, applies, direction in entries[i]:
                        if fig.group not in applies or direction not in ("both", ("before", "after")[side]):
                            continue
                        candidate = (distance, side, order, kind)
                        if best is None or candidate < best:
                            best = candidate
                if best is not None and (not fig.needs_cue or best[0] <= CLOSE_CUE):
                    fig.kind = best[3]
                else:
                    fig.kind = None if fig.needs_cue else fig.unit_kind

    def inside(self, spans: list[tuple[int, int]], start: int, end: int) -> bool:
        """Whether a cue s[start:end] lies inside a figure's span ("38 injured" is no cue for its neighbour)."""
        i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1]

    def distance(self, s: str, start: int, end: int) -> int:
        """Words between two offsets, auxiliaries not counted (stops counting past the maximum)."""
        count = 0
        for word in RE_WORD_COUNT.finditer(s, start, end):
            if _word(word.group(0)) not in self.transparent:
                count += 1
                if count > self.max_distance:
                    break
        return count


@functools.cache
def _engine() -> _Engine:
    return _Engine(quantity_rules())


def parse_number(text: str) -> float | None:
    """The value of a number written in digits ("1,200", "3.5") or words ("two hundred and five"), else None."""
    engine = _engine()
    stripped = text.strip()
    if engine.re_digits.fullmatch(stripped):
        return engine.digits_value(stripped)
    if engine.re_wordnum.fullmatch(stripped):
        parsed = engine.words_value(stripped)
        if parsed is not None and parsed[1] == len(stripped):
            return parsed[0]
    return None


def quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Figures in the sentence text[start:end], in order; offsets are absolute into `text`."""
    start = max(0, start)
    end = min(len(text), end)
    if start >= end:
        return []
    sentence = text[start:end]
    return [
        Quantity(
            start=start + fig.start,
            end=start + fig.end,
            text=sentence[fig.start : fig.end],
            value=fig.value,
            low=fig.low,
            high=fig.high,
            approx=fig.approx,
            unit=fig.unit,
            kind=fig.kind,
            rule=fig.rule,
        )
        for fig in _engine().sentence(sentence)
    ]
