"""A real browser against a real server: the docs page renders and endpoints answer.

Starts `research serve` on a free loopback port and loads pages in headless Chromium (Debian's
`chromium`, started with the flags a closed network needs); `.ci/run` installs it.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from research.local_server import LocalServer
from research.store import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
CLOSED_NETWORK_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(seed_store: Store) -> Iterator[str]:
    """`research serve` on the seed store, as a user starts it."""
    with LocalServer(seed_store.root) as running:
        yield running.url


def rendered_dom(url: str) -> str:
    """The page's DOM after its scripts ran."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                CHROMIUM,
                *CLOSED_NETWORK_FLAGS,
                f"--user-data-dir={profile}",
                "--virtual-time-budget=10000",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def rendered_json(url: str) -> Any:
    """The JSON document the browser shows for an endpoint (Chromium wraps it in a <pre>)."""
    dom = rendered_dom(url)
    return json.loads(html.unescape(dom[dom.index("{") : dom.rindex("}") + 1]))


def test_docs_page_renders_every_endpoint(server: str) -> None:
    dom = rendered_dom(f"{server}/docs")
    assert "research API" in dom
    for path in (
        "/health",
        "/articles",
        "/articles/{article_id}",
        "/versions",
        "/claims",
        "/claims/{claim_id}",
        "/entities/{entity_id}",
        "/events/{event_id}/ledger",
        "/events/{event_id}/figures",
        "/contradictions",
        "/stories",
    ):
        assert f'data-path="{path}"' in dom, path
    assert "Unable to render this definition" not in dom


def test_an_endpoint_in_the_browser(server: str) -> None:
    article = rendered_json(f"{server}/articles/003_a1177dfb8dc12fab")
    assert article["title"] == "Ukraine-based Russian armed groups claim raids into Russia"


def test_filtered_claims_in_the_browser(server: str) -> None:
    query = urlencode([("speaker", "Russian Ministry of Defense"), ("_facet", "certainty"), ("limit", "2")])
    page = rendered_json(f"{server}/claims?{query}")
    assert len(page["items"]) == 2 and page["total"] > 2
    assert {item["claimant"] for item in page["items"]} == {"Russian Defense Ministry"}
    assert page["next"].startswith(server) and "offset=2" in page["next"]
    assert sum(facet["count"] for facet in page["facets"]["certainty"]) == page["total"]
    casualties = rendered_json(f"{server}/claims?speaker=russian-defense-ministry&figure=killed")
    assert [item["figure_kinds"] for item in casualties["items"]] == [["destroyed", "killed"]]
    assert "234 Ukrainian troops" in casualties["items"][0]["content"]
