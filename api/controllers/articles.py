"""Articles: a filtered, paginated listing, one article in full, and adding articles."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.concurrency import sync_to_thread
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter, QueryParameter

from api.errors import error_responses
from api.openapi import ArticlesPostOperation
from api.params import (
    DEFAULT_FACET_SIZE,
    DEFAULT_LIMIT,
    DateFrom,
    DateTo,
    FacetSize,
    Limit,
    Offset,
    Resource,
    check_dates,
    frame_page,
)
from api.schemas import IngestResult, Page
from api.security import SECURITY, require_api_key
from research.query import ArticleDetail, ArticleFacet, ArticleSort, ArticleSummary, ClaimRow, Corpus

__all__ = ["ArticleController"]

Outlet = Annotated[str | None, Parameter(description="Only articles from this outlet (exact name).")]
ArticleId = Annotated[str, Parameter(description="Article id, e.g. `003_a1177dfb8dc12fab`.")]
Sort = Annotated[
    list[ArticleSort] | None,
    QueryParameter(name="_sort", description="Sort by these columns in turn; `-column` for descending. Default: id."),
]
Facet = Annotated[
    list[ArticleFacet] | None,
    QueryParameter(name="_facet", description="Count the matching articles by these columns (`facets` of the page)."),
]
NewId = Annotated[
    str | None,
    QueryParameter(
        name="id",
        min_length=1,
        description="Id of a text/plain or text/html article (default: `post-` and a hash of the body); "
        "JSON documents carry their own ids.",
    ),
]
WRITE_ERRORS = error_responses(400, 401, 413, 415, 422, 503)
UNCHANGED = ResponseSpec(IngestResult, description="Every article was stored already, unchanged: no new version.")


class ArticleController(Resource):
    """Articles: a filtered, paginated listing, one article in full, and adding articles."""

    path = "/articles"
    tags = ("articles",)

    @get("/", sync_to_thread=False, summary="List articles", responses=error_responses(400, 503))
    def list_articles(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        outlet: Outlet = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        sort: Sort = None,
        facet: Facet = None,
        facet_size: FacetSize = DEFAULT_FACET_SIZE,
    ) -> Page[ArticleSummary]:
        """Articles (by id unless sorted), with paragraph, sentence and boilerplate counts;
        `date_from`/`date_to` bound the publication day."""
        check_dates(date_from, date_to)
        frame = corpus.articles(outlet=outlet, date_from=date_from, date_to=date_to, sort=sort)
        return frame_page(
            request, frame, ArticleSummary, limit=limit, offset=offset, facet=facet, facet_size=facet_size
        )

    @get("/{article_id:str}", sync_to_thread=False, summary="One article", responses=error_responses(404, 503))
    def get_article(self, corpus: NamedDependency[Corpus], article_id: ArticleId) -> ArticleDetail:
        """The article's text, title and date spans, paragraphs with zones, sentences and boilerplate."""
        return corpus.article(article_id)

    @post(
        "/",
        summary="Add articles",
        status_code=201,
        guards=[require_api_key],
        security=SECURITY,
        operation_class=ArticlesPostOperation,
        responses={200: UNCHANGED, **WRITE_ERRORS},
    )
    async def add_articles(
        self, request: Request[Any, Any, Any], corpus: NamedDependency[Corpus], article_id: NewId = None
    ) -> Response[IngestResult]:
        """Analyse the posted articles and store them as one new store version, as `research
        ingest` does (nothing is stored when any of them is rejected); answers with the claims
        extracted from them. Needs the server's API key."""
        media_type = request.content_type[0]
        if article_id is not None and media_type not in ("text/plain", "text/html"):
            message = "the id parameter names a text/plain or text/html article; JSON documents carry their own ids"
            raise ValidationException(message, extra=[{"key": "id", "source": "query", "message": message}])
        body = await request.body()
        ingested = await sync_to_thread(corpus.ingest, body, media_type=media_type, article_id=article_id)
        result = ingested.result
        claims = [ClaimRow(**row) for row in ingested.claims.iter_rows(named=True)]
        answer = IngestResult(
            version=result.version,
            previous=result.previous,
            added=result.added,
            replaced=result.replaced,
            unchanged=result.unchanged,
            claims=claims,
        )
        return Response(answer, status_code=201 if result.changed else 200)
