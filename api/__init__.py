"""The REST API over `research.query`: `create_app(store)` builds the Litestar app."""

from api.app import create_app

__all__ = ["create_app"]
