"""Names and CPR numbers out of the analyst tables: person pseudonyms for one database
and CPR masking of every text cell, shared by the exports and the calendar.

The rules themselves are `pipeline.privacy`'s (`Pseudonymizer`, `mask_cpr`,
`replace_person_names`); this module applies them to the DataFrames of
`query.table_view`, reading the people registry through `pipeline.analyst.query`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Optional, SupportsInt, cast

import pandas as pd

from pipeline.analyst import query
from pipeline.privacy import Pseudonymizer, mask_cpr, pseudonymize_file_names, replace_person_names


def texty(s: pd.Series) -> bool:
    """An object or string column (pandas >= 3 gives text columns the `str` dtype)."""
    return s.dtype == object or pd.api.types.is_string_dtype(s.dtype)


class NameMasker:
    """Stable person pseudonyms for one database (via privacy.Pseudonymizer).

    Persons (not bodies) are numbered up front, so a person has the same label
    in every table exported from the database. `text()` replaces every known
    spelling of a person in free text (longest first), and a first name used
    alone when exactly one person has it.
    """

    def __init__(self, conn: sqlite3.Connection, secret: Optional[str] = None):
        self.kinds: dict[int, str] = query.person_kinds(conn)
        persons = sorted(pid for pid, kind in self.kinds.items() if kind == "person")
        self.pseudo = Pseudonymizer(secret)
        self.pseudo.preassign(persons)
        spellings: dict[str, int] = {}
        for pid, spelling in query.person_spellings(conn):
            if self.kinds.get(pid) == "person" and spelling and spelling.strip():
                spellings.setdefault(spelling.strip(), pid)
        firsts: dict[str, set[int]] = {}
        for spelling, pid in spellings.items():
            parts = spelling.split()
            if len(parts) > 1 and len(parts[0]) >= 3 and parts[0][:1].isupper():
                firsts.setdefault(parts[0], set()).add(pid)
        for first, pids in firsts.items():
            if len(pids) == 1 and first not in spellings:
                spellings[first] = next(iter(pids))
        self.by_spelling = spellings
        self.by_casefold = {s.casefold(): pid for s, pid in spellings.items() if " " in s}
        names = sorted(spellings, key=len, reverse=True)
        # a known spelling, also in the genitive ("Stines forslag")
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?=s?(?!\w))") if names else None
        )

    def label(self, person_id: object) -> Optional[str]:
        """The pseudonym of a person id; None for bodies and unknown ids."""
        pid = _int(person_id)
        if pid is None:
            return None
        return self.pseudo(pid) if self.kinds.get(pid) == "person" else None

    def name(self, name: Optional[str], person_id: object = None) -> Optional[str]:
        """A name column's value: the person's label; a body's name unchanged."""
        if name is None or (not isinstance(name, str) and pd.isna(name)):
            return name
        pid = _int(person_id)
        label = self.label(pid)
        if label is None and pid is None:
            known = self.by_casefold.get(name.strip().casefold())
            label = self.label(known) if known is not None else None
        if label is None and (pid is None or self.kinds.get(pid) != "body"):
            label = self.text_of(name)  # an unresolved name: at least its known parts
        return label if label is not None else name

    def text(self, text: object) -> object:
        """Free text with every person's name replaced by a label: the registry's
        spellings first, then names the registry does not hold (third parties
        named in a decision), found by privacy.find_person_names. Non-text unchanged."""
        return self.text_of(text) if isinstance(text, str) else text

    def text_of(self, text: str) -> str:
        """`text()` of a string."""
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: self.pseudo(self.by_spelling[m[0]]) or m[0], text)
        return replace_person_names(text, lambda name: self.pseudo(("unregistered", name.casefold())) or name)


def _int(value: object) -> Optional[int]:
    """A person id cell as an int; None for missing values (None, NaN, NA)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return int(cast("SupportsInt | str", value))


def masker(db: query.DbLike, secret: Optional[str] = None) -> NameMasker:
    """The NameMasker of a database."""
    with query.connect(db) as conn:
        return NameMasker(conn, secret)


FILE_NAME_COLUMNS = ("file", "documents", "other_paths")  # file names and paths, and "; " lists of them
_NAME_COLUMNS = {"attendance": ("person", "written_as"), "people": ("name",), "agenda_items": ("owner",)}


def pseudonymize(df: pd.DataFrame, table: str, masker: NameMasker) -> pd.DataFrame:
    """A copy of a `query.table_view` frame with every person's name replaced by a label,
    in the name columns and inside texts; bodies keep their names."""
    df = df.copy()
    ids = df["_person_id"] if "_person_id" in df.columns else pd.Series([None] * len(df), index=df.index)
    for col in _NAME_COLUMNS.get(table, ()):
        df[col] = [masker.name(v, pid) for v, pid in zip(df[col], ids)]
    if table == "people":
        df.loc[df["kind"] == "person", "spellings"] = None  # other spellings would name the person
        # sorted by label, not by the real names (that order would give them away)
        df = df.sort_values(["kind", "name"], ascending=[False, True], key=_natural)
    if "_owners" in df.columns:
        df["owners"] = [_owner_labels(v, masker) for v in df["_owners"]]
    skip = set(_NAME_COLUMNS.get(table, ())) | {"owners", "spellings", "file", "documents"}
    for col in df.columns:
        if col not in skip and not col.startswith("_") and texty(df[col]):
            df[col] = df[col].astype(object).map(masker.text, na_action="ignore")
    for col in FILE_NAME_COLUMNS:  # "referat_Stine_Johansen_2024-03-01.docx" names a person too
        if col in df.columns:
            df[col] = df[col].map(lambda v: pseudonymize_file_names(v, masker.text_of) if isinstance(v, str) else v)
    return df


def _natural(s: pd.Series) -> pd.Series:
    return s.astype(object).map(lambda v: str(v).casefold(), na_action="ignore")


def _owner_labels(raw: Optional[str], masker: NameMasker) -> Optional[str]:
    owners = json.loads(raw) if raw else []
    names = [masker.name(name, pid) for pid, name in owners]
    return "; ".join(n for n in names if n) or None


def mask_texts(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with CPR numbers masked in every text cell (in place; returned for chaining)."""
    for col in df.columns:
        if texty(df[col]):
            df[col] = df[col].astype(object).map(lambda v: mask_cpr(v) if isinstance(v, str) else v)
    return df


def prepare(df: pd.DataFrame, table: str, names: Optional[NameMasker]) -> pd.DataFrame:
    """A `query.table_view` frame pseudonymized (when `names` is given) and CPR-masked."""
    if names is not None:
        df = pseudonymize(df, table, names)
    return mask_texts(df)
