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

CSV safety: a string cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return is written with a leading `'`, so Excel and LibreOffice show
it as text instead of running it as a formula (CSV/formula injection). Numbers
in numeric columns are never touched (-3 stays -3). `unescape_formula`
reverses it when a program reads the CSV back.

Plain CSV: UTF-8, `,` as separator, CRLF line ends (RFC 4180). Danish Excel
(`excel=True`): UTF-8 with a BOM (so Excel detects UTF-8 and shows æ, ø, å),
`;` as separator (Danish Excel reads `,` as the decimal sign), CRLF line ends.
Dates are always ISO `YYYY-MM-DD` (Excel recognises them in any locale).
Parquet keeps types: dates (`DATE_COLUMNS`) are Parquet dates, counts, votes
and pages (`COUNT_COLUMNS`) 64-bit integers with NULLs, also in a column that
is all NULL.
Decimal numbers keep `.` by default, which round-trips with pandas; Danish
Excel reads `0.75` as text, so pass `decimal=","` (CLI `--decimal-comma`) for
a sheet whose decimal numbers (the attendance `rate`) should be numbers there.

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

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, Optional

import numpy as np
import pandas as pd

from pipeline.analyst import masking, query
from pipeline.analyst.ics import ICS_TABLES, calendar_rows, events_to_ics
from pipeline.analyst.masking import NameMasker
from pipeline.analyst.query import TABLES
from pipeline.errors import ReferatError

Format = Literal["csv", "parquet", "ics"]
FORMATS = ("csv", "parquet", "ics")

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ReferatError):
    """The export's arguments cannot be used, or the output cannot be written."""


# ------------------------------------------------------------------ CSV / Parquet


# A separator (as a spreadsheet might split on it) followed by a formula trigger.
_INNER_TRIGGER = re.compile(r"(?<=[;,\t|])(\s*)(?=[=+@])")


def escape_formula(value: object) -> object:
    """`'=1+2` for a string starting with = + - @ tab or CR, and `'` before = + @
    after a separator inside the text ("Økonomi;'=1+1"), so no part of the cell is
    a live formula even if a program splits it; anything else unchanged."""
    if not isinstance(value, str):
        return value
    value = _INNER_TRIGGER.sub(r"\1'", value)
    if value[:1] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def unescape_formula(value: object) -> object:
    """Undo `escape_formula` (for programs reading an exported CSV back)."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_TRIGGERS and value[1:2]:
        return value[1:]
    return value


def _iso_dates(series: pd.Series) -> pd.Series:
    """datetime64 columns as ISO text: dates when every value is midnight, else date-times."""
    s = series
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    midnight = s.dropna().eq(s.dropna().dt.normalize()).all()
    text = s.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%dT%H:%M:%S")
    return text.astype(object).where(s.notna(), None)


def _cell_text(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):  # date objects in object columns: ISO
        return value.isoformat()
    return escape_formula(value)


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` ready for CSV: ISO dates, formula-escaped string cells.

    Only string cells change; numeric columns (and numbers inside object
    columns) are left as they are.
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[col] = _iso_dates(s)
        elif masking.texty(s) or isinstance(s.dtype, pd.CategoricalDtype):
            out[col] = s.astype(object).map(_cell_text, na_action="ignore")
    out.columns = [escape_formula(c) for c in out.columns]  # headers are cells too
    return out


def to_csv(df: pd.DataFrame, path: str | Path, *, excel: bool = False, decimal: str = ".") -> None:
    """Write `df` as CSV without its index.

    Plain: UTF-8, `,`. `excel=True`: UTF-8 with BOM, `;` (Danish Excel). Both
    end lines with CRLF (RFC 4180; it also makes the csv module quote a cell
    holding a lone CR, which a LF-terminated file would leave bare), escape
    formula-like string cells, and quote every text cell (so a separator or
    a formula inside a cell can never split it into live cells); numbers stay bare.
    """
    if decimal not in (".", ","):
        raise ExportError(f"decimal must be '.' or ',', got {decimal!r}")
    sep = ";" if excel else ","
    if decimal == sep:
        raise ExportError("a decimal comma needs the Excel format (';' separator): pass excel=True")
    frame = csv_frame(df)
    try:
        with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
            fh.write(sep.join(_csv_cell(c, decimal) for c in frame.columns) + "\r\n")
            for row in frame.itertuples(index=False, name=None):
                fh.write(sep.join(_csv_cell(v, decimal) for v in row) + "\r\n")
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None


def _csv_cell(value: object, decimal: str) -> str:
    """Text quoted always (a quote doubled), numbers bare (with the decimal mark), empty for missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        text = repr(float(value))
        return text.replace(".", decimal) if decimal != "." else text
    text = str(value)
    return '"' + text.replace('"', '""') + '"'


# Columns with a fixed type in every export, whatever the rows hold (an all-NULL column
# would otherwise come out as text or float): calendar dates and counts.
DATE_COLUMNS = ("meeting_date", "date", "end_date", "due_start", "due_end", "first_seen", "last_seen")
COUNT_COLUMNS = (
    "page",
    "pages",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "attended",
    "apologies",
    "mentions",
    "present",
    "absent",
    "decisions",
    "actions",
    "events",
    "planned",
    "recorded",
)


def _as_date(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def typed_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose DATE_COLUMNS hold `datetime.date` (None when missing) and whose
    COUNT_COLUMNS are nullable Int64, so NULLs never turn dates into text or counts into floats.
    A column whose values are not all ISO dates or whole numbers is left as it is."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if col in DATE_COLUMNS and not pd.api.types.is_datetime64_any_dtype(s.dtype):
            try:
                out[col] = pd.Series([_as_date(v) for v in s], index=s.index, dtype=object)
            except (TypeError, ValueError):
                pass
        elif col in COUNT_COLUMNS and str(s.dtype) != "Int64":
            try:
                out[col] = pd.to_numeric(s).astype("Int64")
            except (TypeError, ValueError):
                pass
    return out


def to_parquet(df: pd.DataFrame, path: str | Path) -> None:
    """Write `df` as Parquet (pyarrow), without its index.

    DATE_COLUMNS are written as Parquet dates (pyarrow date32) and COUNT_COLUMNS
    as 64-bit integers with NULLs (pandas Int64 when read back), also when a
    column is empty or all NULL.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = typed_frame(df)
    for col in out.columns:  # pyarrow needs one type per column: mixed object columns become text
        if out[col].dtype == object and col not in DATE_COLUMNS:
            kinds = {type(v) for v in out[col].dropna()}
            if len(kinds) > 1:
                out[col] = out[col].map(str, na_action="ignore")
    try:
        table = pa.Table.from_pandas(out, preserve_index=False)
        fields = [
            pa.field(f.name, pa.date32())
            if f.name in DATE_COLUMNS and (pa.types.is_null(f.type) or pa.types.is_date(f.type))
            else f
            for f in table.schema
        ]
        table = table.cast(pa.schema(fields, metadata=table.schema.metadata))
        pq.write_table(table, path)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None


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


@contextmanager
def atomic_path(out: Path) -> Iterator[Path]:
    """A temporary file beside `out` that replaces it only when the block succeeds, so
    a full disk or an error never leaves a truncated export (the old file stays)."""
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as e:
        raise ExportError(f"cannot write {out}: {e.strerror or e}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(out: Path, data: bytes) -> None:
    """Write `data` to `out` through atomic_path (an OSError becomes one ExportError line)."""
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)


__all__ = [
    "ICS_TABLES",
    "ExportError",
    "NameMasker",
    "TABLES",
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
]
