"""The Store: schema, idempotent saves, replacement, failures, meetings, crash safety,
speed; and privacy (CPR masking, pseudonyms)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixtures_records import all_records, komdir_2022, komdir_2022_agenda, scf_2021, simple, synthetic
from pipeline.errors import StoreError
from pipeline.privacy import Pseudonymizer, is_cpr, mask_cpr
from pipeline.store import SCHEMA_VERSION, Store

TABLES = (
    "documents",
    "meetings",
    "meeting_documents",
    "people",
    "person_aliases",
    "person_roles",
    "attendance",
    "agenda_items",
    "decisions",
    "actions",
    "action_owners",
    "events",
    "search_fts",
)
TESTS = Path(__file__).parents[1]


def counts(store: Store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def alias_counts(store: Store) -> dict[str, int]:
    return dict(store.conn.execute("SELECT spelling, count FROM person_aliases"))


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


# ------------------------------------------------------------------ opening


def test_new_database_has_schema_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "dir" / "referat.db"
    with Store(path) as store:
        assert path.exists()
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION
        views = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert {"decision_history", "open_actions", "attendance_summary"} <= views
    with Store(path) as store:  # reopening applies nothing twice
        assert store.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for" * 100)
    with pytest.raises(StoreError, match="referat"):
        Store(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as store:
        store.conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(StoreError, match="upgrade referat"):
        Store(path)


# ------------------------------------------------------------------ idempotency and replacement


def test_saving_twice_changes_nothing(store):
    for built in all_records():
        built.save(store)
    before, aliases = counts(store), alias_counts(store)
    for built in all_records():
        built.save(store)
    assert counts(store) == before
    assert alias_counts(store) == aliases
    assert before["documents"] == 6 and before["meetings"] == 5


def test_a_changed_file_replaces_its_records(store):
    old = simple(
        "hb", "KOMDIR", "2022-01-14", ["Henrik Kruse", "Eik Møller"], decisions=["HB besluttede at udsætte budgettet."]
    )
    old.save(store)
    new = simple(
        "hb",
        "KOMDIR",
        "2022-01-14",
        ["Eik Møller", "Rie Perry"],
        decisions=["HB godkendte regnskabet.", "Det blev aftalt at holde seminar."],
    )
    assert new.record.path == old.record.path and new.record.doc_id != old.record.doc_id
    assert store.status(new.record.path, new.record.doc_id) == "changed"
    new.save(store)
    texts = [t for (t,) in store.conn.execute("SELECT text FROM decisions ORDER BY id")]
    assert texts == ["HB godkendte regnskabet.", "Det blev aftalt at holde seminar."]
    assert counts(store)["documents"] == 1 and counts(store)["meetings"] == 1
    assert counts(store)["search_fts"] == 2
    assert alias_counts(store) == {"Henrik Kruse": 0, "Eik Møller": 1, "Rie Perry": 1}
    assert store.status(new.record.path, new.record.doc_id) == "unchanged"


def test_status_and_known_files(store):
    built = komdir_2022()
    path, sha = built.record.path, built.record.doc_id
    assert store.status(path, sha) == "new"
    built.save(store, size=123, mtime=1.5)
    assert store.status(path, sha) == "unchanged"
    assert store.status(path, "0" * 64) == "changed"
    assert store.status("elsewhere/copy.txt", sha) == "unchanged"  # same bytes under another path
    assert store.known_files() == {path: (123, 1.5, sha)}


def test_failures_are_recorded_and_replaced(store):
    store.save_failure(
        "data/raw/broken.pdf", "ab" * 32, "pdf", "PDF is encrypted (ask for an open copy)", size=10, mtime=2.0
    )
    row = store.conn.execute("SELECT status, error, format, size FROM documents").fetchone()
    assert row == ("failed", "PDF is encrypted (ask for an open copy)", "pdf", 10)
    assert store.status("data/raw/broken.pdf", "ab" * 32) == "changed"  # a failure is retried
    assert store.known_files() == {}
    built = simple("broken", "KOMDIR", "2022-01-14", ["Eik Møller"], fmt="pdf")
    built.save(store)
    assert [tuple(r) for r in store.conn.execute("SELECT path, status, error FROM documents")] == [
        ("data/raw/broken.pdf", "ok", None)
    ]


def test_a_later_failure_keeps_the_good_version(store):
    """A file that was imported and later fails to read (truncated by a sync client,
    unreadable for a moment) keeps its records; the failure is noted beside them."""
    built = komdir_2022()
    built.save(store)
    before = counts(store)
    kept = store.save_failure(built.record.path, "cd" * 32, "txt", "empty file (0 bytes)")
    assert kept is not None and len(kept) == 10  # the date of the kept version
    assert counts(store) == before
    row = store.conn.execute("SELECT status, last_error FROM documents").fetchone()
    assert row == ("ok", "empty file (0 bytes)")
    built.save(store)  # read again successfully: the note goes
    assert store.conn.execute("SELECT status, last_error FROM documents").fetchone() == ("ok", None)


def test_identical_content_is_one_document_with_its_paths(store):
    built = komdir_2022()
    built.save(store)
    assert store.add_path("copies/again.txt", built.record.doc_id)
    assert not store.add_path("copies/other.txt", "ef" * 32)  # no such content stored
    assert counts(store)["documents"] == 1
    assert [tuple(r) for r in store.conn.execute("SELECT path FROM document_paths")] == [("copies/again.txt",)]


def test_warnings_and_reader_are_kept(store):
    komdir_2022().save(store, reader="pdfplumber", ocr=True, ocr_confidence=87.5, warnings=["page 2 empty"])
    row = store.conn.execute("SELECT reader, ocr, ocr_confidence, warnings, pipeline FROM documents").fetchone()
    assert row == ("pdfplumber", 1, 87.5, '["page 2 empty"]', "fixture")


def test_delete_leaves_no_orphans(store):
    for built in all_records():
        built.save(store)
    for built in all_records():
        assert store.delete(built.record.path)
    c = counts(store)
    assert all(c[t] == 0 for t in TABLES if t not in ("people", "person_aliases"))
    assert set(alias_counts(store).values()) == {0}
    assert not store.delete("never/was/there.txt")


_NAMES = st.sampled_from(
    [
        "Henrik Kruse",
        "Henrik Kruise",
        "Henrik Winther",
        "Niels Ågesen",
        "Niels Aagesen",
        "Eik Møller",
        "sekretariatet",
        "HB",
        "Anne Marie Holm",
    ]
)
_TEXT = st.text(alphabet="abcæøåABCÆØÅ 0123456789-.,", min_size=1, max_size=60).filter(str.strip)


@given(
    present=st.lists(_NAMES, max_size=6),
    decisions=st.lists(_TEXT, max_size=5),
    owners=st.lists(_NAMES, max_size=3),
    org=st.sampled_from(["KOMDIR", "FOA", None]),
)
def test_round_trip_and_idempotency(present, decisions, owners, org):
    built = simple(
        "doc",
        org,
        "2022-01-14",
        present,
        decisions=decisions,
        actions=[("Opgave til ejerne.", owners)] if owners else [],
    )
    with Store(":memory:") as store:
        built.save(store)
        stored = [t for (t,) in store.conn.execute("SELECT text FROM decisions ORDER BY id")]
        assert stored == [mask_cpr(t) for t in decisions]
        mentions = store.conn.execute("SELECT SUM(count) FROM person_aliases").fetchone()[0] or 0
        assert mentions == len([n for n in present if n.strip()]) + len(owners)
        before = counts(store)
        built.save(store)
        assert counts(store) == before


# ------------------------------------------------------------------ meetings


def test_agenda_and_minutes_are_one_meeting(store):
    agenda, minutes = komdir_2022_agenda(), komdir_2022()
    agenda.save(store)
    minutes.save(store)
    meetings = store.conn.execute("SELECT id, kind, title, mode, date FROM meetings").fetchall()
    assert len(meetings) == 1
    assert meetings[0][1:] == ("minutes", "Referat HB-møde", "digital", "2022-01-14")  # the minutes win
    kinds = [k for (k,) in store.conn.execute("SELECT kind FROM meeting_documents ORDER BY kind")]
    assert kinds == ["agenda", "minutes"]
    store.delete(minutes.record.path)
    assert store.conn.execute("SELECT kind, title, mode FROM meetings").fetchone() == (
        "agenda",
        "Dagsorden HB-møde",
        "physical",
    )
    store.delete(agenda.record.path)
    assert counts(store)["meetings"] == 0


def test_minutes_records_win_in_the_views(store):
    komdir_2022_agenda().save(store)
    komdir_2022().save(store)
    present = store.conn.execute("SELECT COUNT(*) FROM effective_attendance WHERE status = 'present'").fetchone()
    assert present == (10,)  # the minutes' list, not the agenda's four invitees as well
    assert store.conn.execute("SELECT COUNT(DISTINCT document_id) FROM effective_agenda_items").fetchone() == (1,)


def test_the_same_minutes_in_two_formats_count_once(store):
    komdir_2022().save(store)
    pdf = komdir_2022()
    pdf.record.path, pdf.record.format = pdf.record.path.replace(".txt", ".pdf"), "pdf"
    pdf.record.doc_id = "f" * 64
    pdf.save(store)
    assert counts(store)["meetings"] == 1 and counts(store)["decisions"] == 10
    assert store.conn.execute("SELECT COUNT(*) FROM decision_history").fetchone() == (5,)


def test_documents_without_a_date_are_meetings_of_their_own(store):
    simple("x", "KOMDIR", None, ["Eik Møller"]).save(store)
    simple("y", "KOMDIR", None, ["Eik Møller"]).save(store)
    assert counts(store)["meetings"] == 2


# ------------------------------------------------------------------ records and provenance


def test_provenance_is_stored_on_every_record(store):
    built = komdir_2022()
    built.save(store)
    for table in ("attendance", "agenda_items", "decisions", "actions", "events"):
        rows = store.conn.execute(f'SELECT page, start, "end", rule FROM {table}').fetchall()
        assert rows and all(r[0] == 1 and r[1] is not None and r[3] for r in rows), table
    text = store.conn.execute("SELECT text FROM documents").fetchone()[0]
    for decision, start, end in store.conn.execute('SELECT text, start, "end" FROM decisions'):
        assert text[start:end] == decision


def test_records_are_stored_with_due_votes_and_owners(store):
    for built in all_records():
        built.save(store)
    due = store.conn.execute(
        "SELECT due_text, due_start, due_end, due_precision FROM decisions WHERE text LIKE 'HB ønsker en kvantitativ%'"
    ).fetchone()
    assert due == ("forsommeren 2021", "2021-05-01", "2021-06-30", "period")
    votes = store.conn.execute(
        "SELECT votes_for, votes_against, votes_abstain FROM decisions WHERE votes_for IS NOT NULL ORDER BY id"
    ).fetchall()
    assert votes == [(5, 0, 1), (3, 1, 0)]
    owners = store.conn.execute(
        "SELECT group_concat(ao.owner, ', ') FROM action_owners ao JOIN actions a ON a.id = ao.action_id "
        "WHERE a.text LIKE 'Arbejdsgruppen mødes%' GROUP BY a.id"
    ).fetchone()[0]
    assert owners == "Niels Ågesen, Eik Møller, Henrik Winther, Stine Johansen"
    assert store.conn.execute("SELECT status FROM actions GROUP BY status").fetchall() == [("open",)]
    agenda_title = store.conn.execute("SELECT agenda_title FROM decisions WHERE text LIKE 'Pga.%'").fetchone()
    assert agenda_title == ("Større arrangementer 2022",)
    roles = store.conn.execute("SELECT name, role FROM person_roles").fetchall()
    assert roles == [("Lone Lyrskov", "referent")]


def test_cpr_numbers_are_masked_in_text_and_records(store):
    built = scf_2021()
    built.save(store)
    doc_text = store.conn.execute("SELECT text FROM documents").fetchone()[0]
    assert "170980-1234" not in doc_text and "XXXXXX-XXXX" in doc_text
    assert len(doc_text) == len(built.text)  # offsets stay valid
    decision = store.conn.execute("SELECT text FROM decisions WHERE text LIKE '%CPR%'").fetchone()[0]
    assert "CPR-nr. XXXXXX-XXXX (kontakt tlf. 12 34 56 78)" in decision


# ------------------------------------------------------------------ crash safety


def test_an_error_mid_save_leaves_nothing_half_written(store, monkeypatch):
    komdir_2022().save(store)
    before = counts(store)
    from pipeline.store import records

    def boom(self, a):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(records.RecordWriter, "_action", boom)
    with pytest.raises(RuntimeError):
        scf_2021().save(store)
    assert counts(store) == before
    monkeypatch.undo()
    scf_2021().save(store)  # the registry was reloaded: the next save works
    assert counts(store)["documents"] == 2


def test_a_killed_process_leaves_no_half_document(tmp_path):
    db = tmp_path / "r.db"
    with Store(db) as store:
        komdir_2022().save(store)
        before = counts(store)
    script = textwrap.dedent(f"""
        import os, sys
        sys.path[:0] = [{str(TESTS)!r}, {str(TESTS.parent)!r}]
        from fixtures_records import scf_2021
        from pipeline.store import Store, records
        def die(self, a):
            os._exit(9)  # killed between the documents row and the actions
        records.RecordWriter._action = die
        scf_2021().save(Store({str(db)!r}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 9, result.stderr
    with Store(db) as store:
        assert counts(store) == before
        assert store.status(scf_2021().record.path, scf_2021().record.doc_id) == "new"


def test_a_busy_database_is_a_store_error(tmp_path):
    db = tmp_path / "r.db"
    with Store(db) as a, Store(db) as b:
        b.conn.execute("PRAGMA busy_timeout = 50")
        a.conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="busy"):
            simple("x", "KOMDIR", "2022-01-01", ["Eik Møller"]).save(b)
        a.conn.execute("ROLLBACK")


# ------------------------------------------------------------------ speed and scale


@pytest.mark.slow  # saves 1,000 synthetic documents (~10 s)
def test_a_thousand_documents_import_fine(tmp_path):
    records = synthetic(1000, seed=2)
    with Store(tmp_path / "r.db") as store:
        for built in records:
            built.save(store)
        c = counts(store)
        assert c["documents"] == 1000
        assert c["search_fts"] == c["decisions"] + c["actions"]
        people = c["people"]
        assert people < 60, "typos should merge into the ~14 people of each organisation"


# ------------------------------------------------------------------ privacy


@pytest.mark.parametrize(
    "text, masked",
    [
        ("CPR 170980-1234.", "CPR XXXXXX-XXXX."),
        ("cpr.nr. 1709801234", "cpr.nr. XXXXXXXXXX"),
        ("født 290200-1234", "født XXXXXX-XXXX"),  # 29 Feb 2000 is a day
        ("290201-1234", "290201-1234"),  # 29 Feb 2001/1901 is not
        ("320180-1234", "320180-1234"),  # no 32nd
        ("011380-1234", "011380-1234"),  # no 13th month
        ("tlf. 12 34 56 78", "tlf. 12 34 56 78"),
        ("+4512345678", "+4512345678"),
        ("ring 4512345678", "ring 4512345678"),  # 45th is no day
        ("konto 12345678901", "konto 12345678901"),  # eleven digits
        ("sag 2022-170980-1234", "sag 2022-170980-1234"),  # part of a longer id
        ("dato 14-01-2022", "dato 14-01-2022"),
    ],
)
def test_mask_cpr(text, masked):
    assert mask_cpr(text) == masked


@given(st.text(alphabet="0123456789- ab", max_size=40))
def test_mask_cpr_keeps_length_and_only_masks_valid_dates(text):
    out = mask_cpr(text)
    assert len(out) == len(text)
    for a, b in zip(text, out):
        if a != b:
            assert b == "X" and a.isdigit()


def test_is_cpr():
    assert is_cpr("170980-1234") and not is_cpr("990980-1234")


def test_pseudonyms_are_stable_per_person():
    p = Pseudonymizer()
    assert [p(7), p(3), p(7), p(None)] == ["Person 001", "Person 002", "Person 001", None]
    assert p.mapping == {7: "Person 001", 3: "Person 002"}


def test_pseudonym_order_with_a_secret_does_not_follow_ids():
    a, b = Pseudonymizer("s3cret"), Pseudonymizer("s3cret")
    a.preassign(range(1, 50))
    b.preassign(reversed(range(1, 50)))
    assert a.mapping == b.mapping  # the same for the same secret, whatever the order of ids
    assert [a(i) for i in range(1, 50)] != [f"Person {i:03d}" for i in range(1, 50)]
    assert a.token(1) == b.token(1) != Pseudonymizer("other").token(1)
    with pytest.raises(ValueError, match="secret"):
        Pseudonymizer().token(1)
