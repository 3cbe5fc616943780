"""Write tables as the JSON Lines export of `../shared/eval/README.md`.

Each file is written beside its target and renamed into place, so a failed export never
leaves a half-written table where a complete one stood.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from research.errors import StoreError
from research.frames import SCHEMAS

__all__ = ["EXPORT_TABLES", "write_export"]

EXPORT_TABLES = tuple(SCHEMAS)


def write_export(tables: Mapping[str, pl.DataFrame], out: str | Path) -> list[Path]:
    """Write every table to `out/<table>.jsonl`; returns the paths written."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: export target exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for table in EXPORT_TABLES:
        frame = tables.get(table)
        if frame is None:
            frame = pl.DataFrame(schema=SCHEMAS[table])
        target = folder / f"{table}.jsonl"
        fd, tmp = tempfile.mkstemp(prefix=f".{table}.", suffix=".tmp", dir=folder)
        os.close(fd)
        try:
            frame.write_ndjson(tmp)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(target)
    return written
