"""`referat import`: files and folders into the store, with a progress bar on a terminal
(otherwise one line per failure) and a one-line summary. Wire it into the main app with
`register(app)`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from pipeline.cli.common import DEFAULT_DB, check_config, err, require_existing, setup_logging
from pipeline.config import settings
from pipeline.errors import ReferatError
from pipeline.paths import shown


def _default_workers() -> int:
    try:
        configured = settings().workers
    except ReferatError:
        configured = None
    return configured if configured is not None else (os.cpu_count() or 1)


def register(app: typer.Typer) -> None:
    """Add `import` to `app`."""

    @app.command("import")
    def import_cmd(
        paths: list[Path] = typer.Argument(..., help="Files or folders (folders are searched recursively)."),
        db: Path = typer.Option(
            DEFAULT_DB,
            "--db",
            envvar="REFERAT_DB",
            help="SQLite database to write (created if missing; default: REFERAT_DB, "
            "referat.toml, else data/processed/referat.db).",
        ),
        workers: int = typer.Option(
            _default_workers(),
            "--workers",
            "-w",
            min=0,
            help="Worker processes; 0 = in this process, without time or memory budgets.",
        ),
        timeout: float = typer.Option(
            120.0, "--timeout", min=0.1, help="Seconds one file may take before it is given up."
        ),
        memory_mb: int = typer.Option(2048, "--memory-mb", min=64, help="Memory one worker may use (MB)."),
        no_ocr: bool = typer.Option(False, "--no-ocr", help="Do not OCR pages without a text layer."),
        aliases: Optional[Path] = typer.Option(
            None, "--aliases", exists=True, dir_okay=False, help="TOML file of person aliases (see README)."
        ),
        model: Optional[str] = typer.Option(
            None,
            "--model",
            help="spaCy pipeline: blank (the default: the rules), da_referat_sm (bundled), an installed package or a path.",
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; only failures and the summary."),
        follow_links: bool = typer.Option(
            False, "--follow-links", help="Follow symbolic links that lead out of the folders imported."
        ),
        force: bool = typer.Option(
            False,
            "--force",
            help="Extract unchanged files again (after upgrading referat); corrections are applied again.",
        ),
        cluster: Optional[str] = typer.Option(
            None,
            "--cluster",
            help="Run on Dask: a scheduler address "
            "(tcp://HOST:8786) or local:N (N worker processes here); "
            "needs dask (the cluster extra).",
        ),
        send_bytes: bool = typer.Option(
            False,
            "--send-bytes",
            help="With --cluster: send each file's bytes to the workers (default: they read the path, shared storage).",
        ),
    ) -> None:
        """Import minutes into the store: new and changed files are read and extracted,
        unchanged ones skipped, so a run that was stopped can simply be run again.

        Each file gets --timeout seconds and --memory-mb of memory in its worker;
        a file over budget is reported as failed and the batch goes on.
        Exit code 0: all files imported or unchanged; 1: some files failed (the rest
        were imported); 2: usage error or no documents found.

        Example: referat import data/raw --db data/processed/referat.db --workers 2

        On Dask (pip install the cluster extra): referat import /mnt/archive --cluster tcp://HOST:8786
        """
        from pipeline.discover import discover
        from pipeline.ingest import SUPPORTED_SUFFIXES, Limits
        from pipeline.process import run_import
        from pipeline.store import Store

        setup_logging(quiet)
        check_config()
        require_existing(paths)
        if cluster is not None:
            _check_cluster(cluster)
        if aliases is None:
            aliases = settings().aliases
        if model is None:
            model = settings().model
        for p in paths:
            if p.is_file() and p.suffix.lower() not in SUPPORTED_SUFFIXES:
                typer.echo(
                    f"Warning: {p}: unknown extension {p.suffix or '(none)'!r}; it is read as the format its bytes show",
                    err=True,
                )
        if next(iter(discover(paths)), None) is None:  # before the database is created
            err(f"no documents found in {' '.join(map(str, paths))} (supported: {' '.join(sorted(SUFFIXES_SHOWN))})")
            raise typer.Exit(2)
        try:
            with Store(db, aliases=aliases) as store, _Progress(quiet, paths) as progress:
                summary = run_import(
                    paths,
                    store,
                    workers=workers,
                    limits=Limits(ocr=not no_ocr),
                    timeout_s=timeout,
                    memory_mb=memory_mb,
                    model=model,
                    progress=progress.update,
                    force=force,
                    follow_links=follow_links,
                    cluster=cluster,
                    send_bytes=send_bytes,
                )
        except ReferatError as e:
            err(str(e))
            raise typer.Exit(1)
        except KeyboardInterrupt:
            err("interrupted; what was imported is kept: run the same command again to resume")
            raise typer.Exit(130)
        _print_summary(summary, db)
        raise typer.Exit(1 if summary.failed else 0)


def _check_cluster(spec: str) -> None:
    """A bad --cluster value is a usage error; a missing dask one clear line."""
    from pipeline.cluster import MISSING, parse_cluster

    try:
        parse_cluster(spec)
    except ValueError as e:
        err(f"--cluster {e}")
        raise typer.Exit(2)
    try:
        import distributed  # noqa: F401
    except ImportError:
        err(MISSING)
        raise typer.Exit(1)


SUFFIXES_SHOWN = {".txt", ".md", ".docx", ".doc", ".odt", ".rtf", ".pdf", ".html", ".json"}


class _Progress:
    """A rich progress bar on a terminal; otherwise one line per failure (stderr)."""

    def __init__(self, quiet: bool, paths: list[Path]):
        self.quiet = quiet
        self.live = not quiet and sys.stderr.isatty()
        self.paths = paths
        self.bar: Any = None  # a rich Progress while live

    def __enter__(self) -> _Progress:
        if self.live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            from pipeline.discover import discover

            total = sum(1 for _ in discover(self.paths))  # a cheap walk, for the ETA
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("importing", total=total)
        return self

    def _print(self, line: str) -> None:
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False)
        else:
            typer.echo(line, err=True)

    def update(self, event: str, path: str, detail: str) -> None:
        if event == "pipeline":
            if not self.quiet:
                self._print(f"spaCy pipeline: {detail}")
            return
        if event == "failed":
            self._print(f"Error: {shown(path)}: {detail}")
        elif event == "skipped":
            self._print(f"Skipped: {shown(path)}: {detail}")
            return
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"{event} {Path(path).name}"[:50].ljust(50))

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


MAX_THIN_SHOWN = 10


def _print_summary(summary, db: Path) -> None:
    """One line; each failure was already reported once, as it happened, on stderr."""
    rate = f", {summary.documents_per_second:.1f} documents/s" if summary.imported else ""
    listed = " (listed above)" if summary.failed else ""
    skipped = f", skipped {len(summary.skipped)}" if summary.skipped else ""
    typer.echo(
        f"Imported {summary.imported}, unchanged {summary.unchanged}, failed {len(summary.failed)}{listed}"
        f"{skipped} ({summary.pages} pages in {summary.seconds:.1f} s{rate}) -> {shown(db)}"
    )
    empty = [p for p, lacking in summary.thin if lacking == "no date, no attendees, no statements"]
    if summary.thin:
        typer.echo(
            f"  {len(summary.thin)} imported document(s) lack a date, attendees or statements, "
            f"{len(empty)} of them all three (check them: referat documents)"
        )
        for path, lacking in summary.thin[:MAX_THIN_SHOWN]:
            typer.echo(f"  {shown(path)}: {lacking}")
