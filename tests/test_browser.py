"""A real browser against a real server: the docs page renders and an endpoint answers.

Starts `research serve` on a free loopback port and loads pages in headless Chromium (Debian's
`chromium`, started with the flags a closed network needs); `.ci/run` installs it.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(seed_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`research serve` on the seed store, as a user starts it."""
    port = free_port()
    exe = Path(sys.executable).with_name("research")
    log = tmp_path_factory.mktemp("server") / "serve.log"
    base = f"http://127.0.0.1:{port}"
    with (
        log.open("wb") as sink,
        subprocess.Popen(
            [str(exe), "serve", "--store", str(seed_store.root), "--port", str(port), "--quiet"],
            stdout=sink,
            stderr=sink,
        ) as process,
    ):
        try:
            for _ in range(200):
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
            else:
                raise AssertionError(f"the server did not come up: {log.read_text()}")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


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


def test_docs_page_renders_every_endpoint(server: str) -> None:
    dom = rendered_dom(f"{server}/docs")
    assert "research API" in dom
    for path in ("/health", "/articles", "/articles/{article_id}", "/versions"):
        assert f'data-path="{path}"' in dom, path
    assert "Unable to render this definition" not in dom


def test_an_endpoint_in_the_browser(server: str) -> None:
    dom = rendered_dom(f"{server}/articles/003_a1177dfb8dc12fab")
    body = dom[dom.index("{") : dom.rindex("}") + 1]
    assert json.loads(body.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))["title"] == (
        "Ukraine-based Russian armed groups claim raids into Russia"
    )
