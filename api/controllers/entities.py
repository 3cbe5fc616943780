"""Entities: canonical people, organisations, places ... with their spellings and merge evidence."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import Parameter, QueryParameter

from api.errors import error_responses
from api.params import DEFAULT_FACET_SIZE, DEFAULT_LIMIT, FacetSize, Limit, Offset, Resource, frame_page
from api.schemas import Page
from research.query import Corpus, EntityDetail, EntityFacet, EntityRow, EntitySort

__all__ = ["EntityController"]

Type = Annotated[
    list[str] | None,
    Parameter(
        description="person, organisation, armed_group, government_body, place, outlet ... "
        "Repeat the parameter to accept any of several."
    ),
]
Text = Annotated[str | None, Parameter(min_length=1, description="Text the name or an alias contains, any case.")]
Sort = Annotated[
    list[EntitySort] | None,
    QueryParameter(name="_sort", description="Sort by these columns in turn; `-column` for descending. Default: id."),
]
Facet = Annotated[
    list[EntityFacet] | None,
    QueryParameter(name="_facet", description="Count the matching entities by these columns (`facets` of the page)."),
]
EntityId = Annotated[str, Parameter(description="Entity id, e.g. `russian-defense-ministry`.")]


class EntityController(Resource):
    """Canonical entities across the corpus."""

    path = "/entities"
    tags = ("entities",)

    @get("/", sync_to_thread=False, summary="List entities", responses=error_responses(400, 503))
    def list_entities(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        type: Type = None,
        q: Text = None,
        sort: Sort = None,
        facet: Facet = None,
        facet_size: FacetSize = DEFAULT_FACET_SIZE,
    ) -> Page[EntityRow]:
        """Entities with their aliases and how many mentions, articles and claims they have."""
        frame = corpus.entities(type=type, q=q, sort=sort)
        return frame_page(request, frame, EntityRow, limit=limit, offset=offset, facet=facet, facet_size=facet_size)

    @get("/{entity_id:str}", sync_to_thread=False, summary="One entity", responses=error_responses(404, 503))
    def get_entity(self, corpus: NamedDependency[Corpus], entity_id: EntityId) -> EntityDetail:
        """The entity's spellings, every mention, the evidence for each merge and its claim count."""
        return corpus.entity(entity_id)
