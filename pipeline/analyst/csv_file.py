"""CSV for analysts: plain or Danish Excel, with formula-like cells neutralised.

CSV safety: a string cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return is written with a leading `'`, so Excel and LibreOffice show
it as text instead of running it as a formula (CSV/formula injection). Numbers
in numeric columns are never touched (-3 stays -3). `unescape_formula`
reverses it when a program reads the CSV back.

Plain CSV: UTF-8, `,` as separator, CRLF line ends (RFC 4180). Danish Excel
(`excel=True`): UTF-8 with a BOM (so Excel detects UTF-8 and shows æ, ø, å),
`;` as separator (Danish Excel reads `,` as the decimal sign), CRLF line ends.
Dates are always ISO `YYYY-MM-DD` (Excel recognises them in any locale).
Decimal numbers keep `.` by default, which round-trips with pandas; Danish
Excel reads `0.75` as text, so pass `decimal=","` (CLI `--decimal-comma`) for
a sheet whose decimal numbers (the attendance `rate`) should be numbers there.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.analyst import masking
from pipeline.analyst.atomic import ExportError

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


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
