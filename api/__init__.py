"""The REST API over `research.query`: `create_app(store)` builds the Litestar app."""
