"""Ingest speed: read + lay out the benchmark documents, run the whole analysis, commit it to a
fresh store.

Prints MB/s and articles/s of `ingest` (read, decode, layout, sentences), of `analyze` (every
extraction and corpus stage) and of the store commit, with the peak resident memory of the
process. Figures, not pass/fail.

    .venv/bin/python benchmarks/ingest_speed.py [DOCUMENTS.jsonl ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from research.ingest import ingest
from research.pipeline import analyze
from research.store import Store

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
DEFAULT_INPUTS = [SHARED / "polnear" / "documents.jsonl", SHARED / "ecbplus" / "documents.jsonl"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for the analyze figure")
    args = parser.parse_args()
    missing = [p for p in args.inputs if not p.exists()]
    if missing:
        print(f"missing input(s): {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    for path in args.inputs:
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            articles = ingest([path])
            best = min(best, time.perf_counter() - started)
        started = time.perf_counter()
        analysis = analyze(articles)
        analyze_seconds = time.perf_counter() - started
        chars = sum(len(a.article.text) for a in analysis.articles)
        megabytes = sum(len(a.article.text.encode("utf-8")) for a in analysis.articles) / 1e6
        sentences = sum(len(a.sentences) for a in analysis.articles)
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            Store(Path(folder) / "store").commit(analysis.tables(), sources=[str(path)])
            commit_seconds = time.perf_counter() - started
        print(
            f"{path.parent.name}/{path.name}: {len(analysis.articles)} articles, {megabytes:.2f} MB, "
            f"{chars:,} chars, {sentences:,} sentences"
        )
        print(
            f"  ingest (read + layout):  {best:.3f} s  {megabytes / best:.1f} MB/s  "
            f"{len(analysis.articles) / best:,.0f} articles/s (best of {args.repeat})"
        )
        print(
            f"  analyze (every stage):   {analyze_seconds:.3f} s  {megabytes / analyze_seconds:.2f} MB/s  "
            f"{len(analysis.claims):,} claims, {len(analysis.entities):,} entities"
        )
        print(f"  store commit:            {commit_seconds:.3f} s  {megabytes / commit_seconds:.1f} MB/s")
    print(f"peak resident memory: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
