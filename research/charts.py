"""Charts for notebooks (altair, fed polars frames as they come from `research.query`).

Every mark is one figure a claimant stated, with the exact text it was read from in its
tooltip. Approximate figures are drawn as what they claim: "more than 234" is a bar that
starts at 234 and runs on, "about 60" a hollow mark, "between 10 and 20" a bar between them.
"""

from __future__ import annotations

import altair as alt
import polars as pl

__all__ = ["ABOUT", "OPEN_END", "figure_marks", "figures_chart"]

# How far an open-ended bound ("more than 234", "up to 30") is drawn past its figure, and the
# margin drawn around an "about" figure: a picture of the claim, not a statistic.
OPEN_END = 0.25
ABOUT = 0.1

APPROX_LABELS = {
    "exact": "exact",
    "about": "about",
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "up_to": "up to",
    "almost": "almost",
    "range": "range",
    "dozens": "dozens",
    "several": "several",
}


def figure_marks(figures: pl.DataFrame) -> pl.DataFrame:
    """One row per figure with a number to draw: who said it and through whom (`who`), what
    is counted (`measure`), the point (`value`) and the extent of the claim (`from`, `to`)."""
    return (
        figures.filter(pl.any_horizontal(pl.col("value", "low", "high").is_not_null()))
        .with_columns(
            who=pl.when(pl.col("via").list.len() > 0)
            .then(pl.col("claimant").fill_null("the article") + " · via " + pl.col("via").list.join(" → "))
            .otherwise(pl.col("claimant").fill_null("the article")),
            measure=pl.col("kind").fill_null("?") + " · " + pl.col("unit").fill_null("?"),
            shown=pl.coalesce("value", "low", "high"),
            claim_kind=pl.col("approx").replace_strict(APPROX_LABELS, default=pl.col("approx")),
        )
        .with_columns(margin=pl.when(pl.col("approx") == "about").then(ABOUT).otherwise(OPEN_END))
        .with_columns(
            **{
                "from": pl.coalesce("low", pl.col("shown") * (1 - pl.col("margin"))),
                "to": pl.coalesce("high", pl.col("shown") * (1 + pl.col("margin"))),
            }
        )
        .select("measure", "who", "claim_kind", "shown", "from", "to", "text", "article")
        .sort("measure", "shown", "who")
    )


def figures_chart(figures: pl.DataFrame, *, width: int = 460) -> alt.VConcatChart:
    """Figures by claimant and outlet, one panel per kind and unit (killed · troops, destroyed ·
    tanks ...), each with its own scale; bars show the range an approximate figure claims."""
    marks = figure_marks(figures)
    kinds = [label for label in APPROX_LABELS.values() if label in set(marks["claim_kind"].to_list())]
    colour = alt.Color("claim_kind:N", title="figure", scale=alt.Scale(domain=kinds, scheme="tableau10"))
    shape = alt.Shape("claim_kind:N", title="figure", scale=alt.Scale(domain=kinds))
    panels: list[alt.LayerChart | alt.FacetChart] = []
    for (measure,), rows in marks.group_by("measure", maintain_order=True):
        # room for the label right of the largest figure
        top = float(rows.select(pl.col("to").max()).item() or 1.0) * 1.6
        x_scale = alt.Scale(domain=[0, top], nice=False)
        base = alt.Chart(rows, title=str(measure)).encode(
            y=alt.Y("who:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
            tooltip=[
                alt.Tooltip("who:N", title="claimant"),
                alt.Tooltip("text:N", title="as written"),
                alt.Tooltip("claim_kind:N", title="figure"),
                alt.Tooltip("article:N"),
            ],
        )
        extent = base.mark_bar(height=8, opacity=0.45).encode(
            x=alt.X("from:Q", title="claimed figure", scale=x_scale), x2="to:Q", color=colour
        )
        point = base.mark_point(size=90, filled=True, opacity=1).encode(x="shown:Q", color=colour, shape=shape)
        label = base.mark_text(align="left", dx=8, fontSize=10).encode(x="to:Q", text="text:N")
        panels.append(alt.layer(extent, point, label).properties(width=width, height=alt.Step(22)))
    chart: alt.VConcatChart = alt.vconcat(*panels).resolve_scale(x="independent", color="shared", shape="shared")
    return chart
