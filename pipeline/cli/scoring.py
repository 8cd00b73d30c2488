"""`referat eval GOLD_DIR FILE...`: extract files and score them against gold JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from pipeline.errors import ReferatError
from pipeline.evaluate import format_scores, score_documents
from pipeline.paths import shown


def gold_name(path: Path, gold_dir: Path) -> str | None:
    """The gold file stem for a document: its own stem, else the longest gold
    stem it starts with (so komdir_..._dagsorden_scan.pdf scores against
    komdir_..._dagsorden.json)."""
    stems = sorted((p.stem for p in gold_dir.glob("*.json")), key=len, reverse=True)
    if path.stem in stems:
        return path.stem
    return next((s for s in stems if path.stem.startswith(s)), None)


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_cmd(
        gold_dir: Path = typer.Argument(
            ..., exists=True, file_okay=False, help="Folder of gold JSON (GUIDE.md format)."
        ),
        files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Documents to extract and score."),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses and extras."),
        workers: int = typer.Option(1, "--workers", "-w", min=0, help="Worker processes; 0 = here, no budgets."),
        timeout: float = typer.Option(120.0, "--timeout", min=0.1, help="Seconds one file may take."),
        memory_mb: int = typer.Option(2048, "--memory-mb", min=64, help="Memory one worker may use (MB)."),
        model: Optional[str] = typer.Option(
            None, "--model", help="spaCy pipeline to load (default: as `referat import`; 'blank' for the rules only)."
        ),
    ) -> None:
        """Extract FILES and print precision/recall/F1 per field against GOLD_DIR.
        Each file runs under the import's time and memory budgets (--timeout, --memory-mb).

        Example: referat eval tests/data/expected data/raw/*.pdf
        """
        from pipeline.process import run_files

        triples, failed = [], False
        wanted = {}
        for f in files:
            name = gold_name(f, gold_dir)
            if name is None:
                typer.echo(f"Error: {shown(f)}: no gold file for it in {gold_dir}", err=True)
                failed = True
            else:
                wanted[str(f)] = name
        preds: dict[str, dict | None] = {}

        def collect(outcome) -> None:
            nonlocal failed
            if outcome.record is None:
                typer.echo(f"Error: {shown(outcome.path)}: {outcome.error}", err=True)
                failed = True
            preds[outcome.path] = outcome.record.to_gold_json() if outcome.record else None

        try:
            run_files(
                list(wanted),
                collect,
                workers=min(workers, max(1, len(wanted))),
                timeout_s=timeout,
                memory_mb=memory_mb,
                model=model,
            )
        except ReferatError as e:
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(2)
        for path, name in wanted.items():
            gold = json.loads((gold_dir / f"{name}.json").read_text(encoding="utf-8"))
            triples.append((Path(path).name, gold, preds.get(path)))
        scores = score_documents(triples)
        typer.echo(format_scores(scores))
        if verbose:
            typer.echo("\n".join(scores.misses))
        raise typer.Exit(1 if failed else 0)
