"""HTTP-only response shapes: the page envelope, the error body and the small service records.

Article records are `research.query.ArticleSummary` / `ArticleDetail`, returned as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

import msgspec

__all__ = ["ErrorBody", "ErrorInfo", "Health", "Index", "Page", "ParameterProblem", "StoreVersion"]

T = TypeVar("T")


class Page(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """One page of a listing; `next` is the URL of the following page (same filters) or null."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next: str | None


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
