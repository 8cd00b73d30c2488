"""Parquet for analysts, with fixed column types: dates (`DATE_COLUMNS`) are Parquet dates,
counts, votes and pages (`COUNT_COLUMNS`) 64-bit integers with NULLs, also in a column
that is all NULL (`typed_frame` gives the same types as a DataFrame)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pipeline.analyst.atomic import ExportError

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
