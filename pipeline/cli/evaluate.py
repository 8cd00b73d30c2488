"""`referat eval GOLD_DIR FILE...`: extract files and score them against gold JSON."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from pipeline.errors import ReferatError
from pipeline.evaluate import format_scores, score_documents


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
        gold_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of gold JSON (GUIDE.md format)."),
        files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Documents to extract and score."),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses and extras."),
    ) -> None:
        """Extract FILES and print precision/recall/F1 per field against GOLD_DIR.

        Example: referat eval ../shared/gold data/raw/*.pdf
        """
        from pipeline.extract import extract_record
        from pipeline.ingest import read_document
        from pipeline.nlp import build_nlp

        nlp = build_nlp()
        triples, failed = [], False
        for f in files:
            name = gold_name(f, gold_dir)
            if name is None:
                typer.echo(f"Error: {f}: no gold file for it in {gold_dir}", err=True)
                failed = True
                continue
            try:
                pred = extract_record(read_document(f), nlp).to_gold_json()
            except ReferatError as e:
                typer.echo(f"Error: {f}: {e}", err=True)
                failed, pred = True, None
            gold = json.loads((gold_dir / f"{name}.json").read_text(encoding="utf-8"))
            triples.append((f.name, gold, pred))
        scores = score_documents(triples)
        typer.echo(format_scores(scores))
        if verbose:
            typer.echo("\n".join(scores.misses))
        raise typer.Exit(1 if failed else 0)
