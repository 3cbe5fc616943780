"""One controller per resource; handlers parse parameters and ask the `Corpus`, nothing else.

The `corpus` argument is the app's dependency (`api.app.current_corpus`), refreshed before use.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.params import Parameter
from litestar.response import Redirect

import research
from api.errors import error_responses
from api.schemas import Health, Index, Page, StoreVersion
from research.query import ArticleDetail, ArticleSummary, Corpus

__all__ = [
    "DOCS_PATH",
    "OPENAPI_PATH",
    "ArticleController",
    "HealthController",
    "RootController",
    "VersionController",
    "page_url",
]

DOCS_PATH = "/schema/swagger"
OPENAPI_PATH = "/schema/openapi.json"
DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Limit = Annotated[int, Parameter(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Parameter(ge=0, description="Number of matching articles to skip (0 or more).")]
Outlet = Annotated[str | None, Parameter(description="Only articles from this outlet (exact name).")]
DateFrom = Annotated[dt.date | None, Parameter(description="First publication day to include, YYYY-MM-DD.")]
DateTo = Annotated[dt.date | None, Parameter(description="Last publication day to include, YYYY-MM-DD.")]
ArticleId = Annotated[str, Parameter(description="Article id, e.g. `003_a1177dfb8dc12fab`.")]


def page_url(request: Request[Any, Any, Any], **params: object) -> str:
    """The request's URL with its query replaced by `params` (None values left out)."""
    query = urlencode({name: value for name, value in params.items() if value is not None})
    return str(request.url.with_replacements(query=query))


class RootController(Controller):
    """The index of the API and the `/docs` shortcut to the interactive docs."""

    path = "/"
    tags = ("service",)

    @get("/", sync_to_thread=False, summary="Index of the endpoints")
    def index(self, request: Request[Any, Any, Any]) -> Index:
        """The endpoints, the docs page and the OpenAPI document."""
        base = str(request.base_url).rstrip("/")
        return Index(
            name="research API",
            version=research.__version__,
            docs=f"{base}/docs",
            openapi=f"{base}{OPENAPI_PATH}",
            endpoints={
                "/health": "server status, store path, version and article count",
                "/articles": "articles, paginated, filtered by outlet and published date",
                "/articles/{article_id}": "one article with its text, paragraphs, sentences and boilerplate",
                "/versions": "the store's version log",
            },
        )

    @get("/docs", sync_to_thread=False, include_in_schema=False)
    def docs(self) -> Redirect:
        """Redirect to the Swagger UI page."""
        return Redirect(DOCS_PATH)


class HealthController(Controller):
    """Whether the server is up and which store version it reads."""

    path = "/health"
    tags = ("service",)

    @get("/", sync_to_thread=True, summary="Server status", responses=error_responses(503))
    def health(self, corpus: NamedDependency[Corpus]) -> Health:
        """Status, store path, store version and article count."""
        articles = corpus.table("articles").height
        return Health(status="ok", store=str(corpus.store.root), version=corpus.version, articles=articles)


class VersionController(Controller):
    """The store's version log."""

    path = "/versions"
    tags = ("store",)

    @get("/", sync_to_thread=True, summary="Store versions", responses=error_responses(503))
    def versions(self, corpus: NamedDependency[Corpus]) -> list[StoreVersion]:
        """Every committed store version, oldest first."""
        return [msgspec.convert(row, StoreVersion) for row in corpus.versions().iter_rows(named=True)]


class ArticleController(Controller):
    """Articles: a filtered, paginated listing and one article in full."""

    path = "/articles"
    tags = ("articles",)

    @get("/", sync_to_thread=True, summary="List articles", responses=error_responses(400, 503))
    def list_articles(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        outlet: Outlet = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> Page[ArticleSummary]:
        """Articles by id, with paragraph, sentence and boilerplate counts."""
        if date_from is not None and date_to is not None and date_to < date_from:
            message = f"{date_to} is before date_from {date_from}"
            problem = {"key": "date_to", "source": "query", "message": message}
            raise ValidationException(message, extra=[problem])
        frame = corpus.articles(outlet=outlet, date_from=date_from, date_to=date_to)
        rows = frame.slice(offset, limit).iter_rows(named=True)
        following = offset + limit
        next_url = None
        if following < frame.height:
            filters = {"outlet": outlet, "date_from": date_from, "date_to": date_to}
            next_url = page_url(request, limit=limit, offset=following, **filters)
        return Page(
            items=[msgspec.convert(row, ArticleSummary) for row in rows],
            total=frame.height,
            limit=limit,
            offset=offset,
            next=next_url,
        )

    @get("/{article_id:str}", sync_to_thread=True, summary="One article", responses=error_responses(404, 503))
    def get_article(self, corpus: NamedDependency[Corpus], article_id: ArticleId) -> ArticleDetail:
        """The article's text, title and date spans, paragraphs with zones, sentences and boilerplate."""
        return corpus.article(article_id)
