"""The app factory: one `Corpus` per app, kept in `app.state`, refreshed before each request uses it."""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from litestar import Litestar, Router
from litestar.datastructures import CacheControlHeader, State
from litestar.di import Provide
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components
from litestar.static_files import create_static_files_router

import research
from api.errors import error_response, schema_not_found_as_json
from api.routes import CONTROLLERS
from api.security import SECURITY_SCHEMES, api_key_from_env
from research.errors import ResearchError
from research.query import Corpus

if TYPE_CHECKING:
    from research.store import Store

__all__ = ["MAX_BODY_ENV", "MAX_BODY_SIZE", "SWAGGER_ASSETS", "create_app", "current_corpus"]

logger = logging.getLogger(__name__)

SWAGGER_ASSETS = "/static/swagger"
# Swagger UI 5 (OpenAPI 3.1), vendored so the docs page needs no network: see its VENDORED.md.
SWAGGER_FILES = Path(__file__).parent / "static" / "swagger-ui"
MAX_BODY_ENV = "RESEARCH_API_MAX_BODY"
MAX_BODY_SIZE = 10 * 1024 * 1024
DESCRIPTION = """Who claims what, through whom, how sure, about which event, and where sources disagree:
the tables of a research store as `research.query.Corpus` reads them (notebooks see the same rows).

Listings are pages (`limit`, `offset`, a `next` link) and take `_sort=column` (`-column` descending)
and `_facet=column` (counts over every matching row). Filters of one name can be repeated to accept
any of their values. Every error has one body: `{"error": {"status", "code", "message", "detail"}}`.
Writes (`POST /articles`) need the server's API key (`RESEARCH_API_KEY`)."""


def settle(corpus: Corpus) -> None:
    """Read the corpus's version and build its indexes now, then exempt them from the cyclic
    garbage collector: they live as long as the version, and walking their million objects on
    every full collection stalled requests for tens of milliseconds (p99 50 ms -> 12 ms on a
    store of 1M claims)."""
    corpus.warm()
    gc.collect()
    gc.freeze()


def current_corpus(state: State) -> Corpus:
    """The app's corpus, moved to the latest store version at most once per refresh interval
    (and settled once on each version it reads, however it got there: a refresh or a write)."""
    corpus: Corpus = state.corpus
    corpus.refresh(min_interval=state.refresh_interval)
    if state.settled != corpus.version:
        settle(corpus)
        state.settled = corpus.version
    return corpus


def warm(app: Litestar) -> None:
    """Startup hook: read the store and build the claims indexes before the first request."""
    try:
        settle(app.state.corpus)
        app.state.settled = app.state.corpus.version
    except ResearchError as exc:  # an unreadable store answers each request with its error instead
        logger.warning("could not read the store at startup: %s", exc)


def create_app(
    store: Store | str | Path | Corpus,
    *,
    refresh_interval: float = 1.0,
    api_key: str | None = None,
    max_body_size: int | None = None,
) -> Litestar:
    """The API over `store` (a Store, its folder, or an open Corpus, which may be pinned to a version).

    refresh_interval: seconds between checks for a new store version (0 checks on every request);
    api_key: the key writes need (default: $RESEARCH_API_KEY; writes are refused when neither is
    set); max_body_size: the largest request body in bytes (default: $RESEARCH_API_MAX_BODY, else
    10 MiB), larger ones get 413.
    """
    corpus = store if isinstance(store, Corpus) else Corpus(store)
    body_limit = max_body_size if max_body_size is not None else int(os.environ.get(MAX_BODY_ENV) or MAX_BODY_SIZE)
    swagger = SwaggerRenderPlugin(
        js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
        css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{SWAGGER_ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{SWAGGER_ASSETS}/favicon-32x32.png'>",
    )
    return Litestar(
        route_handlers=[
            *CONTROLLERS,
            create_static_files_router(
                path=SWAGGER_ASSETS,
                directories=[SWAGGER_FILES],
                name="swagger-assets",
                include_in_schema=False,
                cache_control=CacheControlHeader(max_age=86400, public=True),
            ),
        ],
        dependencies={"corpus": Provide(current_corpus, sync_to_thread=False)},
        exception_handlers={Exception: error_response},
        on_startup=[warm],
        request_max_body_size=body_limit,
        openapi_config=OpenAPIConfig(
            title="research API",
            version=research.__version__,
            description=DESCRIPTION,
            use_handler_docstrings=True,
            components=Components(security_schemes=dict(SECURITY_SCHEMES)),
            render_plugins=[swagger],
            openapi_router=Router(
                "/schema", route_handlers=[], include_in_schema=False, after_request=schema_not_found_as_json
            ),
        ),
        state=State(
            {
                "corpus": corpus,
                "refresh_interval": refresh_interval,
                "api_key": api_key or api_key_from_env(),
                "settled": None,  # the store version whose indexes were last built and frozen
            }
        ),
    )
