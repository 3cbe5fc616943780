"""The data model: Struct fields and frame columns agree, and every record survives JSON and frames."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from research.frames import SCHEMAS, TABLE_KEYS, TABLE_STRUCTS, from_frame, to_frame
from research.model import (
    Article,
    Boilerplate,
    Claim,
    Contradiction,
    Entity,
    Event,
    MentionRef,
    Paragraph,
    Position,
    Quantity,
    Sentence,
    Span,
    Speaker,
    decode_json,
    encode_json,
)


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_struct_fields_are_frame_columns(table: str) -> None:
    assert list(TABLE_STRUCTS[table].__struct_fields__) == SCHEMAS[table].names()
    assert set(TABLE_KEYS) == set(SCHEMAS)


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_nested_struct_fields_are_struct_columns(table: str) -> None:
    """A nested Struct (Span, Speaker, Quantity ...) has the fields of its struct column."""
    struct = TABLE_STRUCTS[table]
    for name, hint in zip(struct.__struct_fields__, msgspec.structs.fields(struct), strict=True):
        dtype = SCHEMAS[table][name]
        inner = getattr(dtype, "inner", None) or dtype
        nested = [
            t for t in (Span, Speaker, Quantity, Boilerplate, MentionRef, Position) if t.__name__ in str(hint.type)
        ]
        if nested:
            assert [f.name for f in inner.fields] == list(nested[0].__struct_fields__), name


def test_structs_are_frozen() -> None:
    span = Span(start=0, end=1, text="a")
    with pytest.raises(AttributeError):
        span.start = 2  # type: ignore[misc]


def test_unknown_fields_are_rejected_on_decode() -> None:
    with pytest.raises(msgspec.ValidationError):
        decode_json(b'{"start": 0, "end": 1, "text": "a", "colour": "red"}', Span)


texts = st.text(max_size=40)
spans = st.builds(Span, start=st.integers(0, 10_000), end=st.integers(0, 10_000), text=texts)
optional_dates = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))
finite = st.none() | st.floats(allow_nan=False, allow_infinity=False)
quantities = st.builds(
    Quantity,
    start=st.integers(0, 100),
    end=st.integers(0, 100),
    text=texts,
    value=finite,
    low=finite,
    high=finite,
    approx=st.sampled_from(["exact", "about", "more_than", "range"]),
    unit=st.none() | texts,
    kind=st.none() | texts,
    rule=texts,
)
articles = st.builds(
    Article,
    id=texts,
    title=st.none() | texts,
    published=optional_dates,
    outlet=st.none() | texts,
    url=st.none() | texts,
    source=texts,
    content_hash=texts,
    text=st.text(max_size=200),
    title_span=st.none() | spans,
    date_span=st.none() | spans,
    boilerplate=st.lists(
        st.builds(
            Boilerplate,
            start=st.integers(0, 99),
            end=st.integers(0, 99),
            text=texts,
            kind=st.sampled_from(["caption", "breadcrumb", "share_widget"]),
            rule=texts,
        ),
        max_size=3,
    ),
    story=st.none() | texts,
)
claims = st.builds(
    Claim,
    id=texts,
    article=texts,
    sentence=st.integers(0, 1000),
    content=spans,
    speaker=st.none()
    | st.builds(
        Speaker, start=st.integers(0, 9), end=st.integers(0, 9), text=texts, name=texts, entity=st.none() | texts
    ),
    cue=st.none() | spans,
    kind=st.sampled_from(["direct", "indirect", "mixed"]),
    via=st.lists(texts, max_size=3),
    polarity=st.sampled_from(["assert", "deny"]),
    certainty=st.sampled_from(["certain", "probable", "possible", "unverified"]),
    quantities=st.lists(quantities, max_size=3),
    when=optional_dates,
    event=st.none() | texts,
    rule=texts,
)
records = {
    "articles": articles,
    "claims": claims,
    "paragraphs": st.builds(
        Paragraph,
        article=texts,
        index=st.integers(0, 99),
        start=st.integers(0, 99),
        end=st.integers(0, 99),
        zone=st.sampled_from(["title", "heading", "body", "boilerplate"]),
        rule=texts,
    ),
    "sentences": st.builds(
        Sentence,
        article=texts,
        index=st.integers(0, 99),
        paragraph=st.integers(0, 99),
        start=st.integers(0, 99),
        end=st.integers(0, 99),
    ),
    "entities": st.builds(
        Entity,
        id=texts,
        name=texts,
        type=texts,
        aliases=st.lists(texts, max_size=3),
        mentions=st.lists(
            st.builds(MentionRef, article=texts, start=st.integers(0, 9), end=st.integers(0, 9)), max_size=3
        ),
    ),
    "events": st.builds(
        Event,
        id=texts,
        type=texts,
        date=optional_dates,
        places=st.lists(texts, max_size=2),
        place_names=st.lists(texts, max_size=2),
        articles=st.lists(texts, max_size=2),
        claims=st.lists(texts, max_size=2),
    ),
    "contradictions": st.builds(
        Contradiction,
        id=texts,
        event=st.none() | texts,
        about=texts,
        positions=st.lists(
            st.builds(
                Position, speaker=texts, value=st.none() | texts, number=finite, claims=st.lists(texts, max_size=2)
            ),
            max_size=3,
        ),
    ),
}


@pytest.mark.parametrize("table", sorted(records))
@given(data=st.data())
def test_records_round_trip_json_and_frames(table: str, data: st.DataObject) -> None:
    rows = data.draw(st.lists(records[table], max_size=4))
    struct = TABLE_STRUCTS[table]
    for row in rows:
        assert decode_json(encode_json(row), struct) == row
    frame = to_frame(table, rows)
    assert frame.schema == SCHEMAS[table]
    assert from_frame(frame, struct) == rows


def test_dates_encode_as_iso_days() -> None:
    article = Article(id="a", source="s", content_hash="h", text="t", published=dt.date(2024, 3, 12))
    assert b'"published":"2024-03-12"' in encode_json(article)
