"""How the query commands print a DataFrame: a rich table (of the columns that matter), CSV
(formula-like cells neutralised, as in the exports), JSON or JSON Lines."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import pandas as pd
import typer


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


Fmt = Annotated[Format, typer.Option("--format", "-f", help="Output as a table, CSV, JSON or JSON Lines.")]


def emit(df: pd.DataFrame, fmt: Format, title: str = "", columns: tuple[str, ...] = ()) -> None:
    """Print `df` as a rich table (of `columns` when given), CSV or JSON records (all columns)."""
    if fmt is Format.csv:
        from pipeline.analyst.csv_file import csv_frame

        sys.stdout.write(csv_frame(df).to_csv(index=False))  # formula-like cells neutralised, as in export
    elif fmt in (Format.json, Format.jsonl):
        records = df.astype(object).where(df.notna(), None).to_dict(orient="records")
        if fmt is Format.json:
            typer.echo(json.dumps(records, ensure_ascii=False, indent=2, default=str))
        else:  # one object per line, for jq and streaming readers
            for r in records:
                sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    else:
        default = [c for c in df.columns if not str(c).endswith("_id")] or list(df.columns)
        _table(df, title, [c for c in columns if c in df.columns] or default)


_LONG = {"text", "variants", "owners", "dropped", "added", "documents", "title", "agenda_title", "file"}


def _table(df: pd.DataFrame, title: str, shown: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{title} ({len(df)} rows)" if title else None, show_lines=False)
    for col in shown:
        if col in _LONG:
            table.add_column(str(col), overflow="fold", ratio=1)
        else:
            table.add_column(str(col), no_wrap=True)
    for row in df[shown].itertuples(index=False):
        table.add_row(*("" if pd.isna(v) else str(v) for v in row))
    console = Console()
    if not console.is_terminal:  # piped or captured: do not squeeze into 80 columns
        console = Console(width=160)
    console.print(table)
