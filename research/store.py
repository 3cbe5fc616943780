"""The embedded store: a folder of Delta Lake tables, one per frame, plus a version log.

Each table is a Delta table (read and written with polars). A store version is one row of
the `_versions` table naming the Delta version of every table at that point; writing that
row is the commit. Readers resolve a store version to table versions, so a notebook can
pin the exact corpus it analysed while a writer adds a new version beside it, and a writer
that dies half-way leaves readers on the last complete version (the next writer rolls the
half-written tables back before it starts).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import msgspec
import polars as pl
from deltalake import DeltaTable

from research.errors import StaleVersionError, StoreError
from research.frames import SCHEMAS, TABLE_KEYS, empty_frame

__all__ = ["DEFAULT_STORE", "STORE_ENV", "CommitResult", "Snapshot", "Store", "VersionInfo", "default_store_path"]

STORE_ENV = "RESEARCH_STORE"
DEFAULT_STORE = Path("data/store")
VERSIONS = "_versions"
LOCK = ".lock"
# Keep every version readable: the log and the data files of old versions are never cleaned.
TABLE_CONFIGURATION = {
    "delta.logRetentionDuration": "interval 36500 days",
    "delta.deletedFileRetentionDuration": "interval 36500 days",
}
VERSIONS_SCHEMA = pl.Schema(
    {
        "version": pl.Int64(),
        "created_at": pl.Datetime("us", "UTC"),
        "tables": pl.List(pl.Struct({"table": pl.String(), "delta_version": pl.Int64()})),
        "added": pl.Int64(),
        "replaced": pl.Int64(),
        "unchanged": pl.Int64(),
        "articles": pl.Int64(),
        "sources": pl.List(pl.String()),
    }
)
PREDICATE_CHUNK = 500


class VersionInfo(msgspec.Struct, frozen=True, kw_only=True):
    """One committed store version: when, what it changed, and each table's Delta version."""

    version: int
    created_at: dt.datetime
    tables: dict[str, int]
    added: int
    replaced: int
    unchanged: int
    articles: int
    sources: list[str]


class Snapshot(msgspec.Struct, frozen=True, kw_only=True):
    """A consistent view: store version and the Delta version of each table in it."""

    version: int
    tables: dict[str, int]


class CommitResult(msgspec.Struct, frozen=True, kw_only=True):
    """What one ingest did; `version == previous` when nothing changed."""

    version: int
    previous: int
    added: list[str]
    replaced: list[str]
    unchanged: list[str]

    @property
    def changed(self) -> bool:
        return self.version != self.previous


def default_store_path() -> Path:
    """`$RESEARCH_STORE`, else `data/store` under the current folder."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class Store:
    """A store folder; cheap to construct, nothing is created until the first commit."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_store_path()
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root}: store path exists and is not a folder")

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    def _path(self, table: str) -> Path:
        return self.root / table

    # ------------------------------------------------------------------ reading
    def versions(self) -> list[VersionInfo]:
        """Every committed version, oldest first (empty for a new store)."""
        path = self._path(VERSIONS)
        if not DeltaTable.is_deltatable(str(path)):
            return []
        frame = pl.read_delta(str(path)).sort("version")
        return [
            VersionInfo(
                version=row["version"],
                created_at=row["created_at"],
                tables={t["table"]: t["delta_version"] for t in row["tables"]},
                added=row["added"],
                replaced=row["replaced"],
                unchanged=row["unchanged"],
                articles=row["articles"],
                sources=row["sources"],
            )
            for row in frame.iter_rows(named=True)
        ]

    def snapshot(self, as_of: int | None = None) -> Snapshot:
        """The latest version, or version `as_of`; version 0 is the empty store."""
        history = self.versions()
        if as_of is None:
            return (
                Snapshot(version=history[-1].version, tables=history[-1].tables)
                if history
                else Snapshot(version=0, tables={})
            )
        if as_of == 0:
            return Snapshot(version=0, tables={})
        for info in history:
            if info.version == as_of:
                return Snapshot(version=info.version, tables=info.tables)
        latest = history[-1].version if history else 0
        raise StoreError(f"{self.root}: no version {as_of} (versions 0 to {latest} exist)")

    def version(self) -> int:
        """The latest committed version (0 for an empty store)."""
        return self.snapshot().version

    def read(self, table: str, snapshot: Snapshot | None = None) -> pl.DataFrame:
        """One table as of a snapshot (the latest by default), with its declared schema."""
        if table not in SCHEMAS:
            raise StoreError(f"{self.root}: unknown table {table!r}; tables: {', '.join(SCHEMAS)}")
        snap = snapshot if snapshot is not None else self.snapshot()
        delta_version = snap.tables.get(table)
        if delta_version is None:
            return empty_frame(table)
        frame = pl.read_delta(str(self._path(table)), version=delta_version)
        return frame.select(SCHEMAS[table].names()).cast(SCHEMAS[table])

    # ------------------------------------------------------------------ writing
    @contextmanager
    def _writer_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / LOCK).open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _roll_back_unfinished(self, snapshot: Snapshot) -> None:
        """Undo table writes of a commit that never wrote its version row."""
        for table in SCHEMAS:
            path = self._path(table)
            if not DeltaTable.is_deltatable(str(path)):
                continue
            recorded = snapshot.tables.get(table)
            if recorded is None:
                shutil.rmtree(path)
                continue
            delta = DeltaTable(str(path))
            if delta.version() > recorded:
                delta.restore(recorded)

    def _write_table(self, table: str, rows: pl.DataFrame, replace_ids: Sequence[str], exists: bool) -> int:
        path = str(self._path(table))
        rows = rows.select(SCHEMAS[table].names()).cast(SCHEMAS[table])
        key = TABLE_KEYS[table]
        if not exists:
            rows.write_delta(path, mode="error", delta_write_options={"configuration": TABLE_CONFIGURATION})
            return DeltaTable(path).version()
        if key is None:
            rows.write_delta(path, mode="overwrite")
            return DeltaTable(path).version()
        delta = DeltaTable(path)
        for at in range(0, len(replace_ids), PREDICATE_CHUNK):
            chunk = replace_ids[at : at + PREDICATE_CHUNK]
            delta.delete(f"{key} IN ({', '.join(_quote(i) for i in chunk)})")
        if rows.height:
            rows.write_delta(path, mode="append")
        return DeltaTable(path).version()

    def commit(
        self,
        tables: Mapping[str, pl.DataFrame],
        *,
        sources: Sequence[str] = (),
        expected_version: int | None = None,
    ) -> CommitResult:
        """Store a batch of analysed articles as one new version.

        `tables` maps table names to the batch's rows; `articles` is required. Articles whose
        content hash is already stored are skipped; a changed article's rows are replaced in
        every per-article table; tables without an article key are replaced whole. When no
        article is new or changed, no version is written. With `expected_version`, the commit
        is refused (`StaleVersionError`, nothing written) when the store has moved past that
        version: the corpus tables in `tables` were computed from it and would drop the other
        writer's articles.
        """
        if "articles" not in tables:
            raise StoreError(f"{self.root}: a commit needs an 'articles' table")
        unknown = set(tables) - set(SCHEMAS)
        if unknown:
            raise StoreError(f"{self.root}: unknown table(s) {', '.join(sorted(unknown))}")
        with self._writer_lock():
            snapshot = self.snapshot()
            if expected_version is not None and snapshot.version != expected_version:
                raise StaleVersionError(
                    f"{self.root}: version {snapshot.version} was committed after this batch read "
                    f"version {expected_version}"
                )
            self._roll_back_unfinished(snapshot)
            stored = self.read("articles", snapshot).select("id", "content_hash")
            stored_hash = dict(zip(stored["id"].to_list(), stored["content_hash"].to_list(), strict=True))
            batch = tables["articles"].select("id", "content_hash")
            added, replaced, unchanged = [], [], []
            for article_id, digest in zip(batch["id"].to_list(), batch["content_hash"].to_list(), strict=True):
                if article_id not in stored_hash:
                    added.append(article_id)
                elif stored_hash[article_id] != digest:
                    replaced.append(article_id)
                else:
                    unchanged.append(article_id)
            if not added and not replaced:
                return CommitResult(
                    version=snapshot.version, previous=snapshot.version, added=[], replaced=[], unchanged=unchanged
                )
            write_ids = added + replaced
            table_versions = dict(snapshot.tables)
            for table in SCHEMAS:
                key = TABLE_KEYS[table]
                rows = tables.get(table, empty_frame(table))
                if key is not None:
                    rows = rows.filter(pl.col(key).is_in(write_ids))
                elif table not in tables and table in snapshot.tables:
                    continue
                table_versions[table] = self._write_table(table, rows, replaced, table in snapshot.tables)
            info = pl.DataFrame(
                [
                    {
                        "version": snapshot.version + 1,
                        "created_at": dt.datetime.now(dt.UTC),
                        "tables": [{"table": t, "delta_version": v} for t, v in sorted(table_versions.items())],
                        "added": len(added),
                        "replaced": len(replaced),
                        "unchanged": len(unchanged),
                        "articles": len(stored_hash) + len(added),
                        "sources": list(sources),
                    }
                ],
                schema=VERSIONS_SCHEMA,
                orient="row",
            )
            versions_path = str(self._path(VERSIONS))
            if DeltaTable.is_deltatable(versions_path):
                info.write_delta(versions_path, mode="append")
            else:
                info.write_delta(
                    versions_path, mode="error", delta_write_options={"configuration": TABLE_CONFIGURATION}
                )
            return CommitResult(
                version=snapshot.version + 1,
                previous=snapshot.version,
                added=added,
                replaced=replaced,
                unchanged=unchanged,
            )
