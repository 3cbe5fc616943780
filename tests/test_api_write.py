"""`POST /articles`: the API key, body formats and limits, the claims it answers with, and a store
that a rejected or failed request leaves exactly as it was."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api import create_app
from research.query import Corpus
from research.store import Store
from tests.conftest import SEED
from tests.test_api import assert_error

KEY = "write-test-key"
BEARER = {"Authorization": f"Bearer {KEY}"}
TEXT = (
    " date 2024-03-14 The Russian Defence Ministry said 40 drones were shot down over Belgorod on Thursday. "
    "Ukraine's military intelligence denied that its units took part in the raid."
)
HTML = """<html><head><title>Drones over Kursk</title></head><body><article>
<h1>Drones over Kursk</h1>
<p>The Kursk governor Roman Starovoyt said on Friday that 12 drones had been shot down over the region.</p>
<p>Officials in Kyiv declined to comment on the report, according to Reuters.</p>
</article></body></html>"""


@pytest.fixture
def store(seed_store: Store, tmp_path: Path) -> Store:
    """A copy of the seed store to write to."""
    shutil.copytree(seed_store.root, tmp_path / "store")
    return Store(tmp_path / "store")


@pytest.fixture
def client(store: Store) -> Iterator[TestClient[Litestar]]:
    with TestClient(create_app(store, api_key=KEY, refresh_interval=0)) as test_client:
        yield test_client


def snapshot(store: Store) -> tuple[int, list[str], int]:
    """What a write changes: the store version, the article ids and the number of claims."""
    corpus = Corpus(store)
    return corpus.version, corpus.articles()["id"].to_list(), corpus.table("claims").height


def post(client: TestClient[Litestar], body: bytes | str, media_type: str, **headers: str) -> Any:
    data = body.encode() if isinstance(body, str) else body
    return client.post("/articles", content=data, headers={"content-type": media_type, **headers})


# ---------------------------------------------------------------- the key
@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "needs the API key"),
        ({"X-API-Key": "wrong"}, "not valid"),
        ({"Authorization": "Bearer wrong"}, "not valid"),
        ({"Authorization": f"Basic {KEY}"}, "not valid"),
        ({"Authorization": "Bearer wrong", "X-API-Key": KEY}, "not valid"),
    ],
)
def test_a_write_without_the_key_is_401_and_stores_nothing(
    client: TestClient[Litestar], store: Store, headers: dict[str, str], message: str
) -> None:
    before = snapshot(store)
    response = post(client, TEXT, "text/plain", **headers)
    assert_error(response, 401, "unauthorized", message)
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert snapshot(store) == before


def test_a_server_without_a_key_refuses_every_write(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RESEARCH_API_KEY", raising=False)
    before = snapshot(store)
    with TestClient(create_app(store)) as keyless:
        for headers in ({}, {"X-API-Key": KEY}, BEARER):
            assert_error(post(keyless, TEXT, "text/plain", **headers), 401, "unauthorized", "RESEARCH_API_KEY")
    assert snapshot(store) == before


def test_the_key_comes_from_the_environment(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESEARCH_API_KEY", "from-env")
    with TestClient(create_app(store, refresh_interval=0)) as client:
        assert post(client, TEXT, "text/plain", **{"X-API-Key": "from-env"}).status_code == 201


# ---------------------------------------------------------------- accepted bodies
def test_a_text_article_is_stored_and_its_claims_returned(client: TestClient[Litestar], store: Store) -> None:
    version, ids, _ = snapshot(store)
    response = post(client, TEXT, "text/plain", **BEARER)
    assert response.status_code == 201, response.text
    result = response.json()
    assert (result["version"], result["previous"]) == (version + 1, version)
    [new_id] = result["added"]
    assert new_id.startswith("post-") and sorted(result["unchanged"]) == ids
    claims = result["claims"]
    ministry = next(c for c in claims if c["entity"] == "russian-defense-ministry")
    assert ministry["content"] == "40 drones were shot down over Belgorod on Thursday"
    assert ministry["figure_kinds"] == ["shot_down"] and ministry["date"] == "2024-03-14"
    listed = client.get("/claims", params={"article": new_id}).json()
    assert listed["items"] == claims
    assert client.get(f"/articles/{new_id}").json()["text"] == TEXT
    assert snapshot(store)[0] == version + 1


def test_the_same_article_again_changes_nothing(client: TestClient[Litestar], store: Store) -> None:
    first = post(client, TEXT, "text/plain", **BEARER).json()
    again = post(client, TEXT, "text/plain", **BEARER)
    assert again.status_code == 200
    result = again.json()
    assert result["version"] == result["previous"] == first["version"]
    assert (result["added"], result["replaced"]) == ([], [])
    assert set(result["unchanged"]) == set(first["unchanged"]) | set(first["added"])
    assert result["claims"] == first["claims"]


def test_an_id_for_a_text_article(client: TestClient[Litestar]) -> None:
    response = client.post(
        "/articles", params={"id": "wire-17"}, content=TEXT.encode(), headers={"content-type": "text/plain", **BEARER}
    )
    assert response.status_code == 201 and response.json()["added"] == ["wire-17"]
    assert {claim["article"] for claim in response.json()["claims"]} == {"wire-17"}


def test_a_json_batch_and_json_lines(client: TestClient[Litestar]) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEED.glob("*.txt"))[:2]]
    batch = [
        {"id": "batch-a", "text": texts[0], "date": "2024-03-12", "source": "Alpha"},
        {"id": "batch-b", "text": texts[1], "outlet": "Beta", "title": "Raids"},
    ]
    response = client.post("/articles", json=batch, headers=BEARER)
    assert response.status_code == 201, response.text
    assert sorted(response.json()["added"]) == ["batch-a", "batch-b"]
    outlets = {a["id"]: a["outlet"] for a in client.get("/articles", params={"limit": 500}).json()["items"]}
    assert (outlets["batch-a"], outlets["batch-b"]) == ("Alpha", "Beta")
    assert {c["article"] for c in response.json()["claims"]} == {"batch-a", "batch-b"}
    assert all(c["origin"] in ("Alpha", "Beta") or c["via"] for c in response.json()["claims"])
    lines = b"\n".join(msgspec.json.encode({"id": f"line-{n}", "text": TEXT + f" Line {n}."}) for n in range(2))
    response = post(client, lines, "application/x-ndjson", **BEARER)
    assert response.status_code == 201 and sorted(response.json()["added"]) == ["line-0", "line-1"]
    single = client.post("/articles", json={"id": "one", "text": TEXT}, headers={"X-API-Key": KEY})
    assert single.status_code == 201 and single.json()["added"] == ["one"]


def test_an_html_page(client: TestClient[Litestar]) -> None:
    response = post(client, HTML, "text/html; charset=utf-8", **BEARER)
    assert response.status_code == 201, response.text
    [article_id] = response.json()["added"]
    stored = client.get(f"/articles/{article_id}").json()
    assert stored["title"] == "Drones over Kursk"
    assert "<p>" not in stored["text"] and "12 drones had been shot down" in stored["text"]
    assert any(c["claimant"] == "Roman Starovoyt" for c in response.json()["claims"])


# ---------------------------------------------------------------- rejected bodies store nothing
def test_a_20_mb_body_is_413(client: TestClient[Litestar], store: Store) -> None:
    before = snapshot(store)
    response = post(client, b"a" * (20 * 1024 * 1024), "text/plain", **BEARER)
    assert_error(response, 413, "request_entity_too_large", "bytes are accepted")
    assert snapshot(store) == before


def test_the_body_limit_is_configurable(store: Store) -> None:
    with TestClient(create_app(store, api_key=KEY, max_body_size=100)) as small:
        assert_error(post(small, TEXT, "text/plain", **BEARER), 413, "request_entity_too_large", "100 bytes")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"id": "x"}, "text"),
        ({"text": TEXT}, "id"),
        ({"id": "x", "text": TEXT, "date": "13/03/2024"}, "date"),
        ({"id": "x", "text": 12}, "text"),
        ({"id": "x", "text": "   "}, "text"),
        ({"id": "x", "text": TEXT, "txt": "typo"}, "txt"),
        ([{"id": "good", "text": TEXT}, {"id": "bad"}], "text"),
        ([], "body"),
    ],
)
def test_a_malformed_document_is_422_naming_the_field(
    client: TestClient[Litestar], store: Store, body: Any, field: str
) -> None:
    before = snapshot(store)
    error = assert_error(client.post("/articles", json=body, headers=BEARER), 422, "invalid_document")
    assert [problem["parameter"] for problem in error["detail"]] == [field]
    assert error["detail"][0]["source"] == "body"
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("body", "media_type", "status", "code", "mention"),
    [
        (b'{"id": "x", "text": ', "application/json", 422, "invalid_document", "invalid document"),
        (b'{"id": "a", "text": "one"}\n{"id": 2}', "application/x-ndjson", 422, "invalid_document", "line 2"),
        (b"   \n ", "text/plain", 422, "bad_input", "white space"),
        (b"\xff\xfe bad", "text/plain", 422, "bad_input", "not valid UTF-8"),
        (b"<html><body><nav>Home</nav></body></html>", "text/html", 422, "bad_input", "no main text"),
        (b"id,text\nx,y", "text/csv", 415, "unsupported_media_type", "text/csv"),
    ],
)
def test_unreadable_bodies_store_nothing(
    client: TestClient[Litestar], store: Store, body: bytes, media_type: str, status: int, code: str, mention: str
) -> None:
    before = snapshot(store)
    assert_error(post(client, body, media_type, **BEARER), status, code, mention)
    assert snapshot(store) == before


def test_two_different_articles_with_one_id_store_nothing(client: TestClient[Litestar], store: Store) -> None:
    before = snapshot(store)
    batch = [{"id": "twin", "text": TEXT}, {"id": "twin", "text": TEXT + " More."}]
    assert_error(client.post("/articles", json=batch, headers=BEARER), 422, "duplicate_article", "'twin'")
    assert snapshot(store) == before


def test_an_id_parameter_with_json_documents_is_400(client: TestClient[Litestar]) -> None:
    response = client.post("/articles", params={"id": "x"}, json={"id": "y", "text": TEXT}, headers=BEARER)
    error = assert_error(response, 400, "invalid_parameter", "'id'")
    assert error["detail"][0]["parameter"] == "id"


def test_a_write_that_fails_while_committing_leaves_the_store_as_it_was(
    client: TestClient[Litestar], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: the disk fails after the first table is written."""
    before = snapshot(store)
    articles_before = Corpus(store).articles()
    original = Store._write_table
    written: list[str] = []

    def failing(self: Store, table: str, *args: Any, **kwargs: Any) -> int:
        if written:
            raise OSError("disk full")
        written.append(table)
        return original(self, table, *args, **kwargs)

    monkeypatch.setattr(Store, "_write_table", failing)
    assert_error(post(client, TEXT, "text/plain", **BEARER), 500, "internal_server_error")
    monkeypatch.setattr(Store, "_write_table", original)
    assert written and snapshot(store) == before
    assert Corpus(store).articles().equals(articles_before)
    assert post(client, TEXT, "text/plain", **BEARER).status_code == 201  # the next writer rolls back and commits
    assert snapshot(store)[0] == before[0] + 1
