"""Read a corpus (files, folders, documents files) into articles with exact provenance.

Every input is read and checked before anything is returned, so a batch with one bad
file fails whole and nothing of it reaches the store.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec
import polars as pl

from research.errors import DuplicateArticleError, IngestError
from research.layout import layout
from research.model import Article, IngestedArticle

__all__ = [
    "DOCUMENT_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "RawArticle",
    "build_article",
    "content_hash",
    "expand_paths",
    "ingest",
    "read_corpus",
    "read_documents",
    "read_html",
    "read_txt",
]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = (".jsonl", ".jsonl.gz", ".csv", ".parquet")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCUMENT_SUFFIXES
# Fewer words than this after extraction is navigation left-overs, not an article.
MIN_MAIN_TEXT_WORDS = 5


class RawArticle(msgspec.Struct, frozen=True, kw_only=True):
    """One article as read, before layout: text exactly as decoded, plus given metadata."""

    id: str
    text: str
    source: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _stem(path: Path) -> str:
    suffix = _suffix(path)
    return path.name[: len(path.name) - len(suffix)] if suffix else path.stem


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files to read: given files as they are, folders searched recursively.

    Inside a folder, files of unsupported types (a gold.json beside the articles) and hidden
    files are skipped; a file named explicitly must be of a supported type.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and _suffix(child) in SUPPORTED_SUFFIXES:
                    files.append(child)
        elif path.is_file():
            if _suffix(path) not in SUPPORTED_SUFFIXES:
                supported = ", ".join(SUPPORTED_SUFFIXES)
                raise IngestError(
                    str(path), f"unsupported file type {_suffix(path) or '(none)'!r}; expected one of {supported}"
                )
            files.append(path)
        else:
            raise IngestError(str(path), "no such file or folder")
    return files


def _decode(path: Path, data: bytes) -> str:
    if not data:
        raise IngestError(str(path), "file is empty")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(str(path), f"not valid UTF-8 at byte offset {exc.start} ({exc.reason})") from exc


def read_txt(path: Path) -> RawArticle:
    """A .txt file: the whole file decoded as UTF-8 is the article text; the id is the stem."""
    text = _decode(path, path.read_bytes())
    if not text.strip():
        raise IngestError(str(path), "file holds only white space")
    return RawArticle(id=_stem(path), text=text, source=str(path))


def _parse_date(value: Any, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise IngestError(where, f"date {text!r} is not of the form YYYY-MM-DD") from exc


def read_html(path: Path) -> RawArticle:
    """An HTML page: main text, title, date and site name extracted by trafilatura."""
    import trafilatura

    html = _decode(path, path.read_bytes())
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_MAIN_TEXT_WORDS:
        found = f" (only {text.strip()!r})" if text and text.strip() else ""
        raise IngestError(str(path), f"no main text found in the HTML page{found}")
    return RawArticle(
        id=_stem(path),
        text=text,
        source=str(path),
        title=getattr(doc, "title", None) or None,
        published=_parse_date(getattr(doc, "date", None), str(path)),
        outlet=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or str(path),
    )


def _document_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(locator, row) for every record of a documents file."""
    suffix = _suffix(path)
    if suffix in (".jsonl", ".jsonl.gz"):
        opener = gzip.open if suffix == ".jsonl.gz" else open
        try:
            with opener(path, "rb") as fh:
                for number, line in enumerate(fh, start=1):
                    where = f"{path}:{number}"
                    if not line.strip():
                        continue
                    try:
                        row = msgspec.json.decode(line)
                    except msgspec.DecodeError as exc:
                        raise IngestError(where, f"not a JSON object: {exc}") from exc
                    if not isinstance(row, dict):
                        raise IngestError(where, "not a JSON object")
                    yield where, row
        except (OSError, EOFError) as exc:
            raise IngestError(str(path), f"cannot read: {exc}") from exc
        return
    try:
        frame = pl.read_csv(path, infer_schema=False) if suffix == ".csv" else pl.read_parquet(path)
    except Exception as exc:  # polars raises several unrelated types for unreadable files
        raise IngestError(str(path), f"cannot read as {suffix}: {exc}") from exc
    missing = [c for c in ("id", "text") if c not in frame.columns]
    if missing:
        raise IngestError(str(path), f"missing required column(s) {', '.join(missing)}")
    for number, row in enumerate(frame.iter_rows(named=True), start=1):
        yield f"{path}:row {number}", row


def read_documents(path: Path) -> list[RawArticle]:
    """A documents file: one article per record with `id` and `text`, optional metadata."""
    if path.stat().st_size == 0:
        raise IngestError(str(path), "file is empty")
    articles: list[RawArticle] = []
    for where, row in _document_rows(path):
        for column in ("id", "text"):
            if column not in row:
                raise IngestError(str(path), f"missing required column {column!r} ({where})")
        doc_id, text = row["id"], row["text"]
        if doc_id is None or str(doc_id).strip() == "":
            raise IngestError(where, "empty id")
        if not isinstance(text, str) or not text.strip():
            raise IngestError(where, f"document {doc_id!r} has no text")
        outlet = row.get("outlet") or row.get("source")
        articles.append(
            RawArticle(
                id=str(doc_id),
                text=text,
                source=where,
                title=row.get("title") or None,
                published=_parse_date(row.get("date") or row.get("published"), where),
                outlet=str(outlet) if outlet else None,
                url=row.get("url") or None,
            )
        )
    if not articles:
        raise IngestError(str(path), "holds no documents")
    return articles


def read_file(path: Path) -> list[RawArticle]:
    """The articles of one input file, by its type."""
    suffix = _suffix(path)
    if suffix in TEXT_SUFFIXES:
        return [read_txt(path)]
    if suffix in HTML_SUFFIXES:
        return [read_html(path)]
    if suffix in DOCUMENT_SUFFIXES:
        return read_documents(path)
    raise IngestError(str(path), f"unsupported file type {suffix!r}")


def content_hash(raw: RawArticle) -> str:
    """sha256 of everything that defines the article except where it was read from."""
    payload = msgspec.json.encode([raw.id, raw.text, raw.title, raw.published, raw.outlet, raw.url])
    return hashlib.sha256(payload).hexdigest()


def build_article(raw: RawArticle, *, digest: str | None = None) -> IngestedArticle:
    """Lay out one raw article: title, date, boilerplate, paragraphs and sentences.

    digest: its `content_hash`, when already known.
    """
    found = layout(raw.text, article_id=raw.id, given_title=raw.title)
    article = Article(
        id=raw.id,
        title=found.title,
        published=raw.published or found.published,
        outlet=raw.outlet,
        url=raw.url,
        source=raw.source,
        content_hash=digest if digest is not None else content_hash(raw),
        text=raw.text,
        title_span=found.title_span,
        date_span=found.date_span,
        boilerplate=found.boilerplate,
    )
    return IngestedArticle(article=article, paragraphs=found.paragraphs, sentences=found.sentences)


def read_corpus(paths: Sequence[str | Path], *, on_file: Callable[[Path], None] | None = None) -> list[RawArticle]:
    """Every article of the given inputs, checked: ids unique, each file readable.

    The same article given twice (same id, same content) is kept once; two different
    articles with one id are an error naming both sources.
    """
    return [raw for raw, _ in _read_corpus(paths, on_file)]


def _read_corpus(
    paths: Sequence[str | Path], on_file: Callable[[Path], None] | None = None
) -> list[tuple[RawArticle, str]]:
    """`read_corpus`, each article with its `content_hash`."""
    by_id: dict[str, tuple[RawArticle, str]] = {}
    for path in expand_paths(paths):
        for raw in read_file(path):
            digest = content_hash(raw)
            previous = by_id.get(raw.id)
            if previous is not None:
                if previous[1] != digest:
                    raise DuplicateArticleError(raw.id, previous[0].source, raw.source)
                continue
            by_id[raw.id] = raw, digest
        if on_file is not None:
            on_file(path)
    if not by_id:
        raise IngestError(
            ", ".join(str(p) for p in paths), "no articles found (supported: " + ", ".join(SUPPORTED_SUFFIXES) + ")"
        )
    return list(by_id.values())


def ingest(
    paths: Sequence[str | Path],
    *,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[IngestedArticle], None] | None = None,
) -> list[IngestedArticle]:
    """Read, check and lay out a whole corpus.

    on_start(n) is called once the n articles are read and checked; on_article after each
    article is laid out (for progress bars).
    """
    raws = _read_corpus(paths)
    if on_start is not None:
        on_start(len(raws))
    result: list[IngestedArticle] = []
    for raw, digest in raws:
        built = build_article(raw, digest=digest)
        result.append(built)
        if on_article is not None:
            on_article(built)
    return result
