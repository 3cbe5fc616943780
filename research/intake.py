"""Articles into the store: the one write path of `research ingest` and of `POST /articles`.

`store_analysis` is what `research ingest` does once a batch is analysed: re-run the corpus
stages over the stored corpus plus the batch, then commit one store version (atomically: a
batch that fails anywhere writes nothing). The API hands in articles it received as text,
HTML or JSON documents (`ArticleDocument`); they are read, checked and laid out exactly as
files and documents files are, then stored the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import msgspec

from research.errors import DuplicateArticleError, IngestError, StaleVersionError
from research.frames import from_frame
from research.ingest import RawArticle, build_article, content_hash, read_html
from research.model import Claim, Mention
from research.pipeline import Analysis, analyze, with_corpus
from research.store import CommitResult, Store

__all__ = [
    "MEDIA_TYPES",
    "ArticleDocument",
    "DocumentError",
    "MediaTypeError",
    "raw_from_documents",
    "raw_from_html",
    "raw_from_text",
    "read_body",
    "store_analysis",
    "store_articles",
]

# One writer at a time in this process: the corpus stages read the stored corpus before the
# commit, so two concurrent batches must not both read the same version.
WRITE_LOCK = threading.Lock()
# Other processes may commit while a batch's corpus stages run; this many tries, then an error.
COMMIT_ATTEMPTS = 5

NonEmpty = Annotated[str, msgspec.Meta(min_length=1, pattern=r"\S")]
JSON = "application/json"
JSON_LINES = ("application/x-ndjson", "application/jsonl")
TEXT = "text/plain"
HTML = "text/html"
MEDIA_TYPES = (JSON, *JSON_LINES, TEXT, HTML)
RE_FIELD = re.compile(r"field `([^`]+)`|\$(?:\[\d+\])*\.([A-Za-z_]+)")


class DocumentError(IngestError):
    """A JSON document that does not have the shape of an `ArticleDocument`; `field` names
    the field at fault ("body" when the JSON itself is broken)."""

    code = "invalid_document"

    def __init__(self, source: str, problem: str, *, field: str) -> None:
        super().__init__(source, problem)
        self.field = field


class MediaTypeError(IngestError):
    """A body of a media type articles cannot be read from."""

    code = "unsupported_media_type"


class ArticleDocument(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One article sent as JSON, as a line of a documents file: `id` and `text` are required.

    date: publication day (YYYY-MM-DD); source: the outlet that published it (as in the
    benchmark documents), `outlet` says the same and wins when both are given.
    """

    id: NonEmpty
    text: NonEmpty
    date: dt.date | None = None
    source: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None


def _decode(body: bytes, where: str) -> str:
    if not body:
        raise IngestError(where, "the body is empty")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(where, f"not valid UTF-8 at byte offset {exc.start} ({exc.reason})") from exc
    if not text.strip():
        raise IngestError(where, "the body holds only white space")
    return text


def _default_id(body: bytes) -> str:
    return "post-" + hashlib.sha256(body).hexdigest()[:16]


def raw_from_text(body: bytes, *, article_id: str | None = None, where: str) -> RawArticle:
    """A plain-text article (as a `.txt` file is read); its id defaults to a hash of the body."""
    return RawArticle(id=article_id or _default_id(body), text=_decode(body, where), source=where)


def raw_from_html(body: bytes, *, article_id: str | None = None, where: str) -> RawArticle:
    """An HTML page (as an `.html` file is read: main text, title, date and site name)."""
    _decode(body, where)
    with tempfile.TemporaryDirectory(prefix="research-post-") as folder:
        page = Path(folder) / "article.html"
        page.write_bytes(body)
        try:
            raw = read_html(page)
        except IngestError as exc:
            raise IngestError(where, exc.problem) from None
    url = None if raw.url == str(page) else raw.url
    return msgspec.structs.replace(raw, id=article_id or _default_id(body), source=where, url=url)


def raw_from_documents(documents: Sequence[ArticleDocument], *, where: str) -> list[RawArticle]:
    """JSON documents as raw articles (as the records of a documents file are read)."""
    if not documents:
        raise IngestError(where, "holds no documents")
    return [
        RawArticle(
            id=doc.id,
            text=doc.text,
            source=f"{where}:{number}" if len(documents) > 1 else where,
            title=doc.title or None,
            published=doc.date,
            outlet=doc.outlet or doc.source or None,
            url=doc.url or None,
        )
        for number, doc in enumerate(documents, start=1)
    ]


def _document_error(exc: msgspec.DecodeError, where: str) -> DocumentError:
    """A decode or validation error, naming the field msgspec names (`$[1].text` -> text)."""
    message = str(exc)
    found = RE_FIELD.search(message) if isinstance(exc, msgspec.ValidationError) else None
    field = next((group for group in found.groups() if group), "body") if found else "body"
    return DocumentError(where, f"invalid document: {message}", field=field)


def decode_documents(body: bytes, media_type: str, *, where: str) -> list[ArticleDocument]:
    """JSON (one document or a list of them) or JSON Lines (one document a line), validated."""
    if media_type == JSON:
        try:
            decoded = msgspec.json.decode(body, type=ArticleDocument | list[ArticleDocument])
        except msgspec.DecodeError as exc:
            raise _document_error(exc, where) from None
        documents = decoded if isinstance(decoded, list) else [decoded]
    else:
        documents = []
        for number, line in enumerate(body.splitlines(), start=1):
            if line.strip():
                try:
                    documents.append(msgspec.json.decode(line, type=ArticleDocument))
                except msgspec.DecodeError as exc:
                    raise _document_error(exc, f"{where}, line {number}") from None
    if not documents:
        raise DocumentError(where, "holds no documents", field="body")
    return documents


def read_body(body: bytes, media_type: str, *, article_id: str | None = None, where: str) -> list[RawArticle]:
    """The articles of a request body: text/plain and text/html hold one (`article_id`, else a
    hash of the body), application/json one document or a list, JSON Lines one a line."""
    if media_type == TEXT:
        return [raw_from_text(body, article_id=article_id, where=where)]
    if media_type == HTML:
        return [raw_from_html(body, article_id=article_id, where=where)]
    if media_type == JSON or media_type in JSON_LINES:
        return raw_from_documents(decode_documents(body, media_type, where=where), where=where)
    raise MediaTypeError(
        where,
        f"cannot read articles from {media_type or 'a body without a type'!r}; send one of {', '.join(MEDIA_TYPES)}",
    )


def _unique(raws: Sequence[RawArticle]) -> list[RawArticle]:
    """One article per id: the same article twice is kept once, two different ones are an error."""
    by_id: dict[str, RawArticle] = {}
    for raw in raws:
        previous = by_id.get(raw.id)
        if previous is None:
            by_id[raw.id] = raw
        elif content_hash(previous) != content_hash(raw):
            raise DuplicateArticleError(raw.id, previous.source, raw.source)
    return list(by_id.values())


def store_analysis(store: Store, analysis: Analysis, *, sources: Sequence[str]) -> CommitResult:
    """Store an analysed batch as one new version (nothing when no article is new or changed).

    Mentions, entities, stories, events, contradictions and corroboration compare articles, so
    they are recomputed over the stored corpus and the batch before the commit. Another process
    (a CLI ingest beside the API) may commit in between: the commit then refuses, and the corpus
    stages run again over the newer version, up to `COMMIT_ATTEMPTS` times.
    """
    from research.query import Corpus  # the read surface reads the stored corpus back

    attempts = 0
    with WRITE_LOCK:
        while True:
            attempts += 1
            stored = Corpus(store)
            batch = analysis
            if stored.version > 0:
                mentions = from_frame(stored.table("mentions"), Mention)
                claims = from_frame(stored.table("claims"), Claim)
                batch = with_corpus(analysis, stored.all_ingested(), mentions, stored_claims=claims)
            try:
                return store.commit(batch.tables(), sources=list(sources), expected_version=stored.version)
            except StaleVersionError:
                if attempts == COMMIT_ATTEMPTS:
                    raise


def store_articles(store: Store, raws: Sequence[RawArticle], *, source: str) -> CommitResult:
    """Lay out, analyse and store raw articles as one version, through `store_analysis`."""
    articles = [build_article(raw) for raw in _unique(raws)]
    return store_analysis(store, analyze(articles), sources=[source])
