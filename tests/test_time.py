"""Time expressions: every rule's examples, the seed sentences, hand-written cases, invariants."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from research.errors import RuleError
from research.extract.time import (
    RE_WORD_START,
    TimeRule,
    _Reader,
    _scan,
    _scan_everywhere,
    claim_date,
    parse_time_rules,
    time_expressions,
    time_rules,
)
from research.layout import layout
from research.lexicon import load_toml
from research.model import TimeExpression
from tests.conftest import growth_ratio

SEED = Path(__file__).resolve().parent.parent / "data" / "seed"
D = dt.date
RULES = time_rules().rules
CHECKED = ("date", "end_date", "time", "end_time", "zone", "utc", "end_utc")
KINDS = {"date", "date_range", "month", "weekday", "relative_day", "time", "time_range"}


def find(text: str, published: dt.date | None = None) -> list[TimeExpression]:
    return time_expressions(text, 0, len(text), published=published)


def brief(e: TimeExpression) -> tuple[Any, ...]:
    """The expression without offsets and rule, trailing Nones dropped (for short expectations)."""
    row: tuple[Any, ...] = (e.text, e.kind, e.date, e.end_date, e.time, e.end_time, e.zone, e.utc, e.end_utc)
    while row and row[-1] is None:
        row = row[:-1]
    return row


# -- the rules' own examples ---------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule: TimeRule) -> None:
    for case in rule.cases():
        fired = [e for e in find(case.text, case.published) if e.rule == rule.id]
        assert fired, f"{rule.id} does not fire on {case.text!r}"
        if case.match is not None:
            fired = [e for e in fired if e.text == case.match]
            assert fired, f"{rule.id} does not read {case.match!r} in {case.text!r}"
        for field in CHECKED:
            expected = getattr(case, field)
            if expected is not None:
                assert getattr(fired[0], field) == expected, (case.text, field)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_counter_examples(rule: TimeRule) -> None:
    for text in rule.counter_examples:
        for published in (None, D(2024, 3, 13)):
            assert not [e for e in find(text, published) if e.rule == rule.id], (rule.id, text)


def test_every_rule_has_an_example_from_outside_the_seed() -> None:
    seed = "\n".join(path.read_text(encoding="utf-8") for path in SEED.glob("*.txt"))
    for rule in RULES:
        assert any(case.text not in seed for case in rule.cases()), rule.id


@pytest.mark.parametrize("text", time_rules().nothing)
def test_no_rule_reads_a_time_in(text: str) -> None:
    assert find(text, D(2024, 3, 13)) == []


def test_rule_ids_are_unique_and_in_the_time_family() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule_id.startswith("time.") for rule_id in ids)


# -- malformed rule files fail at load, naming file and rule -------------------------------------

PATH = "rules/time.toml"


def raw_with(rule: dict[str, Any] | None = None, **lexicon: Any) -> dict[str, Any]:
    raw = copy.deepcopy(load_toml("time.toml"))
    raw["lexicon"].update(lexicon)
    if rule is not None:
        raw["rule"] = [rule]
    return raw


def load_error(raw: dict[str, Any]) -> str:
    with pytest.raises(RuleError) as caught:
        parse_time_rules(raw, PATH)
    return str(caught.value)


GOOD = {"id": "time.x.v1", "kind": "time", "pattern": "{clock}", "examples": ["at 10:30"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "hour"}, "time.x.v1"),
        ({"pattern": "{clock}("}, "bad pattern"),
        ({"pattern": "{clok}"}, "unknown placeholder {clok}"),
        ({"pattern": "(?P<hours>[0-9])"}, "unknown group name 'hours'"),
        ({"pattern": "(?P<day>[0-9])(?P=day)"}, "back-references"),
        ({"examples": []}, "at least one example"),
        ({"id": "Clock X"}, "family.name.v1"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_malformed_rules_fail_naming_file_and_rule(change: dict[str, Any], message: str) -> None:
    error = load_error(raw_with({**GOOD, **change}))
    assert PATH in error and message in error


def test_malformed_lexicon_and_zones_fail() -> None:
    assert "12 months" in load_error(raw_with(months=["January"]))
    assert "HH:MM" in load_error(raw_with(clock_words={"noon": "12h"}))
    raw = raw_with()
    raw["zone"][0]["tz"] = "Mars/Olympus_Mons"
    assert "unknown IANA zone 'Mars/Olympus_Mons'" in load_error(raw)
    raw = raw_with()
    raw["rule"] = [GOOD, GOOD]
    assert "defined twice" in load_error(raw)


def test_zone_data_is_available() -> None:
    import zoneinfo

    assert {"Europe/Paris", "Europe/Moscow", "Europe/Kyiv", "America/New_York"} <= zoneinfo.available_timezones()


# -- the seed corpus -----------------------------------------------------------------------------


def seed(stem: str, published: dt.date | str | None = "header") -> tuple[str, list[TimeExpression]]:
    """The article's text and the time expressions of its sentences (published: from its header)."""
    path = next(SEED.glob(f"{stem}_*.txt"))
    text = path.read_text(encoding="utf-8")
    laid = layout(text, article_id=path.stem)
    when = laid.published if published == "header" else published
    assert not isinstance(when, str)
    found = [e for s in laid.sentences for e in time_expressions(text, s.start, s.end, published=when)]
    for e in found:
        assert text[e.start : e.end] == e.text
    return text, found


def test_seed_000_today_and_a_month() -> None:
    _, found = seed("000")
    assert [brief(e) for e in found] == [
        ("today", "relative_day", D(2024, 3, 12)),
        ("February 2022", "month", D(2022, 2, 1)),
    ]


def test_seed_001_clock_times_and_tuesday() -> None:
    _, found = seed("001")
    assert [brief(e) for e in found] == [
        ("February 2022", "month", D(2022, 2, 1)),
        ("13.15 local time", "time", None, None, "13:15", None, "local"),
        ("8:25 a.m.", "time", None, None, "08:25"),
        ("Tuesday", "weekday", D(2024, 3, 12)),
    ]


def test_seed_002_clock_with_utc() -> None:
    _, found = seed("002")
    assert ("8:25am (05:25 GMT)", "time", None, None, "08:25", None, None, "05:25") in [brief(e) for e in found]
    assert [e.date for e in found if e.kind == "weekday"] == [None, None], "no publication date"


def test_seed_003_ranges_and_tuesday_resolved_against_the_publication_date() -> None:
    _, found = seed("003", D(2024, 3, 12))
    rows = [brief(e) for e in found]
    assert ("March 15-17", "date_range", D(2024, 3, 15), D(2024, 3, 17)) in rows
    assert ("March 13-15", "date_range", D(2024, 3, 13), D(2024, 3, 15)) in rows
    assert ("Last May", "month", D(2023, 5, 1)) in rows
    tuesdays = [e for e in found if e.text == "Tuesday"]
    assert len(tuesdays) == 6 and {e.date for e in tuesdays} == {D(2024, 3, 12)}
    assert {e.kind for e in found} == {"weekday", "date_range", "month"}


def test_seed_003_without_a_publication_date_leaves_implicit_dates_open() -> None:
    _, found = seed("003")
    assert [e.date for e in found] == [None] * len(found)


def test_seed_004_time_ranges_in_two_zones() -> None:
    text, found = seed("004", D(2024, 3, 12))
    rows = [brief(e) for e in found]
    assert rows[0] == ("this Tuesday March 12, 2024", "date", D(2024, 3, 12))
    assert ("March 15 to 17", "date_range", D(2024, 3, 15), D(2024, 3, 17)) in rows
    assert ("midday", "time", None, None, "12:00") in rows
    # Paris is UTC+1 on 12 March 2024; the Moscow-time range takes its UTC time from the restatement.
    assert rows[-2:] == [
        ("between 12:40 pm and 1:40 pm", "time_range", None, None, "12:40", "13:40", None, "09:40", "10:40"),
        (
            "between 10:40 am and 11:40 am Paris time",
            "time_range",
            None,
            None,
            "10:40",
            "11:40",
            "Paris",
            "09:40",
            "10:40",
        ),
    ]
    assert "(between 10:40 am" in text[found[-2].end : found[-1].end]


def test_seed_004_without_a_date_the_paris_offset_is_unknown() -> None:
    _, found = seed("004")
    assert found[0].date == D(2024, 3, 12), "the explicit date needs no publication date"
    assert [(e.utc, e.end_utc) for e in found if e.kind == "time_range"] == [(None, None), (None, None)]


# -- hand-written cases --------------------------------------------------------------------------

WED = D(2024, 3, 13)  # a Wednesday
TUE = D(2024, 3, 12)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # weekdays
        ("Talks broke down on Tuesday.", WED, [("Tuesday", "weekday", TUE)]),
        ("Talks broke down on Wednesday.", WED, [("Wednesday", "weekday", WED)]),
        ("Talks broke down on Thursday.", WED, [("Thursday", "weekday", D(2024, 3, 7))]),
        ("Talks broke down last Tuesday.", WED, [("last Tuesday", "weekday", TUE)]),
        ("Talks broke down last Tuesday.", TUE, [("last Tuesday", "weekday", D(2024, 3, 5))]),
        ("Talks resume next Friday.", WED, [("next Friday", "weekday", D(2024, 3, 15))]),
        ("Talks resume next Wednesday.", WED, [("next Wednesday", "weekday", D(2024, 3, 20))]),
        ("Shells fell on Tuesday night.", WED, [("Tuesday", "weekday", TUE)]),
        ("Earlier on Tuesday, the army denied it.", WED, [("Tuesday", "weekday", TUE)]),
        ("It denied Tuesday’s raids.", WED, [("Tuesday", "weekday", TUE)]),
        ("It denied Tuesday's raids.", WED, [("Tuesday", "weekday", TUE)]),
        ("Talks broke down on Tuesday.", None, [("Tuesday", "weekday")]),
        # relative days
        ("The vote is today.", WED, [("today", "relative_day", WED)]),
        ("The vote was yesterday.", WED, [("yesterday", "relative_day", TUE)]),
        ("The vote is tomorrow.", WED, [("tomorrow", "relative_day", D(2024, 3, 14))]),
        ("The vote is tonight.", WED, [("tonight", "relative_day", WED)]),
        ("He spoke this afternoon.", WED, [("this afternoon", "relative_day", WED)]),
        ("He will speak this evening.", WED, [("this evening", "relative_day", WED)]),
        ("Drones struck overnight.", WED, [("overnight", "relative_day", WED)]),
        ("Drones struck last night.", WED, [("last night", "relative_day", TUE)]),
        ("Drones struck last night.", None, [("last night", "relative_day")]),
        ("It happened the day before yesterday.", WED, [("the day before yesterday", "relative_day", D(2024, 3, 11))]),
        # explicit dates
        ("Video published on March 12, 2024.", None, [("March 12, 2024", "date", TUE)]),
        ("It was published on 12 March 2024.", None, [("12 March 2024", "date", TUE)]),
        ("The vote was on 8 September 2023.", None, [("8 September 2023", "date", D(2023, 9, 8))]),
        ("Drones came on Tuesday March 12, 2024.", None, [("Tuesday March 12, 2024", "date", TUE)]),
        ("Drones came on March 12.", WED, [("March 12", "date", TUE)]),
        ("Drones came on March 12.", None, [("March 12", "date")]),
        ("The deal was signed on November 20.", WED, [("November 20", "date", D(2023, 11, 20))]),
        ("The summit opens on August 20.", WED, [("August 20", "date", D(2024, 8, 20))]),
        ("The decree is dated 2024-03-12.", None, [("2024-03-12", "date", TUE)]),
        ("Since Sept. 11 the rules changed.", D(2024, 1, 10), [("Sept. 11", "date", D(2023, 9, 11))]),
        ("Since Oct 7 the war has raged.", WED, [("Oct 7", "date", D(2023, 10, 7))]),
        ("Polls close on February 29.", D(2024, 2, 10), [("February 29", "date", D(2024, 2, 29))]),
        ("Nothing happened on February 30.", WED, []),
        # months
        ("The invasion began in February 2022.", None, [("February 2022", "month", D(2022, 2, 1))]),
        ("Last May, the army said so.", WED, [("Last May", "month", D(2023, 5, 1))]),
        ("The law took effect in January.", WED, [("January", "month", D(2024, 1, 1))]),
        ("The law took effect in January.", None, [("January", "month")]),
        # date ranges
        ("Elections on March 15-17.", WED, [("March 15-17", "date_range", D(2024, 3, 15), D(2024, 3, 17))]),
        ("Elections on March 15 to 17.", WED, [("March 15 to 17", "date_range", D(2024, 3, 15), D(2024, 3, 17))]),
        ("Classes online from March 13-15.", WED, [("March 13-15", "date_range", D(2024, 3, 13), D(2024, 3, 15))]),
        ("Classes online March 13–15.", WED, [("March 13–15", "date_range", D(2024, 3, 13), D(2024, 3, 15))]),
        (
            "Polls open between March 1 and March 3.",
            WED,
            [("between March 1 and March 3", "date_range", D(2024, 3, 1), D(2024, 3, 3))],
        ),
        ("Elections on 15-17 March.", WED, [("15-17 March", "date_range", D(2024, 3, 15), D(2024, 3, 17))]),
        (
            "Elections on March 15-17, 2024.",
            None,
            [("March 15-17, 2024", "date_range", D(2024, 3, 15), D(2024, 3, 17))],
        ),
        ("Elections on March 15-17.", None, [("March 15-17", "date_range")]),
        # clock times
        ("It ended at 8:25 a.m. sharp.", None, [("8:25 a.m.", "time", None, None, "08:25")]),
        ("It ended at 8:25am.", None, [("8:25am", "time", None, None, "08:25")]),
        (
            "It ended at 8:25am (05:25 GMT).",
            None,
            [("8:25am (05:25 GMT)", "time", None, None, "08:25", None, None, "05:25")],
        ),
        (
            "Clashes went on until 13.15 local time.",
            None,
            [("13.15 local time", "time", None, None, "13:15", None, "local")],
        ),
        ("It hit at 12:40 pm.", None, [("12:40 pm", "time", None, None, "12:40")]),
        ("It hit at 1:40 pm.", None, [("1:40 pm", "time", None, None, "13:40")]),
        ("It hit at 12:15 a.m.", None, [("12:15 a.m.", "time", None, None, "00:15")]),
        ("It hit at midday.", None, [("midday", "time", None, None, "12:00")]),
        ("It hit at noon.", None, [("noon", "time", None, None, "12:00")]),
        ("It hit at midnight.", None, [("midnight", "time", None, None, "00:00")]),
        (
            "It hit at 10:40 Moscow time.",
            TUE,
            [("10:40 Moscow time", "time", None, None, "10:40", None, "Moscow", "07:40")],
        ),
        (
            "It hit at 10:40 Kyiv time.",
            D(2024, 7, 1),
            [("10:40 Kyiv time", "time", None, None, "10:40", None, "Kyiv", "07:40")],
        ),
        ("It hit at 10:40 Kiev time.", TUE, [("10:40 Kiev time", "time", None, None, "10:40", None, "Kyiv", "08:40")]),
        ("It hit at 10:40 Paris time.", None, [("10:40 Paris time", "time", None, None, "10:40", None, "Paris")]),
        ("It hit at 10:40 GMT.", None, [("10:40 GMT", "time", None, None, "10:40", None, "GMT", "10:40")]),
        # a date in the sentence fixes the zone offset: Paris is UTC+2 in July
        (
            "On 1 July 2024 it hit at 10:40 Paris time.",
            None,
            [
                ("1 July 2024", "date", D(2024, 7, 1)),
                ("10:40 Paris time", "time", None, None, "10:40", None, "Paris", "08:40"),
            ],
        ),
        # not time expressions
        ("Inflation hit 13.15 percent.", WED, []),
        ("They won 3-1.", WED, []),
        ("Output rose 3.5 percent.", WED, []),
        ("An Il-76 and a Su-34 crashed.", WED, []),
        ("The war has lasted two years.", WED, []),
        ("It came three days before the vote.", WED, []),
    ],
)
def test_examples(text: str, published: dt.date | None, expected: list[tuple[Any, ...]]) -> None:
    assert [brief(e) for e in find(text, published)] == expected


def test_claim_date_is_the_first_resolved_day() -> None:
    sentence = "At 8:25 a.m. on Tuesday, a day after March 11, the ministry said."
    found = find(sentence, WED)
    assert claim_date(found, WED) == TUE
    assert claim_date(find("In February 2022 troops crossed.", WED), WED) == WED, "a month is not a day"
    assert claim_date(find("On Tuesday it began.", None), None) is None
    assert claim_date(find("From March 13-15 schools shut.", WED), None) == D(2024, 3, 13)
    assert claim_date([], TUE) == TUE


# -- invariants ----------------------------------------------------------------------------------

TOKENS = [
    *"0123456789 ,.:;-–()’'\n\u00a0",
    "March",
    "May",
    "Sept.",
    "Oct",
    "Tuesday",
    "Tue",
    "Sunday",
    "last",
    "next",
    "this",
    "in",
    "mid-",
    "between",
    "and",
    "to",
    "at",
    "noon",
    "today",
    "night",
    "the day before",
    "GMT",
    "GMT+3",
    "Paris time",
    "local time",
    "a.m.",
    "pm",
    "8:25",
    "13.15",
    "0525",
    "2024",
    "2024-03-12",
    "x",
    "é",
    "Ж",
    "👍",
]
news_like = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2150, 12, 31))
UNRELATED = ["Officials declined to comment.", "The report could not be verified.", "Residents fled the area."]


@given(st.one_of(st.text(max_size=300), news_like), st.integers(-5, 400), st.integers(-5, 400), st.none() | st.dates())
def test_spans_slice_exactly_and_lie_inside_the_range(
    text: str, start: int, end: int, published: dt.date | None
) -> None:
    found = time_expressions(text, start, end, published=published)
    previous_end = max(start, 0)
    for e in found:
        assert previous_end <= e.start < e.end <= min(end, len(text))
        assert text[e.start : e.end] == e.text
        assert e.kind in KINDS and e.rule.startswith("time.")
        previous_end = e.end
    assert time_expressions(text, start, end, published=published) == found, "deterministic"


@given(news_like, st.none() | dates)
def test_anchored_scan_finds_what_trying_every_word_finds(text: str, published: dt.date | None) -> None:
    rules = time_rules()
    reader = _Reader(rules, published)
    assert _scan(rules, reader, text, 0, len(text)) == _scan_everywhere(rules, reader, text, 0, len(text))


def test_anchored_scan_agrees_on_every_rule_example() -> None:
    rules = time_rules()
    texts = [c.text for r in rules.rules for c in r.cases()] + [t for r in rules.rules for t in r.counter_examples]
    for text in texts:
        reader = _Reader(rules, D(2024, 3, 13))
        assert _scan(rules, reader, text, 0, len(text)) == _scan_everywhere(rules, reader, text, 0, len(text)), text


def test_rules_tried_by_first_character_match_as_all_rules_do() -> None:
    """The alternation chosen by a word's first character finds what the one of all rules finds."""
    rules = time_rules()
    texts = [c.text for r in rules.rules for c in r.cases()] + [t for r in rules.rules for t in r.counter_examples]
    for text in [*texts, *(t.upper() for t in texts), *(t.lower() for t in texts)]:
        for word in RE_WORD_START.finditer(text):
            full = rules.regex.match(text, word.start())
            key = text[word.start()].lower()
            tried = rules.tries[rules.dispatch[key]].regex.match(text, word.start()) if key in rules.dispatch else None
            if full is None or not full.lastgroup:
                assert tried is None or not tried.lastgroup, text
            else:
                assert tried is not None and (tried.lastgroup, tried.span()) == (full.lastgroup, full.span()), text


@given(dates, st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_a_weekday_lies_in_the_week_up_to_the_publication_day(published: dt.date, weekday: str) -> None:
    (plain,) = find(f"It happened on {weekday}.", published)
    assert plain.date is not None and 0 <= (published - plain.date).days <= 6
    assert plain.date.strftime("%A") == weekday
    (last,) = find(f"It happened last {weekday}.", published)
    assert last.date is not None and 1 <= (published - last.date).days <= 7
    (following,) = find(f"It happens next {weekday}.", published)
    assert following.date is not None and 1 <= (following.date - published).days <= 7


@given(st.dates(min_value=D(1800, 1, 1), max_value=D(2199, 12, 31)))
def test_a_date_written_in_any_style_reads_back_the_same_day(day: dt.date) -> None:
    month, abbr = day.strftime("%B"), day.strftime("%b")
    styles = [
        f"{month} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        day.isoformat(),
        f"{abbr}. {day.day}, {day.year}" if abbr != month else f"{month} {day.day} {day.year}",
        f"{day.strftime('%A')}, {month} {day.day}, {day.year}",
        f"{day.day}th of {month} {day.year}" if day.day > 3 else f"{day.day} {month}, {day.year}",
    ]
    for style in styles:
        sentence = f"The decree is dated {style}, officials said."
        assert [(e.text, e.kind, e.date) for e in find(sentence)] == [(style, "date", day)]


@given(st.one_of(news_like, st.text(max_size=100)), st.sampled_from(UNRELATED), st.none() | dates)
def test_appending_an_unrelated_sentence_changes_nothing_before_it(
    first: str, other: str, published: dt.date | None
) -> None:
    alone = time_expressions(first, 0, len(first), published=published)
    text = f"{first} {other}"
    assert time_expressions(text, 0, len(first), published=published) == alone
    assert [e for e in time_expressions(text, 0, len(text), published=published) if e.start < len(first)] == alone


# -- linear time ---------------------------------------------------------------------------------

ADVERSARIAL = [
    "0123456789",
    "1:1:1:",
    "12:59:",
    "March ",
    "March 1-",
    "between 1 and ",
    "Tuesday Sept. ",
    "8:25 a.m. (",
    "last the day before ",
    "2024-03-",
    "12.13.",
    "mid-mid-",
    "9-",
]


@pytest.mark.slow
@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_time_grows_linearly_on_adversarial_input(unit: str) -> None:
    """100x more input must not cost more than ~4x the linear share (a ratio, not a deadline)."""
    ratio = growth_ratio(
        lambda text: time_expressions(text, 0, len(text), published=D(2024, 3, 13)), unit, small=10_000, large=1_000_000
    )
    assert ratio < 400, f"{ratio:.0f}x for 100x the input"
