"""`research`: ingest, analyze, export, serve and list versions from the command line."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from research.errors import ResearchError
from research.explain import SentenceExplanation
from research.export import write_export
from research.frames import SCHEMAS
from research.intake import store_analysis
from research.model import IngestedArticle
from research.pipeline import Analysis, analyze_paths
from research.query import Corpus
from research.store import STORE_ENV, Store, default_store_path

__all__ = ["app"]

app = typer.Typer(
    name="research",
    help="Who claims what, through whom, how sure, about which event: news articles to claim tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()
T = TypeVar("T")

CorpusArg = Annotated[
    list[Path],
    typer.Argument(
        help="Article files (.txt, .html), folders (searched recursively) or documents files"
        " (.jsonl, .jsonl.gz, .csv, .parquet)."
    ),
]
StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help=f"Store folder (default: ${STORE_ENV} or data/store).", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary: for scripts.")]
AsOfOpt = Annotated[int | None, typer.Option("--as-of", help="Read this store version instead of the latest.", min=0)]


def _fail(exc: ResearchError) -> typer.Exit:
    err.print(f"[bold red]error[/]: {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


def _guarded(action: Callable[[], T]) -> T:
    try:
        return action()
    except ResearchError as exc:
        raise _fail(exc) from None


@contextmanager
def _progress(quiet: bool, label: str) -> Iterator[tuple[Callable[[int], None], Callable[[IngestedArticle], None]]]:
    """Callbacks for `analyze_paths` that drive one progress bar over articles."""
    if quiet:
        yield (lambda _n: None), (lambda _a: None)
        return
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task(label, total=None)

        def on_start(total: int) -> None:
            progress.update(task, total=total)

        def on_article(_article: IngestedArticle) -> None:
            progress.advance(task)

        yield on_start, on_article


def _analyze(corpus: Sequence[Path], quiet: bool, label: str) -> Analysis:
    try:
        with _progress(quiet, label) as (on_start, on_article):
            return analyze_paths(corpus, on_start=on_start, on_article=on_article)
    except ResearchError as exc:
        raise _fail(exc) from None


def _size(analysis: Analysis) -> int:
    return sum(len(a.article.text) for a in analysis.articles)


@app.command()
def analyze(
    corpus: CorpusArg,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the export tables (JSON Lines).")],
    quiet: QuietOpt = False,
) -> None:
    """Run the whole pipeline in memory and write the export tables to --out."""
    started = time.perf_counter()
    analysis = _analyze(corpus, quiet, "analyze")
    _guarded(lambda: write_export(analysis.tables(), out_dir))
    if not quiet:
        seconds = time.perf_counter() - started
        chars = _size(analysis)
        err.print(
            f"analyzed {len(analysis.articles)} articles ({chars / 1e6:.2f} M characters) in {seconds:.2f} s "
            f"({chars / 1e6 / max(seconds, 1e-9):.2f} M chars/s); tables in {out_dir}",
            highlight=False,
        )


@app.command()
def ingest(corpus: CorpusArg, store: StoreOpt = None, quiet: QuietOpt = False) -> None:
    """Analyze articles and add them to the store as one new version."""
    analysis = _analyze(corpus, quiet, "ingest")
    target = _guarded(lambda: Store(store) if store is not None else Store(default_store_path()))
    # the corpus stages compare articles: store_analysis re-runs them over the stored corpus too
    result = _guarded(lambda: store_analysis(target, analysis, sources=[str(p) for p in corpus]))
    if not quiet:
        what = (
            f"store version {result.version}"
            if result.changed
            else f"nothing changed, store stays at version {result.version}"
        )
        err.print(
            f"{what}: {len(result.added)} added, {len(result.replaced)} replaced, "
            f"{len(result.unchanged)} unchanged ({target.root})",
            highlight=False,
        )


@app.command()
def export(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the export tables (JSON Lines).")],
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write the stored tables (latest or --as-of a version) as the export tables."""
    reader = _guarded(lambda: Corpus(store, as_of=as_of))
    snapshot_version = reader.version
    tables = _guarded(lambda: {name: reader.table(name) for name in SCHEMAS})
    _guarded(lambda: write_export(tables, out_dir))
    if not quiet:
        err.print(
            f"exported store version {snapshot_version} ({tables['articles'].height} articles) to {out_dir}",
            highlight=False,
        )


@app.command()
def versions(
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per version.")] = False,
) -> None:
    """List the store's versions, oldest first."""
    import msgspec

    history = _guarded(lambda: Store(store).versions())
    if as_json:
        for info in history:
            sys.stdout.write(msgspec.json.encode(info).decode() + "\n")
        return
    table = Table("version", "created (UTC)", "added", "replaced", "unchanged", "articles", "sources")
    for info in history:
        table.add_row(
            str(info.version),
            info.created_at.strftime("%Y-%m-%d %H:%M:%S"),
            str(info.added),
            str(info.replaced),
            str(info.unchanged),
            str(info.articles),
            ", ".join(info.sources),
        )
    out.print(table if history else "the store is empty (version 0)")


@app.command()
def explain(
    article_id: Annotated[str, typer.Argument(help="The article to explain, e.g. 003_a1177dfb8dc12fab.")],
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="Read the article from these inputs instead of the store."),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list sentences where no rule fired.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per sentence.")] = False,
) -> None:
    """Show, per sentence, which rules fired and what they extracted."""
    import msgspec

    from research.errors import NotFoundError
    from research.explain import explain_article
    from research.ingest import ingest as ingest_paths
    from research.query import Corpus

    def load() -> IngestedArticle:
        if corpus:
            for found in ingest_paths(corpus):
                if found.article.id == article_id:
                    return found
            raise NotFoundError(f"no article with id {article_id!r} in {', '.join(map(str, corpus))}")
        return Corpus(store, as_of=as_of).ingested(article_id)

    sentences = _guarded(lambda: explain_article(load()))
    if as_json:
        for item in sentences:
            sys.stdout.write(msgspec.json.encode(item).decode() + "\n")
        return
    _print_explanation(sentences, show_all=show_all)


def _print_explanation(sentences: Sequence[SentenceExplanation], *, show_all: bool) -> None:
    from research.explain import RULE_SHAPES

    for item in sentences:
        if not (item.claims or item.figures or item.times or show_all):
            continue
        out.print(f"[bold]s{item.sentence}[/] [dim]¶{item.paragraph} {item.zone}[/]  {item.text}", highlight=False)
        for claim in item.claims:
            speaker = f"{claim.speaker.text!r} → {claim.speaker.name}" if claim.speaker else "(no speaker)"
            cue = repr(claim.cue.text) if claim.cue else "-"
            out.print(
                f"  [green]claim[/] {claim.rule} [dim]({RULE_SHAPES.get(claim.rule, '')})[/]\n"
                f"      speaker {speaker} · cue {cue} · {claim.kind} · {claim.polarity} · {claim.certainty}"
                f" · via {', '.join(claim.via) or '-'} · when {claim.when or '-'}\n"
                f"      content {claim.content.text!r}",
                highlight=False,
            )
        for figure in item.figures:
            bounds = f"value {figure.value} low {figure.low} high {figure.high}"
            who = figure.claimant or "article voice"
            out.print(
                f"  [cyan]figure[/] {figure.rule}: {figure.text!r} = {bounds} ({figure.approx}) "
                f"unit {figure.unit} kind {figure.kind} · claimant {who}",
                highlight=False,
            )
        for time_expression in item.times:
            when = time_expression.date or time_expression.time or "-"
            out.print(f"  [magenta]time[/] {time_expression.rule}: {time_expression.text!r} → {when}", highlight=False)


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    quiet: QuietOpt = False,
) -> None:
    """Serve the store as a JSON API with an OpenAPI description and a docs page."""
    import uvicorn

    from api.app import create_app

    target = _guarded(lambda: Store(store))
    application = _guarded(lambda: create_app(target))
    base = f"http://{host}:{port}"
    if not quiet:
        err.print(
            f"serving {target.root} (version {target.version()})\n  API:  {base}/\n  docs: {base}/docs\n"
            f"  OpenAPI: {base}/schema/openapi.json",
            highlight=False,
        )
    uvicorn.run(application, host=host, port=port, log_level="warning" if quiet else "info", access_log=not quiet)


def main() -> None:  # pragma: no cover - console entry point
    app()
