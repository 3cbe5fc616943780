"""Why the pipeline extracted what it did: per sentence, the rules that fired and what they found."""

from __future__ import annotations

import re

import msgspec

import research.extract.attribution as attribution_rules
from research.extract.article import extract_article
from research.model import Claim, Figure, IngestedArticle, TimeExpression

__all__ = ["RULE_SHAPES", "SentenceExplanation", "explain_article"]

# The shapes the attribution rules recognise, read from the rule module's own docstring.
RULE_SHAPES: dict[str, str] = {
    match.group(1): match.group(2).strip()
    for match in re.finditer(r"^- `([\w.]+)`\s+(.+)$", attribution_rules.__doc__ or "", re.MULTILINE)
}
RULE_SHAPES.setdefault("attribution.standalone_quote.v1", "a quotation with no cue, continuing the previous speaker")


class SentenceExplanation(msgspec.Struct, frozen=True, kw_only=True):
    """One sentence and everything extracted from it."""

    sentence: int
    paragraph: int
    zone: str
    start: int
    end: int
    text: str
    claims: list[Claim]
    figures: list[Figure]
    times: list[TimeExpression]


def explain_article(ingested: IngestedArticle) -> list[SentenceExplanation]:
    """Every sentence of the article with the claims, figures and time expressions found in it."""
    article = ingested.article
    extraction = extract_article(article, ingested.sentences, ingested.paragraphs)
    zones = {p.index: p.zone for p in ingested.paragraphs}
    out: list[SentenceExplanation] = []
    for sentence in ingested.sentences:
        inside = [sentence.start, sentence.end]
        out.append(
            SentenceExplanation(
                sentence=sentence.index,
                paragraph=sentence.paragraph,
                zone=zones.get(sentence.paragraph, "body"),
                start=sentence.start,
                end=sentence.end,
                text=article.text[sentence.start : sentence.end],
                claims=[c for c in extraction.claims if c.sentence == sentence.index],
                figures=[f for f in extraction.figures if f.sentence == sentence.index],
                times=[t for t in extraction.times if inside[0] <= t.start < inside[1]],
            )
        )
    return out
