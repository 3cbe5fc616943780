"""Events: typed happenings, each with its ledger of claims and the figures claimed about it."""

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
    frame_page,
)
from api.schemas import Page
from research.query import Corpus, EventDetail, EventFacet, EventRow, EventSort, FigureRow, LedgerRow

__all__ = ["EventController"]

ANY = " Repeat the parameter to accept any of several."
Type = Annotated[
    list[str] | None,
    Parameter(description="Event type: ground_incursion, drone_strike, missile_strike, shelling ..." + ANY),
]
Story = Annotated[list[str] | None, Parameter(description="The event's story (story id)." + ANY)]
Place = Annotated[list[str] | None, Parameter(description="A place of the event: entity id or name, any case." + ANY)]
Sort = Annotated[
    list[EventSort] | None,
    QueryParameter(name="_sort", description="Sort by these columns in turn; `-column` for descending. Default: id."),
]
Facet = Annotated[
    list[EventFacet] | None,
    QueryParameter(name="_facet", description="Count the matching events by these columns (`facets` of the page)."),
]
EventId = Annotated[str, Parameter(description="Event id, e.g. `s-000_e2bdb397d315b745:armed_clash:belgorod-region`.")]
Kind = Annotated[
    list[str] | None,
    Parameter(description="The kind of figure: killed, injured, destroyed, shot_down ..." + ANY),
]


class EventController(Resource):
    """Typed events, their ledgers and figures."""

    path = "/events"
    tags = ("events",)

    @get("/", sync_to_thread=False, summary="List events", responses=error_responses(400, 503))
    def list_events(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        type: Type = None,
        story: Story = None,
        place: Place = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        sort: Sort = None,
        facet: Facet = None,
        facet_size: FacetSize = DEFAULT_FACET_SIZE,
    ) -> Page[EventRow]:
        """Events with their story, places, counts, outlets and independent origins;
        `date_from`/`date_to` bound the event's date (events without one are then left out)."""
        check_dates(date_from, date_to)
        frame = corpus.events(type=type, story=story, place=place, date_from=date_from, date_to=date_to, sort=sort)
        return frame_page(request, frame, EventRow, limit=limit, offset=offset, facet=facet, facet_size=facet_size)

    @get("/{event_id:str}", sync_to_thread=False, summary="One event", responses=error_responses(404, 503))
    def get_event(self, corpus: NamedDependency[Corpus], event_id: EventId) -> EventDetail:
        """The event with its articles, claims, outlets, independent origins and contradictions."""
        return corpus.event(event_id)

    @get(
        "/{event_id:str}/ledger",
        sync_to_thread=False,
        summary="Who claims what about one event",
        responses=error_responses(400, 404, 503),
    )
    def ledger(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        event_id: EventId,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> Page[LedgerRow]:
        """Every claim about the event, one row per claimant and position: positions on its
        disputed aspects first, then the other claims by claimant and polarity, each with the
        outlets that carried them and the independent origins behind them."""
        ledger = corpus.ledger(event_id)
        return frame_page(request, ledger, LedgerRow, limit=limit, offset=offset, facet=None, facet_size=1)

    @get(
        "/{event_id:str}/figures",
        sync_to_thread=False,
        summary="Figures claimed about one event",
        responses=error_responses(400, 404, 503),
    )
    def figures(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        event_id: EventId,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        kind: Kind = None,
    ) -> Page[FigureRow]:
        """The figures stated in claims about the event (value, bounds, unit, kind), with their
        claimant, reporting chain and article."""
        corpus.event(event_id)  # 404 for an unknown event
        frame = corpus.figures(event=event_id, kind=kind)
        return frame_page(request, frame, FigureRow, limit=limit, offset=offset, facet=None, facet_size=1)
