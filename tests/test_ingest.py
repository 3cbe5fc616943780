"""Reading every input format, the errors bad input gets, and the invariants of ingest."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research.errors import DuplicateArticleError, IngestError
from research.ingest import build_article, expand_paths, ingest, read_corpus
from research.model import IngestedArticle
from tests.conftest import SEED

HTML_PAGE = """<!DOCTYPE html><html><head><title>Floods close schools | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-11-06T08:00:00Z">
<link rel="canonical" href="https://news.example.org/floods"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Floods close schools</h1>
<p>Heavy rain fell across the north overnight, and the regional governor said more than 40 schools would stay closed on Monday.</p>
<p>“We are doing everything we can to keep children safe,” the governor told reporters at a briefing in the regional capital.</p>
<p>Forecasters expect more rain later in the week, with rivers already close to the levels of the floods of 2019.</p>
</article><footer>Share this article. Copyright Example News.</footer></body></html>"""


def spans_of(built: IngestedArticle) -> list[tuple[str, int, int]]:
    return [("p", p.start, p.end) for p in built.paragraphs] + [("s", s.start, s.end) for s in built.sentences]


def test_seed_folder_reads_five_articles_skipping_gold(tmp_path: Path) -> None:
    built = ingest([SEED])
    assert sorted(b.article.id for b in built) == sorted(p.stem for p in SEED.glob("*.txt"))
    for b in built:
        assert b.article.text == (SEED / f"{b.article.id}.txt").read_bytes().decode("utf-8")


def test_folders_are_searched_recursively_and_skip_other_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("A deep article. It has text.", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    assert [p.name for p in expand_paths([tmp_path])] == ["deep.txt"]


def test_txt_keeps_text_exactly_as_read(tmp_path: Path) -> None:
    text = "Headline about the vote\r\n\r\nThe vote passed. Officials said so.\r\n"
    path = tmp_path / "vote-1.txt"
    path.write_bytes(text.encode("utf-8"))
    (built,) = ingest([path])
    assert built.article.id == "vote-1"
    assert built.article.text == text
    assert built.article.title == "Headline about the vote"
    assert [text[s.start : s.end] for s in built.sentences][1:] == ["The vote passed.", "Officials said so."]


def test_html_main_text_title_date_and_site(tmp_path: Path) -> None:
    path = tmp_path / "floods.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    (built,) = ingest([path])
    article = built.article
    assert article.title == "Floods close schools"
    assert article.published == dt.date(2023, 11, 6)
    assert article.outlet == "Example News"
    assert article.url == "https://news.example.org/floods"
    assert "more than 40 schools" in article.text and "Home" not in article.text
    assert all(article.text[s.start : s.end] for s in built.sentences)


def test_html_without_canonical_url_keeps_the_path(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        HTML_PAGE.replace('<link rel="canonical" href="https://news.example.org/floods">', ""), encoding="utf-8"
    )
    (built,) = ingest([path])
    assert built.article.url == str(path)


ROWS = [
    {
        "id": "d1",
        "text": "Senate passes bill\n\nThe Senate voted on Tuesday. It passed.",
        "date": "2016-09-20",
        "title": "Senate passes bill",
        "source": "Example Wire",
        "url": "https://example.org/d1",
    },
    {"id": "d2", "text": "Quake hits coast. Many homes were damaged, officials said.", "date": None},
]


def write_documents(path: Path, rows: list[dict[str, object]]) -> Path:
    if path.name.endswith(".jsonl.gz"):
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    elif path.suffix == ".csv":
        pl.DataFrame(rows).write_csv(path)
    else:
        pl.DataFrame(rows).write_parquet(path)
    return path


@pytest.mark.parametrize("name", ["docs.jsonl", "docs.jsonl.gz", "docs.csv", "docs.parquet"])
def test_documents_files(tmp_path: Path, name: str) -> None:
    built = {b.article.id: b.article for b in ingest([write_documents(tmp_path / name, ROWS)])}
    assert set(built) == {"d1", "d2"}
    d1 = built["d1"]
    assert (d1.title, d1.published, d1.outlet, d1.url) == (
        "Senate passes bill",
        dt.date(2016, 9, 20),
        "Example Wire",
        "https://example.org/d1",
    )
    assert d1.text == ROWS[0]["text"]
    assert built["d2"].published is None and built["d2"].outlet is None


def error_of(paths: list[Path]) -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_corpus(paths)
    return caught.value


def test_not_utf8_names_file_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Caf" + b"\xe9 au lait")
    message = str(error_of([path]))
    assert str(path) in message and "byte offset 3" in message


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "white space"),
        ("notes.docx", b"PK", "unsupported file type"),
        ("nomain.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "no main text"),
        ("noid.jsonl", b'{"text": "An article."}\n', "missing required column 'id'"),
        ("notext.csv", b"id,body\n1,hello\n", "missing required column(s) text"),
        ("broken.jsonl", b'{"id": "a", "text": "x"}\n{"id": \n', "not a JSON object"),
        ("baddate.jsonl", b'{"id": "a", "text": "x", "date": "yesterday"}\n', "YYYY-MM-DD"),
        ("emptytext.jsonl", b'{"id": "a", "text": "  "}\n', "has no text"),
    ],
)
def test_bad_input_is_named(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    message = str(error_of([path]))
    assert str(path) in message and problem in message


def test_missing_path_is_named(tmp_path: Path) -> None:
    assert "no such file" in str(error_of([tmp_path / "nope.txt"]))


def test_two_articles_with_one_id_name_both_sources(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    first = tmp_path / "a" / "same.txt"
    first.write_text("One article.", encoding="utf-8")
    docs = write_documents(tmp_path / "docs.jsonl", [{"id": "same", "text": "Another article."}])
    with pytest.raises(DuplicateArticleError) as caught:
        read_corpus([first, docs])
    assert str(first) in str(caught.value) and str(docs) in str(caught.value)


def test_the_same_article_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("One article.", encoding="utf-8")
    assert len(read_corpus([path, tmp_path])) == 1


unicode_text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=300).filter(lambda t: t.strip() != "")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=unicode_text)
def test_any_unicode_text_ingests_with_exact_spans(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(text.encode("utf-8"))
    (built,) = ingest([path])
    article = built.article
    assert article.text == text
    for b in article.boilerplate:
        assert text[b.start : b.end] == b.text
    if article.title_span:
        assert text[article.title_span.start : article.title_span.end] == article.title_span.text
    paragraphs = {p.index: p for p in built.paragraphs}
    for s in built.sentences:
        p = paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end and p.zone != "boilerplate"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(texts=st.lists(unicode_text, min_size=1, max_size=4))
def test_documents_file_and_txt_files_give_the_same_spans(tmp_path: Path, texts: list[str]) -> None:
    folder = tmp_path / "txt"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    rows = [{"id": f"a{i}", "text": t} for i, t in enumerate(texts)]
    for row in rows:
        (folder / f"{row['id']}.txt").write_bytes(str(row["text"]).encode("utf-8"))
    docs = write_documents(tmp_path / "docs.jsonl", rows)
    from_txt = {b.article.id: (b.article.title, spans_of(b)) for b in ingest([folder])}
    from_docs = {b.article.id: (b.article.title, spans_of(b)) for b in ingest([docs])}
    assert from_txt == from_docs


@given(text=unicode_text)
def test_layout_is_deterministic(text: str) -> None:
    from research.ingest import RawArticle

    raw = RawArticle(id="x", text=text, source="s")
    assert build_article(raw) == build_article(raw)
