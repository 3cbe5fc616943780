"""What every listing shares: page parameters, the page envelope with its `next` link and
facets, the check of date ranges, and the rejection of parameters an endpoint does not take.

Reserved parameters start with `_` (`_sort`, `_facet`, `_facet_size`); the others filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

import msgspec
import polars as pl
from litestar import Controller, Request
from litestar.enums import ParamType
from litestar.exceptions import ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.params import Parameter, ParameterKwarg, QueryParameter

from api.schemas import Page
from research.query import FacetCount, facets

__all__ = [
    "DEFAULT_FACET_SIZE",
    "DEFAULT_LIMIT",
    "MAX_FACET_SIZE",
    "MAX_LIMIT",
    "DateFrom",
    "DateTo",
    "FacetSize",
    "Limit",
    "Offset",
    "Resource",
    "check_dates",
    "frame_page",
    "next_url",
    "page",
    "query_names",
]

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
DEFAULT_FACET_SIZE = 30
MAX_FACET_SIZE = 500
MAX_OFFSET = 2**31 - 1

Limit = Annotated[int, Parameter(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Offset = Annotated[
    int, Parameter(ge=0, le=MAX_OFFSET, description=f"Number of matching rows to skip, 0 to {MAX_OFFSET}.")
]
DateFrom = Annotated[dt.date | None, Parameter(description="First day to include, YYYY-MM-DD.")]
DateTo = Annotated[dt.date | None, Parameter(description="Last day to include, YYYY-MM-DD (not before date_from).")]
FacetSize = Annotated[
    int,
    QueryParameter(
        name="_facet_size",
        ge=1,
        le=MAX_FACET_SIZE,
        description=f"Values listed per facet, most frequent first (1 to {MAX_FACET_SIZE}).",
    ),
]


def _problem(parameter: str, message: str) -> ValidationException:
    return ValidationException(message, extra=[{"key": parameter, "source": "query", "message": message}])


def check_dates(date_from: dt.date | None, date_to: dt.date | None) -> None:
    """A range whose end comes before its start is a bad `date_to`."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise _problem("date_to", f"{date_to} is before date_from {date_from}")


@cache
@cache
def query_names(handler: BaseRouteHandler) -> dict[str, str]:
    """The query parameters a handler declares: Python name -> name in the query (`sort` -> `_sort`)."""
    names: dict[str, str] = {}
    dependencies = set(handler.resolve_dependencies())
    for name, field in handler.parsed_fn_signature.parameters.items():
        kwarg = field.kwarg_definition
        if name in dependencies or not isinstance(kwarg, ParameterKwarg):
            continue
        if kwarg.param_type not in (ParamType.HEADER, ParamType.COOKIE):
            names[name] = kwarg.name or name
    return names


async def reject_unknown_parameters(request: Request[Any, Any, Any]) -> None:
    """Before-request hook: a misspelt filter (`speakr=`) is a 400 naming it, not a silently
    unfiltered answer. (Async: Litestar would run a sync hook in a worker thread, which cost
    more than the check.)"""
    known = set(query_names(request.route_handler).values()) - set(request.path_params)
    unknown = [name for name in request.query_params if name not in known]
    if unknown:
        takes = ", ".join(sorted(known)) or "no query parameters"
        raise ValidationException(
            f"unknown parameter {unknown[0]!r}",
            extra=[{"key": name, "source": "query", "message": f"unknown parameter; this endpoint takes {takes}"}
                   for name in unknown],
        )  # fmt: skip


class Resource(Controller):
    """A controller whose handlers reject query parameters they do not declare."""

    before_request = staticmethod(reject_unknown_parameters)


def next_url(request: Request[Any, Any, Any], *, limit: int, offset: int) -> str:
    """The request's URL with every parameter kept but `limit` and `offset` set."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("limit", "offset")]
    query = urlencode([*kept, ("limit", limit), ("offset", offset)])
    return str(request.url.with_replacements(query=query))


# Column types polars writes to JSON exactly as msgspec would (dates as ISO strings, lists, nulls).
RAW_JSON_TYPES = (pl.String, pl.Int64, pl.Int32, pl.UInt32, pl.Float64, pl.Boolean, pl.Date, pl.List)


def _items(rows: pl.DataFrame, record: type[T]) -> list[T]:
    """The rows as a page's items. Polars writes them to JSON itself (msgspec embeds the bytes
    as they are), which is several times faster than building one Python object per row; a
    frame with other column types (datetimes) is converted row by row."""
    columns = list(record.__struct_fields__)  # type: ignore[attr-defined]
    if rows.columns != columns:
        raise ValueError(f"columns {rows.columns} are not the fields of {record.__name__}: {columns}")
    if all(isinstance(dtype, RAW_JSON_TYPES) for dtype in rows.dtypes):
        return msgspec.Raw(rows.write_json())  # type: ignore[return-value]
    return msgspec.convert(rows.to_dicts(), list[record])  # type: ignore[valid-type]


def page(
    request: Request[Any, Any, Any],
    rows: pl.DataFrame,
    record: type[T],
    *,
    total: int,
    limit: int,
    offset: int,
    counts: Mapping[str, pl.DataFrame] | None = None,
) -> Page[T]:
    """One page of `record`s from the rows of a query-layer frame, with its `next` link."""
    following = offset + limit
    return Page(
        items=_items(rows, record),
        total=total,
        limit=limit,
        offset=offset,
        next=next_url(request, limit=limit, offset=following) if following < total else None,
        facets={
            column: [FacetCount(value=value, count=count) for value, count in frame.iter_rows()]
            for column, frame in (counts or {}).items()
        },
    )


def frame_page(
    request: Request[Any, Any, Any],
    frame: pl.DataFrame,
    record: type[T],
    *,
    limit: int,
    offset: int,
    facet: Sequence[str] | None,
    facet_size: int,
) -> Page[T]:
    """A page of a whole (filtered, sorted) query-layer frame, with facet counts over all of it."""
    counts = facets(frame, list(dict.fromkeys(facet)), limit=facet_size) if facet else None
    return page(
        request, frame.slice(offset, limit), record, total=frame.height, limit=limit, offset=offset, counts=counts
    )
