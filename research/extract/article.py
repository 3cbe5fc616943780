"""Everything extracted from one article: claims with their figures and dates, and the figures
the article states in its own voice.

Claims come from `research.extract.claims`; figures from `research.extract.quantities`; dates
and clock times from `research.extract.time`. This module ties them together: a figure
inside a claim's content belongs to that claim (its claimant is the claim's speaker), a
figure outside every claim is the article's own (claimant null), and each claim is dated
by the first day-level expression of its content, else of its sentence, else the
publication date.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from research.extract.claims import EXTRACTED_ZONES, article_claims
from research.extract.quantities import quantities
from research.extract.time import claim_date, time_expressions
from research.model import Article, Claim, Figure, Paragraph, Quantity, Sentence, TimeExpression

__all__ = ["ArticleExtraction", "extract_article"]


class ArticleExtraction(msgspec.Struct, frozen=True, kw_only=True):
    """The extraction of one article."""

    claims: list[Claim]
    figures: list[Figure]
    times: list[TimeExpression]


def _inside(span_start: int, span_end: int, start: int, end: int) -> bool:
    return start <= span_start and span_end <= end


def _owner(quantity: Quantity, claims: Sequence[Claim]) -> Claim | None:
    """The innermost claim whose content holds the figure."""
    holders = [c for c in claims if _inside(quantity.start, quantity.end, c.content.start, c.content.end)]
    return min(holders, key=lambda c: c.content.end - c.content.start) if holders else None


def extract_article(
    article: Article, sentences: Sequence[Sentence], paragraphs: Sequence[Paragraph]
) -> ArticleExtraction:
    """Claims, figures and time expressions of one laid-out article."""
    text = article.text
    zones = {p.index: p.zone for p in paragraphs}
    readable = [s for s in sentences if zones.get(s.paragraph) in EXTRACTED_ZONES]
    claims = article_claims(article, sentences, paragraphs)
    by_sentence: dict[int, list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault(claim.sentence, []).append(claim)
    enriched: dict[str, Claim] = {}
    figures: list[Figure] = []
    times: list[TimeExpression] = []
    for sentence in readable:
        found = quantities(text, sentence.start, sentence.end)
        expressions = time_expressions(text, sentence.start, sentence.end, published=article.published)
        times.extend(expressions)
        here = by_sentence.get(sentence.index, [])
        for claim in here:
            in_content = [e for e in expressions if _inside(e.start, e.end, claim.content.start, claim.content.end)]
            when = claim_date(in_content, None) or claim_date(expressions, article.published)
            figures_of_claim = [q for q in found if _owner(q, here) is claim]
            if figures_of_claim or claim.quantities or when != claim.when:  # else the claim stays as it is
                enriched[claim.id] = msgspec.structs.replace(claim, quantities=figures_of_claim, when=when)
        for quantity in found:
            owner = _owner(quantity, here)
            figures.append(
                Figure(
                    id=f"{article.id}:f{len(figures) + 1}",
                    article=article.id,
                    sentence=sentence.index,
                    claim=owner.id if owner else None,
                    claimant=owner.speaker.name if owner and owner.speaker else None,
                    via=list(owner.via) if owner else [],
                    **msgspec.structs.asdict(quantity),
                )
            )
    return ArticleExtraction(claims=[enriched.get(c.id, c) for c in claims], figures=figures, times=times)
