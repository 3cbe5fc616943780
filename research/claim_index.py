"""The flat claims frame `research.query` serves, and the indexes that answer filters on it.

`claims_frame` flattens the stored claims (nested speaker, cue and content) into the columns of
`research.records.ClaimRow`, with each claim's outlet, story, events, origin and the entity its
speaker resolves to. `ClaimIndex` is built once per store version: for each filter, the sorted
row positions of every value, so a filtered page is a few dictionary look-ups, a slice and a
gather of `limit` rows instead of a scan of every claim.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, get_args

import msgspec
import polars as pl

from research.records import ClaimRow

__all__ = [
    "CLAIM_FACETS",
    "CLAIM_FILTERS",
    "CLAIM_SORTS",
    "ClaimFacet",
    "ClaimFilter",
    "ClaimIndex",
    "ClaimSort",
    "KeyIndex",
    "claims_frame",
    "parse_sort",
    "speaker_entities",
]

POSITION = pl.UInt32()
CLAIM_COLUMNS = ClaimRow.__struct_fields__
# stored spans and figures of each claim and its sentence's span, kept beside the frame for `claim()`
DETAIL_COLUMNS = ("_content", "_speaker", "_cue", "_quantities", "_sentence_start", "_sentence_end")
# filter name -> the column whose values it matches (`speaker` matches a lower-cased key column)
CLAIM_FILTERS: dict[str, str] = {
    "speaker": "_speaker_keys",
    "outlet": "outlet",
    "via": "via",
    "event": "events",
    "story": "story",
    "article": "article",
    "polarity": "polarity",
    "certainty": "certainty",
    "kind": "kind",
    "rule": "rule",
    "figure": "figure_kinds",
}
ClaimFacet = Literal[
    "speaker",
    "claimant",
    "entity",
    "outlet",
    "via",
    "origin",
    "polarity",
    "certainty",
    "kind",
    "rule",
    "story",
    "events",
    "figure_kinds",
    "article",
]
# the columns claims sort by; `-column` sorts descending
ClaimSort = Literal[
    "id", "-id", "article", "-article", "date", "-date", "when", "-when", "published", "-published",
    "speaker", "-speaker", "claimant", "-claimant", "outlet", "-outlet", "story", "-story",
    "polarity", "-polarity", "certainty", "-certainty", "kind", "-kind", "rule", "-rule",
]  # fmt: skip
CLAIM_FACETS: tuple[str, ...] = get_args(ClaimFacet)
CLAIM_SORTS = tuple(key for key in get_args(ClaimSort) if not key.startswith("-"))


class ClaimFilter(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Which claims: each field given narrows the set; values within one field are alternatives.

    speaker: an entity id, a canonical name, any alias of an entity or the name as filed (any
    case); figure: the kind
    of a figure the claim states (killed, destroyed ...); date_from/date_to: inclusive bounds on
    the claim's `date` (`when`, else the publication date); q: words the content contains (any
    case). The other fields match their column exactly; `via`, `event` and `figure` match when
    any of the claim's values does.
    """

    speaker: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    event: tuple[str, ...] = ()
    story: tuple[str, ...] = ()
    article: tuple[str, ...] = ()
    polarity: tuple[str, ...] = ()
    certainty: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    rule: tuple[str, ...] = ()
    figure: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None

    def keyed(self) -> dict[str, tuple[str, ...]]:
        """The given filters that an index answers, by name."""
        found = {name: getattr(self, name) for name in CLAIM_FILTERS if getattr(self, name)}
        if "speaker" in found:
            found["speaker"] = tuple(value.lower() for value in found["speaker"])
        return found


def parse_sort(sort: str | Sequence[str] | None, allowed: Sequence[str]) -> list[tuple[str, bool]]:
    """`["-date", "claimant"]` (or `"-date,claimant"`) -> [(column, descending)], checked against `allowed`."""
    if sort is None:
        return []
    items = sort.split(",") if isinstance(sort, str) else list(sort)
    keys: dict[str, bool] = {}
    for item in (i.strip() for i in items):
        column = item.removeprefix("-")
        if column not in allowed:
            raise ValueError(f"cannot sort by {item!r}; sort by one of {', '.join(allowed)} (prefix - for descending)")
        keys.setdefault(column, item.startswith("-"))  # a column named again adds nothing
    return list(keys.items())


def _alias_keys(names: pl.Series, column: str) -> pl.DataFrame:
    """`column`, `key` for each distinct name: the key two spellings of one alias share (as
    `research.pipeline` compares speaker names: case, white space, apostrophes, a leading "the")."""
    distinct = names.drop_nulls().unique().alias(column).to_frame()
    key = pl.col(column).str.replace_all("’", "'", literal=True).str.to_lowercase()
    key = key.str.replace_all(r"\s+", " ").str.strip_chars()
    return distinct.with_columns(key=key).with_columns(
        key=pl.when(pl.col("key").str.starts_with("the ")).then(pl.col("key").str.slice(4)).otherwise(pl.col("key"))
    )


def _inside(spans: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """`article`, `s_start`, `s_end`, `m_entity`: each mention lying inside each span of the same
    article, found by binary search over the mentions sorted by (article, start)."""
    articles = mentions.select("article").unique(maintain_order=True).with_row_index("code")
    shift = pl.lit(1 << 32, pl.Int64())  # offsets are far below 2**32: (code, offset) as one sortable number
    located = (
        mentions.join(articles, on="article", maintain_order="left")
        .select(key=pl.col("code").cast(pl.Int64()) * shift + pl.col("m_start"), m_end="m_end", m_entity="m_entity")
        .sort("key")
    )
    wanted = spans.join(articles, on="article").with_columns(base=pl.col("code").cast(pl.Int64()) * shift)
    first = located["key"].search_sorted(wanted["base"] + wanted["s_start"], side="left")
    stop = located["key"].search_sorted(wanted["base"] + wanted["s_end"], side="left")
    pairs = wanted.select("article", "s_start", "s_end", at=pl.int_ranges(first, stop)).explode("at").drop_nulls("at")
    found = located.select("m_end", "m_entity")[pairs["at"]]
    return pairs.drop("at").hstack(found).filter(pl.col("m_end") <= pl.col("s_end")).drop("m_end")


def speaker_entities(claims: pl.DataFrame, mentions: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    """`id`, `entity`: the entity each claim's speaker resolves to, by the rules the pipeline
    uses to name claimants in contradictions and corroboration: the stored `speaker.entity`;
    else the mention at the speaker's span; else the one entity mentioned inside it (places
    left out: "Moscow said" speaks for the government); else the one entity with the speaker's
    name as an alias."""
    spans = claims.select(
        "id",
        "article",
        s_start=pl.col("speaker").struct.field("start"),
        s_end=pl.col("speaker").struct.field("end"),
        name=pl.col("speaker").struct.field("name"),
        stored=pl.col("speaker").struct.field("entity"),
    ).filter(pl.col("s_start").is_not_null())
    named = entities.filter(pl.col("type") != "place").select(pl.col("id").alias("entity"))
    located = mentions.join(named, on="entity", how="semi", maintain_order="left").select(
        "article", m_start="start", m_end="end", m_entity="entity"
    )
    at_span = located.unique(["article", "m_start", "m_end"], keep="first", maintain_order=True).select(
        "article", s_start="m_start", s_end="m_end", exact="m_entity"
    )
    spans = spans.join(at_span, on=["article", "s_start", "s_end"], how="left", maintain_order="left")
    open_spans = spans.filter(pl.col("exact").is_null()).select("article", "s_start", "s_end").unique()
    inside = (
        _inside(open_spans, located)
        .group_by("article", "s_start", "s_end")
        .agg(n=pl.col("m_entity").n_unique(), inside=pl.col("m_entity").first())
        .filter(pl.col("n") == 1)
        .drop("n")
    )
    forms = (
        entities.select("id", "name", form=pl.concat_list(pl.col("name"), pl.col("aliases")))
        .explode("form")
        .drop_nulls("form")
    )
    aliases = (
        forms.join(_alias_keys(forms["form"], "form"), on="form", maintain_order="left")
        .group_by("key", maintain_order=True)
        .agg(names=pl.col("name").n_unique(), alias=pl.col("id").first())
        .filter(pl.col("names") == 1)
        .select("key", "alias")
    )
    return (
        spans.join(inside, on=["article", "s_start", "s_end"], how="left", maintain_order="left")
        .join(_alias_keys(spans["name"], "name"), on="name", how="left", maintain_order="left")
        .join(aliases, on="key", how="left", maintain_order="left")
        .select("id", entity=pl.coalesce("stored", "exact", "inside", "alias"))
    )


def claims_frame(
    claims: pl.DataFrame,
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    events: pl.DataFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
) -> pl.DataFrame:
    """Stored claims as `ClaimRow` columns, ordered by article, sentence and position, followed
    by `DETAIL_COLUMNS` (the stored spans and figures, and the sentence's span) for `claim()`.

    articles: with their (current) story; events: their `claims` lists give each claim's events.
    """
    of_events = pl.concat(
        [
            events.select(pl.col("claims").alias("id"), pl.col("id").alias("event")).explode("id"),
            claims.select("id", "event"),
        ]
    ).drop_nulls()
    event_lists = of_events.unique().group_by("id").agg(pl.col("event").sort().alias("events"))
    names = entities.select(pl.col("id").alias("entity"), pl.col("name").alias("entity_name"))
    context = articles.select(pl.col("id").alias("article"), "outlet", "published", "story")
    spans = sentences.select("article", pl.col("index").alias("sentence"), _sentence_start="start", _sentence_end="end")
    outlet_or_article = pl.when(pl.col("outlet").is_not_null() & (pl.col("outlet") != ""))
    figure_kinds = pl.col("quantities").list.eval(pl.element().struct.field("kind")).list.drop_nulls()
    return (
        claims.join(context, on="article", how="left", maintain_order="left")
        .join(spans, on=["article", "sentence"], how="left", maintain_order="left")
        .join(event_lists, on="id", how="left", maintain_order="left")
        .join(speaker_entities(claims, mentions, entities), on="id", how="left", maintain_order="left")
        .join(names, on="entity", how="left", maintain_order="left")
        .select(
            "id",
            "article",
            "sentence",
            start=pl.col("content").struct.field("start"),
            end=pl.col("content").struct.field("end"),
            content=pl.col("content").struct.field("text"),
            speaker=pl.col("speaker").struct.field("name"),
            claimant=pl.coalesce("entity_name", pl.col("speaker").struct.field("name")),
            entity="entity",
            cue=pl.col("cue").struct.field("text"),
            kind="kind",
            via="via",
            origin=pl.when(pl.col("via").list.len() > 0)
            .then(pl.col("via").list.last())
            .otherwise(outlet_or_article.then(pl.col("outlet")).otherwise(pl.col("article"))),
            polarity="polarity",
            certainty="certainty",
            when="when",
            date=pl.coalesce("when", "published"),
            published="published",
            outlet="outlet",
            story="story",
            events=pl.col("events").fill_null(pl.lit([], dtype=pl.List(pl.String()))),
            figure_kinds=figure_kinds.list.unique().list.sort(),
            rule="rule",
            _content="content",
            _speaker="speaker",
            _cue="cue",
            _quantities="quantities",
            _sentence_start="_sentence_start",
            _sentence_end="_sentence_end",
        )
        .sort("article", "sentence", "start", "id")
    )


class KeyIndex:
    """Row positions by value: the rows holding one value are one sorted slice of `positions`."""

    def __init__(self, *columns: pl.Series) -> None:
        """columns: one value per row, or a list of values per row; a row is found by each of its
        values in any of the columns (all of one length)."""
        parts = []
        for values in columns:
            part = pl.DataFrame({"key": values, "row": pl.int_range(len(values), dtype=POSITION, eager=True)})
            parts.append(part.explode("key") if isinstance(values.dtype, pl.List) else part)
        pairs = pl.concat(parts).drop_nulls("key")
        if len(columns) > 1 or isinstance(columns[0].dtype, pl.List):
            pairs = pairs.unique()
        pairs = pairs.sort("key", "row")
        self.positions: pl.Series = pairs["row"]
        runs = pairs.group_by("key", maintain_order=True).len()
        ends = runs["len"].cum_sum().to_list()
        self.spans: dict[str, tuple[int, int]] = {
            key: (end - n, end) for key, n, end in zip(runs["key"].to_list(), runs["len"].to_list(), ends, strict=True)
        }

    def count(self, values: Sequence[str]) -> int:
        """An upper bound of the rows `find(values)` returns (exact for one value)."""
        return sum(hi - lo for lo, hi in (self.spans.get(v, (0, 0)) for v in values))

    def find(self, values: Sequence[str]) -> pl.Series:
        """Sorted positions of the rows holding any of `values`."""
        parts = [self.positions.slice(lo, hi - lo) for lo, hi in (self.spans.get(v, (0, 0)) for v in values)]
        parts = [part for part in parts if len(part)]
        if not parts:
            return pl.Series("row", [], dtype=POSITION)
        if len(parts) == 1:
            return parts[0]
        return pl.concat(parts).unique().sort()


def _intersect(left: pl.Series, right: pl.Series) -> pl.Series:
    """Positions in both sorted position series (binary search of `left` in `right`)."""
    if len(left) == 0 or len(right) == 0:
        return left.clear()
    at = right.search_sorted(left).clip(0, len(right) - 1)
    return left.filter(right.gather(at) == left)


class ClaimIndex:
    """The claims frame of one store version with an index per filter; immutable once built."""

    def __init__(self, frame: pl.DataFrame, entities: pl.DataFrame) -> None:
        """frame: `claims_frame`'s answer (the `ClaimRow` columns, then `DETAIL_COLUMNS`);
        entities: the entities table, whose aliases name the claimants (any case)."""
        self.frame = frame.select(CLAIM_COLUMNS)
        self.detail = frame.select(DETAIL_COLUMNS)
        speaker_keys = [frame[c].str.to_lowercase() for c in ("entity", "claimant", "speaker")]
        self.keys: dict[str, KeyIndex] = {
            name: KeyIndex(*speaker_keys) if column == "_speaker_keys" else KeyIndex(frame[column])
            for name, column in CLAIM_FILTERS.items()
        }
        named = (
            entities.select(form=pl.col("aliases").list.concat(pl.col("name")), name=pl.col("name"))
            .explode("form")
            .select(pl.col("form", "name").str.to_lowercase())
            .unique()
            .group_by("form")
            .agg("name")
        )
        self.aliases: dict[str, list[str]] = dict(zip(named["form"].to_list(), named["name"].to_list(), strict=True))
        by_id = frame.select(pl.col("id"), row=pl.int_range(pl.len(), dtype=POSITION)).sort("id")
        self._ids, self._id_rows = by_id["id"], by_id["row"]
        self._orders: dict[tuple[tuple[str, bool], ...], pl.Series] = {}
        # free-text search: a literal search in lower-cased text is ~2.5x a case-insensitive regex
        self._content_lower = frame["content"].str.to_lowercase()

    @property
    def height(self) -> int:
        return self.frame.height

    def position(self, claim_id: str) -> int | None:
        """The row of one claim id, or None."""
        at = self._ids.search_sorted(claim_id, side="left")
        if at < len(self._ids) and self._ids[at] == claim_id:
            return int(self._id_rows[at])
        return None

    def select(self, where: ClaimFilter) -> pl.Series | None:
        """Sorted positions of the claims matching `where`; None when nothing is filtered (all rows)."""
        keyed = where.keyed()
        if "speaker" in keyed:  # an alias of an entity stands for its canonical name
            names = (name for value in keyed["speaker"] for name in self.aliases.get(value, ()))
            keyed["speaker"] = tuple(dict.fromkeys([*keyed["speaker"], *names]))
        order = sorted(keyed, key=lambda name: self.keys[name].count(keyed[name]))
        positions: pl.Series | None = None
        for name in order:
            found = self.keys[name].find(keyed[name])
            positions = found if positions is None else _intersect(positions, found)
        conditions: list[pl.Expr] = []
        if where.date_from is not None:
            conditions.append(pl.col("date") >= where.date_from)
        if where.date_to is not None:
            conditions.append(pl.col("date") <= where.date_to)
        if where.q:
            conditions.append(pl.col("content_lower").str.contains(where.q.lower(), literal=True))
        if conditions:
            columns = pl.DataFrame([self.frame["date"], self._content_lower.alias("content_lower")])
            scanned = columns if positions is None else columns[positions]
            mask = scanned.select(pl.all_horizontal(conditions).fill_null(False)).to_series()
            every = pl.int_range(self.height, dtype=POSITION, eager=True) if positions is None else positions
            positions = every.filter(mask)
        return positions

    def count(self, positions: pl.Series | None) -> int:
        return self.height if positions is None else len(positions)

    def rows(
        self, positions: pl.Series | None, *, sort: Sequence[tuple[str, bool]] = (), limit: int | None, offset: int = 0
    ) -> pl.DataFrame:
        """The selected rows, sorted (stable: ties keep the default order), from `offset`, at most `limit`."""
        if sort:
            positions = self._sorted(positions, tuple(sort))
        if positions is None:
            return self.frame.slice(offset, limit)
        return self.frame[positions.slice(offset, limit)]

    def gather(self, positions: pl.Series | None, columns: Sequence[str]) -> pl.DataFrame:
        """Some columns of the selected rows (all rows for None)."""
        frame = self.frame.select(columns)
        return frame if positions is None else frame[positions]

    def _sorted(self, positions: pl.Series | None, sort: tuple[tuple[str, bool], ...]) -> pl.Series:
        if positions is None:
            cached = self._orders.get(sort)
            if cached is None:
                cached = self._orders[sort] = self._order(self.frame, sort)
            return cached
        return positions.gather(self._order(self.gather(positions, [c for c, _ in sort]), sort))

    @staticmethod
    def _order(frame: pl.DataFrame, sort: Sequence[tuple[str, bool]]) -> pl.Series:
        expr = pl.arg_sort_by(
            [c for c, _ in sort], descending=[d for _, d in sort], nulls_last=True, maintain_order=True
        )
        return frame.select(expr).to_series().cast(POSITION)
