"""The pipeline reports where its time goes, stage by stage."""

from __future__ import annotations

import time

from research.pipeline import StageTimes, analyze_paths
from tests.conftest import SEED


def test_analyze_paths_reports_the_time_of_each_stage() -> None:
    times = StageTimes()
    started = time.perf_counter()
    analysis = analyze_paths([SEED], times=times)
    elapsed = time.perf_counter() - started
    assert analysis.claims
    spent = [times.ingest, times.extract, times.mentions, times.corpus]
    assert all(s > 0 for s in spent)
    assert sum(spent) <= elapsed
