"""Time expressions: dates, date ranges, months, weekdays, relative days and clock times.

The rules are data (`research/rules/time.toml`): lexicons (month and weekday names, modifiers,
relative-day phrases, zones) and patterns with ids, examples and counter-examples. They are
loaded once and joined into one alternation, and into one per first character of a match (read
from the parsed patterns: a digit, "b" of "between" ...). A sentence costs one fast search and a
few substring tests for anchors (digits, month and weekday names, relative-day and clock words):
most sentences have none and stop there; otherwise the rules that can start with a word's first
character are tried only at the anchor's word and at the few words just before it that can open
an expression ("between", "last", "at" ...). Every quantifier in the patterns is bounded, so the
time is linear in the input.

Implicit dates ("Tuesday", "yesterday", "March 12") are resolved against the publication
date; without one they stay unresolved (`date` None). Clock times keep the time as written
(24 h) and get a UTC time when the text gives it ("8:25am (05:25 GMT)") or the zone fixes it
on the day the sentence is about ("10:40 am Paris time"); a parenthesised restatement lends
its UTC time to the expression it follows ("between 12:40 pm and 1:40 pm (between 10:40 am
and 11:40 am Paris time)"). Durations ("two years", "three days before") are not time
expressions and are never emitted.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from research.errors import RuleError
from research.lexicon import RULES_DIR, check_rule_id, load_toml
from research.model import TimeExpression
from research.regex_syntax import first_chars

__all__ = [
    "DAY_KINDS",
    "RelativeDay",
    "TimeExample",
    "TimeLexicon",
    "TimeRule",
    "TimeRules",
    "TimeZone",
    "claim_date",
    "parse_time_rules",
    "time_expressions",
    "time_rules",
]

Kind = Literal["date", "date_range", "month", "weekday", "relative_day", "time", "time_range"]
Modifier = Literal["past", "future", "current"]

DAY_KINDS = frozenset({"date", "date_range", "weekday", "relative_day"})
RULES_FILE = "time.toml"
# "March 12" without a year is in the publication year unless that is more than ~6 months ahead.
HORIZON = dt.timedelta(days=183)
# The longest a date range may span.
MAX_RANGE = dt.timedelta(days=366)

# Every rule reaches an anchor within this many words and characters of where it starts.
WORDS_BEFORE = 3
WINDOW = 40

RE_WORD_START = re.compile(r"(?<!\w)\w")
RE_WORD = re.compile(r"(?<!\w)\w+")
SPACE = "[ \\t\\u00a0\\u2009\\u202f]"
RE_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
RE_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")
RE_COPY = re.compile(r"__[0-9]+$")
# Group names, inline flags and placeholders: what is left of a pattern is literal words.
RE_PATTERN_SYNTAX = re.compile(r"\(\?P<\w+>|\(\?[a-zA-Z]+[:)]|\{[a-z][a-z0-9_]*\}|\\[A-Za-z]")
RE_LETTERS = re.compile(r"[^\W\d_]+")
RE_PAREN_GAP = re.compile(SPACE + r"{0,3}\(" + SPACE + r"{0,3}")
# The group names a pattern may use (before any __N suffix); the engine reads them by name.
FIELDS = frozenset(
    {
        "span",
        "mod",
        "weekday",
        "relative",
        "word",
        *(
            prefix + base
            for prefix in ("", "end_", "utc_")
            for base in ("month", "day", "year", "hour", "sep", "minute", "ampm", "zone", "offset")
        ),
    }
)


class TimeExample(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An example sentence and what its rule must make of it (fields left out are not checked).

    published: the article date to resolve against; match: the expression's text.
    """

    text: str
    published: dt.date | None = None
    match: str | None = None
    date: dt.date | None = None
    end_date: dt.date | None = None
    time: str | None = None
    end_time: str | None = None
    zone: str | None = None
    utc: str | None = None
    end_utc: str | None = None


class TimeRule(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One pattern producing one kind of time expression, with the sentences that test it."""

    id: str
    kind: Kind
    pattern: str
    examples: list[str | TimeExample]
    counter_examples: list[str] = []

    def cases(self) -> list[TimeExample]:
        """The examples, plain sentences as examples that only have to fire."""
        return [e if isinstance(e, TimeExample) else TimeExample(text=e) for e in self.examples]


class TimeZone(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A time zone as the text names it; tz is the IANA zone ("" when unknown, as "local")."""

    name: str
    tz: str
    spellings: list[str]


class RelativeDay(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Phrases that name the day `offset` days from the publication date."""

    offset: int
    phrases: list[str]


class TimeLexicon(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The word lists of `[lexicon]` in time.toml."""

    months: list[str]
    month_abbreviations: dict[str, int]
    weekdays: list[str]
    weekday_abbreviations: dict[str, int]
    not_weekday_after: list[str] = []
    not_weekday_before: list[str] = []
    not_month_after: list[str] = []
    not_relative_after: list[str] = []
    past: list[str]
    future: list[str]
    current: list[str]
    month_cues: list[str]
    clock_cues: list[str]
    clock_words: dict[str, str]
    range_words: list[str]


class _Try(msgspec.Struct, frozen=True):
    """An alternation of some of the rules; fields and span by rule index, as in `TimeRules`."""

    regex: re.Pattern[str]
    fields: dict[int, tuple[tuple[int, str], ...]]
    span: dict[int, tuple[int, int]]


class TimeRules(msgspec.Struct, frozen=True, kw_only=True):
    """The loaded rules and lexicons, compiled: one alternation of all rules plus lookups.

    anchors, lower_anchors: what every expression contains (digits, month and weekday names,
    relative-day and clock words; capitalised and lower case apart, as each is fast alone);
    lower_cores: pieces of the lower-case anchors, one in each, that str's fast `in` looks for first;
    starters: every word a match may start with before its anchor (casefolded; a superset);
    fields[i]: (group index, field name) of rule i in `regex`; span[i]: the indices of the rule's
    group and of its `span` group (-1: none), whose bounds are reported when it took part;
    singles[i]: rule i alone (same group naming), tried after a rejection;
    dispatch: an ASCII character (lower case) -> the index in `tries` of the alternation of the
    rules (in file order) whose match can start with it; a character not there starts no match.
    """

    rules: tuple[TimeRule, ...]
    regex: re.Pattern[str]
    anchors: re.Pattern[str]
    lower_anchors: re.Pattern[str]
    lower_cores: tuple[str, ...]
    fields: tuple[tuple[tuple[int, str], ...], ...]
    span: tuple[tuple[int, int], ...]
    singles: tuple[re.Pattern[str], ...]
    single_fields: tuple[tuple[tuple[int, str], ...], ...]
    single_span: tuple[tuple[int, int], ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    modifiers: dict[str, Modifier]
    relative: dict[str, int]
    clock_words: dict[str, int]
    zones: dict[str, TimeZone]
    starters: frozenset[str]
    nothing: tuple[str, ...]
    dispatch: dict[str, int]
    tries: tuple[_Try, ...]


class _Found(msgspec.Struct, kw_only=True):
    """An expression before the UTC times are worked out (they need the sentence's day)."""

    start: int
    end: int
    rule: str
    kind: Kind
    date: dt.date | None = None
    end_date: dt.date | None = None
    time: int | None = None
    end_time: int | None = None
    zone: str | None = None
    # What fixes the UTC time: (minutes, IANA zone, offset minutes) for each end.
    anchor: tuple[int, str, int] | None = None
    end_anchor: tuple[int, str, int] | None = None
    utc: str | None = None
    end_utc: str | None = None


# -- loading -----------------------------------------------------------------------------------


def _norm(words: str) -> str:
    return " ".join(words.casefold().split())


def _alternation(words: Iterable[str]) -> str:
    """Literal alternatives, longest first; a space in a phrase matches 1-3 spaces."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(f"{SPACE}{{1,3}}".join(re.escape(part) for part in w.split()) for w in ordered)


def _fragments(lexicon: TimeLexicon, relative: Sequence[RelativeDay], zones: Sequence[TimeZone]) -> dict[str, str]:
    """What each {placeholder} stands for; its named groups are renamed per use."""
    sp, sp0 = f"{SPACE}{{1,3}}", f"{SPACE}{{0,3}}"
    dash = "[-\u2010\u2011\u2012\u2013\u2014]"
    months = _alternation([*lexicon.months, *(m.upper() for m in lexicon.months)])
    month_abbr = _alternation([*lexicon.month_abbreviations, *(a.upper() for a in lexicon.month_abbreviations)])
    weekdays = _alternation([*lexicon.weekdays, *(w.upper() for w in lexicon.weekdays)])
    weekday_abbr = _alternation([*lexicon.weekday_abbreviations, *(a.upper() for a in lexicon.weekday_abbreviations)])
    not_month = "".join(f"(?<!{re.escape(w)} )" for w in lexicon.not_month_after)
    not_weekday = "".join(f"(?<!{re.escape(w)} )" for w in lexicon.not_weekday_after)
    not_relative = "".join(f"(?<!{re.escape(w)} )" for w in lexicon.not_relative_after)
    weekday_end = r"(?!\w)"
    if lexicon.not_weekday_before:
        weekday_end += f"(?!{sp}(?:{_alternation(lexicon.not_weekday_before)})(?!\\w))"
    spellings = [s for zone in zones for s in zone.spellings]
    # Not a minute ("11: 06 PM", as some scrapers space it) nor part of a decimal.
    not_minute = r"(?<![0-9.:,])(?<![0-9][:.] )"
    hour = not_minute + r"(?P<hour>2[0-3]|[01]?[0-9])"
    return {
        "sp": sp,
        "sp0": sp0,
        "dash": dash,
        "to": f"(?:{sp0}{dash}{sp0}|{sp}(?i:{_alternation(lexicon.range_words)}){sp})",
        "month": f"{not_month}(?P<month>(?:{months})|(?:{month_abbr})\\.?)(?!\\w)",
        "month_name": f"{not_month}(?P<month>{months})(?!\\w)",
        "weekday": f"{not_weekday}(?P<weekday>{weekdays}){weekday_end}",
        "weekday_any": f"{not_weekday}(?P<weekday>(?:{weekdays})|(?:{weekday_abbr})\\.?){weekday_end}",
        "day": r"(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?!\w)(?![.,:]?[0-9])",
        "year": r"(?P<year>1[89][0-9][0-9]|2[01][0-9][0-9])(?!\w)(?![.,:]?[0-9])",
        "mod": f"(?P<mod>(?i:{_alternation([*lexicon.past, *lexicon.future, *lexicon.current])}))(?!\\w)",
        "relative": f"{not_relative}(?P<relative>(?i:{_alternation(p for r in relative for p in r.phrases)}))(?!\\w)",
        "word": f"(?P<word>(?i:{_alternation(lexicon.clock_words)}))(?!\\w)",
        "month_cue": f"(?i:{_alternation(lexicon.month_cues)})",
        "clock_cue": f"(?i:{_alternation(lexicon.clock_cues)})",
        # Preceded by a clock cue and one space, without consuming it.
        "after_clock_cue": "(?i:" + "|".join(rf"(?<=\b{re.escape(c)}[ \u00a0])" for c in lexicon.clock_cues) + ")",
        "hour": hour,
        "minute": r"(?P<minute>[0-5][0-9])(?![0-9])",
        "hm": hour + r"(?:(?P<sep>[:.h])(?P<minute>[0-5][0-9]))?(?![0-9])",
        "clock": hour + r"(?P<sep>[:.h])(?P<minute>[0-5][0-9])(?![0-9])",
        "hhmm": not_minute + r"(?P<hour>[01][0-9]|2[0-3])(?P<minute>[0-5][0-9])(?![0-9])",
        "ampm": r"(?P<ampm>[ap]\.m\.|[AP]\.M\.|[ap]\.m(?!\w)|[ap]m(?!\w)|[AP]M(?!\w))",
        "zone": f"(?P<zone>{_alternation(spellings)})(?P<offset>[-+\u2212](?:1[0-4]|0?[0-9])(?::?[0-5][0-9])?)?(?!\\w)",
    }


def _expand(pattern: str, fragments: dict[str, str], where: str) -> str:
    """Fill the {placeholders} of a rule pattern; prefixes end_/utc_ and suffix __N rename groups."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        copy = RE_COPY.search(name)
        suffix = copy.group(0) if copy else ""
        base = name[: len(name) - len(suffix)]
        prefix = ""
        while base.startswith(("end_", "utc_")) and base not in fragments:
            prefix, base = prefix + base[:4], base[4:]
        if base not in fragments:
            raise RuleError(f"{where}: unknown placeholder {{{name}}}")
        return RE_GROUP.sub(lambda g: f"(?P<{prefix}{g.group(1)}{suffix}>", fragments[base])

    return RE_PLACEHOLDER.sub(fill, pattern)


def _check_groups(pattern: str, where: str) -> None:
    if "(?P=" in pattern:
        raise RuleError(f"{where}: back-references are not allowed")
    for name in RE_GROUP.findall(pattern):
        if RE_COPY.sub("", name) not in FIELDS:
            raise RuleError(f"{where}: unknown group name {name!r} (known: {', '.join(sorted(FIELDS))})")


def _rule_group(index: int, pattern: str) -> str:
    renamed = RE_GROUP.sub(lambda g: f"(?P<g{index}_{g.group(1)}>", pattern)
    return f"(?P<r{index}>{renamed})"


def _tries(expanded: list[str]) -> tuple[dict[str, int], tuple[_Try, ...]]:
    """The rules split by the character their match starts with (see `TimeRules.dispatch`)."""
    firsts: list[set[str] | None] = []
    for pattern in expanded:
        first, empty = first_chars(pattern)
        firsts.append(None if empty else first)
    keys = sorted(set().union(*(first for first in firsts if first is not None)))
    dispatch: dict[str, int] = {}
    indices: dict[tuple[int, ...], int] = {}
    tries: list[_Try] = []
    for key in keys:
        chosen = tuple(i for i, first in enumerate(firsts) if first is None or key in first)
        if chosen not in indices:
            regex = re.compile(r"(?<!\w)(?:" + "|".join(_rule_group(i, expanded[i]) for i in chosen) + ")")
            maps = {i: _field_map(regex, i) for i in chosen}
            indices[chosen] = len(tries)
            tries.append(_Try(regex, {i: m[0] for i, m in maps.items()}, {i: m[1] for i, m in maps.items()}))
        dispatch[key] = indices[chosen]
    return dispatch, tuple(tries)


def _field_map(regex: re.Pattern[str], index: int) -> tuple[tuple[tuple[int, str], ...], tuple[int, int]]:
    """(group index, field name) of rule `index`, and the groups bounding its span (rule, span)."""
    prefix = f"g{index}_"
    fields = sorted(
        (group, RE_COPY.sub("", name[len(prefix) :]))
        for name, group in regex.groupindex.items()
        if name.startswith(prefix)
    )
    span = regex.groupindex.get(f"{prefix}span", -1)
    return tuple(f for f in fields if f[1] != "span"), (regex.groupindex[f"r{index}"], span)


def _zoneinfo_ok(zone: TimeZone, path: str) -> None:
    if zone.tz and zone.tz != "UTC":
        try:
            ZoneInfo(zone.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise RuleError(f"{path}: zone {zone.name!r}: unknown IANA zone {zone.tz!r} ({exc})") from exc


def _convert(value: Any, type_: Any, where: str) -> Any:
    try:
        return msgspec.convert(value, type_)
    except msgspec.ValidationError as exc:
        raise RuleError(f"{where}: {exc}") from exc


def _hhmm_minutes(value: str, where: str) -> int:
    match = re.fullmatch(r"(2[0-3]|[01][0-9]):([0-5][0-9])", value)
    if not match:
        raise RuleError(f"{where}: {value!r} is not HH:MM")
    return int(match.group(1)) * 60 + int(match.group(2))


def parse_time_rules(raw: dict[str, Any], path: str) -> TimeRules:
    """Check and compile a parsed time.toml; any problem raises RuleError naming file and rule."""
    lexicon: TimeLexicon = _convert(raw.get("lexicon"), TimeLexicon, f"{path}: [lexicon]")
    relative: list[RelativeDay] = _convert(raw.get("relative", []), list[RelativeDay], f"{path}: [[relative]]")
    zones: list[TimeZone] = _convert(raw.get("zone", []), list[TimeZone], f"{path}: [[zone]]")
    if len(lexicon.months) != 12 or len(lexicon.weekdays) != 7:
        raise RuleError(f"{path}: [lexicon] needs 12 months and 7 weekdays")
    for name, number in lexicon.month_abbreviations.items():
        if not 1 <= number <= 12:
            raise RuleError(f"{path}: [lexicon] month abbreviation {name!r} has no month {number}")
    for name, number in lexicon.weekday_abbreviations.items():
        if not 0 <= number <= 6:
            raise RuleError(f"{path}: [lexicon] weekday abbreviation {name!r} has no weekday {number}")
    for zone in zones:
        _zoneinfo_ok(zone, path)
    clock_words = {_norm(w): _hhmm_minutes(v, f"{path}: clock word {w!r}") for w, v in lexicon.clock_words.items()}
    fragments = _fragments(lexicon, relative, zones)

    rules: list[TimeRule] = []
    expanded: list[str] = []
    seen: set[str] = set()
    for entry in raw.get("rule", []):
        rule_id = str(entry.get("id", "?")) if isinstance(entry, dict) else "?"
        where = f"{path}: rule {rule_id!r}"
        rule: TimeRule = _convert(entry, TimeRule, where)
        check_rule_id(path, rule.id, seen)
        if not rule.examples:
            raise RuleError(f"{where}: needs at least one example")
        pattern = _expand(rule.pattern, fragments, where)
        _check_groups(pattern, where)
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RuleError(f"{where}: bad pattern: {exc}") from exc
        rules.append(rule)
        expanded.append(pattern)
    if not rules:
        raise RuleError(f"{path}: no [[rule]] entries")

    regex = re.compile(r"(?<!\w)(?:" + "|".join(_rule_group(i, p) for i, p in enumerate(expanded)) + ")")
    maps = [_field_map(regex, i) for i in range(len(rules))]
    singles = [re.compile(r"(?<!\w)" + _rule_group(i, p)) for i, p in enumerate(expanded)]
    single_maps = [_field_map(single, i) for i, single in enumerate(singles)]

    words = [p.split()[-1] for r in relative for p in r.phrases] + list(lexicon.clock_words)
    names = [
        *lexicon.months,
        *lexicon.month_abbreviations,
        *lexicon.weekdays,
        *lexicon.weekday_abbreviations,
        *(w.capitalize() for w in words),
    ]
    # Literal alternatives only, so `re` skips ahead on the first character (digits included).
    digits = "|".join(f"{d}[0-9]*" for d in "0123456789")
    anchors = re.compile(f"{_alternation([*names, *(n.upper() for n in names)])}|{digits}")
    lower_words = {w.lower() for w in words}
    lower_anchors = re.compile(_alternation(lower_words))
    pieces = {w.split()[0] for w in lower_words}
    lower_cores = tuple(sorted(p for p in pieces if not any(q != p and q in p for q in pieces)))
    dispatch, tries = _tries(expanded)

    phrases = [
        *lexicon.past,
        *lexicon.future,
        *lexicon.current,
        *lexicon.month_cues,
        *lexicon.clock_cues,
        *lexicon.range_words,
        *(p for r in relative for p in r.phrases),
        *(s for zone in zones for s in zone.spellings),
        *(RE_PATTERN_SYNTAX.sub(" ", r.pattern) for r in rules),
    ]
    starters = frozenset(w.casefold() for phrase in phrases for w in RE_LETTERS.findall(phrase))

    groups: tuple[tuple[list[str], Modifier], ...] = (
        (lexicon.past, "past"),
        (lexicon.future, "future"),
        (lexicon.current, "current"),
    )
    modifiers = {_norm(w): modifier for words, modifier in groups for w in words}
    month_numbers = {_norm(m): i + 1 for i, m in enumerate(lexicon.months)}
    month_numbers.update({_norm(a): n for a, n in lexicon.month_abbreviations.items()})
    weekday_numbers = {_norm(w): i for i, w in enumerate(lexicon.weekdays)}
    weekday_numbers.update({_norm(a): n for a, n in lexicon.weekday_abbreviations.items()})
    nothing: dict[str, list[str]] = _convert(raw.get("nothing", {}), dict[str, list[str]], f"{path}: [nothing]")
    return TimeRules(
        rules=tuple(rules),
        regex=regex,
        anchors=anchors,
        lower_anchors=lower_anchors,
        lower_cores=lower_cores,
        fields=tuple(m[0] for m in maps),
        span=tuple(m[1] for m in maps),
        singles=tuple(singles),
        single_fields=tuple(m[0] for m in single_maps),
        single_span=tuple(m[1] for m in single_maps),
        months=month_numbers,
        weekdays=weekday_numbers,
        modifiers=modifiers,
        relative={_norm(p): r.offset for r in relative for p in r.phrases},
        clock_words=clock_words,
        zones={" ".join(s.split()): zone for zone in zones for s in zone.spellings},
        starters=starters,
        nothing=tuple(nothing.get("examples", [])),
        dispatch=dispatch,
        tries=tries,
    )


@functools.cache
def time_rules() -> TimeRules:
    """The rules of `research/rules/time.toml`, compiled once."""
    return parse_time_rules(load_toml(RULES_FILE), str(RULES_DIR / RULES_FILE))


@functools.cache
def _zoneinfo(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


# -- resolving ---------------------------------------------------------------------------------


def _implicit_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """The publication year, or the year before if that puts the day over ~6 months ahead."""
    try:
        when = dt.date(published.year, month, day)
        return when if when - published <= HORIZON else dt.date(published.year - 1, month, day)
    except ValueError:  # 29 February, or the year 0
        return None


def _exists(month: int, day: int) -> bool:
    try:
        dt.date(2000, month, day)  # a leap year: 29 February exists
    except ValueError:
        return False
    return True


def _day(month: int, day: int, year: int | None, published: dt.date | None) -> dt.date | Literal[False] | None:
    """The date, None when it cannot be resolved, False when it cannot exist."""
    if year is not None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return False
    if not _exists(month, day):
        return False
    return None if published is None else _implicit_year(month, day, published)


def _weekday(weekday: int, modifier: Modifier | None, published: dt.date) -> dt.date:
    if modifier == "future":
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=(back or 7) if modifier == "past" else back)


def _month_start(month: int, year: int | None, modifier: Modifier | None, published: dt.date | None) -> dt.date | None:
    if year is not None:
        return dt.date(year, month, 1)
    if published is None:
        return None
    year = published.year
    if modifier == "past":
        year = year if month < published.month else year - 1
    elif modifier == "future":
        year = year if month > published.month else year + 1
    elif modifier is None:
        return _implicit_year(month, 1, published)
    return dt.date(year, month, 1) if dt.MINYEAR <= year <= dt.MAXYEAR else None


def _minutes(hour: str, minute: str | None, ampm: str | None) -> int | None:
    """Minutes after midnight; "17:06 pm" is 17:06 as written, "13 pm" and "0 am" nothing."""
    h, m = int(hour), int(minute) if minute else 0
    if ampm and 1 <= h <= 12:
        h = h % 12 + (12 if ampm[0] in "pP" else 0)
    elif ampm and not (h > 12 and minute and ampm[0] in "pP"):
        return None
    return h * 60 + m


def _hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _offset(text: str | None) -> int:
    if not text:
        return 0
    sign = -1 if text[0] in "-\u2212" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
    return sign * (int(hours) * 60 + int(minutes))


class _Reader:
    """Turns one match's named groups into a `_Found`, or None to reject it."""

    def __init__(self, rules: TimeRules, published: dt.date | None) -> None:
        self.rules = rules
        self.published = published

    def zone(self, v: dict[str, str], prefix: str = "") -> tuple[str, str, int] | None:
        spelling = v.get(prefix + "zone")
        if spelling is None:
            return None
        zone = self.rules.zones.get(" ".join(spelling.split()))
        if zone is None:
            return None
        offset_text = v.get(prefix + "offset") if zone.tz == "UTC" else None
        name = zone.name + (offset_text.replace("\u2212", "-") if offset_text else "")
        return name, zone.tz, _offset(offset_text)

    def month(self, name: str | None) -> int | None:
        if name is None:
            return None
        return int(name) if name.isdigit() else self.rules.months.get(_norm(name.rstrip(".")))

    def modifier(self, v: dict[str, str]) -> Modifier | None:
        mod = v.get("mod")
        return None if mod is None else self.rules.modifiers.get(_norm(mod))

    def read(self, kind: Kind, v: dict[str, str], found: _Found) -> _Found | None:
        try:
            return self.resolve(kind, v, found)
        except OverflowError:  # a publication date at the end of the calendar
            found.date = found.end_date = None
            return found

    def resolve(self, kind: Kind, v: dict[str, str], found: _Found) -> _Found | None:
        if kind == "date":
            return self.date(v, found)
        if kind == "date_range":
            return self.date_range(v, found)
        if kind == "month":
            return self.month_kind(v, found)
        if kind == "weekday":
            weekday = self.rules.weekdays[_norm(v["weekday"].rstrip("."))]
            if self.published is not None:
                found.date = _weekday(weekday, self.modifier(v), self.published)
            return found
        if kind == "relative_day":
            if self.published is not None:
                found.date = self.published + dt.timedelta(days=self.rules.relative[_norm(v["relative"])])
            return found
        if kind == "time":
            return self.clock(v, found)
        return self.clock_range(v, found)

    def date(self, v: dict[str, str], found: _Found) -> _Found | None:
        month = self.month(v.get("month"))
        if month is None or "day" not in v:
            return None
        when = _day(month, int(v["day"]), int(v["year"]) if "year" in v else None, self.published)
        if when is False:
            return None
        found.date = when
        return found

    def date_range(self, v: dict[str, str], found: _Found) -> _Found | None:
        first, last = self.month(v.get("month")), self.month(v.get("end_month"))
        m1, m2 = first or last, last or first
        if m1 is None or m2 is None:
            return None
        d1, d2 = int(v["day"]), int(v["end_day"])
        y1 = int(v["year"]) if "year" in v else None
        y2 = int(v["end_year"]) if "end_year" in v else None
        if not (_exists(m1, d1) and _exists(m2, d2)):
            return None
        if y1 is None and y2 is None:
            if m1 == m2 and d1 >= d2:
                return None
            if self.published is None:
                return found
            inferred = _implicit_year(m1, d1, self.published)
            if inferred is None:
                return None
            y1 = inferred.year
        try:
            if y1 is not None and y2 is not None:
                start, end = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
            elif y2 is not None:  # "30 December to 2 January 2024": the start is the one before
                start, end = dt.date(y2, m1, d1), dt.date(y2, m2, d2)
                start = start.replace(year=y2 - 1) if start > end and m1 > m2 else start
            elif y1 is not None:
                start, end = dt.date(y1, m1, d1), dt.date(y1, m2, d2)
                end = end.replace(year=y1 + 1) if end < start and m1 > m2 else end
            else:
                return None
        except ValueError:
            return None
        if not start < end <= start + MAX_RANGE:
            return None
        found.date, found.end_date = start, end
        return found

    def month_kind(self, v: dict[str, str], found: _Found) -> _Found | None:
        month = self.month(v.get("month"))
        if month is None:
            return None
        found.date = _month_start(month, int(v["year"]) if "year" in v else None, self.modifier(v), self.published)
        return found

    def clock(self, v: dict[str, str], found: _Found) -> _Found | None:
        zone = self.zone(v)
        if "word" in v:
            minutes: int | None = self.rules.clock_words[_norm(v["word"])]
        else:
            minute, sep, ampm = v.get("minute"), v.get("sep"), v.get("ampm")
            given_utc = "utc_hour" in v
            if minute is None and ampm is None:
                return None
            if not (ampm or zone or given_utc or sep in (":", "h")):
                return None
            minutes = _minutes(v["hour"], minute, ampm)
        if minutes is None:
            return None
        found.time = minutes
        if zone is not None:
            found.zone = zone[0]
            found.anchor = (minutes, zone[1], zone[2])
        if "utc_hour" in v:
            utc_zone = self.zone(v, "utc_")
            if utc_zone is None:
                return None
            utc_minutes = int(v["utc_hour"]) * 60 + int(v["utc_minute"])
            found.anchor = (utc_minutes, utc_zone[1], utc_zone[2])
        return found

    def clock_range(self, v: dict[str, str], found: _Found) -> _Found | None:
        zone = self.zone(v)
        ampm, end_ampm = v.get("ampm"), v.get("end_ampm")
        colons = v.get("sep") in (":", "h") and v.get("end_sep") in (":", "h")
        if not (ampm or end_ampm or zone or colons):
            return None
        if v.get("end_minute") is None and end_ampm is None:
            return None
        end = _minutes(v["end_hour"], v.get("end_minute"), end_ampm)
        start = _minutes(v["hour"], v.get("minute"), ampm or end_ampm)
        if ampm is None and end_ampm is not None and (start is None or end is None or start > end):
            start = _minutes(v["hour"], v.get("minute"), None) if v.get("minute") or int(v["hour"]) < 13 else None
        if start is None or end is None or start // 60 > 23:
            return None
        found.time, found.end_time = start, end
        if zone is not None:
            found.zone = zone[0]
            found.anchor, found.end_anchor = (start, zone[1], zone[2]), (end, zone[1], zone[2])
        return found


def _values(match: re.Match[str], fields: tuple[tuple[int, str], ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for group, name in fields:
        value = match.group(group)
        if value is not None and name not in values:
            values[name] = value
    return values


def _read_match(
    reader: _Reader,
    match: re.Match[str],
    index: int,
    fields: tuple[tuple[int, str], ...],
    span: tuple[int, int],
) -> _Found | None:
    rule = reader.rules.rules[index]
    bounds = match.span(span[1]) if span[1] >= 0 and match.group(span[1]) is not None else match.span(span[0])
    found = _Found(start=bounds[0], end=bounds[1], rule=rule.id, kind=rule.kind)
    return reader.read(rule.kind, _values(match, fields), found)


def _utc(anchor: tuple[int, str, int] | None, day: dt.date | None) -> str | None:
    if anchor is None:
        return None
    minutes, tz, offset = anchor
    if tz == "UTC":
        return _hhmm(minutes - offset)
    if not tz or day is None:
        return None
    local = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=_zoneinfo(tz))
    return local.astimezone(dt.UTC).strftime("%H:%M")


def _finish(text: str, found: list[_Found], published: dt.date | None) -> list[TimeExpression]:
    if not found:
        return []
    day = next((f.date for f in found if f.kind in DAY_KINDS and f.date is not None), published)
    for item in found:
        item.utc, item.end_utc = _utc(item.anchor, day), _utc(item.end_anchor, day)
    for before, after in itertools.pairwise(found):
        if (
            before.kind == after.kind
            and before.utc is None
            and after.utc is not None
            and RE_PAREN_GAP.fullmatch(text, before.end, after.start)
        ):
            before.utc, before.end_utc = after.utc, after.end_utc
    return [
        TimeExpression(
            start=f.start,
            end=f.end,
            text=text[f.start : f.end],
            kind=f.kind,
            date=f.date,
            end_date=f.end_date,
            time=None if f.time is None else _hhmm(f.time),
            end_time=None if f.end_time is None else _hhmm(f.end_time),
            zone=f.zone,
            utc=f.utc,
            end_utc=f.end_utc,
            rule=f.rule,
        )
        for f in found
    ]


# -- the extractor -----------------------------------------------------------------------------


def _match_at(
    rules: TimeRules, reader: _Reader, text: str, at: int, end: int, *, dispatch: bool = True
) -> tuple[_Found, int] | None:
    """The first rule that matches at `at` and whose match makes sense, with where it ends.

    With `dispatch`, only the rules that can start with the character at `at` are tried.
    """
    first = text[at]
    if dispatch and first.isascii():
        chosen = rules.dispatch.get(first.lower())
        if chosen is None:
            return None
        tried = rules.tries[chosen]
        match = tried.regex.match(text, at, end)
        if match is None or not match.lastgroup:
            return None
        index = int(match.lastgroup[1:])
        fields, span = tried.fields[index], tried.span[index]
    else:
        match = rules.regex.match(text, at, end)
        if match is None or not match.lastgroup:
            return None
        index = int(match.lastgroup[1:])
        fields, span = rules.fields[index], rules.span[index]
    item = _read_match(reader, match, index, fields, span)
    # Rejected (an impossible date, a bare "10-11"): the later rules get their turn here.
    for later in range(index + 1, len(rules.rules)):
        if item is not None:
            break
        retry = rules.singles[later].match(text, at, end)
        if retry is not None:
            item = _read_match(reader, retry, later, rules.single_fields[later], rules.single_span[later])
            match = retry
    return None if item is None else (item, max(match.end(), at + 1))


def _anchors(rules: TimeRules, text: str, start: int, end: int) -> list[int]:
    """Where the anchors start, in order (most sentences have none: one search, a few `in` tests and out)."""
    upper = rules.anchors.search(text, start, end)
    lower = None
    sentence = text[start:end]
    for core in rules.lower_cores:
        if core in sentence:
            lower = rules.lower_anchors.search(text, start, end)
            break
    if upper is None and lower is None:
        return []
    points = [] if upper is None else [m.start() for m in rules.anchors.finditer(text, upper.start(), end)]
    if lower is None:
        return points
    points.extend(m.start() for m in rules.lower_anchors.finditer(text, lower.start(), end))
    return sorted(points)


def _scan(
    rules: TimeRules, reader: _Reader, text: str, start: int, end: int, anchors: list[int] | None = None
) -> list[_Found]:
    """Leftmost-first matches, trying only the few word starts just before each anchor (`_anchors`)."""
    found: list[_Found] = []
    pos, tried = start, start - 1
    for anchor in _anchors(rules, text, start, end) if anchors is None else anchors:
        if anchor < pos or anchor <= tried:
            continue
        lo = max(pos, tried + 1, anchor - WINDOW)
        words = list(RE_WORD.finditer(text, lo, anchor + 1))[-(WORDS_BEFORE + 1) :]
        for word in words:
            at = word.start()
            if at < pos or (word.end() <= anchor and word.group().casefold() not in rules.starters):
                continue
            if (result := _match_at(rules, reader, text, at, end)) is not None:
                found.append(result[0])
                pos = result[1]
        tried = anchor
    return found


def _scan_everywhere(rules: TimeRules, reader: _Reader, text: str, start: int, end: int) -> list[_Found]:
    """The same as `_scan`, trying every rule at every word start: slower, kept as the reference for tests."""
    found: list[_Found] = []
    pos = start
    for match in RE_WORD_START.finditer(text, start, end):
        if match.start() >= pos and (result := _match_at(rules, reader, text, match.start(), end, dispatch=False)):
            found.append(result[0])
            pos = result[1]
    return found


def time_expressions(text: str, start: int, end: int, *, published: dt.date | None) -> list[TimeExpression]:
    """Dates, date ranges, months, weekdays, relative days and clock times in text[start:end], in order,
    with absolute offsets; implicit dates resolved against `published` (None: left unresolved).

    >>> [(e.text, e.kind, str(e.date)) for e in time_expressions("Talks ended on Tuesday.", 0, 23,
    ...     published=dt.date(2024, 3, 13))]
    [('Tuesday', 'weekday', '2024-03-12')]
    """
    rules = time_rules()
    start, end = max(start, 0), min(end, len(text))
    if start >= end:
        return []
    anchors = _anchors(rules, text, start, end)
    if not anchors:
        return []
    return _finish(text, _scan(rules, _Reader(rules, published), text, start, end, anchors), published)


def claim_date(expressions: Sequence[TimeExpression], published: dt.date | None) -> dt.date | None:
    """The day a statement is about: the first resolved day-level expression (date, weekday, relative
    day, or a range's first day) in the sentence, else `published`."""
    for expression in expressions:
        if expression.kind in DAY_KINDS and expression.date is not None:
            return expression.date
    return published
