"""Claims: the filtered, faceted, paginated listing and one claim in full."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import Parameter, QueryParameter

from api.errors import error_responses
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
    page,
)
from api.schemas import Page
from research.query import ClaimDetail, ClaimFacet, ClaimFilter, ClaimRow, ClaimSort, Corpus
from research.records import Certainty, ClaimKind, Polarity

__all__ = ["ClaimController"]

ANY = " Repeat the parameter to accept any of several values."
Speaker = Annotated[
    list[str] | None,
    Parameter(
        description="Who claims: an entity id (`russian-defense-ministry`), its canonical name, any of its "
        "aliases or the name the claim was filed under, in any case." + ANY
    ),
]
Outlet = Annotated[list[str] | None, Parameter(description="The outlet of the claim's article (exact)." + ANY)]
Via = Annotated[
    list[str] | None,
    Parameter(description="A link of the reporting chain (`BBC`, `TASS`, `Telegram`), exact." + ANY),
]
Event = Annotated[list[str] | None, Parameter(description="An event the claim is about (event id)." + ANY)]
Story = Annotated[list[str] | None, Parameter(description="The story of the claim's article (story id)." + ANY)]
Article = Annotated[list[str] | None, Parameter(description="The claim's article (article id)." + ANY)]
PolarityFilter = Annotated[list[Polarity] | None, Parameter(description="assert or deny." + ANY)]
CertaintyFilter = Annotated[
    list[Certainty] | None, Parameter(description="certain, probable, possible or unverified." + ANY)
]
KindFilter = Annotated[
    list[ClaimKind] | None,
    Parameter(description="direct (verbatim quotation), indirect (reported) or mixed." + ANY),
]
Rule = Annotated[
    list[str] | None, Parameter(description="The rule that extracted the claim (`attribution.subject_verb.v1`)." + ANY)
]
Figure = Annotated[
    list[str] | None,
    Parameter(description="The kind of a figure the claim states: killed, injured, destroyed, shot_down ..." + ANY),
]
Text = Annotated[str | None, Parameter(min_length=1, description="Text the claim's content contains, any case.")]
ClaimDates = "Bounds apply to the claim's date: when it says it happened, else the publication day."
Sort = Annotated[
    list[ClaimSort] | None,
    QueryParameter(
        name="_sort",
        description="Sort by these columns in turn; `-column` for descending, nulls last. "
        "Default: article, sentence, position.",
    ),
]
Facet = Annotated[
    list[ClaimFacet] | None,
    QueryParameter(name="_facet", description="Count the matching claims by these columns (`facets` of the page)."),
]
ClaimId = Annotated[str, Parameter(description="Claim id, e.g. `003_a1177dfb8dc12fab:c6`.")]


class ClaimController(Resource):
    """Who claims what, through whom, how sure, about which event."""

    path = "/claims"
    tags = ("claims",)

    @get("/", sync_to_thread=False, summary="List claims", responses=error_responses(400, 503))
    def list_claims(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        speaker: Speaker = None,
        outlet: Outlet = None,
        via: Via = None,
        event: Event = None,
        story: Story = None,
        article: Article = None,
        polarity: PolarityFilter = None,
        certainty: CertaintyFilter = None,
        kind: KindFilter = None,
        rule: Rule = None,
        figure: Figure = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        q: Text = None,
        sort: Sort = None,
        facet: Facet = None,
        facet_size: FacetSize = DEFAULT_FACET_SIZE,
    ) -> Page[ClaimRow]:
        """Claims matching every filter given (values of one repeated filter are alternatives),
        with facet counts over all of them. `date_from`/`date_to` bound the claim's date (when
        it says it happened, else the publication day)."""
        check_dates(date_from, date_to)
        where = ClaimFilter(
            speaker=tuple(speaker or ()),
            outlet=tuple(outlet or ()),
            via=tuple(via or ()),
            event=tuple(event or ()),
            story=tuple(story or ()),
            article=tuple(article or ()),
            polarity=tuple(polarity or ()),
            certainty=tuple(certainty or ()),
            kind=tuple(kind or ()),
            rule=tuple(rule or ()),
            figure=tuple(figure or ()),
            date_from=date_from,
            date_to=date_to,
            q=q,
        )
        found = corpus.find_claims(where, sort=sort, limit=limit, offset=offset)
        counts = corpus.claim_facets(where, list(dict.fromkeys(facet)), limit=facet_size) if facet else None
        return page(request, found.rows, ClaimRow, total=found.total, limit=limit, offset=offset, counts=counts)

    @get("/{claim_id:str}", sync_to_thread=False, summary="One claim", responses=error_responses(404, 503))
    def get_claim(self, corpus: NamedDependency[Corpus], claim_id: ClaimId) -> ClaimDetail:
        """The claim with its sentence, content, speaker (and the entity it resolves to), cue,
        reporting chain, figures, events and the rule that extracted it."""
        return corpus.claim(claim_id)
