"""The API's routes: one controller per resource (`api/controllers/`), the docs and OpenAPI paths."""

from __future__ import annotations

from api.controllers import (
    CONTROLLERS,
    ArticleController,
    ClaimController,
    ContradictionController,
    EntityController,
    EventController,
    HealthController,
    RootController,
    StoryController,
    VersionController,
)
from api.controllers.service import DOCS_PATH, OPENAPI_PATH
from api.params import next_url

__all__ = [
    "CONTROLLERS",
    "DOCS_PATH",
    "OPENAPI_PATH",
    "ArticleController",
    "ClaimController",
    "ContradictionController",
    "EntityController",
    "EventController",
    "HealthController",
    "RootController",
    "StoryController",
    "VersionController",
    "next_url",
]
