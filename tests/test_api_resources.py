"""The REST API's resources on the seed store: the answers researchers ask for, filters, pages,
facets and errors, and the same rows as the query layer for the same questions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import msgspec
import polars as pl
import pytest
from litestar import Litestar
from litestar.testing import TestClient
from polars.testing import assert_frame_equal

from api import create_app
from research.query import (
    ClaimDetail,
    ClaimFilter,
    ClaimRow,
    ContradictionRow,
    Corpus,
    EntityRow,
    EventRow,
    FigureRow,
    LedgerRow,
    StoryRow,
)
from research.store import Store
from tests.test_api import assert_error

MOD = "russian-defense-ministry"
INCURSION = "s-000_e2bdb397d315b745:armed_clash:belgorod-region"


@pytest.fixture(scope="module")
def client(seed_store: Store) -> Iterator[TestClient[Litestar]]:
    with TestClient(create_app(seed_store)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def corpus(seed_store: Store) -> Corpus:
    return Corpus(seed_store)


def every_item(client: TestClient[Litestar], path: str, params: dict[str, Any] | None = None) -> list[Any]:
    """All items of a listing, following `next` links page by page."""
    items: list[Any] = []
    response = client.get(path, params=params)
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= page["limit"]
        items += page["items"]
        if page["next"] is None:
            assert len(items) == page["total"]
            return items
        response = client.get(page["next"])


def as_frame(items: list[Any], record: type[Any], like: pl.DataFrame) -> pl.DataFrame:
    """API items decoded as records, as a frame with the query layer's schema."""
    decoded = msgspec.convert(items, list[record])
    rows = [msgspec.to_builtins(item, builtin_types=(dt.date,)) for item in decoded]
    return pl.DataFrame(rows, schema=like.schema, orient="row")


# ---------------------------------------------------------------- questions researchers ask
def test_the_defence_ministrys_casualty_claims(client: TestClient[Litestar]) -> None:
    page = client.get(
        "/claims", params={"speaker": "Russian Ministry of Defense", "figure": ["killed", "injured"]}
    ).json()
    assert page["total"] == 1
    [claim] = page["items"]
    assert "more than 234 Ukrainian troops had been killed" in claim["content"]
    assert (claim["claimant"], claim["entity"], claim["via"]) == ("Russian Defense Ministry", MOD, ["BBC"])
    detail = client.get(f"/claims/{claim['id']}").json()
    assert detail["speaker"]["entity"] == MOD and detail["rule"].startswith("attribution.")
    assert detail["content"]["text"] in detail["sentence"]["text"]


def test_denials_by_ukraines_military_intelligence(client: TestClient[Litestar]) -> None:
    page = client.get("/claims", params={"speaker": "Ukraine’s military intelligence", "polarity": "deny"}).json()
    assert [item["article"] for item in page["items"]] == ["002_a72ca9267606cdd7"]
    assert page["items"][0]["content"].startswith("the anti-Putin Russian volunteer militias")


def test_the_ledger_of_the_incursion(client: TestClient[Litestar]) -> None:
    rows = every_item(client, f"/events/{INCURSION}/ledger", {"limit": 5})
    sides = {(row["about"], row["claimant"]): row["position"] for row in rows if row["about"]}
    assert sides[("incursion", "Kremlin")] == "repelled"
    assert sides[("responsibility", "Ukraine’s military intelligence agency")] == "denied"
    assert all(row["independent"] == len(row["origins"]) for row in rows)


def test_an_entity_with_spellings_and_merge_evidence(client: TestClient[Litestar]) -> None:
    entity = client.get(f"/entities/{MOD}").json()
    assert "Russia’s Ministry of Defence" in entity["aliases"]
    assert entity["merges"] and all(m["rule"].startswith("merge.") for m in entity["merges"])
    assert {m["entity"] for m in entity["mentions"]} == {MOD}


# ---------------------------------------------------------------- the same rows as the query layer
def frame_of(corpus: Corpus, question: str) -> tuple[str, dict[str, Any], type[Any], pl.DataFrame]:
    """(path, params, record, the query layer's frame) for each representative question."""
    questions: dict[str, tuple[str, dict[str, Any], type[Any], Callable[[], pl.DataFrame]]] = {
        "ministry": (
            "/claims",
            {"speaker": "Russian Ministry of Defense"},
            ClaimRow,
            lambda: corpus.claims(speaker=MOD),
        ),
        "bbc unverified": (
            "/claims",
            {"via": "BBC", "certainty": "unverified"},
            ClaimRow,
            lambda: corpus.claims(via="BBC", certainty="unverified"),
        ),
        "incursion by date": (
            "/claims",
            {"event": INCURSION, "_sort": ["-date", "claimant"]},
            ClaimRow,
            lambda: corpus.claims(event=INCURSION, sort=["-date", "claimant"]),
        ),
        "denials": ("/claims", {"polarity": "deny"}, ClaimRow, lambda: corpus.claims(polarity="deny")),
        "drones since": (
            "/claims",
            {"q": "drone", "date_from": "2024-03-12"},
            ClaimRow,
            lambda: corpus.claims(q="drone", date_from=dt.date(2024, 3, 12)),
        ),
        "killed or destroyed": (
            "/claims",
            {"figure": ["killed", "destroyed"], "kind": ["indirect", "mixed"]},
            ClaimRow,
            lambda: corpus.claims(figure=["killed", "destroyed"], kind=["indirect", "mixed"]),
        ),
        "people": (
            "/entities",
            {"type": "person", "_sort": "-claims"},
            EntityRow,
            lambda: corpus.entities(type="person", sort="-claims"),
        ),
        "tetkino": ("/events", {"place": "Tyotkino"}, EventRow, lambda: corpus.events(place="Tyotkino")),
        "ledger": (f"/events/{INCURSION}/ledger", {}, LedgerRow, lambda: corpus.ledger(INCURSION)),
        "figures": (
            f"/events/{INCURSION}/figures",
            {"kind": "repelled"},
            FigureRow,
            lambda: corpus.figures(event=INCURSION, kind="repelled"),
        ),
        "contradictions": (
            "/contradictions",
            {"event": INCURSION},
            ContradictionRow,
            lambda: corpus.contradictions(event=INCURSION),
        ),
        "stories": ("/stories", {}, StoryRow, lambda: corpus.stories()),
    }
    path, params, record, frame = questions[question]
    return path, params, record, frame()


QUESTIONS = [
    "ministry",
    "bbc unverified",
    "incursion by date",
    "denials",
    "drones since",
    "killed or destroyed",
    "people",
    "tetkino",
    "ledger",
    "figures",
    "contradictions",
    "stories",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_api_and_the_query_layer_return_the_same_rows(
    client: TestClient[Litestar], corpus: Corpus, question: str
) -> None:
    path, params, record, expected = frame_of(corpus, question)
    assert expected.height > 0
    items = every_item(client, path, {**params, "limit": 3})
    assert_frame_equal(as_frame(items, record, expected), expected)


def test_one_claim_is_the_query_layers_claim(client: TestClient[Litestar], corpus: Corpus) -> None:
    for claim_id in corpus.claims(speaker=MOD)["id"]:
        served = msgspec.json.decode(client.get(f"/claims/{claim_id}").content, type=ClaimDetail)
        assert served == corpus.claim(claim_id)


# ---------------------------------------------------------------- pages, sorting, facets
def test_next_links_keep_filters_sorting_and_facets(client: TestClient[Litestar]) -> None:
    first = client.get(
        "/claims", params={"via": "BBC", "_sort": "-date", "_facet": "certainty", "limit": 4, "offset": 0}
    ).json()
    following = dict(parse_qsl(urlsplit(first["next"]).query))
    assert following == {"via": "BBC", "_sort": "-date", "_facet": "certainty", "limit": "4", "offset": "4"}
    second = client.get(first["next"]).json()
    assert second["facets"] == first["facets"] and second["total"] == first["total"]
    assert not {item["id"] for item in first["items"]} & {item["id"] for item in second["items"]}


def test_facets_count_every_matching_claim_not_the_page(client: TestClient[Litestar], corpus: Corpus) -> None:
    page = client.get("/claims", params={"speaker": MOD, "_facet": ["certainty", "via", "claimant"], "limit": 1}).json()
    expected = corpus.claim_facets(ClaimFilter(speaker=(MOD,)), ["certainty", "via", "claimant"])
    for column, frame in expected.items():
        assert [(f["value"], f["count"]) for f in page["facets"][column]] == frame.rows()
    assert sum(f["count"] for f in page["facets"]["certainty"]) == page["total"] > 1
    limited = client.get("/claims", params={"_facet": "claimant", "_facet_size": 2}).json()
    assert len(limited["facets"]["claimant"]) == 2


def test_facets_of_other_listings(client: TestClient[Litestar], corpus: Corpus) -> None:
    events = client.get("/events", params={"_facet": "type", "limit": 1}).json()
    assert sum(f["count"] for f in events["facets"]["type"]) == corpus.events().height
    entities = client.get("/entities", params={"_facet": "type", "limit": 1}).json()
    assert {f["value"] for f in entities["facets"]["type"]} >= {"person", "place", "armed_group"}


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("/claims", "speakr=Putin", "speakr"),
        ("/claims", "polarity=maybe", "polarity"),
        ("/claims", "certainty=sure", "certainty"),
        ("/claims", "kind=quoted", "kind"),
        ("/claims", "_sort=content", "_sort"),
        ("/claims", "_facet=content", "_facet"),
        ("/claims", "_facet_size=0", "_facet_size"),
        ("/claims", "limit=501", "limit"),
        ("/claims", "offset=-3", "offset"),
        ("/claims", "date_from=2024-03-13&date_to=2024-03-12", "date_to"),
        ("/claims", "date_from=yesterday", "date_from"),
        ("/claims", "q=", "q"),
        ("/events", "date_from=2024-03-13&date_to=2024-03-12", "date_to"),
        ("/events", "_sort=places", "_sort"),
        ("/entities", "_facet=aliases", "_facet"),
        ("/contradictions", "_sort=positions", "_sort"),
        ("/stories", "type=x", "type"),
        ("/health", "verbose=1", "verbose"),
        (f"/events/{INCURSION}/ledger", "limit=0", "limit"),
    ],
)
def test_a_bad_parameter_is_400_naming_it(client: TestClient[Litestar], path: str, query: str, parameter: str) -> None:
    error = assert_error(client.get(f"{path}?{query}"), 400, "invalid_parameter", f"'{parameter}'")
    assert [problem["parameter"] for problem in error["detail"]] == [parameter]


@pytest.mark.parametrize(
    "path",
    ["/claims/nope", "/entities/nope", "/events/nope", "/events/nope/ledger", "/events/nope/figures"],
)
def test_an_unknown_id_is_404(client: TestClient[Litestar], path: str) -> None:
    assert_error(client.get(path), 404, "not_found", "'nope'")


# ---------------------------------------------------------------- the OpenAPI document
def test_the_openapi_document_describes_every_operation_parameter_and_response(client: TestClient[Litestar]) -> None:
    schema = client.get("/schema/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/claims",
        "/claims/{claim_id}",
        "/entities",
        "/entities/{entity_id}",
        "/events",
        "/events/{event_id}",
        "/events/{event_id}/ledger",
        "/events/{event_id}/figures",
        "/contradictions",
        "/stories",
        "/versions",
        "/articles",
    } <= set(paths)
    for path, item in paths.items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary") and operation.get("description"), where
            for parameter in operation.get("parameters", []):
                assert parameter.get("description") and parameter.get("schema"), (where, parameter["name"])
            for status, response in operation["responses"].items():
                assert response.get("description"), (where, status)
                assert response.get("content"), (where, status)
                if status.startswith(("4", "5")):
                    body = response["content"]["application/json"]["schema"]
                    assert body == {"$ref": "#/components/schemas/ErrorBody"}, (where, status)
            assert "400" in operation["responses"], where
    post = paths["/articles"]["post"]
    assert set(post["requestBody"]["content"]) == {
        "application/json",
        "application/x-ndjson",
        "application/jsonl",
        "text/plain",
        "text/html",
    }
    assert {"201", "200", "401", "413", "415", "422"} <= set(post["responses"])
    assert post["security"] == [{"bearer": []}, {"apiKey": []}]
    assert set(schema["components"]["securitySchemes"]) == {"bearer", "apiKey"}
    claims = {p["name"]: p for p in paths["/claims"]["get"]["parameters"]}
    assert {"speaker", "outlet", "via", "event", "story", "polarity", "certainty", "kind", "figure", "q"} <= set(claims)
    assert {"_sort", "_facet", "_facet_size", "limit", "offset", "date_from", "date_to"} <= set(claims)
