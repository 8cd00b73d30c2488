"""The people registry: keys, bodies, merge rules, must-not-merge cases, the alias file."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fixtures_records import all_records, simple
from pipeline.errors import StoreError
from pipeline.store import Store
from pipeline.store.people import AliasFile, clean, fold, is_body


def people_of(store: Store) -> dict[str, set[str]]:
    """canonical name -> spellings."""
    out: dict[str, set[str]] = {}
    for name, spelling in store.conn.execute(
        "SELECT p.name, a.spelling FROM people p JOIN person_aliases a ON a.person_id = p.id"
    ):
        out.setdefault(name, set()).add(spelling)
    return out


def person_of(store: Store, spelling: str) -> int | None:
    row = store.conn.execute("SELECT person_id FROM person_aliases WHERE spelling = ?", (spelling,)).fetchone()
    return row[0] if row else None


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


# ------------------------------------------------------------------ keys and bodies


@pytest.mark.parametrize(
    "name, key",
    [
        ("Niels Ågesen", "niels aagesen"),
        ("  Niels   Aagesen ", "niels aagesen"),
        ("René Østergård", "rene oestergaard"),
        ("ANNE-MARIE BÆK", "anne-marie baek"),
        ("Stine Johansen (formand)", "stine johansen"),
    ],
)
def test_fold(name, key):
    assert fold(name) == key


def test_clean_keeps_the_spelling():
    assert clean("  Niels   Ågesen (formand), ") == "Niels Ågesen"


@example('0"¯')  # NFKC gives a space and a combining macron: one pass was not enough
@given(st.text(max_size=30))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    "name",
    [
        "sekretariatet",
        "Sekretariatet",
        "formandskabet",
        "HB",
        "Arbejdsgruppen",
        "KL/Komponent",
        "Styregruppen",
        "DJØF",
        "arbejdsgruppen for årsmødet",
    ],
)
def test_bodies(name):
    assert is_body(name)


@pytest.mark.parametrize("name", ["Henrik Kruse", "Anne Marie Holm", "Karen", "Søren Jensen", "Eik Møller"])
def test_people_are_not_bodies(name):
    assert not is_body(name)


# ------------------------------------------------------------------ merges


def test_kruise_and_kruse_are_one_person_winther_another(store):
    for built in all_records():
        built.save(store)
    assert person_of(store, "Henrik Kruise") == person_of(store, "Henrik Kruse")
    assert person_of(store, "Henrik Winther") != person_of(store, "Henrik Kruse")
    people = people_of(store)
    assert people["Henrik Kruse"] == {"Henrik Kruse", "Henrik Kruise"}  # most used spelling is canonical
    assert people["Henrik Winther"] == {"Henrik Winther"}
    assert people["Niels Ågesen"] == {"Niels Ågesen", "Niels Aagesen"}  # folded key
    assert people["Mette Dahl"] == {"Mette Dahl", "Mette Dahll"}  # typo within Socialchefforeningen


def test_merge_rules_are_recorded(store):
    for built in all_records():
        built.save(store)
    rules = dict(store.conn.execute("SELECT spelling, rule FROM person_aliases"))
    # the canonical spelling (most used) is 'new', the variant carries the rule that joins it,
    # whichever came first: a resumed or parallel import records the same rules as a clean one
    assert rules["Henrik Kruse"] == "new"
    assert rules["Henrik Kruise"] == "typo-last-name"
    assert rules["Niels Aagesen"] == "folded-key"
    assert rules["Niels Ågesen"] == "new"


def test_same_typo_in_another_organisation_is_not_merged(store):
    simple("a", "KOMDIR", "2022-01-14", ["Henrik Kruse"]).save(store)
    simple("b", "Socialchefforeningen", "2022-02-01", ["Henrik Kruise"]).save(store)
    assert person_of(store, "Henrik Kruise") != person_of(store, "Henrik Kruse")


def test_exact_name_merges_across_organisations(store):
    simple("a", "KOMDIR", "2022-01-14", ["Henrik Kruse"]).save(store)
    simple("b", "Socialchefforeningen", "2022-02-01", ["Henrik Kruse"]).save(store)
    assert store.conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1


@pytest.mark.parametrize(
    "first, second",
    [
        ("Henrik Kruse", "Henrik Winther"),  # share a first name only
        ("Henrik Kruse", "Hanne Kruse"),  # first names differ
        ("Henrik Kruse", "Henrik Kraise"),  # last names two edits apart
        ("Lars Hansen", "Lars Bo Hansen"),  # a middle name makes the whole names too different
        ("Anne Holm", "Annie Holm"),  # first names must match exactly
    ],
)
def test_must_not_merge(store, first, second):
    simple("a", "KOMDIR", "2022-01-14", [first]).save(store)
    simple("b", "KOMDIR", "2022-03-01", [second]).save(store)
    assert person_of(store, first) != person_of(store, second)


@pytest.mark.parametrize(
    "first, second",
    [
        ("Henrik Kruse", "Henrik Kruise"),
        ("Christine Brochdorf", "Christine Brockdorf"),
        ("Lone Lyrskov", "lone lyrskov"),
        ("Jan Kallestrup", "Jan  Kallestrup"),
    ],
)
def test_merges(store, first, second):
    simple("a", "KOMDIR", "2022-01-14", [first]).save(store)
    simple("b", "KOMDIR", "2022-03-01", [second]).save(store)
    assert person_of(store, first) == person_of(store, clean(second))


def test_bodies_are_stored_as_bodies_and_never_fuzzy_merged(store):
    simple(
        "a",
        "KOMDIR",
        "2022-01-14",
        ["Eik Møller"],
        actions=[
            ("Sekretariatet udarbejder et notat.", ["sekretariatet"]),
            ("HB og KL/Komponent følger op.", ["HB", "KL/Komponent"]),
            ("Sekretariatet sender det ud.", ["Sekretariatet"]),
        ],
    ).save(store)
    kinds = dict(store.conn.execute("SELECT name, kind FROM people"))
    assert kinds == {"Eik Møller": "person", "sekretariatet": "body", "HB": "body", "KL/Komponent": "body"}


def test_a_body_is_one_per_organisation(store):
    def board_task(name, org, date):
        return simple(name, org, date, ["Eik Møller"], actions=[("Bestyrelsen indkalder.", ["bestyrelsen"])])

    board_task("a", "Andelsboligforeningen Lærken", "2022-01-14").save(store)
    board_task("b", "Andelsboligforeningen Lærken", "2022-03-01").save(store)
    board_task("c", "Boldklubben Vig", "2022-03-02").save(store)
    boards = store.conn.execute(
        "SELECT p.id, mt.organization FROM action_owners o JOIN actions a ON a.id = o.action_id "
        "JOIN meetings mt ON mt.id = a.meeting_id JOIN people p ON p.id = o.person_id WHERE p.kind = 'body'"
    ).fetchall()
    by_org: dict[str, set[int]] = {}
    for pid, org in boards:
        by_org.setdefault(org, set()).add(pid)
    assert len(by_org["Andelsboligforeningen Lærken"]) == 1  # the same board in both meetings
    assert by_org["Andelsboligforeningen Lærken"].isdisjoint(by_org["Boldklubben Vig"])


def test_a_store_made_under_older_rules_resolves_its_names_again(tmp_path):
    db = tmp_path / "old.db"
    with Store(db) as store:
        simple("a", "KOMDIR", "2022-01-14", ["Eik Møller"], actions=[("HB følger op.", ["HB"])]).save(store)
        simple("b", "SCF", "2022-02-01", ["Eik Møller"], actions=[("HB følger op.", ["HB"])]).save(store)
        store.conn.execute("UPDATE meta SET value = '1' WHERE key = 'people_rules'")  # as a store of rules 1
        store.conn.execute("UPDATE action_owners SET person_id = NULL")
        store.conn.commit()
    with Store(db) as store:
        assert store.conn.execute("SELECT value FROM meta WHERE key = 'people_rules'").fetchone()[0] == "2"
        bodies = store.conn.execute("SELECT COUNT(*) FROM people WHERE kind = 'body'").fetchone()[0]
        unresolved = store.conn.execute("SELECT COUNT(*) FROM action_owners WHERE person_id IS NULL").fetchone()[0]
    assert (bodies, unresolved) == (2, 0)


def test_attendees_are_people_even_when_they_look_like_bodies(store):
    simple("a", "KOMDIR", "2022-01-14", ["KL"]).save(store)
    assert store.conn.execute("SELECT kind FROM people").fetchone()[0] == "person"


def test_canonical_name_is_the_most_used_spelling(store):
    simple("a", "KOMDIR", "2020-01-01", ["Henrik Kruise"]).save(store)
    assert people_of(store).keys() == {"Henrik Kruise"}
    simple("b", "KOMDIR", "2021-01-01", ["Henrik Kruse"]).save(store)
    simple("c", "KOMDIR", "2022-01-01", ["Henrik Kruse"]).save(store)
    assert people_of(store).keys() == {"Henrik Kruse"}


def test_registry_is_cached_not_rescanned(store, monkeypatch):
    simple("a", "KOMDIR", "2022-01-14", ["Henrik Kruse", "Eik Møller"]).save(store)
    monkeypatch.setattr(store.registry, "load", lambda conn: pytest.fail("registry reloaded"))
    simple("b", "KOMDIR", "2022-02-14", ["Henrik Kruse", "Eik Møller"]).save(store)


# ------------------------------------------------------------------ alias file


def write(tmp_path, text: str):
    path = tmp_path / "aliases.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_alias_file_merges_across_organisations(tmp_path):
    aliases = write(tmp_path, '[aliases]\n"Henrik Kruise" = "Henrik Kruse"\n')
    with Store(tmp_path / "r.db", aliases=aliases) as store:
        simple("a", "Socialchefforeningen", "2020-01-01", ["Henrik Kruise"]).save(store)
        simple("b", "KOMDIR", "2022-01-01", ["Henrik Kruse"]).save(store)
        assert person_of(store, "Henrik Kruise") == person_of(store, "Henrik Kruse")
        assert people_of(store) == {"Henrik Kruse": {"Henrik Kruse", "Henrik Kruise"}}
        rule = store.conn.execute("SELECT rule FROM person_aliases WHERE spelling = 'Henrik Kruise'").fetchone()
        assert rule == ("alias-file",)


def test_separate_pairs_are_not_merged(tmp_path):
    aliases = write(tmp_path, '[separate]\npairs = [["Henrik Kruse", "Henrik Kruise"]]\n')
    with Store(tmp_path / "r.db", aliases=aliases) as store:
        simple("a", "KOMDIR", "2020-01-01", ["Henrik Kruse"]).save(store)
        simple("b", "KOMDIR", "2022-01-01", ["Henrik Kruise"]).save(store)
        assert person_of(store, "Henrik Kruise") != person_of(store, "Henrik Kruse")


def test_separate_accepts_key_value_form():
    parsed = AliasFile.parse('[separate]\n"Anne Hansen" = ["Anne Hanssen", "Anne Hansén"]\n')
    assert frozenset({"anne hansen", "anne hanssen"}) in parsed.separate


def test_changed_alias_file_re_resolves_stored_names(tmp_path):
    db = tmp_path / "r.db"
    with Store(db) as store:
        simple("a", "KOMDIR", "2020-01-01", ["Henrik Kruse"]).save(store)
        simple("b", "KOMDIR", "2022-01-01", ["Henrik Kruise"]).save(store)
        assert person_of(store, "Henrik Kruise") == person_of(store, "Henrik Kruse")
    aliases = write(tmp_path, '[separate]\n"Henrik Kruse" = "Henrik Kruise"\n')
    with Store(db, aliases=aliases) as store:
        assert person_of(store, "Henrik Kruise") != person_of(store, "Henrik Kruse")
        counts = dict(store.conn.execute("SELECT spelling, count FROM person_aliases"))
        assert counts == {"Henrik Kruse": 1, "Henrik Kruise": 1}


def test_alias_file_is_remembered_by_the_database(tmp_path):
    db = tmp_path / "r.db"
    aliases = write(tmp_path, '[aliases]\n"H. Kruse" = "Henrik Kruse"\n')
    with Store(db, aliases=aliases) as store:
        simple("a", "KOMDIR", "2020-01-01", ["Henrik Kruse"]).save(store)
    with Store(db) as store:  # no --aliases this time
        simple("b", "Socialchefforeningen", "2022-01-01", ["H. Kruse"]).save(store)
        assert person_of(store, "H. Kruse") == person_of(store, "Henrik Kruse")


@pytest.mark.parametrize(
    "text, message",
    [
        ('[aliases\n"A" = "B"', "not valid TOML"),
        ('[aliases]\n"A" = ["B", "C"]', "must map to one name"),
        ('[separate]\npairs = [["A"]]', "needs two names"),
    ],
)
def test_bad_alias_file_says_how_to_fix_it(tmp_path, text, message):
    with pytest.raises(StoreError, match=message):
        Store(":memory:", aliases=write(tmp_path, text))


def test_missing_alias_file(tmp_path):
    with pytest.raises(StoreError, match="alias file not found"):
        Store(":memory:", aliases=tmp_path / "nope.toml")
