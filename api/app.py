"""The app factory: one `Corpus` per app, kept in `app.state`, refreshed before each request uses it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from litestar import Litestar, Router
from litestar.datastructures import CacheControlHeader, State
from litestar.di import Provide
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

import research
from api.errors import error_response, schema_not_found_as_json
from api.routes import ArticleController, HealthController, RootController, VersionController
from research.query import Corpus

if TYPE_CHECKING:
    from research.store import Store

__all__ = ["SWAGGER_ASSETS", "create_app", "current_corpus"]

SWAGGER_ASSETS = "/static/swagger"
# Swagger UI 5 (OpenAPI 3.1), vendored so the docs page needs no network: see its VENDORED.md.
SWAGGER_FILES = Path(__file__).parent / "static" / "swagger-ui"


def current_corpus(state: State) -> Corpus:
    """The app's corpus, moved to the latest store version at most once per refresh interval."""
    corpus: Corpus = state.corpus
    corpus.refresh(min_interval=state.refresh_interval)
    return corpus


def create_app(store: Store | str | Path | Corpus, *, refresh_interval: float = 1.0) -> Litestar:
    """The API over `store` (a Store, its folder, or an open Corpus, which may be pinned to a version).

    refresh_interval: seconds between checks for a new store version (0 checks on every request).
    """
    corpus = store if isinstance(store, Corpus) else Corpus(store)
    swagger = SwaggerRenderPlugin(
        js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
        css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{SWAGGER_ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{SWAGGER_ASSETS}/favicon-32x32.png'>",
    )
    return Litestar(
        route_handlers=[
            RootController,
            HealthController,
            ArticleController,
            VersionController,
            create_static_files_router(
                path=SWAGGER_ASSETS,
                directories=[SWAGGER_FILES],
                name="swagger-assets",
                include_in_schema=False,
                cache_control=CacheControlHeader(max_age=86400, public=True),
            ),
        ],
        dependencies={"corpus": Provide(current_corpus, sync_to_thread=True)},
        exception_handlers={Exception: error_response},
        openapi_config=OpenAPIConfig(
            title="research API",
            version=research.__version__,
            description="Articles of a research store, as read by `research.query.Corpus`.",
            render_plugins=[swagger],
            openapi_router=Router(
                "/schema", route_handlers=[], include_in_schema=False, after_request=schema_not_found_as_json
            ),
        ),
        state=State({"corpus": corpus, "refresh_interval": refresh_interval}),
    )
