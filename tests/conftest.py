"""One place for the fixtures every test module shares: the seed corpus and stores built from it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from research.pipeline import analyze_paths
from research.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seed"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "corpus" / "seed" / "gold.json"

settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def make_store(path: Path, corpus: Sequence[Path]) -> Store:
    """A store at `path` holding the analysed `corpus` as version 1."""
    store = Store(path)
    store.commit(analyze_paths(corpus).tables(), sources=[str(p) for p in corpus])
    return store


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The seed corpus ingested into a fresh store (version 1); do not write to it."""
    return make_store(tmp_path_factory.mktemp("seed-store"), [SEED])


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    """A store folder that does not exist yet (version 0)."""
    return Store(tmp_path / "store")


def growth_ratio(run: Callable[[str], object], unit: str, *, small: int, large: int) -> float:
    """CPU time of `run` on `unit` repeated to `large` characters over its CPU time on `small`
    ones (best of a few runs each): near large/small when `run` is linear. CPU time of this
    process, not wall time, so that other processes on the machine do not skew the ratio."""

    def seconds(text: str) -> float:
        started = time.process_time()
        run(text)
        return time.process_time() - started

    short, long = unit * (small // len(unit)), unit * (large // len(unit))
    best_short = min(seconds(short) for _ in range(5))
    best_long = min(seconds(long) for _ in range(3))
    return best_long / max(best_short, 1e-4)
