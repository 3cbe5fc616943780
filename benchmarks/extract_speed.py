"""Extraction speed on one core: `analyze` end to end (ingest + extraction) over the PolNeAR and
ECB+ documents, repeated to at least 20 MB, and on a sample of the same sentences the time the
tools a user would otherwise reach for take: quantulum3 (figures) and dateparser's
`search_dates` (dates). Prints figures; never passes or fails.

    .venv/bin/pip install -e '.[bench]'      # quantulum3, dateparser
    .venv/bin/python benchmarks/extract_speed.py [--megabytes 20] [--sample-kb 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

from research.extract.quantities import quantities
from research.extract.time import time_expressions
from research.ingest import ingest
from research.pipeline import StageTimes, analyze_paths

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
INPUTS = [SHARED / "polnear" / "documents.jsonl", SHARED / "ecbplus" / "documents.jsonl"]


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity)"


def repeated_corpus(folder: Path, megabytes: float) -> tuple[Path, int, int]:
    """A documents file holding the inputs again and again (new ids) until `megabytes` of text."""
    docs = [json.loads(line) for path in INPUTS for line in path.open(encoding="utf-8")]
    target = folder / "repeated.jsonl"
    size = count = 0
    with target.open("w", encoding="utf-8") as out:
        round_ = 0
        while size < megabytes * 1e6:
            for doc in docs:
                row = {
                    "id": f"{doc['id']}~{round_}",
                    "text": doc["text"],
                    "date": doc.get("date"),
                    "source": doc.get("source"),
                }
                out.write(json.dumps(row) + "\n")
                size += len(doc["text"].encode("utf-8"))
                count += 1
            round_ += 1
    return target, size, count


def sample_sentences(kilobytes: int) -> list[str]:
    """Body sentences of the benchmark documents, in order, up to `kilobytes` of text."""
    sentences: list[str] = []
    size = 0
    for built in ingest(INPUTS):
        text = built.article.text
        for s in built.sentences:
            sentences.append(text[s.start : s.end])
            size += len(sentences[-1].encode("utf-8"))
            if size >= kilobytes * 1000:
                return sentences
    return sentences


def timed(label: str, run: object) -> float:
    started = time.perf_counter()
    run()  # type: ignore[operator]
    seconds = time.perf_counter() - started
    print(f"  {label:<44}{seconds:8.2f} s")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=20.0, help="size of the repeated corpus (default 20)")
    parser.add_argument("--sample-kb", type=int, default=100, help="sentences compared with the peers (default 100 KB)")
    args = parser.parse_args()
    missing = [p for p in INPUTS if not p.exists()]
    if missing:
        print(f"missing input(s): {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    print(f"research extract speed ({pin_to_one_core()})")
    with tempfile.TemporaryDirectory() as folder:
        corpus, size, count = repeated_corpus(Path(folder), args.megabytes)
        times = StageTimes()
        started = time.perf_counter()
        analysis = analyze_paths([corpus], times=times)
        seconds = time.perf_counter() - started
    megabytes = size / 1e6
    print(f"analyze, end to end: {count:,} articles, {megabytes:.1f} MB of text, {seconds:.1f} s")
    print(f"  {megabytes / seconds:.2f} MB/s, {count / seconds:,.0f} articles/s")
    per_article = times.ingest + times.extract + times.mentions
    stages = [
        ("ingest (read, check, lay out)", times.ingest),
        ("extract (claims, figures, dates)", times.extract),
        ("mentions", times.mentions),
        ("  ingest + extraction, per article", per_article),
        ("corpus stages (entities, stories, events, ...)", times.corpus),
    ]
    for label, spent in stages:
        print(f"  {label:<48}{spent:7.1f} s {spent / megabytes:6.3f} s/MB {megabytes / spent:6.2f} MB/s")
    print(f"  {len(analysis.claims):,} claims, {len(analysis.figures):,} figures")
    print(f"  peak resident memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    del analysis

    sentences = sample_sentences(args.sample_kb)
    sample_mb = sum(len(s.encode("utf-8")) for s in sentences) / 1e6
    base = dt.datetime(2016, 9, 20)
    print(f"\nsame {len(sentences):,} sentences ({sample_mb * 1000:.0f} KB), figures and dates only:")
    ours = timed("research quantities + time_expressions", lambda: [
        (quantities(s, 0, len(s)), time_expressions(s, 0, len(s), published=base.date())) for s in sentences
    ])  # fmt: skip
    try:
        from dateparser.search import search_dates
        from quantulum3 import parser as quantulum
    except ImportError:
        print("  quantulum3 / dateparser not installed: pip install -e '.[bench]' to compare")
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantulum.parse("warm up 3 km")
        search_dates("warm up on Tuesday", settings={"RELATIVE_BASE": base})
        q = timed("quantulum3 parser.parse", lambda: [quantulum.parse(s) for s in sentences])
        d = timed(
            "dateparser search_dates", lambda: [search_dates(s, settings={"RELATIVE_BASE": base}) for s in sentences]
        )
    analyze_on_sample = sample_mb / (size / 1e6 / seconds)
    print(f"  MB/s: research {sample_mb / ours:.2f}; quantulum3 {sample_mb / q:.3f}; dateparser {sample_mb / d:.3f}")
    print(f"  ratio: quantulum3 + dateparser take {(q + d) / ours:,.0f}x the time of research's figures + dates")
    print(f"  ratio: quantulum3 + dateparser take {(q + d) / analyze_on_sample:,.0f}x the time of the whole analyze")
    return 0


if __name__ == "__main__":
    sys.exit(main())
