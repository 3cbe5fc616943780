"""Cross-source work against corpus size: the whole analyze against per-article extraction
alone, on 1x, 2x and 4x the ECB+ and PolNeAR documents (copies get new ids). The corpus
stages (entities, stories, events, contradictions) must stay within 2x of extraction and
grow linearly. Prints figures; never passes or fails.

    .venv/bin/python benchmarks/corpus_scaling.py [--sizes 1 2 4]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import msgspec

from research.extract.article import extract_article
from research.extract.mentions import article_mentions
from research.ingest import ingest
from research.model import IngestedArticle
from research.pipeline import analyze

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
INPUTS = [SHARED / "polnear" / "documents.jsonl", SHARED / "ecbplus" / "documents.jsonl"]


def copies(articles: list[IngestedArticle], times: int) -> list[IngestedArticle]:
    """`times` copies of the corpus, each article under a new id."""
    out: list[IngestedArticle] = []
    for round_ in range(times):
        for a in articles:
            new_id = f"{a.article.id}~{round_}"
            out.append(
                IngestedArticle(
                    article=msgspec.structs.replace(a.article, id=new_id),
                    paragraphs=[msgspec.structs.replace(p, article=new_id) for p in a.paragraphs],
                    sentences=[msgspec.structs.replace(s, article=new_id) for s in a.sentences],
                )
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    base = ingest(INPUTS)
    print(f"{'size':>5}{'articles':>10}{'extraction s':>14}{'analyze s':>11}{'ratio':>8}")
    for size in args.sizes:
        corpus = copies(base, size)
        started = time.process_time()
        for a in corpus:
            extract_article(a.article, a.sentences, a.paragraphs)
            article_mentions(a.article, a.sentences, a.paragraphs)
        extraction = time.process_time() - started
        started = time.process_time()
        analyze(corpus)
        whole = time.process_time() - started
        print(f"{size:>4}x{len(corpus):>10,}{extraction:>14.1f}{whole:>11.1f}{whole / extraction:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
