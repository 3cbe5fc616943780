"""Corpus stages speed on one core: the stages of `research.pipeline._corpus_stages` (entities,
stories, events, speaker names, claim types, contradictions, corroboration) timed one by one
on the PolNeAR and ECB+ documents, after extraction has run once. Seconds are CPU seconds,
the best of `--repeat` runs; s/MB is per MB of article text. Prints figures; never passes or
fails.

    .venv/bin/python benchmarks/corpus_stages_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

from research.compare import compares_figures, contradictions
from research.corroboration import corroborate
from research.events import claim_types, events
from research.extract.article import extract_article
from research.extract.mentions import article_mentions
from research.ingest import ingest
from research.model import Claim, IngestedArticle, Mention
from research.pipeline import _corpus_stages, _speaker_names
from research.resolve import DEFAULT_ALIASES_PATH, resolve
from research.stories import assign_stories

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
INPUTS = {"PolNeAR": SHARED / "polnear" / "documents.jsonl", "ECB+": SHARED / "ecbplus" / "documents.jsonl"}


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity)"


def extracted(path: Path) -> tuple[list[IngestedArticle], list[Mention], list[Claim]]:
    """The corpus with the per-article stages run once: articles, mentions, claims."""
    articles = ingest([path])
    mentions: list[Mention] = []
    claims: list[Claim] = []
    for a in articles:
        claims.extend(extract_article(a.article, a.sentences, a.paragraphs).claims)
        mentions.extend(article_mentions(a.article, a.sentences, a.paragraphs))
    return articles, mentions, claims


def stage_seconds(articles: list[IngestedArticle], mentions: list[Mention], claims: list[Claim]) -> dict[str, float]:
    """CPU seconds of each corpus stage, called as `_corpus_stages` calls them."""
    seconds: dict[str, float] = {}

    def timed(stage: str, run: Callable[[], object]) -> object:
        started = time.process_time()
        out = run()
        seconds[stage] = time.process_time() - started
        return out

    aliases = DEFAULT_ALIASES_PATH if DEFAULT_ALIASES_PATH.exists() else None
    resolution = timed("resolve", lambda: resolve(mentions, aliases_path=aliases))
    stories = timed("assign_stories", lambda: assign_stories(articles))
    story_of = {s.article: s.story for s in stories}  # type: ignore[attr-defined]
    with_stories = [
        msgspec.structs.replace(a, article=msgspec.structs.replace(a.article, story=story_of.get(a.article.id)))
        for a in articles
    ]
    found = timed("events", lambda: events(with_stories, resolution.mentions, claims, resolution.entities))  # type: ignore[attr-defined]
    names = timed("_speaker_names", lambda: _speaker_names(claims, resolution.mentions, resolution.entities))  # type: ignore[attr-defined]
    types = timed("claim_types", lambda: claim_types(with_stories, [c for c in claims if compares_figures(c)]))
    timed(
        "contradictions",
        lambda: contradictions(claims, scope_of=story_of, speaker_names=names, events=found, type_of=types),  # type: ignore[arg-type]
    )
    timed(
        "corroborate",
        lambda: corroborate(found, claims, [a.article for a in with_stories], speaker_names=names),  # type: ignore[arg-type]
    )
    timed("_corpus_stages (all)", lambda: _corpus_stages(articles, mentions, claims))
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per corpus; the best is shown (default 3)")
    args = parser.parse_args()
    missing = [str(p) for p in INPUTS.values() if not p.exists()]
    if missing:
        print(f"missing input(s): {', '.join(missing)}", file=sys.stderr)
        return 2
    print(f"research corpus stages speed ({pin_to_one_core()}, CPU seconds, best of {args.repeat})")
    for label, path in INPUTS.items():
        articles, mentions, claims = extracted(path)
        megabytes = sum(len(a.article.text.encode("utf-8")) for a in articles) / 1e6
        runs = [stage_seconds(articles, mentions, claims) for _ in range(args.repeat)]
        best = {stage: min(run[stage] for run in runs) for stage in runs[0]}
        print(
            f"\n{label}: {len(articles):,} articles, {megabytes:.2f} MB of text, "
            f"{len(mentions):,} mentions, {len(claims):,} claims"
        )
        print(f"  {'stage':<24}{'s':>8}{'s/MB':>8}")
        for stage, seconds in best.items():
            print(f"  {stage:<24}{seconds:>8.3f}{seconds / megabytes:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
