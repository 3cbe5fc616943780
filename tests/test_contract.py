"""Contract tests: schemathesis drives every operation of the app's own OpenAPI document (in
process, over ASGI) with generated valid and invalid requests, and checks that no answer is a
server error and that every answer matches the document (status, content type, headers, body).

Two of its checks are left out, for rules an OpenAPI document cannot state: "schema-valid request
rejected" (a `date_to` before `date_from`, or `id` with a JSON body, is a 400 naming the parameter,
which tests/test_api_resources.py and tests/test_api_write.py check) and "schema-violating request
accepted" (a generated non-string value for a string query parameter reaches the server as the
string it serialises to, which is a valid value).

The apps are built at import (schemathesis parametrizes from the document when collecting) over
store folders that do not exist yet; the `stores` fixture fills them with copies of the seed store
before the tests run, and the apps, which look for new store versions on every request, read them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from api import create_app
from api.routes import OPENAPI_PATH
from research.store import Store

KEY = "contract-test-key"
FOLDER = Path(tempfile.gettempdir()) / f"research-contract-{os.getpid()}"
READS = schemathesis.openapi.from_asgi(OPENAPI_PATH, create_app(FOLDER / "read", api_key=KEY, refresh_interval=0))
WRITES = schemathesis.openapi.from_asgi(OPENAPI_PATH, create_app(FOLDER / "write", api_key=KEY, refresh_interval=0))
QUICK = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
# each accepted write analyses an article and re-runs the corpus stages over the store: few examples
FEW = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
UNSTATABLE = [positive_data_acceptance, negative_data_rejection]


@schemathesis.serializer("application/x-ndjson", "application/jsonl")
def json_lines(ctx: schemathesis.SerializationContext, value: object) -> bytes:
    """A JSON Lines body as generated: the text itself, anything else as one JSON line."""
    return value.encode() if isinstance(value, str) else msgspec.json.encode(value)


@pytest.fixture(scope="module", autouse=True)
def stores(seed_store: Store) -> Iterator[None]:
    for name in ("read", "write"):
        shutil.copytree(seed_store.root, FOLDER / name)
    yield
    shutil.rmtree(FOLDER)


@READS.include(method="GET").parametrize()
@QUICK
def test_reads_answer_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=UNSTATABLE)


@WRITES.include(method="POST").parametrize()
@FEW
def test_writes_without_the_key_answer_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=UNSTATABLE)


@WRITES.include(method="POST").parametrize()
@FEW
def test_writes_with_the_key_answer_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"X-API-Key": KEY}, excluded_checks=UNSTATABLE)
