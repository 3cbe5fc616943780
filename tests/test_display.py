"""The notebook views show every character of the article, sliced from its spans."""

from __future__ import annotations

import html
import re

import pytest

from research.display import highlight_article
from research.errors import ResearchError
from research.query import Corpus
from research.store import Store


def visible_text(markup: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, labels removed."""
    markup = re.sub(r'<span class="(zone|bp-label)"[^>]*>[^<]*</span>', "", markup)
    markup = re.sub(r"<h4[^>]*>.*?</h4>", "", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_highlight_shows_every_non_blank_character_in_order(seed_store: Store) -> None:
    corpus = Corpus(seed_store)
    for article_id in corpus.articles()["id"]:
        detail = corpus.article(article_id)
        shown = visible_text(highlight_article(detail))
        assert "".join(shown.split()) == "".join(detail.text.split())


def test_highlight_marks_boilerplate_with_its_rule(seed_store: Store) -> None:
    markup = highlight_article(Corpus(seed_store).article("003_a1177dfb8dc12fab"))
    assert markup.count('class="bp"') == 3
    assert "share_widget · boilerplate.share_widget.v1" in markup


def test_highlight_refuses_to_hide_text(seed_store: Store) -> None:
    detail = Corpus(seed_store).article("003_a1177dfb8dc12fab")
    broken = type(detail)(
        **{**{f: getattr(detail, f) for f in detail.__struct_fields__}, "paragraphs": detail.paragraphs[1:]}
    )
    with pytest.raises(ResearchError, match="no paragraph or boilerplate span"):
        highlight_article(broken)
