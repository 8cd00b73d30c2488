"""Rows as dicts: INSERT and UPDATE statements built from {column: value} mappings.

Table and column names come from code (pipeline/store/columns.py builds the record
tables' rows from their models), never from data; values are always bound parameters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence


def insert(conn: sqlite3.Connection, table: str, row: Mapping[str, object], *, suffix: str = "") -> sqlite3.Cursor:
    """INSERT one row given as {column: value}: the column list and its named placeholders
    are built from the keys, so a new field is one more key (pipeline/store/columns.py
    builds the rows of the record tables from their models).
    Table and column names come from code, never from data; `suffix` is e.g. an ON CONFLICT clause."""
    return conn.execute(_insert_sql(table, list(row), suffix), dict(row))


def insert_many(conn: sqlite3.Connection, table: str, rows: Sequence[Mapping[str, object]]) -> None:
    """INSERT rows that all have the same columns (as `insert`)."""
    if not rows:
        return
    columns = list(rows[0])
    if any(list(r) != columns for r in rows):
        raise ValueError(f"rows for {table} differ in their columns")
    conn.executemany(_insert_sql(table, columns, ""), [dict(r) for r in rows])


def update(
    conn: sqlite3.Connection, table: str, values: Mapping[str, object], where: str, params: Mapping[str, object]
) -> sqlite3.Cursor:
    """UPDATE `table` SET each column of `values` WHERE `where` (named parameters: `id = :id`;
    `values` are bound as `:set_<column>`, so they never clash with the WHERE's names)."""
    sets = ", ".join(f'"{c}" = :set_{c}' for c in values)
    bound = {f"set_{c}": v for c, v in values.items()} | dict(params)
    return conn.execute(f"UPDATE {table} SET {sets} WHERE {where}", bound)


def _insert_sql(table: str, columns: list[str], suffix: str) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(f":{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) {suffix}".rstrip()


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid of the row the INSERT on `cur` just made.

    sqlite3 types `lastrowid` as optional (it is None before any INSERT); after one
    it is always an int.
    """
    rowid = cur.lastrowid
    if rowid is None:
        raise TypeError("the cursor has made no INSERT, so it has no row id")
    return rowid
