"""Stories: groups of articles that cover the same real-world happening.

How a corpus becomes stories, in four steps, each explainable:

1. Terms. Each article becomes a weighted bag of content terms (`article_terms`; the word
   lists are in `research/rules/stories.toml`): words that are not stop words, numbers, and
   pairs of adjacent names ("tara reid"). A word the article capitalises inside a sentence is
   a name; names and numbers weigh more than ordinary words, because what tells two
   earthquakes apart is where, when and how many, not the vocabulary of earthquakes.
2. Rarity. Every term is weighted by how few articles of the corpus hold it, so the words
   shared by every article about one kind of event count for little. A term held by more
   than `max_postings` articles is no evidence at all and is dropped.
3. Similarity. Two articles are compared only if they share a kept term (an inverted index
   over terms), so the work grows with the pairs that share rare terms, never with the
   square of the corpus; dated articles more than `max_days` apart are not compared. Pairs
   with a cosine similarity below `min_similarity` are not linked (and those that provably
   cannot reach it are never summed in full). Each article's
   neighbourhood is itself and its `neighbours` most similar articles; two linked articles
   are then scored by how alike their neighbourhoods are (two reports of one happening are
   close to the same reports; two happenings of one kind each to their own).
4. Groups. Average-link clustering over that sparse graph: two groups merge while the mean
   neighbourhood similarity over all their pairs (pairs never linked count as 0) is at least
   `threshold`, so a story does not grow through a chain of single links.

Everything is computed on the articles sorted by id, so the result depends on the set of
articles, not on their order; weights depend only on how many articles hold a term, so an
article that shares no term with the others changes nothing about them.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

import msgspec

from research.errors import DuplicateArticleError, RuleError
from research.lexicon import RULES_DIR, load_toml
from research.model import IngestedArticle

__all__ = [
    "RULE_ALONE",
    "RULE_SHARED_TERMS",
    "StoryAssignment",
    "StoryLexicon",
    "StoryOptions",
    "article_terms",
    "assign_stories",
    "story_lexicon",
]

RULE_SHARED_TERMS = "story.shared_terms.v1"
RULE_ALONE = "story.alone.v1"

# Dotted abbreviations ("U.S."), numbers with separators ("1,000", "7.1") and words with inner
# apostrophes ("O'Neill", "Russia’s"); hyphens split words ("pro-Kyiv" is "pro" and "kyiv").
RE_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*")
RE_TOKEN_SPLIT = re.compile(f"({RE_TOKEN.pattern})")  # the text between tokens, and the tokens
# RE_TOKEN_SPLIT for a text of ASCII characters and the punctuation of PLAIN_PUNCTUATION alone
# (where a letter is [A-Za-z] and a digit [0-9]), a third cheaper: ASCII classes instead of
# Unicode categories, and the two alternatives that start with a letter share it.
PLAIN_PUNCTUATION = "’‘“”—–―…\xa0"
RE_NOT_PLAIN = re.compile(f"[^\\x00-\\x7f{PLAIN_PUNCTUATION}]")
RE_PLAIN_TOKEN_SPLIT = re.compile(r"([A-Za-z](?:\.(?:[A-Za-z]\.)+|[A-Za-z]*(?:['’][A-Za-z]+)*)|[0-9]+(?:[.,][0-9]+)*)")
RE_POSSESSIVE = re.compile(r"['’]s?$")
RE_GAP = re.compile(r"[ \t]*")  # what may separate two names of one pair

WORD, CAPITALISED, NUMBER = 0, 1, 2
# How much of `min_similarity` the suffix of a vector may reach (see `_similarities`).
_SUFFIX_SHARE = 0.5


class StoryAssignment(msgspec.Struct, frozen=True, kw_only=True):
    """The story one article belongs to, and why.

    article: the article id; story: the story id, `s-` and the id of the story's first
    article (earliest published, then smallest id); rule: `story.shared_terms.v1` when the
    article shares distinctive terms with the rest of its story, `story.alone.v1` when it is
    a story by itself; terms: the terms it shares most with the rest of its story, strongest
    first (empty when alone).
    """

    article: str
    story: str
    rule: str
    terms: list[str] = []


class StoryLexicon(msgspec.Struct, frozen=True, kw_only=True, dict=True):
    """Words of `stories.toml`: never terms, and capitalised words that are no names."""

    stop_words: frozenset[str]
    weak_names: frozenset[str]

    @functools.cached_property
    def never_names(self) -> frozenset[str]:
        """Words that are never names: stop words and weak names."""
        return self.stop_words | self.weak_names


class StoryOptions(msgspec.Struct, frozen=True, kw_only=True):
    """Weights and thresholds, tuned on the ECB+ train split (see the module docstring).

    name_weight / number_weight / pair_weight: how much a name, a number, a pair of adjacent
    names weighs against an ordinary word; max_postings: a term in more articles than this
    is dropped (and bounds the pairs any one term makes); min_similarity: least cosine
    similarity of two linked articles; neighbours / self_weight: an article's neighbourhood
    is its `neighbours` most similar articles and itself with this weight; threshold: least
    mean neighbourhood similarity of two groups that merge; max_days: dated articles further
    apart than this are never compared; evidence_terms: how many shared terms an assignment
    lists.
    """

    name_weight: float = 2.0
    number_weight: float = 1.5
    pair_weight: float = 2.0
    max_postings: int = 100
    min_similarity: float = 0.08
    neighbours: int = 10
    self_weight: float = 0.5
    threshold: float = 0.3
    max_days: int = 7
    evidence_terms: int = 5


@functools.cache
def story_lexicon() -> StoryLexicon:
    """The stop words and weak names of `stories.toml`."""
    raw = load_toml("stories.toml")
    try:
        stop = [str(w) for w in raw["stop_words"]["words"]]
        weak = [str(w) for w in raw["weak_names"]["words"]]
    except (KeyError, TypeError) as exc:
        raise RuleError(f"{RULES_DIR / 'stories.toml'}: missing or malformed key {exc}") from exc
    # Matched after the text's normalisation: "does" normalises to "doe", "Republicans" to "republican".
    return StoryLexicon(
        stop_words=frozenset(w.lower() for w in stop) | frozenset(_term(w)[0] for w in stop),
        weak_names=frozenset(w.lower() for w in weak) | frozenset(_term(w)[0] for w in weak),
    )


@functools.lru_cache(maxsize=1 << 16)
def _term(token: str) -> tuple[str, int]:
    """A token as a term and its kind: "Russia’s" -> ("russia", CAPITALISED), "1,000" -> ("1000", NUMBER)."""
    if token[0].isdigit():
        if "," in token and all(len(part) == 3 for part in token.split(",")[1:]):
            token = token.replace(",", "")
        return token, NUMBER
    kind = CAPITALISED if token[0].isupper() else WORD
    word = token.lower()
    if word.endswith(".") and word.count(".") > 1:
        return word, kind  # an abbreviation keeps its dots: "u.s." is not "us"
    word = RE_POSSESSIVE.sub("", word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word, kind


def article_terms(
    article: IngestedArticle, *, lexicon: StoryLexicon | None = None, options: StoryOptions | None = None
) -> dict[str, float]:
    """The article's content terms with their weights before rarity: (1 + log count) × kind.

    Words capitalised inside a body sentence (the first word only when a capitalised word
    follows it) are names wherever they occur in the article; titles and headings are read
    too, but their capitalisation says nothing. Boilerplate is skipped.

    Examples
    --------
    >>> from research.ingest import RawArticle, build_article
    >>> a = build_article(RawArticle(id="a", text="Rescuers said the quake hit Ludian in Yunnan.", source="a"))
    >>> sorted(article_terms(a).items())
    [('hit', 1.0), ('ludian', 2.0), ('quake', 1.0), ('rescuer', 1.0), ('yunnan', 2.0)]
    """
    lexicon = lexicon or story_lexicon()
    options = options or StoryOptions()
    stop = lexicon.stop_words
    plain = lexicon.never_names
    text = article.article.text
    zones = {p.index: p.zone for p in article.paragraphs}
    # The terms of each sentence outside boilerplate, and the text before each of them (split
    # gives text, token, text, ..., token, text); names from body sentences.
    sentences: list[tuple[list[tuple[str, int]], list[str]]] = []
    names: set[str] = set()
    for sentence in article.sentences:
        zone = zones.get(sentence.paragraph, "body")
        if zone == "boilerplate":
            continue
        parts = (
            RE_TOKEN_SPLIT if RE_NOT_PLAIN.search(text, sentence.start, sentence.end) else RE_PLAIN_TOKEN_SPLIT
        ).split(text[sentence.start : sentence.end])
        terms = list(map(_term, parts[1::2]))
        gaps = parts[:-1:2]  # the text before each token
        sentences.append((terms, gaps))
        if zone == "body":
            names.update(t for t, kind in terms[1:] if kind == CAPITALISED and t not in plain)
            if len(terms) > 1 and terms[0][1] == terms[1][1] == CAPITALISED:
                # The first word of a sentence is a name when a name follows it: "Tara Reid said".
                first, second = terms[0][0], terms[1][0]
                if first not in plain and second not in plain and RE_GAP.fullmatch(gaps[1]):
                    names.add(first)
    counts: dict[str, int] = {}
    tally = counts.get
    for terms, gaps in sentences:
        previous: str | None = None  # the name just before
        for (term, kind), gap in zip(terms, gaps, strict=True):
            if term in stop or (kind != NUMBER and len(term) < 2):
                previous = None
                continue
            counts[term] = tally(term, 0) + 1
            if term not in names:
                previous = None
                continue
            if previous is not None and RE_GAP.fullmatch(gap):
                pair = f"{previous} {term}"
                counts[pair] = tally(pair, 0) + 1
            previous = term
    weights: dict[str, float] = {}
    for term, count in counts.items():
        if " " in term:
            kind_weight = options.pair_weight
        elif term[0].isdigit():
            kind_weight = options.number_weight
        elif term in names:
            kind_weight = options.name_weight
        else:
            kind_weight = 1.0
        weights[term] = (1.0 + math.log(count)) * kind_weight
    return weights


def _vectors(bags: list[dict[str, float]], options: StoryOptions) -> tuple[list[dict[str, float]], set[str]]:
    """Unit-length vectors weighted by rarity, and the terms of more than one vector."""
    holders: Counter[str] = Counter()
    for bag in bags:
        holders.update(bag.keys())  # counts the terms, not their weights
    cap = options.max_postings
    # Rarity depends only on how many articles hold the term, so an article sharing no term
    # with the others changes no weight of theirs.
    rarity = {t: math.log(1.0 + cap / count) for t, count in holders.items() if count <= cap}
    vectors: list[dict[str, float]] = []
    for bag in bags:
        vector = {t: w * rarity[t] for t, w in bag.items() if t in rarity}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({t: w / norm for t, w in vector.items()})
    return vectors, {t for t, count in holders.items() if 1 < count <= cap}


def _similarities(
    vectors: list[dict[str, float]], shared: set[str], days: list[int | None], options: StoryOptions
) -> dict[tuple[int, int], float]:
    """Cosine similarity (i < j) of the pairs that share a term of `shared`, where at least
    `min_similarity`; two dated articles more than `max_days` apart are not compared. Each
    pair's products are added in term order.

    Pairs that cannot reach `min_similarity` are skipped (prefix filtering; weights are
    positive). With the terms ordered rarest first, a vector's suffix is its last terms, as
    many as can add less than `_SUFFIX_SHARE` × `min_similarity` to any dot product (the
    least of two bounds: their norm times the largest norm, Cauchy-Schwarz; the sum of each
    weight times the term's largest weight); the other terms are its prefix. When the first
    term two vectors share is in the suffix of one, all they share is in that suffix and
    their dot product is below `min_similarity`: only pairs sharing a prefix term are looked
    at, and their products over the terms of both prefixes added. The rest of such a dot
    product lies in the longer of the two suffixes, so a pair whose prefix sum plus the
    larger suffix bound is below `min_similarity` is dropped; the few left are summed in full.

    Work: the sum over terms of (prefixes holding it)², fewer when dated articles are far
    apart; the common terms, which make the most pairs, are mostly in suffixes.
    """
    n = len(vectors)
    least = options.min_similarity
    max_days = options.max_days
    top = max((math.hypot(*v.values()) for v in vectors), default=0.0)  # the largest norm
    largest: dict[str, float] = {}  # term -> its largest weight
    for vector in vectors:
        for term, weight in vector.items():
            if weight > largest.get(term, 0.0):
                largest[term] = weight
    holders = Counter(filter(shared.__contains__, itertools.chain.from_iterable(vectors)))
    rank = dict(zip(sorted(sorted(holders), key=holders.__getitem__), itertools.count()))  # rarest first
    budget = _SUFFIX_SHARE * least
    held: list[set[str]] = []  # the terms of `shared` in each vector
    prefixes: list[list[str]] = []
    bounds: list[float] = []  # the most each suffix can add to a dot product
    for vector in vectors:
        held.append(shared.intersection(vector))
        terms = sorted(held[-1], key=rank.__getitem__)
        end, square, most = len(terms), 0.0, 0.0
        while end:
            term = terms[end - 1]
            weight = vector[term]
            if min(math.sqrt(square + weight * weight) * top, most + weight * largest[term]) >= budget:
                break
            square += weight * weight
            most += weight * largest[term]
            end -= 1
        prefixes.append(terms[:end])
        bounds.append(min(math.sqrt(square) * top, most))
    largest_bound = max(bounds, default=0.0)
    # The dated vectors by day, then the undated: each is compared with those before it.
    index: dict[str, list[tuple[int, float]]] = {t: [] for t in rank}  # (vector, weight) of the prefixes so far
    when: dict[str, list[int]] = {t: [] for t in rank}  # the days of the dated ones
    dots: dict[tuple[int, int], float] = {}
    floor = least - 1e-9  # below any rounding of the sums
    for x in sorted(range(n), key=lambda i: (days[i] is None, days[i] or 0)):
        day = days[x]
        weights = vectors[x]
        partial: dict[int, float] = {}
        tally = partial.get
        for term in prefixes[x]:
            weight = weights[term]
            postings = index[term]
            if day is None:
                for y, other in postings:
                    partial[y] = tally(y, 0.0) + weight * other
            else:
                at = when[term]
                for y, other in postings[bisect.bisect_left(at, day - max_days) :]:
                    partial[y] = tally(y, 0.0) + weight * other
                at.append(day)
            postings.append((x, weight))
        bound = bounds[x]
        mine = held[x]
        # the pairs whose sum can reach `floor` with the largest suffix bound (a C-level filter), then with theirs
        for y in itertools.compress(partial.keys(), map((floor - max(bound, largest_bound)).__le__, partial.values())):
            if partial[y] + max(bound, bounds[y]) >= floor:
                total = _dot(weights, vectors[y], sorted(mine & held[y]))
                if total >= least:
                    dots[(x, y) if x < y else (y, x)] = total
    return dict(sorted(dots.items()))


def _dot(a: dict[str, float], b: dict[str, float], terms: list[str]) -> float:
    """The dot product of `a` and `b` over `terms`, its products added in the order of `terms`."""
    total = 0.0
    for term in terms:
        total += a[term] * b[term]
    return total


def _neighbourhood_similarities(
    n: int, edges: dict[tuple[int, int], float], options: StoryOptions
) -> dict[tuple[int, int], float]:
    """For every linked pair, the cosine of the two articles' neighbourhoods."""
    near: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for (i, j), s in edges.items():
        near[i].append((-s, j))
        near[j].append((-s, i))
    profiles: list[dict[int, float]] = []
    for i in range(n):
        profile = {j: -negative for negative, j in heapq.nsmallest(options.neighbours, near[i])}
        profile[i] = options.self_weight
        norm = math.sqrt(sum(w * w for w in profile.values()))
        profiles.append({j: w / norm for j, w in profile.items()})
    out: dict[tuple[int, int], float] = {}
    for i, j in edges:
        a, b = profiles[i], profiles[j]
        if len(a) > len(b):
            a, b = b, a
        out[(i, j)] = sum(w * b.get(m, 0.0) for m, w in a.items())
    return out


def _average_link(n: int, edges: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Groups of 0..n-1 by average-link merging over a sparse graph (absent pairs count as 0)."""
    size = [1] * n
    alive = [True] * n
    linked: list[dict[int, float]] = [{} for _ in range(n)]  # group -> group -> sum of pair scores
    heap: list[tuple[float, int, int]] = []
    for (i, j), s in edges.items():
        linked[i][j] = s
        linked[j][i] = s
        if s >= threshold:
            heap.append((-s, i, j))
    heapq.heapify(heap)
    members: list[list[int]] = [[i] for i in range(n)]
    while heap:
        negative, a, b = heapq.heappop(heap)  # a < b: each group is named by its smallest member
        if not (alive[a] and alive[b]) or linked[a].get(b, 0.0) / (size[a] * size[b]) != -negative:
            continue  # a group merged since, or a newer entry for this pair is in the heap
        alive[b] = False
        merged = linked[a]
        del merged[b]
        for c, s in linked[b].items():
            if c != a:
                merged[c] = merged.get(c, 0.0) + s
                del linked[c][b]
        linked[b] = {}
        size[a] += size[b]
        members[a].extend(members[b])
        members[b] = []
        for c, s in sorted(merged.items()):
            linked[c][a] = s
            mean = s / (size[a] * size[c])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(a, c), max(a, c)))
    return [sorted(group) for group in members if group]


def _shared_terms(group: list[int], vectors: list[dict[str, float]], limit: int) -> dict[int, list[str]]:
    """For each member, the terms it shares most with the rest of its group."""
    total: dict[str, float] = {}
    for i in group:
        for term, w in vectors[i].items():
            total[term] = total.get(term, 0.0) + w
    out: dict[int, list[str]] = {}
    for i in group:
        scored = [(-w * (total[t] - w), t) for t, w in vectors[i].items() if total[t] - w > 1e-12]
        out[i] = [t for _, t in heapq.nsmallest(limit, scored)]
    return out


def assign_stories(
    articles: Sequence[IngestedArticle], *, options: StoryOptions | None = None
) -> list[StoryAssignment]:
    """The story of every article, in the order given.

    Raises `DuplicateArticleError` when two articles carry one id.

    Examples
    --------
    >>> from research.ingest import RawArticle, build_article
    >>> def art(i, text):
    ...     return build_article(RawArticle(id=i, text=text, source=i))
    >>> found = assign_stories([
    ...     art("a", "Tara Reid entered the Promises clinic in Malibu, Jack Ketsoyan said."),
    ...     art("b", "Jack Ketsoyan said Tara Reid is at Promises in Malibu."),
    ...     art("c", "Lindsay Lohan entered the Betty Ford clinic in Rancho Mirage."),
    ... ])
    >>> [(s.article, s.story, s.rule) for s in found]
    [('a', 's-a', 'story.shared_terms.v1'), ('b', 's-a', 'story.shared_terms.v1'), ('c', 's-c', 'story.alone.v1')]
    >>> found[0].terms
    ['jack', 'jack ketsoyan', 'ketsoyan', 'malibu', 'promise']
    """
    options = options or StoryOptions()
    lexicon = story_lexicon()
    ordered = sorted(articles, key=lambda a: a.article.id)
    for first, second in itertools.pairwise(ordered):
        if first.article.id == second.article.id:
            raise DuplicateArticleError(first.article.id, first.article.source, second.article.source)
    n = len(ordered)
    vectors, linking = _vectors([article_terms(a, lexicon=lexicon, options=options) for a in ordered], options)
    days = [a.article.published.toordinal() if a.article.published else None for a in ordered]
    edges = _similarities(vectors, linking, days, options)
    groups = _average_link(n, _neighbourhood_similarities(n, edges, options), options.threshold)
    found: dict[str, StoryAssignment] = {}
    for group in groups:
        first_index = min(group, key=lambda i: (days[i] is None, days[i] or 0, ordered[i].article.id))
        story = f"s-{ordered[first_index].article.id}"
        if len(group) == 1:
            found[ordered[group[0]].article.id] = StoryAssignment(
                article=ordered[group[0]].article.id, story=story, rule=RULE_ALONE
            )
            continue
        shared = _shared_terms(group, vectors, options.evidence_terms)
        for i in group:
            article_id = ordered[i].article.id
            found[article_id] = StoryAssignment(
                article=article_id, story=story, rule=RULE_SHARED_TERMS, terms=shared[i]
            )
    return [found[a.article.id] for a in articles]
