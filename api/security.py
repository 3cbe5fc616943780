"""Writes need the API key: the guard of `POST /articles` and its OpenAPI security schemes.

The key is the server's `RESEARCH_API_KEY` (read when the app is built); a client sends it as
`Authorization: Bearer <key>` or `X-API-Key: <key>`. A server started without a key refuses
every write.
"""

from __future__ import annotations

import hmac
import os
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers import BaseRouteHandler
from litestar.openapi.spec import SecurityRequirement, SecurityScheme

__all__ = ["API_KEY_ENV", "SECURITY", "SECURITY_SCHEMES", "api_key_from_env", "presented_keys", "require_api_key"]

API_KEY_ENV = "RESEARCH_API_KEY"
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="research"'}
SECURITY_SCHEMES: dict[str, SecurityScheme] = {
    "bearer": SecurityScheme(type="http", scheme="bearer", description=f"`Authorization: Bearer <{API_KEY_ENV}>`."),
    "apiKey": SecurityScheme(
        type="apiKey", name="X-API-Key", security_scheme_in="header", description=f"`X-API-Key: <{API_KEY_ENV}>`."
    ),
}
SECURITY: list[SecurityRequirement] = [{"bearer": []}, {"apiKey": []}]


def api_key_from_env() -> str | None:
    """The server's key, or None (writes disabled) when the variable is unset or empty."""
    return os.environ.get(API_KEY_ENV) or None


def presented_keys(headers: Any) -> list[str]:
    """Every key a request carries: the token of `Authorization: Bearer` (an Authorization header
    of another form counts as a wrong key) and `X-API-Key`."""
    keys: list[str] = []
    authorization = headers.get("authorization")
    if authorization is not None:
        scheme, _, token = str(authorization).partition(" ")
        keys.append(token.strip() if scheme.lower() == "bearer" else "")
    api_key = headers.get("x-api-key")
    if api_key is not None:
        keys.append(str(api_key).strip())
    return keys


def require_api_key(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Guard: 401 unless every key the request carries is the server's (always 401 when it has none)."""
    expected: str | None = connection.app.state.api_key
    if expected is None:
        raise NotAuthorizedException(
            f"writes are disabled: the server was started without {API_KEY_ENV}", headers=CHALLENGE
        )
    given = presented_keys(connection.headers)
    if not given:
        raise NotAuthorizedException(
            "this endpoint needs the API key (Authorization: Bearer <key> or X-API-Key: <key>)", headers=CHALLENGE
        )
    if not all(hmac.compare_digest(key.encode(), expected.encode()) for key in given):
        raise NotAuthorizedException("the API key is not valid", headers=CHALLENGE)
