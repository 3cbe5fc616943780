"""One controller per resource; handlers parse parameters and ask `research.query`, nothing else.

The `corpus` argument of a handler is the app's dependency (`api.app.current_corpus`),
refreshed before use.
"""

from api.controllers.articles import ArticleController
from api.controllers.claims import ClaimController
from api.controllers.contradictions import ContradictionController
from api.controllers.entities import EntityController
from api.controllers.events import EventController
from api.controllers.service import HealthController, RootController, VersionController
from api.controllers.stories import StoryController

__all__ = [
    "CONTROLLERS",
    "ArticleController",
    "ClaimController",
    "ContradictionController",
    "EntityController",
    "EventController",
    "HealthController",
    "RootController",
    "StoryController",
    "VersionController",
]

CONTROLLERS = (
    RootController,
    HealthController,
    VersionController,
    ArticleController,
    ClaimController,
    EntityController,
    EventController,
    StoryController,
    ContradictionController,
)
