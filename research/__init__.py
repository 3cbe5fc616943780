"""Claim-level, explainable comparison of how news sources report the same events.

The pipeline: ingest -> extract -> resolve -> events -> compare -> store -> query.
Start with `research.query.Corpus` in a notebook, or the `research` command line.
"""

from research.errors import ResearchError
from research.model import Article, Claim, Contradiction, Entity, Event, Mention, Paragraph, Quantity, Sentence, Span

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "Contradiction",
    "Entity",
    "Event",
    "Mention",
    "Paragraph",
    "Quantity",
    "ResearchError",
    "Sentence",
    "Span",
    "__version__",
]
