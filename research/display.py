"""HTML views for notebooks, built only from spans: every character shown is `text[start:end]`."""

from __future__ import annotations

import html

from research.errors import ResearchError
from research.query import ArticleDetail, ParagraphView

__all__ = ["highlight_article"]

SENTENCE_COLOURS = ("#dbeafe", "#fde68a")
LABEL_STYLE = "font:11px monospace;color:#6b7280;display:inline-block;min-width:9.5em"
BP_LABEL_STYLE = "font:11px monospace;color:#b91c1c;background:#fee2e2;padding:0 4px;margin-right:6px"
BP_STYLE = "color:#9ca3af;text-decoration:line-through"


def _span(text: str, css_class: str, style: str = "", title: str = "") -> str:
    attributes = f' class="{css_class}"'
    if style:
        attributes += f' style="{style}"'
    if title:
        attributes += f' title="{html.escape(title)}"'
    return f"<span{attributes}>{html.escape(text)}</span>"


def _boilerplate_line(detail: ArticleDetail, start: int, end: int, paragraph: ParagraphView | None) -> str:
    marks = [b for b in detail.boilerplate if b.start < end and start < b.end]
    labels = [f"{b.kind} · {b.rule}" for b in marks] or [f"boilerplate · {paragraph.rule if paragraph else '?'}"]
    where = f"¶{paragraph.index}" if paragraph is not None else "outside ¶"
    badges = "".join(_span(label, "bp-label", BP_LABEL_STYLE) for label in labels)
    body = _span(detail.text[start:end], "bp", BP_STYLE, "; ".join(labels))
    return _span(f"{where} boilerplate", "zone", LABEL_STYLE) + badges + body


def _paragraph_line(detail: ArticleDetail, paragraph: ParagraphView) -> str:
    text = detail.text
    weight = "font-weight:bold;" if paragraph.zone in ("title", "heading") else ""
    pieces, cursor = [], paragraph.start
    for sentence in (s for s in detail.sentences if s.paragraph == paragraph.index):
        pieces.append(html.escape(text[cursor : sentence.start]))
        colour = SENTENCE_COLOURS[sentence.index % 2]
        pieces.append(
            _span(
                text[sentence.start : sentence.end],
                f"sentence {paragraph.zone}",
                f"{weight}background:{colour}",
                f"sentence {sentence.index}",
            )
        )
        cursor = sentence.end
    pieces.append(html.escape(text[cursor : paragraph.end]))
    return _span(f"¶{paragraph.index} {paragraph.zone}", "zone", LABEL_STYLE) + "".join(pieces)


def highlight_article(detail: ArticleDetail) -> str:
    """The article as HTML: one line per paragraph with its zone, sentences in alternating
    colours, boilerplate greyed and struck through with its kind and rule.

    Raises ResearchError when some non-blank text lies in no paragraph or boilerplate span,
    so the view can never hide text silently.
    """
    text = detail.text
    blocks: list[tuple[int, int, ParagraphView | None]] = [(p.start, p.end, p) for p in detail.paragraphs]
    for b in detail.boilerplate:
        if not any(p.start <= b.start and b.end <= p.end for p in detail.paragraphs):
            blocks.append((b.start, b.end, None))
    blocks.sort(key=lambda block: block[0])
    lines, position = [], 0
    for start, end, paragraph in blocks:
        if text[position:start].strip():
            raise ResearchError(f"{detail.id}: text [{position}, {start}) is in no paragraph or boilerplate span")
        position = max(position, end)
        if paragraph is None or paragraph.zone == "boilerplate":
            lines.append(_boilerplate_line(detail, start, end, paragraph))
        else:
            lines.append(_paragraph_line(detail, paragraph))
    if text[position:].strip():
        raise ResearchError(f"{detail.id}: text from {position} is in no paragraph or boilerplate span")
    rows = "".join(f'<div style="margin:3px 0">{line}</div>' for line in lines)
    return (
        '<div class="ingest-view" style="font-family:sans-serif;font-size:13px;line-height:1.55;'
        'max-height:36em;overflow-y:auto;border:1px solid #e5e7eb;padding:8px">'
        f"<h4 style='margin:0 0 6px 0'>{html.escape(detail.id)}</h4>{rows}</div>"
    )
