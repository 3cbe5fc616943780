"""API load: the REST API on a store of at least a million claims against Datasette serving the
same claims from SQLite, driven by wrk on loopback. Prints req/s and p50/p99 latency of both
and their ratio, as medians of several runs; never passes or fails.

    apt-get install wrk                             # the load generator (Debian's package)
    .venv/bin/pip install -c requirements.lock -e '.[bench]'   # datasette, sqlite-utils
    .venv/bin/python benchmarks/api_load.py [--claims 1000000] [--runs 5] [--seconds 10]

The store is derived from the benchmark documents: they are analysed once, then every table
is repeated with new ids (`<id>~<copy>`) until the claims table holds `--claims` rows, and
committed as one store version. Datasette gets the same claims flattened into one SQLite table
with an index on the filter columns, and is served at its fastest settings (immutable file,
no facet suggestions, `_nocount=1`). Each server is pinned to one core and wrk to the other.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl

from research.local_server import free_port
from research.pipeline import analyze_paths
from research.store import Store

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
INPUTS = [SHARED / "polnear" / "documents.jsonl", SHARED / "ecbplus" / "documents.jsonl"]
BIN = Path(sys.executable).parent

# The columns of each table that hold ids (or lists of ids) a copy must rename.
Renamer = Callable[[pl.Expr], pl.Expr]


def _suffix(copy: int) -> Renamer:
    return lambda column: column + f"~{copy}"


def _renamed(name: str, frame: pl.DataFrame, copy: int) -> pl.DataFrame:
    """`frame` (table `name`) with every id it holds renamed for copy number `copy`."""
    rename = _suffix(copy)

    def ids(*columns: str) -> list[pl.Expr]:
        return [rename(pl.col(c)).alias(c) for c in columns]

    def id_lists(*columns: str) -> list[pl.Expr]:
        return [pl.col(c).list.eval(rename(pl.element())).alias(c) for c in columns]

    def in_struct(column: str, field: str) -> pl.Expr:
        return pl.col(column).struct.with_fields(rename(pl.field(field)).alias(field)).alias(column)

    def in_struct_list(column: str, field: str, *, as_list: bool = False) -> pl.Expr:
        inner = pl.field(field).list.eval(rename(pl.element())) if as_list else rename(pl.field(field))
        return pl.col(column).list.eval(pl.element().struct.with_fields(inner.alias(field))).alias(column)

    plan: dict[str, list[pl.Expr]] = {
        "articles": ids("id", "story"),
        "paragraphs": ids("article"),
        "sentences": ids("article"),
        "mentions": ids("id", "article", "entity"),
        "claims": [*ids("id", "article", "event"), in_struct("speaker", "entity")],
        "figures": ids("id", "article", "claim"),
        "stories": ids("article", "story"),
        "corroboration": [*ids("subject", "event"), *id_lists("articles")],
        "merges": ids("entity"),
        "entities": [*ids("id"), in_struct_list("mentions", "article")],
        "events": [*ids("id"), *id_lists("articles", "claims", "places")],
        "contradictions": [*ids("id", "event"), in_struct_list("positions", "claims", as_list=True)],
    }
    return frame.with_columns(plan[name]) if name in plan and frame.height else frame


def build_store(folder: Path, claims_wanted: int) -> tuple[Store, pl.DataFrame]:
    """A store of at least `claims_wanted` claims, and its claims table."""
    started = time.perf_counter()
    analysis = analyze_paths(INPUTS)
    base = analysis.tables()
    per_copy = base["claims"].height
    copies = max(1, -(-claims_wanted // per_copy))
    print(f"analysed {len(analysis.articles):,} articles: {per_copy:,} claims ({time.perf_counter() - started:.0f} s)")
    started = time.perf_counter()
    tables = {name: pl.concat([_renamed(name, frame, k) for k in range(copies)]) for name, frame in base.items()}
    store = Store(folder / "store")
    store.commit(tables, sources=[str(p) for p in INPUTS])
    print(
        f"store: {copies} copies, {tables['claims'].height:,} claims, {tables['articles'].height:,} articles "
        f"({time.perf_counter() - started:.0f} s)"
    )
    return store, tables["claims"]


def build_sqlite(folder: Path, claims: pl.DataFrame, events: pl.DataFrame) -> Path:
    """The claims flattened into one SQLite table, indexed on the columns the queries filter."""
    started = time.perf_counter()
    event_of = events.select(pl.col("id").alias("event_id"), "claims").explode("claims").rename({"claims": "id"})
    flat = (
        claims.join(event_of, on="id", how="left")
        .select(
            "id",
            "article",
            pl.col("speaker").struct.field("name").alias("speaker"),
            pl.col("speaker").struct.field("text").alias("speaker_text"),
            pl.col("cue").struct.field("text").alias("cue"),
            pl.col("content").struct.field("text").alias("content"),
            "kind",
            pl.col("via").list.join(", ").alias("via"),
            "polarity",
            "certainty",
            pl.coalesce("event", "event_id").alias("event"),
            "rule",
        )
        .unique(subset="id", keep="first", maintain_order=True)
    )
    path = folder / "bench.db"
    with contextlib.closing(sqlite3.connect(path)) as db:
        columns = flat.columns
        declared = ", ".join(f"{c} text primary key" if c == "id" else f"{c} text" for c in columns)
        db.execute(f"create table claims ({declared})")
        db.executemany(f"insert into claims values ({', '.join('?' * len(columns))})", flat.iter_rows())
        # Datasette pages by primary key: with it in the index, a filtered page is one index range.
        db.execute("create index claims_speaker on claims (speaker, id)")
        db.execute("create index claims_event on claims (event, id)")
        db.commit()
    print(f"sqlite: {flat.height:,} rows ({time.perf_counter() - started:.0f} s)")
    return path


@contextlib.contextmanager
def server(command: list[str], core: int, probe: str) -> Iterator[None]:
    """Run `command` pinned to `core` until `probe` answers 200."""
    process = subprocess.Popen(["taskset", "-c", str(core), *command], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(probe, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: {' '.join(command)}")
            time.sleep(0.5)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


RE_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
RE_PERCENTILE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
SECONDS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def wrk(url: str, core: int, seconds: int, connections: int) -> tuple[float, float, float]:
    """(req/s, p50 ms, p99 ms) of one wrk run; non-2xx answers make it fail loudly."""
    done = subprocess.run(
        ["taskset", "-c", str(core), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx" in done.stdout:
        raise SystemExit(f"errors while loading {url}:\n{done.stdout}")
    rate = RE_RATE.search(done.stdout)
    percentiles = {p: float(v) * SECONDS[unit] * 1000 for p, v, unit in RE_PERCENTILE.findall(done.stdout)}
    if rate is None or set(percentiles) != {"50", "99"}:
        raise SystemExit(f"cannot read wrk's output:\n{done.stdout}")
    return float(rate.group(1)), percentiles["50"], percentiles["99"]


def fetch_rows(url: str) -> int:
    import json

    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    rows = body.get("items", body.get("rows")) if isinstance(body, dict) else body
    return len(rows) if isinstance(rows, list) else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims in the store (at least)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each query; medians are printed")
    parser.add_argument("--seconds", type=int, default=10, help="length of one run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--keep", type=Path, help="build in (or reuse) this folder instead of a temporary one")
    args = parser.parse_args()
    for tool in ("wrk", "taskset"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install {'wrk' if tool == 'wrk' else 'util-linux'}")
    if not (BIN / "datasette").exists():
        raise SystemExit("datasette is missing: .venv/bin/pip install -c requirements.lock -e '.[bench]'")
    cores = sorted(os.sched_getaffinity(0))
    server_core, load_core = cores[-1], cores[0]
    if server_core == load_core:
        print("one core only: server and load generator share it", file=sys.stderr)

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / "store").exists() and (folder / "bench.db").exists():
            store = Store(folder / "store")
            claims = store.read("claims")
            print(f"reusing {folder}: {claims.height:,} claims")
        else:
            store, claims = build_store(folder, args.claims)
            build_sqlite(folder, claims, store.read("events"))
        events = store.read("events").with_columns(n=pl.col("claims").list.len()).sort("n", descending=True)
        speakers = (
            claims.select(pl.col("speaker").struct.field("name").alias("speaker"))
            .drop_nulls()
            .group_by("speaker")
            .len()
            .sort("len", descending=True)
        )
        common = speakers.row(0)
        rare = speakers.filter(pl.col("len") == pl.col("len").min(), pl.col("speaker").str.contains(r"^[A-Z]"))
        rare = rare.sort("speaker").row(0)
        event = events.row(0, named=True)
        print(f"common speaker {common[0]!r}: {common[1]:,} claims; rare speaker {rare[0]!r}: {rare[1]:,} claims")
        print(f"largest event {event['id']}: {event['n']:,} claims")

        api_port, datasette_port = free_port(), free_port()
        api = f"http://127.0.0.1:{api_port}"
        lite = f"http://127.0.0.1:{datasette_port}/bench/claims.json"

        def ours(speaker: str) -> str:
            return f"{api}/claims?{urllib.parse.urlencode({'speaker': speaker, 'limit': 50})}"

        def theirs(column: str, value: str) -> str:
            query = {column: value, "_size": 50, "_nocount": 1, "_shape": "objects"}
            return f"{lite}?{urllib.parse.urlencode(query)}"

        queries = {
            ("api", "claims?speaker= (common)"): ours(common[0]),
            ("datasette", "claims?speaker= (common)"): theirs("speaker", common[0]),
            ("api", "claims?speaker= (rare)"): ours(rare[0]),
            ("datasette", "claims?speaker= (rare)"): theirs("speaker", rare[0]),
            ("api", "events/{id}/ledger"): f"{api}/events/{urllib.parse.quote(event['id'])}/ledger",
            ("datasette", "claims?event= (the event's claims)"): theirs("event", event["id"]),
        }
        api_command = [str(BIN / "research"), "serve", "--store", str(folder / "store"), "--port", str(api_port)]
        api_command.append("--quiet")
        datasette_command = [
            str(BIN / "datasette"), "serve", "-i", str(folder / "bench.db"), "--port", str(datasette_port),
            "--setting", "suggest_facets", "off", "--setting", "default_facet_size", "0",
        ]  # fmt: skip
        results: dict[tuple[str, str], list[tuple[float, float, float]]] = {key: [] for key in queries}
        started = time.perf_counter()
        with server(api_command, server_core, f"{api}/health"):
            for key, url in queries.items():
                if key[0] == "api":
                    print(f"  {key[1]}: {fetch_rows(url)} rows in the first page", flush=True)
            for _ in range(args.runs):
                for key, url in queries.items():
                    if key[0] == "api":
                        results[key].append(wrk(url, load_core, args.seconds, args.connections))
        print(f"api served ({time.perf_counter() - started:.0f} s)")
        with server(datasette_command, server_core, f"http://127.0.0.1:{datasette_port}/-/versions.json"):
            for _ in range(args.runs):
                for key, url in queries.items():
                    if key[0] == "datasette":
                        results[key].append(wrk(url, load_core, args.seconds, args.connections))

    print(
        f"\n{claims.height:,} claims; {args.connections} connections, {args.seconds} s a run, "
        f"medians of {args.runs} runs; server on core {server_core}, wrk on core {load_core}"
    )
    print(f"  {'server':<10}{'query':<38}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    medians: dict[tuple[str, str], tuple[float, float, float]] = {}
    for key, runs in results.items():
        medians[key] = (
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs),
            statistics.median(r[2] for r in runs),
        )
        rate, p50, p99 = medians[key]
        print(f"  {key[0]:<10}{key[1]:<38}{rate:9.0f}{p50:9.2f}{p99:9.2f}")
    for which in ("common", "rare"):
        query = f"claims?speaker= ({which})"
        ratio = medians[("api", query)][0] / medians[("datasette", query)][0]
        print(f"  api / datasette req/s, {which} speaker: {ratio:.1f}x")


if __name__ == "__main__":
    main()
