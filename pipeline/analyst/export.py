"""Export the store's tables for analysts: CSV (plain or Danish Excel), Parquet, iCalendar.

```python
from pipeline.analyst.export import export_table, table_frame, to_csv
export_table("data/processed/referat.db", "decisions", "decisions.csv", excel=True)
export_table(db, "attendance", "attendance.parquet", fmt="parquet", pseudonymize=True)
export_table(db, "events", "referat.ics", fmt="ics")
df = table_frame(db, "actions")          # the same rows as a DataFrame
```

Every table is exported as the analyst-friendly view: meeting date, body and
canonical person names instead of raw ids; for each meeting only the records of
its winning document ("minutes win", docs/schema.md).

The files: csv_file.py (CSV, plain or Danish Excel, formula-like cells
neutralised), parquet_file.py (Parquet with fixed date and count types), ics.py
(iCalendar), each written all or nothing (atomic.py). Their names are importable
from here as well.

Defence in depth: CPR numbers are masked in the store already; every exported
text goes through `privacy.mask_cpr` again. `pseudonymize=True` replaces every
person's name with a stable label ("Person 001") from `privacy.Pseudonymizer`,
in name columns and inside texts (every spelling seen of the person, and a
first name used alone when only one person has it); bodies
("sekretariatet", "HB") keep their names. Labels are numbered by person id
(or, with `secret`, in a keyed-hash order), so one person has one label in
every table exported from the same database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

import pandas as pd

from pipeline.analyst import masking, query
from pipeline.analyst.atomic import ExportError, atomic_path, write_atomic
from pipeline.analyst.csv_file import FORMULA_TRIGGERS, csv_frame, escape_formula, to_csv, unescape_formula
from pipeline.analyst.ics import ICS_TABLES, calendar_rows, events_to_ics
from pipeline.analyst.masking import NameMasker
from pipeline.analyst.parquet_file import COUNT_COLUMNS, DATE_COLUMNS, to_parquet, typed_frame
from pipeline.analyst.query import TABLES

Format = Literal["csv", "parquet", "ics"]
FORMATS = ("csv", "parquet", "ics")


# ------------------------------------------------------------------ table views


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")


def _public(df: pd.DataFrame) -> pd.DataFrame:
    return df[[c for c in df.columns if not str(c).startswith("_")]].reset_index(drop=True)


def table_frame(
    db: query.DbLike, table: str, *, pseudonymize: bool = False, secret: Optional[str] = None
) -> pd.DataFrame:
    """The analyst view of `table` (one of TABLES; the rows of `query.table_view`) as a
    DataFrame, CPR-masked, optionally pseudonymized. Dates are ISO text, as in
    pipeline.analyst.query; `typed_frame` turns them into `datetime.date` and the counts
    into nullable Int64 (as Parquet has them)."""
    _check_table(table)
    df = query.table_view(db, table)
    if pseudonymize:
        df = masking.pseudonymize(df, table, masking.masker(db, secret))
    return masking.mask_texts(_public(df))


# ------------------------------------------------------------------ export


SPREADSHEET_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".ods"}


def guess_format(out: str | Path) -> Format:
    """The format an output file name asks for (.parquet, .ics; else csv)."""
    suffix = Path(out).suffix.lower()
    return "parquet" if suffix in (".parquet", ".pq") else "ics" if suffix in (".ics", ".ical") else "csv"


def export_table(
    db: query.DbLike,
    table: str,
    out: str | Path,
    *,
    fmt: Format = "csv",
    excel: bool = False,
    pseudonymize: bool = False,
    secret: Optional[str] = None,
    decimal: str = ".",
) -> int:
    """Write `table` (one of TABLES) to `out` as csv, parquet or ics; return the rows written."""
    _check_table(table)
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if excel and fmt != "csv":
        raise ExportError("--excel applies to the csv format only")
    out = Path(out)
    if out.suffix.lower() in SPREADSHEET_SUFFIXES:
        raise ExportError(
            f"cannot write {out.name}: referat writes CSV, Parquet or iCalendar, not an Excel "
            f"workbook; use --out {out.with_suffix('.csv').name} --excel for a CSV that Danish "
            f"Excel opens directly"
        )
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
    if fmt == "ics":
        if table not in ICS_TABLES:
            raise ExportError(f"the ics format is for {', '.join(ICS_TABLES)}, not {table!r}")
        rows = calendar_rows(db, table, pseudonymize=pseudonymize, secret=secret)
        write_atomic(out, events_to_ics(rows))
        return len(rows)
    df = table_frame(db, table, pseudonymize=pseudonymize, secret=secret)
    with atomic_path(out) as tmp:
        if fmt == "parquet":
            to_parquet(df, tmp)
        else:
            to_csv(df, tmp, excel=excel, decimal=decimal)
    return len(df)


__all__ = [
    "COUNT_COLUMNS",
    "DATE_COLUMNS",
    "FORMULA_TRIGGERS",
    "ICS_TABLES",
    "ExportError",
    "NameMasker",
    "TABLES",
    "atomic_path",
    "calendar_rows",
    "csv_frame",
    "escape_formula",
    "export_table",
    "guess_format",
    "table_frame",
    "to_csv",
    "to_parquet",
    "typed_frame",
    "unescape_formula",
    "write_atomic",
]
