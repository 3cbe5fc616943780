"""The one place exceptions become HTTP errors, all with the same JSON body (`api.schemas.ErrorBody`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import Enum
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.openapi.datastructures import ResponseSpec

from api.params import query_names
from api.schemas import ErrorBody, ErrorInfo, ParameterProblem
from research.errors import IngestError, NotFoundError, ResearchError, StoreError
from research.query import DocumentError, MediaTypeError

__all__ = ["error_response", "error_responses", "schema_not_found_as_json"]

logger = logging.getLogger(__name__)

# Checked in order; a ResearchError matching none of these is a 500.
RESEARCH_STATUS: tuple[tuple[type[ResearchError], int], ...] = (
    (NotFoundError, 404),
    (MediaTypeError, 415),
    (IngestError, 422),
    (StoreError, 503),
)


def error_response(request: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    """Turn any exception into the error body; unexpected ones are logged and reported without details."""
    headers: dict[str, str] = {}
    detail: list[ParameterProblem] | None = None
    if isinstance(exc, ResearchError):
        status = next((s for kind, s in RESEARCH_STATUS if isinstance(exc, kind)), 500)
        code, message = exc.code, str(exc)
        if isinstance(exc, DocumentError):
            detail = [ParameterProblem(parameter=exc.field, source="body", message=exc.problem)]
    elif isinstance(exc, ValidationException):
        status, code = exc.status_code, "invalid_parameter"
        detail = _problems(exc.extra, query_names(request.route_handler)) or None
        named = [f"invalid {p.source} parameter {p.parameter!r}: {p.message}" for p in detail or ()]
        message = "; ".join(named) or exc.detail
    elif isinstance(exc, HTTPException):
        status, code = exc.status_code, _status_code_name(exc.status_code)
        message = f"{exc.detail}: {request.method} {request.url.path}"
        if status == 413:
            message += f" (bodies of up to {request.route_handler.resolve_request_max_body_size()} bytes are accepted)"
        headers = dict(exc.headers or {})
    else:
        status, code, message = 500, _status_code_name(500), "internal server error"
    if status >= 500:
        logger.error("%s %s failed with %d", request.method, request.url.path, status, exc_info=exc)
    body = ErrorBody(error=ErrorInfo(status=status, code=code, message=message, detail=detail))
    return Response(body, status_code=status, headers=headers)


def error_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries saying these statuses (and 400: every endpoint rejects parameters it does
    not take) answer with the error body."""
    return {
        status: ResponseSpec(ErrorBody, description=HTTPStatus(status).phrase, generate_examples=False)
        for status in sorted({400, *statuses})
    }


def schema_not_found_as_json(response: Response[Any]) -> Response[Any]:
    """After-request hook for the /schema router: Litestar answers unknown paths there with an HTML 404."""
    if response.status_code == 404:
        raise NotFoundException()
    return response


def _problems(extra: Any, names: Mapping[str, str]) -> list[ParameterProblem]:
    """Litestar's validation messages (`{"key", "source", "message"}` dicts) as ParameterProblems,
    naming each parameter as the client wrote it (`names`: Python name -> query name)."""
    items = extra if isinstance(extra, list) else [extra]
    return [
        ParameterProblem(
            parameter=names.get(str(item.get("key", "")), str(item.get("key", ""))),
            source=str(_plain(item.get("source", "request"))),
            message=str(item.get("message", "invalid value")),
        )
        for item in items
        if isinstance(item, Mapping)
    ]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _status_code_name(status: int) -> str:
    """`404` -> `not_found`, `405` -> `method_not_allowed`."""
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "http_error"
