"""Stories: the rule file's example corpora, the seed corpus, hand-written cases, invariants."""

from __future__ import annotations

import datetime as dt
import doctest
import itertools
import math
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import research.stories
from research.errors import DuplicateArticleError
from research.ingest import RawArticle, build_article, ingest
from research.lexicon import load_toml
from research.model import IngestedArticle
from research.stories import (
    RULE_ALONE,
    RULE_SHARED_TERMS,
    StoryAssignment,
    StoryOptions,
    article_terms,
    assign_stories,
    story_lexicon,
)

SEED = Path(__file__).resolve().parent.parent / "data" / "seed"
EXAMPLES: list[dict[str, Any]] = load_toml("stories.toml")["examples"]


def art(article_id: str, text: str, published: dt.date | None = None) -> IngestedArticle:
    return build_article(RawArticle(id=article_id, text=text, source=article_id, published=published))


def partition(found: Sequence[StoryAssignment]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in found:
        groups.setdefault(a.story, set()).add(a.article)
    return {frozenset(g) for g in groups.values()}


# ---------------------------------------------------------------- the rule file


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_rule_file_examples(example: dict[str, Any]) -> None:
    articles = [art(i, text) for i, text in example["articles"].items()]
    assert partition(assign_stories(articles)) == {frozenset(g) for g in example["stories"]}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_rule_file_examples_name_every_article_once(example: dict[str, Any]) -> None:
    named = [i for group in example["stories"] for i in group]
    assert sorted(named) == sorted(example["articles"])


def test_lexicon_words_are_lower_case_unique_and_lists_do_not_overlap() -> None:
    raw = load_toml("stories.toml")
    for table in ("stop_words", "weak_names"):
        words = raw[table]["words"]
        assert all(w == w.lower() for w in words), table
        assert len(set(words)) == len(words), f"{table} lists a word twice"
    lexicon = story_lexicon()
    assert not lexicon.stop_words & lexicon.weak_names


def test_docstring_examples_run() -> None:
    result = doctest.testmod(research.stories, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------- corpora


def test_two_earthquakes_and_two_rehab_stays_are_four_stories() -> None:
    articles = [
        art(
            "quake-a1",
            "A magnitude 6.1 earthquake struck Ludian county in Yunnan on Sunday, killing 367 people, Xinhua said.",
        ),
        art("quake-a2", "Rescuers in Ludian, Yunnan, dug through rubble after the 6.1 quake that killed 367."),
        art(
            "quake-b1",
            "A 7.2 earthquake hit Bohol island in the Philippines on Tuesday and killed 144 people near Tagbilaran.",
        ),
        art(
            "quake-b2",
            "The 7.2 magnitude quake on Bohol killed 144 and toppled churches in Tagbilaran, Philippine officials said.",
        ),
        art(
            "rehab-a1",
            "Tara Reid, 33, checked into the Promises Treatment Center in Malibu, publicist Jack Ketsoyan said.",
        ),
        art("rehab-a2", "Reid's representative Jack Ketsoyan confirmed the actress is at Promises in Malibu."),
        art(
            "rehab-b1",
            "Lindsay Lohan entered the Betty Ford Center in Rancho Mirage for a 90-day stay, lawyer Shawn Holley said.",
        ),
        art(
            "rehab-b2",
            "Judge Stephanie Sautner ordered Lohan to spend 90 days at Betty Ford in Rancho Mirage, Holley said.",
        ),
    ]
    found = assign_stories(articles)
    assert partition(found) == {
        frozenset({"quake-a1", "quake-a2"}),
        frozenset({"quake-b1", "quake-b2"}),
        frozenset({"rehab-a1", "rehab-a2"}),
        frozenset({"rehab-b1", "rehab-b2"}),
    }
    assert {a.rule for a in found} == {RULE_SHARED_TERMS}
    by_id = {a.article: a for a in found}
    assert by_id["quake-a2"].story == "s-quake-a1"
    assert "ludian" in by_id["quake-a2"].terms
    assert "lohan" in by_id["rehab-b1"].terms


def test_seed_corpus_is_one_story() -> None:
    articles = ingest([SEED])
    found = assign_stories(articles)
    assert len(found) == len(articles) == 5
    assert len({a.story for a in found}) == 1
    assert {a.rule for a in found} == {RULE_SHARED_TERMS}
    assert all(a.terms for a in found)


def test_story_is_named_after_its_earliest_article() -> None:
    text = "Storm Ciaran flooded Penzance and Newlyn, Cornwall Council said, after 110 mph gusts."
    found = assign_stories([art("b", text, dt.date(2023, 11, 2)), art("a", text, dt.date(2023, 11, 3))])
    assert {a.story for a in found} == {"s-b"}


def test_articles_far_apart_in_time_are_different_stories() -> None:
    text = "Storm Ciaran flooded Penzance and Newlyn, Cornwall Council said, after 110 mph gusts."
    near = assign_stories([art("a", text, dt.date(2023, 11, 2)), art("b", text, dt.date(2023, 11, 5))])
    far = assign_stories([art("a", text, dt.date(2023, 11, 2)), art("b", text, dt.date(2023, 12, 20))])
    undated = assign_stories([art("a", text, dt.date(2023, 11, 2)), art("b", text)])
    assert len({a.story for a in near}) == 1
    assert len({a.story for a in far}) == 2
    assert len({a.story for a in undated}) == 1


def test_a_term_in_too_many_articles_links_nothing() -> None:
    articles = [art(f"a{i}", f"Zarvok Museum reopened, curator No{i} said.") for i in range(5)]
    assert len({a.story for a in assign_stories(articles)}) == 1
    capped = assign_stories(articles, options=StoryOptions(max_postings=3))
    assert {a.rule for a in capped} == {RULE_ALONE}
    assert len({a.story for a in capped}) == 5


def test_names_and_numbers_weigh_more_than_words() -> None:
    terms = article_terms(art("a", "The flood hit Ludian, where 367 homes fell, as Tara Reid watched."))
    assert terms["ludian"] > terms["flood"]
    assert terms["367"] > terms["flood"]
    assert "tara reid" in terms
    assert "the" not in terms and "where" not in terms


def test_boilerplate_is_not_read() -> None:
    plain = article_terms(art("a", "Voters in Ardmore chose a new council.\n"))
    with_share = article_terms(art("a", "Voters in Ardmore chose a new council.\nShare on Facebook\n"))
    assert "facebook" in article_terms(art("b", "They met Facebook staff in Ardmore.\n"))
    assert with_share == plain


def test_empty_corpus() -> None:
    assert assign_stories([]) == []


def test_duplicate_ids_are_an_error() -> None:
    with pytest.raises(DuplicateArticleError, match="'a'"):
        assign_stories([art("a", "One text about Ardmore."), art("a", "Another text about Ardmore.")])


@pytest.mark.xfail(
    strict=True,
    reason="in a four-article corpus the boxer's name is as rare as his opponents': two fights merge",
)
def test_two_fights_of_one_boxer_in_a_tiny_corpus() -> None:
    articles = [
        art(
            "k1",
            "Wladimir Klitschko stopped Hasim Rahman in the seventh round in Mannheim on Saturday to retain his heavyweight titles.",
        ),
        art(
            "k2",
            "Klitschko beat Rahman in Mannheim, Germany, where the referee stopped the fight in the seventh round.",
        ),
        art("k3", "Wladimir Klitschko knocked out Tony Thompson in the sixth round at the Stade de Suisse in Bern."),
        art("k4", "Thompson, 40, was floored by Klitschko in Bern in the sixth round at Stade de Suisse."),
    ]
    assert partition(assign_stories(articles)) == {frozenset({"k1", "k2"}), frozenset({"k3", "k4"})}


# ---------------------------------------------------------------- invariants

NAMES = ["Ardel", "Bromvik", "Castrel", "Dunmore", "Elvast", "Fenwright", "Garrow", "Hollin", "Istrad"]
WORDS = ["quake", "rescue", "harbour", "bridge", "ballot", "flood", "storm", "clinic", "trial", "miner", "strike"]
OTHER_NAMES = ["Zorvath", "Zyllenberg", "Qwimby"]
OTHER_WORDS = ["xylograph", "kumquat", "jodhpur"]


@st.composite
def texts(draw: st.DrawFn, names: list[str] = NAMES, words: list[str] = WORDS) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 3))):
        body = draw(st.lists(st.sampled_from(names + words), min_size=2, max_size=8))
        sentences.append("The " + " ".join(body) + ".")
    return " ".join(sentences)


@st.composite
def corpora(draw: st.DrawFn) -> list[IngestedArticle]:
    bodies = draw(st.lists(texts(), min_size=1, max_size=7))
    dated = draw(st.booleans())
    out = []
    for i, body in enumerate(bodies):
        day = dt.date(2024, 3, 1) + dt.timedelta(days=draw(st.integers(0, 20))) if dated else None
        out.append(art(f"a{i:02d}", body, day))
    return out


@given(corpora(), st.randoms(use_true_random=False))
def test_assignment_does_not_depend_on_article_order(articles: list[IngestedArticle], rnd: random.Random) -> None:
    shuffled = list(articles)
    rnd.shuffle(shuffled)
    first = {a.article: a for a in assign_stories(articles)}
    second = {a.article: a for a in assign_stories(shuffled)}
    assert first == second


@given(corpora(), texts(OTHER_NAMES, OTHER_WORDS))
def test_an_unrelated_article_is_its_own_story_and_changes_nothing(articles: list[IngestedArticle], other: str) -> None:
    before = assign_stories(articles)
    after = assign_stories([*articles, art("zz-unrelated", other)])
    assert after[:-1] == before
    assert after[-1] == StoryAssignment(article="zz-unrelated", story="s-zz-unrelated", rule=RULE_ALONE)


@given(corpora())
def test_every_article_gets_exactly_one_story(articles: list[IngestedArticle]) -> None:
    found = assign_stories(articles)
    assert [a.article for a in found] == [a.article.id for a in articles]
    members: dict[str, set[str]] = {}
    for a in found:
        members.setdefault(a.story, set()).add(a.article)
    for a in found:
        group = members[a.story]
        assert a.story.removeprefix("s-") in group
        assert (a.rule == RULE_ALONE) == (len(group) == 1)
        assert (a.terms == []) == (len(group) == 1)


@given(corpora())
def test_shared_terms_are_terms_of_the_article(articles: list[IngestedArticle]) -> None:
    by_id = {a.article.id: a for a in articles}
    for found in assign_stories(articles):
        assert set(found.terms) <= set(article_terms(by_id[found.article]))


# ---------------------------------------------------------------- the plain-text tokenizer

PLAIN_ALPHABET = "aZ9_., '’-\t\n" + research.stories.PLAIN_PUNCTUATION


def test_plain_punctuation_holds_no_word_character() -> None:
    for char in research.stories.PLAIN_PUNCTUATION:
        assert not re.match(r"\w", char), repr(char)


@given(st.text(alphabet=PLAIN_ALPHABET, max_size=40))
def test_plain_tokenizer_splits_plain_text_as_the_general_one(text: str) -> None:
    assert research.stories.RE_NOT_PLAIN.search(text) is None
    assert research.stories.RE_PLAIN_TOKEN_SPLIT.split(text) == research.stories.RE_TOKEN_SPLIT.split(text)


@pytest.mark.parametrize("text", ["Тёткино", "Café", "x²", "İstanbul", "٣"])
def test_text_with_other_letters_or_digits_is_not_plain(text: str) -> None:
    assert research.stories.RE_NOT_PLAIN.search(text) is not None


@given(
    st.lists(
        st.tuples(
            st.dictionaries(st.sampled_from("abcde"), st.floats(0.1, 1.0)),
            st.one_of(st.none(), st.integers(0, 20)),
        ),
        max_size=8,
    )
)
def test_similarities_are_the_dot_products_of_pairs_within_max_days(
    rows: list[tuple[dict[str, float], int | None]],
) -> None:
    vectors = [vector for vector, _ in rows]
    days = [day for _, day in rows]
    shared = {t for t in "abcde" if sum(t in v for v in vectors) > 1}
    found = research.stories._similarities(vectors, shared, days, StoryOptions(min_similarity=0.0, max_days=7))
    expected: dict[tuple[int, int], float] = {}
    for i, j in itertools.combinations(range(len(vectors)), 2):
        di, dj = days[i], days[j]
        if di is not None and dj is not None and abs(di - dj) > 7:
            continue
        common = sorted(vectors[i].keys() & vectors[j].keys() & shared)
        if common:
            expected[(i, j)] = sum(vectors[i][t] * vectors[j][t] for t in common)  # in term order
    assert found == expected


@given(
    st.lists(
        st.tuples(
            st.dictionaries(st.sampled_from("abcdefghij"), st.floats(0.01, 1.0), min_size=1),
            st.one_of(st.none(), st.integers(0, 20)),
        ),
        max_size=10,
    ),
    st.sampled_from([0.05, 0.2, 0.5, 0.8]),
)
def test_pruned_similarities_are_the_unit_dot_products_reaching_min_similarity(
    rows: list[tuple[dict[str, float], int | None]], least: float
) -> None:
    # unit vectors, as assign_stories compares them: the prefix filter skips pairs below `least`
    vectors = [{t: w / math.hypot(*vector.values()) for t, w in vector.items()} for vector, _ in rows]
    days = [day for _, day in rows]
    shared = {t for t in "abcdefghij" if sum(t in v for v in vectors) > 1}
    found = research.stories._similarities(vectors, shared, days, StoryOptions(min_similarity=least, max_days=7))
    expected: dict[tuple[int, int], float] = {}
    for i, j in itertools.combinations(range(len(vectors)), 2):
        di, dj = days[i], days[j]
        if di is not None and dj is not None and abs(di - dj) > 7:
            continue
        total = 0.0
        for t in sorted(vectors[i].keys() & vectors[j].keys() & shared):  # in term order
            total += vectors[i][t] * vectors[j][t]
        if total >= least:
            expected[(i, j)] = total
    assert list(found.items()) == list(expected.items())
