"""The REST API against the seed store, through Litestar's TestClient."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import polars as pl
import pytest
from litestar import Litestar
from litestar.testing import TestClient
from polars.testing import assert_frame_equal

import research
from api import create_app
from api.schemas import Page
from research.errors import StoreError
from research.pipeline import analyze_paths
from research.query import ArticleSummary, Corpus
from research.store import Store
from tests.conftest import SEED, make_store

SEED_IDS = sorted(path.stem for path in SEED.glob("*.txt"))
ERROR_FIELDS = {"status", "code", "message", "detail"}


@pytest.fixture(scope="module")
def client(seed_store: Store) -> Iterator[TestClient[Litestar]]:
    with TestClient(create_app(seed_store)) as test_client:
        yield test_client


def assert_error(response: Any, status: int, code: str, *mentions: str) -> dict[str, Any]:
    """The one error body: `{"error": {status, code, message, detail}}`, naming what is wrong."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == ERROR_FIELDS
    assert (error["status"], error["code"]) == (status, code)
    assert isinstance(error["message"], str)
    assert "Traceback" not in error["message"]
    for mention in mentions:
        assert mention in error["message"]
    return error


def article_ids(client: TestClient[Litestar], **params: Any) -> list[str]:
    response = client.get("/articles", params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


# ---------------------------------------------------------------- index, health, docs
def test_index_names_the_endpoints_and_the_docs(client: TestClient[Litestar]) -> None:
    index = client.get("/").json()
    assert index["docs"].endswith("/docs")
    assert index["openapi"].endswith("/schema/openapi.json")
    assert {"/health", "/articles", "/articles/{article_id}"} <= set(index["endpoints"])


def test_health_reports_store_version_and_count(client: TestClient[Litestar], seed_store: Store) -> None:
    assert client.get("/health").json() == {
        "status": "ok",
        "store": str(seed_store.root),
        "version": 1,
        "articles": 5,
    }


def test_versions_lists_the_store_log(client: TestClient[Litestar]) -> None:
    [version] = client.get("/versions").json()
    assert (version["version"], version["added"], version["articles"]) == (1, 5, 5)


def test_openapi_describes_every_parameter(client: TestClient[Litestar]) -> None:
    schema = client.get("/schema/openapi.json").json()
    assert (schema["info"]["title"], schema["info"]["version"]) == ("research API", research.__version__)
    assert {"/articles", "/articles/{article_id}", "/health"} <= set(schema["paths"])
    parameters = [p for item in schema["paths"].values() for op in item.values() for p in op.get("parameters", [])]
    assert {p["name"] for p in parameters} >= {"limit", "offset", "outlet", "date_from", "date_to", "article_id"}
    assert all(p.get("description") for p in parameters)
    bad_request = schema["paths"]["/articles"]["get"]["responses"]["400"]["content"]["application/json"]["schema"]
    assert bad_request == {"$ref": "#/components/schemas/ErrorBody"}


def test_docs_page_loads_only_local_assets(client: TestClient[Litestar]) -> None:
    redirect = client.get("/docs", follow_redirects=False)
    assert redirect.status_code in (301, 302, 307, 308)
    page = client.get(redirect.headers["location"])
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    assert [a for a in assets if re.match(r"(https?:)?//", a) and not a.startswith(str(client.base_url))] == []
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


# ---------------------------------------------------------------- articles
def test_articles_lists_the_seed_corpus(client: TestClient[Litestar]) -> None:
    page = client.get("/articles").json()
    assert (page["total"], page["limit"], page["offset"], page["next"]) == (5, 50, 0, None)
    published = {item["id"][:4]: item["published"] for item in page["items"]}
    assert [item["id"] for item in page["items"]] == SEED_IDS
    assert (published["000_"], published["001_"]) == ("2024-03-12", "2024-03-13")


def test_articles_rows_equal_the_corpus_rows(client: TestClient[Litestar], seed_store: Store) -> None:
    page = msgspec.json.decode(client.get("/articles").content, type=Page[ArticleSummary])
    expected = Corpus(seed_store).articles()
    served = pl.DataFrame([msgspec.structs.asdict(item) for item in page.items], schema=expected.schema)
    assert_frame_equal(served, expected)


def test_article_detail(client: TestClient[Litestar]) -> None:
    detail = client.get("/articles/003_a1177dfb8dc12fab").json()
    assert detail["title"] == "Ukraine-based Russian armed groups claim raids into Russia"
    assert detail["paragraphs"] and detail["sentences"]
    assert {p["zone"] for p in detail["paragraphs"]} <= {"title", "heading", "body", "boilerplate"}


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_article_spans_slice_the_text(client: TestClient[Litestar], article_id: str) -> None:
    detail = client.get(f"/articles/{article_id}").json()
    text = detail["text"]
    spans = detail["paragraphs"] + detail["sentences"] + detail["boilerplate"]
    spans += [span for span in (detail["title_span"], detail["date_span"]) if span is not None]
    assert spans
    for span in spans:
        assert span["text"] == text[span["start"] : span["end"]]


def test_pagination_follows_next_links(client: TestClient[Litestar]) -> None:
    seen: list[str] = []
    url: str | None = "/articles?limit=2"
    while url is not None:
        page = client.get(url).json()
        assert page["limit"] == 2 and page["total"] == 5
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert seen == SEED_IDS
    assert client.get("/articles", params={"limit": 2, "offset": 4}).json()["next"] is None


def test_next_link_keeps_the_filters(client: TestClient[Litestar]) -> None:
    first = client.get("/articles", params={"limit": 1, "date_from": "2024-03-12"}).json()
    assert first["total"] == 2 and "date_from=2024-03-12" in first["next"]
    second = client.get(first["next"]).json()
    assert [item["id"][:4] for item in first["items"] + second["items"]] == ["000_", "001_"]
    assert second["next"] is None


@pytest.mark.parametrize(
    ("params", "prefixes"),
    [
        ({"date_from": "2024-03-13"}, ["001_"]),
        ({"date_to": "2024-03-12"}, ["000_"]),
        ({"date_from": "2024-03-12", "date_to": "2024-03-13"}, ["000_", "001_"]),
        ({"date_from": "2025-01-01"}, []),
        ({"outlet": "No Such Outlet"}, []),
    ],
)
def test_filters_on_the_seed_store(client: TestClient[Litestar], params: dict[str, str], prefixes: list[str]) -> None:
    assert [article_id[:4] for article_id in article_ids(client, **params)] == prefixes


def test_outlet_filter(tmp_path: Path) -> None:
    documents = tmp_path / "documents.jsonl"
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEED.glob("*.txt"))[:3]]
    rows = [
        {"id": f"doc{n}", "text": text, "outlet": outlet, "date": "2024-03-12"}
        for n, (text, outlet) in enumerate(zip(texts, ["Alpha", "Beta", "Alpha"], strict=True))
    ]
    documents.write_bytes(b"\n".join(msgspec.json.encode(row) for row in rows))
    with TestClient(create_app(make_store(tmp_path / "store", [documents]))) as outlet_client:
        assert article_ids(outlet_client, outlet="Alpha") == ["doc0", "doc2"]
        assert article_ids(outlet_client, outlet="Beta", date_from="2024-03-12") == ["doc1"]
        assert article_ids(outlet_client, outlet="Beta", date_from="2024-03-13") == []


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=10000", "limit"),
        ("limit=ten", "limit"),
        ("offset=-1", "offset"),
        ("date_from=garbage", "date_from"),
        ("date_to=2024-02-30", "date_to"),
        ("date_from=2024-03-13&date_to=2024-03-12", "date_to"),
    ],
)
def test_bad_parameter_is_400_naming_it(client: TestClient[Litestar], query: str, parameter: str) -> None:
    error = assert_error(client.get(f"/articles?{query}"), 400, "invalid_parameter", f"'{parameter}'")
    assert [problem["parameter"] for problem in error["detail"]] == [parameter]


def test_unknown_article_is_404(client: TestClient[Litestar]) -> None:
    assert_error(client.get("/articles/no_such_article"), 404, "not_found", "no_such_article")


@pytest.mark.parametrize("path", ["/no/such/route", "/schema/nothing", "/schema/nothing.json", "/static/swagger/x.js"])
def test_unknown_route_is_404(client: TestClient[Litestar], path: str) -> None:
    assert_error(client.get(path), 404, "not_found", path)


def test_wrong_method_is_405(client: TestClient[Litestar]) -> None:
    response = client.delete("/articles")
    assert_error(response, 405, "method_not_allowed", "DELETE /articles")
    assert {"GET", "POST"} <= {method.strip() for method in response.headers["allow"].split(",")}
    assert_error(client.post("/claims"), 405, "method_not_allowed", "POST /claims")


def test_store_error_is_503(seed_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = Corpus(seed_store)

    def broken(article_id: str) -> None:
        raise StoreError(f"{seed_store.root}: cannot read article {article_id!r}")

    monkeypatch.setattr(corpus, "article", broken)
    with TestClient(create_app(corpus)) as broken_client:
        assert_error(broken_client.get(f"/articles/{SEED_IDS[0]}"), 503, "store_error", "cannot read article")


def test_unexpected_error_is_500_without_details(seed_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = Corpus(seed_store)

    def broken(**filters: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(corpus, "articles", broken)
    with TestClient(create_app(corpus)) as broken_client:
        error = assert_error(broken_client.get("/articles"), 500, "internal_server_error")
        assert "secret" not in error["message"] and error["detail"] is None


# ---------------------------------------------------------------- new store versions
def test_server_follows_new_store_versions(tmp_path: Path) -> None:
    first, second = sorted(SEED.glob("*.txt"))[:2]
    store = make_store(tmp_path / "store", [first])
    with (
        TestClient(create_app(store.root, refresh_interval=0)) as live,
        TestClient(create_app(store.root, refresh_interval=3600)) as slow,
    ):
        assert live.get("/articles").json()["total"] == slow.get("/articles").json()["total"] == 1
        Store(store.root).commit(analyze_paths([second]).tables(), sources=[str(second)])
        assert live.get("/articles").json()["total"] == 2
        assert live.get("/health").json()["version"] == 2
        health = slow.get("/health").json()
        assert (health["version"], health["articles"]) == (1, 1)
