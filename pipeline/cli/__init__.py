"""The `referat` command: thin Typer commands over the library.

Exit codes: 0 everything worked; 1 some files failed (the rest were
processed) or a command's error; 2 usage errors (bad options, nothing found).
"""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from pipeline.errors import ReferatError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Danish meeting minutes and agendas into structured, queryable records.")
DEFAULT_DB = Path("data/processed/referat.db")


def _err(msg: str) -> None:
    typer.echo(f"Error: {msg}", err=True)


def _setup_logging(quiet: bool) -> None:
    """Our own messages at INFO on stderr; libraries (spaCy) only warn."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    for name in ("pipeline", "referat"):
        logging.getLogger(name).setLevel(logging.WARNING if quiet else logging.INFO)


@app.command("import")
def import_cmd(
    paths: list[Path] = typer.Argument(..., help="Files or folders (searched recursively)."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="SQLite database to write."),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", "-w",
                                help="Worker processes (0 = in this process, no budgets)."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds one file may take before it is given up."),
    memory_mb: int = typer.Option(2048, "--memory-mb", help="Memory one worker may use (MB)."),
    no_ocr: bool = typer.Option(False, "--no-ocr", help="Do not OCR pages without a text layer."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", exists=True, dir_okay=False,
                                           help="TOML file of person aliases (see README)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to load (default: da_core_news_sm "
                                                              "if installed, else the rule-based pipeline)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; only failures and the summary."),
) -> None:
    """Import minutes into the store: new and changed files are read and extracted, unchanged ones skipped.

    Example: referat import data/raw --db data/processed/referat.db
    """
    from pipeline.ingest import Limits
    from pipeline.nlp import build_nlp, pipeline_name
    from pipeline.process import run_import
    from pipeline.store import Store

    _setup_logging(quiet)
    missing = [p for p in paths if not p.exists()]
    if missing:
        _err(f"{missing[0]}: no such file or folder")
        raise typer.Exit(2)
    limits = Limits(ocr=not no_ocr)
    nlp = build_nlp(model) if workers <= 0 else None
    if nlp is None:  # name the pipeline the workers will build, without building it here
        logging.getLogger("referat").info("spaCy pipeline: %s (built once per worker, %d workers)",
                                          _pipeline_label(model), workers)
    else:
        logging.getLogger("referat").info("spaCy pipeline: %s", pipeline_name(nlp))
    try:
        with Store(db, aliases=aliases) as store, _Progress(quiet) as progress:
            summary = run_import(paths, store, workers=workers, limits=limits, timeout_s=timeout,
                                 memory_mb=memory_mb, model=model, progress=progress.update, nlp=nlp)
    except ReferatError as e:
        _err(str(e))
        raise typer.Exit(1)
    _print_summary(summary, db)
    if summary.imported + summary.unchanged + len(summary.failed) == 0:
        _err("no documents found (supported: .txt .md .docx .doc .odt .rtf .pdf .html)")
        raise typer.Exit(2)
    raise typer.Exit(1 if summary.failed else 0)


def _pipeline_label(model: Optional[str]) -> str:
    if model:
        return model
    try:
        import importlib.util

        if importlib.util.find_spec("da_core_news_sm"):
            return "da_core_news_sm+rules"
    except (ImportError, ValueError):
        pass
    return "blank:da+rules (da_core_news_sm is not installed)"


class _Progress:
    """A rich progress bar on a terminal; otherwise one line per failure."""

    def __init__(self, quiet: bool):
        self.live = not quiet and sys.stderr.isatty()
        self.bar = None

    def __enter__(self):
        if self.live:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                TextColumn("{task.completed} files"), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task("importing", total=None)
        return self

    def update(self, event: str, outcome) -> None:
        if event == "failed":
            msg = f"Error: {outcome.path}: {outcome.error}"
            (self.bar.console.print(msg, markup=False, highlight=False) if self.bar else typer.echo(msg, err=True))
        if self.bar is not None:
            name = Path(outcome.path).name if outcome is not None else ""
            self.bar.update(self.task, advance=1, description=f"importing {name}"[:60])

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _print_summary(summary, db: Path) -> None:
    rate = f"{summary.documents_per_second:.1f} documents/s" if summary.imported else ""
    typer.echo(f"Imported {summary.imported}, unchanged {summary.unchanged}, failed {len(summary.failed)} "
               f"({summary.pages} pages in {summary.seconds:.1f} s{', ' + rate if rate else ''}) -> {db}")
    for path, reason in summary.failed:
        typer.echo(f"  failed: {path}: {reason}")


@app.command("extract")
def extract_cmd(
    files: list[Path] = typer.Argument(..., help="Documents to extract."),
    json_dir: Path = typer.Option(..., "--json-dir", help="Folder for <file stem>.json (GUIDE.md format)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to load."),
    no_ocr: bool = typer.Option(False, "--no-ocr", help="Do not OCR pages without a text layer."),
) -> None:
    """Extract records from FILES into one JSON file each, without touching the store.

    Example: referat extract data/raw/komdir_hb_2022-01-14_referat.pdf --json-dir out/
    """
    from pipeline.extract import extract_record
    from pipeline.ingest import Limits, read_document
    from pipeline.nlp import build_nlp

    _setup_logging(True)
    nlp = build_nlp(model)
    json_dir.mkdir(parents=True, exist_ok=True)
    failures = 0
    for f in files:
        try:
            record = extract_record(read_document(f, Limits(ocr=not no_ocr)), nlp)
        except ReferatError as e:
            _err(f"{f}: {e}")
            failures += 1
            continue
        out = json_dir / f"{f.stem}.json"
        out.write_text(json.dumps(record.to_gold_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        typer.echo(f"{f} -> {out}")
    raise typer.Exit(1 if failures else 0)


def _register_commands() -> None:
    from pipeline.cli import analyst, evaluate

    analyst.register(app)
    evaluate.register(app)
    try:
        from pipeline.cli import exporting
    except ImportError:  # the export commands are optional until their module lands
        return
    exporting.register(app)


_register_commands()


def main() -> None:
    app()
