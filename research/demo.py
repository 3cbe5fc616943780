"""The embedded demo corpus (`data/seed/`) and a store that is sure to hold it."""

from __future__ import annotations

import os
from pathlib import Path

from research.pipeline import analyze_paths
from research.store import STORE_ENV, Store

__all__ = ["REPO", "SEED_DIR", "demo_store"]

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "data" / "seed"


def demo_store(path: str | Path | None = None) -> Store:
    """The store at `path`, else `$RESEARCH_STORE`, else the repository's `data/store`.

    An empty store (a fresh clone) first gets the seed corpus, exactly as
    `research ingest data/seed` would; a store that holds articles is only opened.
    """
    store = Store(path or os.environ.get(STORE_ENV) or REPO / "data" / "store")
    if store.version() == 0:
        store.commit(analyze_paths([SEED_DIR]).tables(), sources=[str(SEED_DIR)])
    return store
