"""The index of the API, the docs shortcut, server health and the store's version log."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, get
from litestar.di import NamedDependency
from litestar.response import Redirect

import research
from api.errors import error_responses
from api.params import Resource
from api.schemas import Health, Index, StoreVersion
from research.query import Corpus

__all__ = ["DOCS_PATH", "ENDPOINTS", "OPENAPI_PATH", "HealthController", "RootController", "VersionController"]

DOCS_PATH = "/schema/swagger"
OPENAPI_PATH = "/schema/openapi.json"
ENDPOINTS = {
    "/health": "server status, store path, version and article count",
    "/versions": "the store's version log",
    "/articles": "articles, paginated, filtered by outlet and published date; POST adds articles (API key)",
    "/articles/{article_id}": "one article with its text, paragraphs, sentences and boilerplate",
    "/claims": "claims filtered by speaker, outlet, via, event, story, polarity, certainty, kind, figure, date, text",
    "/claims/{claim_id}": "one claim with its sentence, spans, the speaker's entity, figures and rule",
    "/entities": "canonical entities with their spellings and counts",
    "/entities/{entity_id}": "one entity with its aliases, mentions and the evidence for each merge",
    "/events": "typed events with their story, outlets and independent origins",
    "/events/{event_id}": "one event with its articles, claims, outlets, origins and contradictions",
    "/events/{event_id}/ledger": "every claim about one event: one row per claimant and position",
    "/events/{event_id}/figures": "the figures claimed about one event, by claimant",
    "/contradictions": "where claimants disagree: one position per claimant",
    "/stories": "articles about the same happening",
}


class RootController(Resource):
    """The index of the API and the `/docs` shortcut to the interactive docs."""

    path = "/"
    tags = ("service",)

    @get("/", sync_to_thread=False, summary="Index of the endpoints", responses=error_responses())
    def index(self, request: Request[Any, Any, Any]) -> Index:
        """The endpoints, the docs page and the OpenAPI document."""
        base = str(request.base_url).rstrip("/")
        return Index(
            name="research API",
            version=research.__version__,
            docs=f"{base}/docs",
            openapi=f"{base}{OPENAPI_PATH}",
            endpoints=ENDPOINTS,
        )

    @get("/docs", sync_to_thread=False, include_in_schema=False)
    def docs(self) -> Redirect:
        """Redirect to the Swagger UI page."""
        return Redirect(DOCS_PATH)


class HealthController(Resource):
    """Whether the server is up and which store version it reads."""

    path = "/health"
    tags = ("service",)

    @get("/", sync_to_thread=False, summary="Server status", responses=error_responses(503))
    def health(self, corpus: NamedDependency[Corpus]) -> Health:
        """Status, store path, store version and article count."""
        articles = corpus.table("articles").height
        return Health(status="ok", store=str(corpus.store.root), version=corpus.version, articles=articles)


class VersionController(Resource):
    """The store's version log."""

    path = "/versions"
    tags = ("store",)

    @get("/", sync_to_thread=False, summary="Store versions", responses=error_responses(503))
    def versions(self, corpus: NamedDependency[Corpus]) -> list[StoreVersion]:
        """Every committed store version, oldest first."""
        return [msgspec.convert(row, StoreVersion) for row in corpus.versions().iter_rows(named=True)]
