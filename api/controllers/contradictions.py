"""Contradictions: where claimants disagree about one aspect of one event."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import Parameter, QueryParameter

from api.errors import error_responses
from api.params import DEFAULT_FACET_SIZE, DEFAULT_LIMIT, FacetSize, Limit, Offset, Resource, frame_page
from api.schemas import Page
from research.query import ContradictionFacet, ContradictionRow, ContradictionSort, Corpus

__all__ = ["ContradictionController"]

ANY = " Repeat the parameter to accept any of several."
Event = Annotated[list[str] | None, Parameter(description="The event disputed (event id)." + ANY)]
Story = Annotated[list[str] | None, Parameter(description="The story of the event or claims (story id)." + ANY)]
About = Annotated[
    list[str] | None, Parameter(description="The disputed aspect: incursion, responsibility, killed (person) ..." + ANY)
]
Speaker = Annotated[
    list[str] | None, Parameter(description="A claimant holding a position (canonical name, any case)." + ANY)
]
Rule = Annotated[
    list[str] | None,
    Parameter(description="contradiction.numeric.v1 or contradiction.outcome.v1 (the rule that found it)." + ANY),
]
Sort = Annotated[
    list[ContradictionSort] | None,
    QueryParameter(name="_sort", description="Sort by these columns in turn; `-column` for descending. Default: id."),
]
Facet = Annotated[
    list[ContradictionFacet] | None,
    QueryParameter(
        name="_facet", description="Count the matching contradictions by these columns (`facets` of the page)."
    ),
]


class ContradictionController(Resource):
    """Sources that disagree, one position per claimant."""

    path = "/contradictions"
    tags = ("contradictions",)

    @get("/", sync_to_thread=False, summary="List contradictions", responses=error_responses(400, 503))
    def list_contradictions(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        event: Event = None,
        story: Story = None,
        about: About = None,
        speaker: Speaker = None,
        rule: Rule = None,
        sort: Sort = None,
        facet: Facet = None,
        facet_size: FacetSize = DEFAULT_FACET_SIZE,
    ) -> Page[ContradictionRow]:
        """Contradictions with their aspect, event, story and each claimant's position (its value
        or figure, the claims behind it and the outlets they came through)."""
        frame = corpus.contradictions(event=event, story=story, about=about, speaker=speaker, rule=rule, sort=sort)
        return frame_page(
            request, frame, ContradictionRow, limit=limit, offset=offset, facet=facet, facet_size=facet_size
        )
