"""The people registry: one canonical person per human across documents.

A name is matched on a *key*: casefolded, whitespace collapsed and diacritics
folded (æ→ae, ø→oe, å→aa, é→e). Only the key is folded; names are stored as
written. Rules, in order (the rule is stored with every spelling, so merges
can be inspected):

- ``alias-file``: the user's alias file maps the spelling to a canonical name.
- ``exact-key`` / ``folded-key``: the key equals the key of a known spelling.
- ``typo-last-name`` / ``fuzzy-ratio``: same first name (after folding), the
  last names at most one edit apart, the middle names equal or the whole names
  ``ratio >= 92``, and the person already appears in the same organisation.
  Never when the alias file lists the two spellings under ``[separate]``.
- ``new``: none of the above; a new person.

Bodies and groups ("sekretariatet", "HB", "KL/Komponent", "bestyrelsen") are
owners but not people: they are stored in ``people`` with ``kind = 'body'``, one
per organisation ("bestyrelsen" of a housing association is not the board of a
sports club), and only ever match on their exact key within that organisation
(a body named where no organisation is known is one row of its own).

The registry is loaded once per Store and kept in memory; `resolve` costs a
dict lookup for known spellings. Keys and the body test are in names.py, the
alias file in aliases.py (both importable from here as before).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from pipeline.store.aliases import AliasFile
from pipeline.store.names import BODY_WORDS, body_key, clean, fold, is_body, split_key
from pipeline.store.rows import insert, inserted_id, update

Kind = Literal["person", "body"]
# The matching rules' version, stored in the database's meta table: a store made
# under older rules resolves every name again when it is opened (2: bodies per organisation).
RULES_VERSION = "2"

__all__ = [
    "BODY_WORDS",
    "MENTION_COLUMNS",
    "RULES_VERSION",
    "AliasFile",
    "Kind",
    "Match",
    "PersonRegistry",
    "body_key",
    "clean",
    "fold",
    "is_body",
    "rebuild",
    "split_key",
]


@dataclass
class _Entity:
    id: int
    name: str
    kind: Kind
    pinned: bool = False
    keys: set[str] = field(default_factory=set)
    spellings: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Match:
    person_id: int
    rule: str


class PersonRegistry:
    """In-memory index of people and bodies; writes new ones through `conn`.

    Writes happen inside the caller's transaction; after a rollback call
    `load(conn)` again so memory and database agree.
    """

    def __init__(self, aliases: AliasFile | None = None):
        self.aliases = aliases or AliasFile()
        self._by_id: dict[int, _Entity] = {}
        self._by_key: dict[str, int] = {}
        self._by_first: dict[str, set[int]] = {}

    # -- loading

    def load(self, conn: sqlite3.Connection) -> None:
        """(Re)build the in-memory index from the database."""
        self._by_id, self._by_key, self._by_first = {}, {}, {}
        for pid, name, kind, pinned in conn.execute("SELECT id, name, kind, pinned FROM people"):
            self._by_id[pid] = _Entity(pid, name, kind, bool(pinned))
        for pid, spelling, key in conn.execute("SELECT person_id, spelling, key FROM person_aliases"):
            self._add_spelling(self._by_id[pid], spelling, key)
        for pid, org in conn.execute(
            "SELECT DISTINCT m.person_id, mt.organization FROM person_mentions m "
            "JOIN meetings mt ON mt.id = m.meeting_id WHERE mt.organization IS NOT NULL"
        ):
            if pid in self._by_id:
                self._by_id[pid].orgs.add(fold(org))

    def _add_spelling(self, entity: _Entity, spelling: str, key: str) -> None:
        entity.spellings.add(spelling)
        entity.keys.add(key)
        self._by_key.setdefault(key, entity.id)
        if entity.kind == "person":
            self._by_first.setdefault(split_key(key)[0], set()).add(entity.id)

    # -- resolving

    def resolve(self, conn: sqlite3.Connection, name: str, org: str | None, kind: Kind | None = None) -> Match | None:
        """The person (or body) `name` refers to, creating it when new.

        `kind` forces person/body (attendees are people); None guesses with `is_body`.
        Returns None for an empty name.
        """
        spelling = clean(name)
        key = fold(spelling)
        if not key:
            return None
        org_key = fold(org) if org else None
        kind = kind or ("body" if is_body(spelling) else "person")
        index_key = body_key(key, org_key) if kind == "body" else key
        match = self._match(conn, spelling, key, org_key, kind, index_key)
        entity = self._by_id[match.person_id]
        if org_key:
            entity.orgs.add(org_key)
        if spelling not in entity.spellings:
            self._insert_spelling(conn, entity, spelling, index_key, match.rule)
        return match

    def _match(
        self, conn: sqlite3.Connection, spelling: str, key: str, org: str | None, kind: Kind, index_key: str
    ) -> Match:
        target = self.aliases.aliases.get(key)
        if target is not None and fold(target) != key:
            return Match(self._canonical(conn, target, kind).id, "alias-file")
        pid = self._by_key.get(index_key)
        if pid is not None:
            known = {s.casefold() for s in self._by_id[pid].spellings}
            return Match(pid, "exact-key" if spelling.casefold() in known else "folded-key")
        if kind == "person" and org:
            fuzzy = self._fuzzy(key, org)
            if fuzzy:
                return fuzzy
        return Match(self._create(conn, spelling, kind, pinned=target is not None).id, "new")

    def _canonical(self, conn: sqlite3.Connection, target: str, kind: Kind) -> _Entity:
        """The entity an alias-file target names, created (pinned) when unknown."""
        key = fold(target)
        for _ in range(5):  # follow chains of aliases
            nxt = self.aliases.aliases.get(key)
            if nxt is None or fold(nxt) == key:
                break
            target, key = nxt, fold(nxt)
        pid = self._by_key.get(key)
        if pid is None:
            entity = self._create(conn, target, "body" if is_body(target) else kind, pinned=True)
            self._insert_spelling(conn, entity, target, key, "alias-file")
            return entity
        entity = self._by_id[pid]
        if entity.name != target:
            update(conn, "people", {"name": target, "key": key, "pinned": 1}, "id = :id", {"id": pid})
            entity.name, entity.pinned = target, True
        return entity

    def _insert_spelling(self, conn: sqlite3.Connection, entity: _Entity, spelling: str, key: str, rule: str) -> None:
        insert(
            conn,
            "person_aliases",
            {"person_id": entity.id, "spelling": spelling, "key": key, "count": 0, "rule": rule},
            suffix="ON CONFLICT DO NOTHING",
        )
        self._add_spelling(entity, spelling, key)

    def _fuzzy(self, key: str, org: str) -> Match | None:
        """A known person in `org` whose name is a one-letter variant of `key`."""
        first, middle, last = split_key(key)
        if not last:
            return None
        best: tuple[int, float, int] | None = None
        for pid in self._by_first.get(first, ()):
            entity = self._by_id[pid]
            if org not in entity.orgs or self._separated(key, entity):
                continue
            for other in entity.keys:
                o_first, o_middle, o_last = split_key(other)
                if o_first != first or not o_last:
                    continue
                dist = Levenshtein.distance(last, o_last)
                score = ratio(key, other)
                if dist > 1 or (middle != o_middle and score < 92):
                    continue
                cand = (dist, -score, pid)
                if best is None or cand < best:
                    best = cand
        if best is None:
            return None
        dist, _, pid = best
        return Match(pid, "typo-last-name" if dist == 1 else "fuzzy-ratio")

    def _separated(self, key: str, entity: _Entity) -> bool:
        return any(frozenset({key, other}) in self.aliases.separate for other in entity.keys)

    def _create(self, conn: sqlite3.Connection, name: str, kind: Kind, *, pinned: bool) -> _Entity:
        cur = insert(conn, "people", {"name": name, "key": fold(name), "kind": kind, "pinned": int(pinned)})
        entity = _Entity(inserted_id(cur), name, kind, pinned)
        self._by_id[entity.id] = entity
        return entity

    # -- counting

    def count_mentions(self, conn: sqlite3.Connection, document_id: int | None, sign: int) -> set[int]:
        """Add (sign=1) or take away (sign=-1) the mentions of one document (None: all)
        from the spelling counts; return the people concerned."""
        where, params = ("WHERE document_id = ? ", (document_id,)) if document_id is not None else ("", ())
        rows = conn.execute(
            f"SELECT person_id, spelling, COUNT(*) FROM person_mentions {where}GROUP BY person_id, spelling", params
        ).fetchall()
        conn.executemany(
            "UPDATE person_aliases SET count = count + ? WHERE person_id = ? AND spelling = ?",
            [(sign * n, pid, spelling) for pid, spelling, n in rows],
        )
        return {pid for pid, _, _ in rows}

    def settle_names(self, conn: sqlite3.Connection, person_ids: Iterable[int]) -> None:
        """Rename unpinned people to their most used spelling (the current name stays on a tie)."""
        for pid in sorted(set(person_ids)):
            entity = self._by_id.get(pid)
            if entity is None or entity.pinned:
                continue
            counts = dict(conn.execute("SELECT spelling, count FROM person_aliases WHERE person_id = ?", (pid,)))
            best = max(counts, key=lambda s: (counts[s], s == entity.name), default=entity.name)
            if counts.get(best, 0) > counts.get(entity.name, 0):
                update(conn, "people", {"name": best, "key": fold(best)}, "id = :id", {"id": pid})
                entity.name = best
            self._canonical_is_new(conn, pid, entity.name)

    def _canonical_is_new(self, conn: sqlite3.Connection, pid: int, name: str) -> None:
        """The person's name is the spelling recorded 'new' and the others carry the rule that
        joined them to it, whichever spelling a batch happened to save first: an import that
        is resumed, or run with more workers, records the same rules as a clean one."""
        rules = dict(conn.execute("SELECT spelling, rule FROM person_aliases WHERE person_id = ?", (pid,)))
        first = next((s for s, r in rules.items() if r == "new"), None)
        if first is None or first == name or name not in rules or rules[name] == "alias-file":
            return
        conn.execute(
            "UPDATE person_aliases SET rule = ? WHERE person_id = ? AND spelling = ?", (rules[name], pid, first)
        )
        conn.execute("UPDATE person_aliases SET rule = 'new' WHERE person_id = ? AND spelling = ?", (pid, name))

    # -- reading

    def lookup(self, name: str) -> int | None:
        """The id of a known spelling (by key), without creating anything."""
        return self._by_key.get(fold(name))


# Where people are mentioned: (table, name column, person column, forced kind).
MENTION_COLUMNS: tuple[tuple[str, str, str, Kind | None], ...] = (
    ("attendance", "name", "person_id", "person"),
    ("person_roles", "name", "person_id", "person"),
    ("agenda_items", "owner", "owner_person_id", None),
    ("action_owners", "owner", "person_id", None),
)


def rebuild(conn: sqlite3.Connection, registry: PersonRegistry) -> None:
    """Forget all people and resolve every mention again, oldest meeting first.

    Used when the alias file changes. Run it inside a transaction.
    """
    mentions = []
    for order, (table, name_col, person_col, kind) in enumerate(MENTION_COLUMNS):
        source = (
            "action_owners r JOIN actions a ON a.id = r.action_id JOIN meetings mt ON mt.id = a.meeting_id"
            if table == "action_owners"
            else f"{table} r JOIN meetings mt ON mt.id = r.meeting_id"
        )
        doc = "a.document_id" if table == "action_owners" else "r.document_id"
        for rowid, name, org, date, doc_id in conn.execute(
            f"SELECT r.rowid, r.{name_col}, mt.organization, mt.date, {doc} FROM {source} "
            f"WHERE r.{name_col} IS NOT NULL"
        ):
            mentions.append(((date or "", doc_id, order, rowid), table, person_col, rowid, name, org, kind))
        conn.execute(f"UPDATE {table} SET {person_col} = NULL")
    conn.execute("DELETE FROM person_aliases")
    conn.execute("DELETE FROM people")
    registry.load(conn)
    for _, table, person_col, rowid, name, org, kind in sorted(mentions, key=lambda m: m[0]):
        match = registry.resolve(conn, name, org, kind)
        if match:
            conn.execute(f"UPDATE {table} SET {person_col} = ? WHERE rowid = ?", (match.person_id, rowid))
    registry.settle_names(conn, registry.count_mentions(conn, None, 1))
