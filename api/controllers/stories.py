"""Stories: articles about the same real-world happening."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.errors import error_responses
from api.params import DEFAULT_LIMIT, Limit, Offset, Resource, frame_page
from api.schemas import Page
from research.query import Corpus, StoryRow, StorySort

__all__ = ["StoryController"]

Sort = Annotated[
    list[StorySort] | None,
    QueryParameter(name="_sort", description="Sort by these columns in turn; `-column` for descending. Default: id."),
]


class StoryController(Resource):
    """Groups of articles about one happening."""

    path = "/stories"
    tags = ("stories",)

    @get("/", sync_to_thread=False, summary="List stories", responses=error_responses(400, 503))
    def list_stories(
        self,
        request: Request[Any, Any, Any],
        corpus: NamedDependency[Corpus],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
        sort: Sort = None,
    ) -> Page[StoryRow]:
        """Stories with their articles, first and last publication day, event and claim counts
        and the terms their articles share most."""
        frame = corpus.stories(sort=sort)
        return frame_page(request, frame, StoryRow, limit=limit, offset=offset, facet=None, facet_size=1)
