"""`referat extract`: documents into one JSON file each (the gold format), without the store.
Wire it into the main app with `register(app)`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.common import err, require_existing, setup_logging
from pipeline.errors import ReferatError
from pipeline.paths import shown


def register(app: typer.Typer) -> None:
    """Add `extract` to `app`."""

    @app.command("extract")
    def extract_cmd(
        files: list[Path] = typer.Argument(..., help="Documents to extract."),
        json_dir: Path = typer.Option(
            ..., "--json-dir", help="Folder for <file stem>.json (shared/gold/GUIDE.md format)."
        ),
        model: Optional[str] = typer.Option(
            None, "--model", help="spaCy pipeline: blank (default), da_referat_sm, a package or a path."
        ),
        no_ocr: bool = typer.Option(False, "--no-ocr", help="Do not OCR pages without a text layer."),
        workers: int = typer.Option(
            1,
            "--workers",
            "-w",
            min=0,
            help="Worker processes (each file under the budgets below); 0 = in this process, without budgets.",
        ),
        timeout: float = typer.Option(120.0, "--timeout", min=0.1, help="Seconds one file may take."),
        memory_mb: int = typer.Option(2048, "--memory-mb", min=64, help="Memory one worker may use (MB)."),
    ) -> None:
        """Extract records from FILES into one JSON file each (DIR/<file stem>.json, or
        DIR/<file name>.json when two files share a stem), without touching the store.
        Each file runs under the same time and memory budget as in `import`. Exit code 1
        if some files failed, 2 if a file is missing.

        Example: referat extract data/raw/komdir_hb_2022-01-14_referat.pdf --json-dir out/
        """
        from pipeline.ingest import Limits
        from pipeline.process import run_files

        setup_logging(True)
        require_existing(files)
        json_dir.mkdir(parents=True, exist_ok=True)
        failures = 0
        stems = Counter(f.stem for f in files)

        def write(outcome) -> None:
            nonlocal failures
            f = Path(outcome.path)
            if outcome.record is None:
                err(f"{shown(f)}: {outcome.error}")
                failures += 1
                return
            # Two inputs with one stem (a.txt, a.pdf) must not overwrite each other: keep the suffix.
            out = json_dir / (f"{f.stem}.json" if stems[f.stem] == 1 else f"{f.name}.json")
            out.write_text(
                json.dumps(outcome.record.to_gold_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            typer.echo(f"{shown(f)} -> {shown(out)}")

        try:
            run_files(
                files,
                write,
                workers=min(workers, len(files)),
                limits=Limits(ocr=not no_ocr),
                timeout_s=timeout,
                memory_mb=memory_mb,
                model=model,
            )
        except ReferatError as e:
            err(str(e))
            raise typer.Exit(2)
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130)
        raise typer.Exit(1 if failures else 0)
