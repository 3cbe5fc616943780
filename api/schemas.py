"""HTTP-only response shapes: the page envelope, the error body and the small service records.

The records inside them (`ArticleSummary`, `ClaimRow`, `EntityDetail`, `LedgerRow` ...) are the
query layer's (`research.query`), returned as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

import msgspec

from research.query import ClaimRow, FacetCount

__all__ = [
    "ErrorBody",
    "ErrorInfo",
    "Health",
    "Index",
    "IngestResult",
    "Page",
    "ParameterProblem",
    "StoreVersion",
]

T = TypeVar("T")


class Page(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """One page of a listing: `total` rows match the filters; `next` is the URL of the following
    page (same filters, sorting and facets) or null; `facets` holds the counts asked for with
    `_facet`, by column, over every matching row (not only this page)."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next: str | None
    facets: dict[str, list[FacetCount]] = {}


class ParameterProblem(msgspec.Struct, frozen=True, kw_only=True):
    """One rejected request parameter: its name, where it came from (query, path, body) and why."""

    parameter: str
    source: str
    message: str


class ErrorInfo(msgspec.Struct, frozen=True, kw_only=True):
    """What went wrong: HTTP status, a stable snake_case code and a message for people."""

    status: int
    code: str
    message: str
    detail: list[ParameterProblem] | None = None


class ErrorBody(msgspec.Struct, frozen=True, kw_only=True):
    """The body of every error response: `{"error": {...}}`."""

    error: ErrorInfo


class Health(msgspec.Struct, frozen=True, kw_only=True):
    """The server is up and reads this store version."""

    status: Literal["ok"]
    store: str
    version: int
    articles: int


class Index(msgspec.Struct, frozen=True, kw_only=True):
    """Where things are: the endpoints, the docs page and the OpenAPI document."""

    name: str
    version: str
    docs: str
    openapi: str
    endpoints: dict[str, str]


class StoreVersion(msgspec.Struct, frozen=True, kw_only=True):
    """One row of the store's version log (`Corpus.versions()`)."""

    version: int
    created_at: dt.datetime
    added: int
    replaced: int
    unchanged: int
    articles: int
    sources: list[str]


class IngestResult(msgspec.Struct, frozen=True, kw_only=True):
    """What `POST /articles` stored: the new store version (equal to `previous` when every
    article was already stored unchanged), the article ids by what happened to them, and the
    claims extracted from the posted articles as they are now stored."""

    version: int
    previous: int
    added: list[str]
    replaced: list[str]
    unchanged: list[str]
    claims: list[ClaimRow]
