"""Every notebook runs top to bottom against a fresh store holding the seed corpus.

Each notebook is executed in its own kernel (the venv's `python3`) with `notebooks/` as the
working directory and `RESEARCH_STORE` pointing at a store built for the test, so the
repository's own `data/store` is never touched. The executed copy is written to the test's
tmp folder; its path is printed, so pytest shows it when the test fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from research.store import STORE_ENV, Store
from tests.conftest import ROOT, SEED, make_store

NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
SEED_IDS = sorted(path.stem for path in SEED.glob("*.txt"))
CELL_TIMEOUT = 60  # seconds per cell
HIGHLIGHT_MARKER = 'class="bp"'  # the boilerplate spans of 01_corpus's highlighted articles

pytestmark = pytest.mark.notebook


def _tagged(nb: nbformat.NotebookNode, tag: str) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if tag in cell.get("metadata", {}).get("tags", [])]


def _rendered(cell: nbformat.NotebookNode) -> list[str]:
    """The text/html and text/plain of every rich output and the text of every stream."""
    texts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            texts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            texts.extend(output.data.get(mime, "") for mime in ("text/html", "text/plain"))
    return texts


def _check_corpus(nb: nbformat.NotebookNode) -> None:
    assert len(SEED_IDS) == 5, SEED_IDS
    tables = _tagged(nb, "articles-table")
    assert tables, "no cell tagged articles-table"
    shown = "\n".join(text for cell in tables for text in _rendered(cell))
    missing = [article_id for article_id in SEED_IDS if article_id not in shown]
    assert not missing, f"the articles table does not show {missing}"

    highlights = _tagged(nb, "highlight")
    assert highlights, "no cell tagged highlight"
    for cell in highlights:
        html_outputs = [
            output.data["text/html"]
            for output in cell.outputs
            if output.output_type in ("execute_result", "display_data") and "text/html" in output.data
        ]
        assert any(HIGHLIGHT_MARKER in text for text in html_outputs), (
            f"no text/html output with {HIGHLIGHT_MARKER} in:\n{cell.source}"
        )


def _shown(nb: nbformat.NotebookNode, tag: str, mime: str | None = None) -> str:
    """Everything the cells tagged `tag` rendered (only `mime` outputs when given)."""
    cells = _tagged(nb, tag)
    assert cells, f"no cell tagged {tag}"
    if mime is None:
        return "\n".join(text for cell in cells for text in _rendered(cell))
    return "\n".join(
        str(output.data[mime])
        for cell in cells
        for output in cell.get("outputs", [])
        if output.output_type in ("execute_result", "display_data") and mime in output.data
    )


def _check_ledger(nb: nbformat.NotebookNode) -> None:
    table = _shown(nb, "ledger-table", "text/html")
    assert "gt_table" in table, "the ledger is not a rendered great-tables table"
    for expected in ("Who claims what", "Russian Defense Ministry", "Russian Freedom Legion", "incursion", "BBC"):
        assert expected in table, f"the ledger table does not show {expected!r}"
    assert "deny" in table and "unverified" in table
    assert "Russian Defense Ministry" in _shown(nb, "facets")
    contradictions = _shown(nb, "contradictions-table", "text/html")
    assert "gt_table" in contradictions and "RIA Novosti" in contradictions and "TASS" in contradictions
    trace = _shown(nb, "trace")
    assert "more than 234 Ukrainian troops" in trace and "attribution." in trace


def _check_figures(nb: nbformat.NotebookNode) -> None:
    table = _shown(nb, "figures-table")
    for expected in ("more than 234 Ukrainian troops", "About 60", "RIA Novosti"):
        assert expected in table, f"the figures table does not show {expected!r}"
    chart = _shown(nb, "figures-chart", "image/svg+xml")
    assert chart.startswith("<svg"), "the figures chart did not render as SVG"
    for expected in ("killed · troops", "more than 234 Ukrainian troops", "TASS", "RIA Novosti"):
        assert expected in chart, f"the figures chart does not show {expected!r}"
    assert "killed" in _shown(nb, "numeric-contradictions")


def _check_entities(nb: nbformat.NotebookNode) -> None:
    spellings = _shown(nb, "spellings-table", "text/html")
    assert "gt_table" in spellings
    for spelling in ("Tyotkino", "Tetkino", "Teotki", "Freedom of Russia Legion", "FRL"):
        assert spelling in spellings, f"the spellings table does not show {spelling!r}"
    assert "merge.transliteration" in _shown(nb, "merges")
    detail = _shown(nb, "entity-detail")
    assert "Tyotkino" in detail and "merged" in detail


def _check_api(nb: nbformat.NotebookNode) -> None:
    for tag in ("ledger", "figures", "entity"):
        assert "identical in the API and the query layer" in _shown(nb, tag), f"{tag}: no comparison shown"
    assert "Russian Freedom Legion" in _shown(nb, "ledger")
    assert "Tyotkino" in _shown(nb, "entity")
    facets = _shown(nb, "facets")
    assert "400" in facets and "'parameter': 'polarity'" in facets


# What a notebook must show beyond running without errors, by file name.
CHECKS: dict[str, Callable[[nbformat.NotebookNode], None]] = {
    "01_corpus.ipynb": _check_corpus,
    "02_who_claims_what.ipynb": _check_ledger,
    "03_figures_in_dispute.ipynb": _check_figures,
    "04_entities_and_aliases.ipynb": _check_entities,
    "05_api.ipynb": _check_api,
}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_is_stored_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    dirty = [cell.source for cell in nb.cells if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    listing = "\n---\n".join(dirty)
    assert not dirty, f"{path.name} is saved with outputs; clear them before committing:\n{listing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path / "store", [SEED])
    seeded_version = store.version()
    monkeypatch.setenv(STORE_ENV, str(store.root))  # before the kernel starts, so it inherits it

    nb = nbformat.read(path, as_version=4)
    executed = tmp_path / f"executed-{path.name}"
    print(f"executed notebook: {executed}")
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:  # its message holds the cell's source and the traceback
        pytest.fail(f"{path.name} failed (executed copy: {executed}):\n{exc}", pytrace=False)
    finally:
        nbformat.write(nb, executed)

    errors = [
        f"{cell.source}\n{output.ename}: {output.evalue}"
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert not errors, "error outputs:\n" + "\n---\n".join(errors)
    # Warnings the notebook's own code triggers reach the cell as stderr; they fail it as they fail the tests.
    stderr = [
        f"{cell.source}\n{output.text}"
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if output.output_type == "stream" and output.name == "stderr"
    ]
    assert not stderr, "stderr outputs:\n" + "\n---\n".join(stderr)
    assert Store(store.root).version() == seeded_version, "the notebook wrote to a store that was not empty"

    check = CHECKS.get(path.name)
    if check is not None:
        check(nb)
