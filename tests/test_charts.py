"""The figures chart: what each mark claims, and that it renders offline."""

from __future__ import annotations

import polars as pl
import vl_convert
from hypothesis import given
from hypothesis import strategies as st

from research.charts import ABOUT, OPEN_END, figure_marks, figures_chart

APPROXES = ["exact", "about", "more_than", "at_least", "less_than", "up_to", "almost", "range", "several", "dozens"]


def _figures(rows: list[dict[str, object]]) -> pl.DataFrame:
    defaults: dict[str, object] = {
        "claimant": None, "via": [], "value": None, "low": None, "high": None, "approx": "exact",
        "kind": "killed", "unit": "troops", "text": "", "article": "a",
    }  # fmt: skip
    return pl.DataFrame([{**defaults, **row} for row in rows], schema_overrides={"via": pl.List(pl.String())})


def test_marks_draw_what_each_figure_claims() -> None:
    figures = _figures(
        [
            {"claimant": "Russia's Defence Ministry", "via": ["BBC"], "value": 234.0, "low": 234.0,
             "approx": "more_than", "text": "more than 234 Ukrainian troops"},
            {"claimant": "TASS", "value": 60.0, "approx": "about", "text": "About 60"},
            {"claimant": "RIA Novosti", "value": 100.0, "low": 100.0, "high": 100.0, "text": "100"},
            {"claimant": "Legion", "low": 10.0, "high": 20.0, "approx": "range", "text": "10 to 20"},
            {"claimant": "Kyiv", "approx": "several", "text": "several"},
        ]
    )  # fmt: skip
    marks = {row["who"]: row for row in figure_marks(figures).iter_rows(named=True)}
    assert set(marks) == {"Russia's Defence Ministry · via BBC", "TASS", "RIA Novosti", "Legion"}  # "several": no number
    ministry = marks["Russia's Defence Ministry · via BBC"]
    assert (ministry["from"], ministry["shown"], ministry["to"]) == (234.0, 234.0, 234.0 * (1 + OPEN_END))
    assert ministry["claim_kind"] == "more than"
    assert (marks["TASS"]["from"], marks["TASS"]["to"]) == (60.0 * (1 - ABOUT), 60.0 * (1 + ABOUT))
    assert (marks["RIA Novosti"]["from"], marks["RIA Novosti"]["to"]) == (100.0, 100.0)
    assert (marks["Legion"]["from"], marks["Legion"]["shown"], marks["Legion"]["to"]) == (10.0, 10.0, 20.0)
    assert {row["measure"] for row in marks.values()} == {"killed · troops"}


def test_article_voice_figures_are_labelled() -> None:
    marks = figure_marks(_figures([{"value": 3.0, "low": 3.0, "high": 3.0, "text": "three"}]))
    assert marks["who"].to_list() == ["the article"]


@given(
    value=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    spread=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    approx=st.sampled_from(APPROXES),
)
def test_every_mark_spans_its_point(value: float, spread: float, approx: str) -> None:
    bounds = {
        "exact": (value, value),
        "range": (value, value + spread),
        "more_than": (value, None),
        "at_least": (value, None),
        "less_than": (None, value),
        "up_to": (None, value),
        "almost": (None, value),
    }.get(approx, (None, None))
    marks = figure_marks(_figures([{"value": value, "low": bounds[0], "high": bounds[1], "approx": approx}]))
    (row,) = marks.iter_rows(named=True)
    assert row["from"] <= row["shown"] <= row["to"]


def test_chart_renders_offline_with_every_claimant() -> None:
    figures = _figures(
        [
            {"claimant": "TASS", "value": 60.0, "approx": "about", "text": "About 60"},
            {"claimant": "RIA Novosti", "value": 6.0, "low": 6.0, "high": 6.0, "kind": "destroyed", "unit": "tanks",
             "text": "Six tanks"},
        ]
    )  # fmt: skip
    svg = vl_convert.vegalite_to_svg(figures_chart(figures).to_json())
    for expected in ("TASS", "RIA Novosti", "killed · troops", "destroyed · tanks", "About 60", "Six tanks"):
        assert expected in svg
