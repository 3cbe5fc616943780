"""OpenAPI pieces Litestar cannot derive from a handler's signature: the request body of
`POST /articles`, which is read by hand in one of several media types."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import msgspec
from litestar.openapi.spec import OpenAPIFormat, OpenAPIMediaType, OpenAPIType, Operation, RequestBody, Schema

from research.query import ArticleDocument

__all__ = ["ArticlesPostOperation", "to_schema"]

# JSON Schema key -> field of litestar's Schema ("minLength" -> min_length)
SCHEMA_FIELDS = {str(f.metadata.get("alias", f.name)): f.name for f in dataclasses.fields(Schema)}


def to_schema(raw: Any) -> Any:
    """A JSON Schema (as msgspec writes it) as litestar's `Schema` objects."""
    if isinstance(raw, list):
        return [to_schema(item) for item in raw]
    if not isinstance(raw, dict):
        return raw
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        name = SCHEMA_FIELDS[key]
        if name == "type":
            fields[name] = OpenAPIType(value)
        elif name == "format":
            fields[name] = OpenAPIFormat(value)
        elif name == "properties":
            fields[name] = {prop: to_schema(schema) for prop, schema in value.items()}
        elif name in ("default", "enum", "const", "examples", "example", "required"):
            fields[name] = value
        else:
            fields[name] = to_schema(value)
    return Schema(**fields)


def document_schema() -> Schema:
    """The schema of one `ArticleDocument`, from the Struct itself."""
    (_, components) = msgspec.json.schema_components([ArticleDocument], ref_template="{name}")
    schema: Schema = to_schema(components["ArticleDocument"])
    return schema


@dataclass
class ArticlesPostOperation(Operation):
    """`POST /articles`: the body is one article as text or HTML, or JSON documents."""

    def __post_init__(self) -> None:
        document = document_schema()
        lines = Schema(type=OpenAPIType.STRING, description="One ArticleDocument as JSON a line.")
        self.request_body = RequestBody(
            required=True,
            description=(
                "One article as `text/plain` or `text/html` (its id from the `id` parameter, else a hash of "
                "the body), or JSON documents `{id, text, date?, source?, title?, outlet?, url?}`: one or a "
                "list as `application/json`, one a line as `application/x-ndjson` (or `application/jsonl`)."
            ),
            content={
                "application/json": OpenAPIMediaType(
                    schema=Schema(one_of=[document, Schema(type=OpenAPIType.ARRAY, items=document, min_items=1)])
                ),
                "application/x-ndjson": OpenAPIMediaType(schema=lines),
                "application/jsonl": OpenAPIMediaType(schema=lines),
                "text/plain": OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING, min_length=1)),
                "text/html": OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING, min_length=1)),
            },
        )
