"""Parquet keeps dates as dates and counts as integers, also where NULLs occur;
the CSV of the same table keeps ISO date text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fixtures_records import all_records
from pipeline.analyst.export import COUNT_COLUMNS, DATE_COLUMNS, TABLES, export_table, to_parquet
from pipeline.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("types") / "referat.db"
    with Store(path) as store:
        for built in all_records():
            built.save(store)
    return path


@pytest.mark.parametrize("table", TABLES)
def test_parquet_schema_has_dates_and_integers(db, tmp_path, table):
    out = tmp_path / f"{table}.parquet"
    export_table(db, table, out, fmt="parquet")
    schema = pq.read_schema(out)
    dates = [f for f in schema if f.name in DATE_COLUMNS]
    counts = [f for f in schema if f.name in COUNT_COLUMNS]
    assert dates or counts
    for f in dates:
        assert f.type == pa.date32(), (table, f.name, f.type)
    for f in counts:
        assert f.type == pa.int64(), (table, f.name, f.type)


def test_nulls_do_not_turn_counts_into_floats_or_dates_into_text(db, tmp_path):
    out = tmp_path / "decisions.parquet"
    export_table(db, "decisions", out, fmt="parquet")
    table = pq.read_table(out)
    votes = table.column("votes_for").to_pylist()
    assert None in votes and 5 in votes and all(v is None or type(v) is int for v in votes)
    due = table.column("due_start").to_pylist()
    assert None in due and dt.date(2022, 5, 20) in due
    back = pd.read_parquet(out)  # pandas gets nullable integers and date objects back
    assert str(back["votes_for"].dtype) == "Int64" and str(back["page"].dtype) == "Int64"
    assert back["meeting_date"].map(type).eq(dt.date).all()
    # the CSV of the same table keeps ISO text for dates
    csv = tmp_path / "decisions.csv"
    export_table(db, "decisions", csv)
    assert '"2022-01-14"' in csv.read_text(encoding="utf-8")


def test_all_null_columns_keep_their_types(tmp_path):
    df = pd.DataFrame(
        {
            "meeting_date": ["2022-01-14", None],
            "end_date": [None, None],
            "page": [None, None],
            "attended": [3.0, None],
            "text": ["a", None],
        }
    )
    out = tmp_path / "x.parquet"
    to_parquet(df, out)
    schema = pq.read_schema(out)
    assert schema.field("meeting_date").type == pa.date32()
    assert schema.field("end_date").type == pa.date32()
    assert schema.field("page").type == pa.int64() and schema.field("attended").type == pa.int64()
    assert pq.read_table(out).column("attended").to_pylist() == [3, None]
    assert schema.field("text").type in (pa.string(), pa.large_string())
