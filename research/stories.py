"""Stories: groups of articles that cover the same real-world happening.

Each article becomes a weighted bag of content terms (see `research/rules/stories.toml`):
names and numbers weigh more than ordinary words, and every term is weighted by its rarity
in the corpus analysed, so the shared vocabulary of a kind of event ("earthquake",
"rehab") counts for little and the names, places, figures and dates that tell two
happenings of that kind apart count for much.

Two articles are compared only if they share a term that is rare in the corpus (an
inverted index over terms; terms found in more than `max_postings` articles never make a
candidate pair), so the work grows with the number of pairs that share rare terms, not with
the square of the corpus. Articles with dates further apart than `max_days` are never
compared. Stories are then built by average-link clustering over that sparse similarity
graph: two groups merge while the mean similarity over all their article pairs (pairs
never compared count as 0) is at least `threshold`, so a group does not grow through a
chain of single links.

Everything is computed on the articles sorted by id, so the result depends on the set of
articles, not on their order.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections.abc import Iterator, Sequence

import msgspec

from research.errors import RuleError
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

# Words (letters, digits, inner apostrophes and dots) and numbers with separators ("1,000").
RE_TERM = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*(?:\.(?=[^\W\d_]\.))?")
RE_POSSESSIVE = re.compile(r"['’]s?$")


class StoryAssignment(msgspec.Struct, frozen=True, kw_only=True):
    """The story one article belongs to.

    article: the article id; story: the story id, `s-` and the id of the story's first
    article (earliest published, then smallest id); rule: why (`story.shared_terms.v1` when
    the article shares distinctive terms with others of its story, `story.alone.v1` when it
    is a story by itself).
    """

    article: str
    story: str
    rule: str


class StoryLexicon(msgspec.Struct, frozen=True, kw_only=True):
    """Words of `stories.toml`: never terms, and capitalised words that are no names."""

    stop_words: frozenset[str]
    weak_names: frozenset[str]


class StoryOptions(msgspec.Struct, frozen=True, kw_only=True):
    """Weights and thresholds, tuned on the ECB+ train split.

    name_weight / number_weight: multiplier of a name's / number's term weight over an
    ordinary word's; pair_weight: the same for a pair of adjacent names;
    max_postings: a term in more articles than this is not distinctive and is dropped;
    threshold: least mean cosine similarity between two groups that merge;
    max_days: dated articles further apart than this are never in one story.
    """

    name_weight: float = 2.0
    number_weight: float = 1.5
    pair_weight: float = 2.0
    max_postings: int = 100
    threshold: float = 0.3
    max_days: int = 7
    idf_power: float = 1.0
    rarity_scale: float = 150.0
    lead_weight: float = 1.0
    lead_sentences: int = 2
    neighbours: int = 10
    self_weight: float = 0.5
    min_similarity: float = 0.08


@functools.cache
def story_lexicon() -> StoryLexicon:
    """The stop words and weak names of `stories.toml`."""
    raw = load_toml("stories.toml")
    try:
        return StoryLexicon(
            stop_words=frozenset(str(w) for w in raw["stop_words"]["words"]),
            weak_names=frozenset(str(w) for w in raw["weak_names"]["words"]),
        )
    except (KeyError, TypeError) as exc:
        raise RuleError(f"{RULES_DIR / 'stories.toml'}: missing or malformed key {exc}") from exc


def _normalise(word: str) -> str:
    """Lower case without possessive, dots or a plural ending: "Russia’s" -> "russia"."""
    word = RE_POSSESSIVE.sub("", word.lower()).replace(".", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _number(token: str) -> str:
    """A number as a term: separators dropped ("1,000" -> "1000"), decimals kept ("7.1")."""
    if "," in token and all(len(part) == 3 for part in token.split(",")[1:]):
        return token.replace(",", "")
    return token


def _sentence_tokens(text: str, start: int, end: int) -> Iterator[tuple[str, bool, bool]]:
    """(term, is_number, is_capitalised) of the words of one sentence, in order."""
    for m in RE_TERM.finditer(text, start, end):
        token = m.group(0)
        if token[0].isdigit():
            yield _number(token), True, False
        else:
            yield _normalise(token), False, token[0].isupper()


def article_terms(
    article: IngestedArticle, *, lexicon: StoryLexicon | None = None, options: StoryOptions | None = None
) -> dict[str, float]:
    """The article's content terms and their weights before rarity (log-scaled counts × kind).

    Words capitalised inside a body sentence are names everywhere in the article; titles and
    headings are read too, but their capitalisation says nothing.
    """
    lexicon = lexicon or story_lexicon()
    options = options or StoryOptions()
    text = article.article.text
    zones = {p.index: p.zone for p in article.paragraphs}
    sentences: list[tuple[bool, list[tuple[str, bool, bool]]]] = []
    names: set[str] = set()
    for sentence in article.sentences:
        zone = zones.get(sentence.paragraph, "body")
        if zone == "boilerplate":
            continue
        tokens = list(_sentence_tokens(text, sentence.start, sentence.end))
        sentences.append((zone == "body", tokens))
        if zone == "body":
            for term, _, capitalised in tokens[1:]:
                if capitalised and term not in lexicon.stop_words and term not in lexicon.weak_names:
                    names.add(term)
    counts: dict[str, float] = {}
    body_seen = 0
    for in_body, tokens in sentences:
        if in_body:
            body_seen += 1
        lead = options.lead_weight if (not in_body or body_seen <= options.lead_sentences) else 1.0
        previous: str | None = None
        for term, is_number, _ in tokens:
            if (len(term) < 2 and not is_number) or term in lexicon.stop_words:
                previous = None
                continue
            counts[term] = counts.get(term, 0.0) + lead
            if term in names and previous is not None:
                pair = f"{previous} {term}"
                counts[pair] = counts.get(pair, 0.0) + lead
            previous = term if term in names else None
    weights: dict[str, float] = {}
    for term, count in counts.items():
        if " " in term:
            kind = options.pair_weight
        elif term[0].isdigit():
            kind = options.number_weight
        elif term in names:
            kind = options.name_weight
        else:
            kind = 1.0
        weights[term] = (1.0 + math.log(count)) * kind
    return weights


def _vectors(
    bags: list[dict[str, float]], options: StoryOptions
) -> tuple[list[dict[str, float]], dict[str, list[int]]]:
    """Unit-length term vectors weighted by rarity, and the postings of the kept terms."""
    postings: dict[str, list[int]] = {}
    for index, bag in enumerate(bags):
        for term in bag:
            postings.setdefault(term, []).append(index)
    kept = {t: p for t, p in postings.items() if len(p) <= options.max_postings}
    vectors: list[dict[str, float]] = []
    for bag in bags:
        # Rarity depends only on how many articles hold the term, so an article sharing no
        # term with the others changes no weight of theirs.
        vector = {t: w * math.log(1.0 + options.rarity_scale / len(kept[t])) ** options.idf_power for t, w in bag.items() if t in kept}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({t: w / norm for t, w in vector.items()})
    return vectors, {t: p for t, p in kept.items() if len(p) > 1}


def _similarities(
    vectors: list[dict[str, float]],
    postings: dict[str, list[int]],
    days: list[int | None],
    options: StoryOptions,
) -> dict[tuple[int, int], float]:
    """Cosine similarity of every pair of articles that share a kept term (i < j)."""
    dots: dict[tuple[int, int], float] = {}
    for term in sorted(postings):
        holders = postings[term]
        for x, i in enumerate(holders):
            wi = vectors[i][term]
            di = days[i]
            for j in holders[x + 1 :]:
                dj = days[j]
                if di is not None and dj is not None and abs(di - dj) > options.max_days:
                    continue
                key = (i, j)
                dots[key] = dots.get(key, 0.0) + wi * vectors[j][term]
    return {pair: s for pair, s in dots.items() if s >= options.min_similarity}


def _second_order(
    n: int, edges: dict[tuple[int, int], float], options: StoryOptions
) -> dict[tuple[int, int], float]:
    """For every compared pair, how alike the two articles' closest articles are (cosine).

    An article's neighbourhood is itself (weight `self_weight`) and its `neighbours` most
    similar articles (weight: their similarity); two articles about one happening are close
    to the same articles, two happenings of one kind each to their own.
    """
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


def _average_link(n: int, edges: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Cluster label (smallest member index) of each of n items, by average-link merging."""
    size = [1] * n
    alive = [True] * n
    neighbours: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in sorted(edges.items()):
        neighbours[i][j] = s
        neighbours[j][i] = s
    heap: list[tuple[float, int, int]] = []
    for (i, j), s in edges.items():
        if s >= threshold:
            heap.append((-s, i, j))
    heapq.heapify(heap)
    members: list[list[int]] = [[i] for i in range(n)]
    while heap:
        negative, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        current = neighbours[a].get(b, 0.0) / (size[a] * size[b])
        if current != -negative:
            continue  # stale entry: a newer one for this pair is in the heap
        # Merge b into a (a < b always: keys are ordered pairs of smallest members).
        alive[b] = False
        merged = neighbours[a]
        del merged[b]
        for c, s in neighbours[b].items():
            if c == a:
                continue
            merged[c] = merged.get(c, 0.0) + s
            del neighbours[c][b]
        neighbours[b] = {}
        size[a] += size[b]
        members[a].extend(members[b])
        members[b] = []
        for c, s in sorted(merged.items()):
            neighbours[c][a] = s
            mean = s / (size[a] * size[c])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(a, c), max(a, c)))
    label = list(range(n))
    for root in range(n):
        for member in members[root]:
            label[member] = root
    return label


def assign_stories(
    articles: Sequence[IngestedArticle], *, options: StoryOptions | None = None
) -> list[StoryAssignment]:
    """The story of every article, in the order given.

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
    >>> [(s.article, s.story) for s in found]
    [('a', 's-a'), ('b', 's-a'), ('c', 's-c')]
    """
    options = options or StoryOptions()
    lexicon = story_lexicon()
    ordered = sorted(articles, key=lambda a: a.article.id)
    bags = [article_terms(a, lexicon=lexicon, options=options) for a in ordered]
    vectors, postings = _vectors(bags, options)
    days = [a.article.published.toordinal() if a.article.published else None for a in ordered]
    edges = _similarities(vectors, postings, days, options)
    label = _average_link(len(ordered), _second_order(len(ordered), edges, options), options.threshold)
    groups: dict[int, list[int]] = {}
    for index, root in enumerate(label):
        groups.setdefault(root, []).append(index)
    story_of: dict[str, tuple[str, str]] = {}
    for group in groups.values():
        first = min(group, key=lambda i: (days[i] is None, days[i] or 0, ordered[i].article.id))
        story = f"s-{ordered[first].article.id}"
        rule = RULE_SHARED_TERMS if len(group) > 1 else RULE_ALONE
        for i in group:
            story_of[ordered[i].article.id] = (story, rule)
    return [
        StoryAssignment(article=a.article.id, story=story_of[a.article.id][0], rule=story_of[a.article.id][1])
        for a in articles
    ]
