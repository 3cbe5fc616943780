"""The `research` command line: analyze, ingest, versions, export, and what bad input gets."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from research.cli import app
from research.store import Store
from tests.conftest import GOLD, SEED

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_analyze_writes_the_export_tables(tmp_path: Path) -> None:
    code, output = run("analyze", str(SEED), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0, output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    for table in ("articles", "sentences", "paragraphs", "claims", "entities", "events", "contradictions"):
        assert f"{table}.jsonl" in names
    articles = {a["id"]: a for a in read_jsonl(tmp_path / "out" / "articles.jsonl")}
    assert articles["000_e2bdb397d315b745"]["published"] == "2024-03-12"
    assert articles["001_f9b2737bfb25786e"]["published"] == "2024-03-13"
    assert articles["003_a1177dfb8dc12fab"]["title"] == "Ukraine-based Russian armed groups claim raids into Russia"
    for key in ("id", "title", "published", "outlet", "story", "boilerplate"):
        assert key in articles["003_a1177dfb8dc12fab"]


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/corpus/seed/gold.json is not beside the project")
def test_no_gold_boilerplate_or_caption_inside_an_exported_sentence(tmp_path: Path) -> None:
    assert run("analyze", str(SEED), "--out", str(tmp_path), "--quiet")[0] == 0
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEED.glob("*.txt")}
    sentences = read_jsonl(tmp_path / "sentences.jsonl")
    articles = {a["id"]: a for a in read_jsonl(tmp_path / "articles.jsonl")}
    for article_id, meta in gold.items():
        text = texts[article_id]
        spans = [(s["start"], s["end"]) for s in sentences if s["article"] == article_id]
        kept = [(b["start"], b["end"]) for b in articles[article_id]["boilerplate"]]  # type: ignore[union-attr]
        for needle in [*meta["boilerplate"], *meta["captions"]]:
            at = text.index(needle)
            assert all(e <= at or s >= at + len(needle) for s, e in spans), needle
            assert any(s <= at and at + len(needle) <= e for s, e in kept), needle


def test_ingest_versions_and_export_as_of(tmp_path: Path) -> None:
    store = tmp_path / "store"
    files = sorted(SEED.glob("*.txt"))
    assert run("ingest", str(files[0]), "--store", str(store))[0] == 0
    code, output = run("ingest", str(SEED), "--store", str(store))
    assert code == 0 and "store version 2" in output and "4 added" in output and "1 unchanged" in output
    code, output = run("ingest", str(SEED), "--store", str(store))
    assert code == 0 and "nothing changed" in output
    code, output = run("versions", "--store", str(store), "--json")
    assert [json.loads(line)["version"] for line in output.splitlines()] == [1, 2]
    assert run("export", "--store", str(store), "--as-of", "1", "--out", str(tmp_path / "v1"), "-q")[0] == 0
    assert len(read_jsonl(tmp_path / "v1" / "articles.jsonl")) == 1
    assert run("export", "--store", str(store), "--out", str(tmp_path / "v2"), "-q")[0] == 0
    assert len(read_jsonl(tmp_path / "v2" / "articles.jsonl")) == 5
    code, output = run("export", "--store", str(store), "--as-of", "7", "--out", str(tmp_path / "v7"))
    assert code == 1 and "no version 7" in output


def test_store_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESEARCH_STORE", str(tmp_path / "env-store"))
    assert run("ingest", str(SEED), "-q")[0] == 0
    assert Store(tmp_path / "env-store").version() == 1


def test_a_batch_with_one_bad_file_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("ingest", str(SEED), "--store", str(store), "-q")[0] == 0
    before = sorted(str(p) for p in store.rglob("*"))
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED, corpus)
    (corpus / "000_e2bdb397d315b745.txt").write_text(
        "An edited article that would replace the old one.", encoding="utf-8"
    )
    (corpus / "zz_bad.txt").write_bytes(b"bad \xff byte")
    code, output = run("ingest", str(corpus), "--store", str(store), "-q")
    assert code == 1
    assert "zz_bad.txt" in output and "byte offset 4" in output
    assert Store(store).version() == 1
    assert sorted(str(p) for p in store.rglob("*")) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "missing-folder", "--out", "OUT"], "no such file or folder"),
        (["analyze", "pyproject.toml", "--out", "OUT"], "unsupported file type"),
    ],
)
def test_bad_arguments_exit_non_zero_with_a_named_error(tmp_path: Path, args: list[str], message: str) -> None:
    code, output = run(*[a.replace("OUT", str(tmp_path / "out")) for a in args])
    assert code == 1 and message in output and args[1] in output
    assert not (tmp_path / "out").exists()


def test_entry_point_runs_as_a_program(tmp_path: Path) -> None:
    """The installed `research` script, as a user runs it, with its progress bar."""
    exe = Path(sys.executable).with_name("research")
    result = subprocess.run(
        [str(exe), "analyze", str(SEED), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "5/5" in result.stderr and "analyzed 5 articles" in result.stderr
