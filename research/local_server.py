"""Run `research serve` on a store in a child process, for notebooks and benchmarks that talk
to the real API over HTTP. The server is stopped by `stop()`, by leaving a `with` block, or
when the Python process that started it exits."""

from __future__ import annotations

import atexit
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

from research.errors import ResearchError

__all__ = ["LocalServer", "free_port"]

START_TIMEOUT = 60.0  # seconds for the server to answer /health


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """`research serve --store STORE` on 127.0.0.1 and a free port; `url` is its base URL."""

    def __init__(self, store: str | Path, *, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = Path(sys.executable).parent / "research"
        # the server's stderr, kept for errors: a pipe nobody reads could fill up and block the server
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the server runs, closed by stop()
        self.process = subprocess.Popen(
            [str(command), "serve", "--store", str(store), "--port", str(self.port), "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        atexit.register(self.stop)
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                error = self.log.read().decode(errors="replace")
                raise ResearchError(f"research serve exited with status {self.process.returncode}: {error.strip()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise ResearchError(f"research serve did not answer {self.url}/health within {START_TIMEOUT:.0f} s")

    def stop(self) -> None:
        """Stop the server (nothing happens if it has stopped already)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        atexit.unregister(self.stop)

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
