"""Analysts' corrections: made from the CLI, shown in every query and export,
kept when the document is imported again or re-extracted by changed rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.analyst import query
from pipeline.analyst.export import table_frame
from pipeline.cli import app
from pipeline.process import process_file, run_import
from pipeline.store import Store
from pipeline.store.corrections import CorrectionError, Key, add_record, correct, list_corrections

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
runner = CliRunner()


@pytest.fixture
def archive(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("komdir_hb_2020-09-17_dagsorden.txt", "komdir_hb_2022-01-14_referat.txt"):
        shutil.copy(RAW / name, folder / name)
    db = tmp_path / "r.db"
    with Store(db) as store:
        run_import([folder], store, workers=0, nlp=nlp)
    return folder, db


def _import(folder: Path, db: Path, nlp, **kw) -> None:
    with Store(db) as store:
        run_import([folder], store, workers=0, nlp=nlp, **kw)


def test_keys_are_in_query_output_and_exports(archive):
    _, db = archive
    for df in (
        query.decisions(db),
        query.actions(db),
        table_frame(db, "decisions"),
        table_frame(db, "actions"),
        table_frame(db, "events"),
        table_frame(db, "attendance"),
    ):
        assert df["key"].map(lambda k: Key.parse(k) is not None).all()


def test_corrections_survive_reimport_and_forced_reextraction(archive, nlp):
    folder, db = archive
    actions = query.actions(db)
    done, wrong = actions["key"].iloc[0], actions["key"].iloc[1]
    decision = query.decisions(db)["key"].iloc[0]
    with Store(db) as store:
        assert correct(store, done, "status", value="done") == "applied"
        assert correct(store, wrong, "reject", note="not a task") == "applied"
        correct(store, decision, "fix", field="text", value="Rettet beslutning.")
        correct(store, decision, "fix", field="due", value="2022-06-30")
        added = add_record(
            store,
            "komdir_hb_2022-01-14_referat.txt",
            "action",
            text="Eik sender budgettet",
            owners=["Eik Møller"],
            due="2022-02-01",
        )

    def check():
        a = query.actions(db).set_index("key")
        assert a.loc[done, "status"] == "done" and wrong not in a.index
        assert a.loc[added, "text"] == "Eik sender budgettet" and a.loc[added, "owners"] == "Eik Møller"
        d = query.decisions(db).set_index("key")
        assert d.loc[decision, "text"] == "Rettet beslutning." and d.loc[decision, "due_start"] == "2022-06-30"
        exported = table_frame(db, "actions").set_index("key")
        assert exported.loc[done, "status"] == "done" and wrong not in exported.index
        assert query.search(db, "rettet beslutning")["text"].tolist() == ["Rettet beslutning."]

    check()
    _import(folder, db, nlp)  # unchanged files: skipped
    check()
    _import(folder, db, nlp, force=True)  # extracted again, corrections applied again
    check()
    with Store(db) as store:
        assert {c["applied"] for c in list_corrections(store.conn)} == {"applied"}


def _shifted(path: Path, nlp, limits):
    """A 'newer extractor' whose decisions start 4 characters later."""
    outcome = process_file(path, nlp, limits)
    if outcome.record is not None:
        for d in outcome.record.decisions:
            d.provenance.start += 4
    return outcome


def test_reextraction_with_changed_spans_keeps_or_reports_corrections(archive, nlp):
    folder, db = archive
    decisions = query.decisions(db)
    moved, gone = decisions["key"].iloc[0], decisions["key"].iloc[1]
    with Store(db) as store:
        correct(store, moved, "reject")
        correct(store, gone, "fix", field="due", value="2022-06-30")
        store.conn.execute("UPDATE corrections SET original = 'helt andre ord uden overlap' WHERE key = ?", (gone,))
    with Store(db) as store:
        run_import([folder], store, workers=0, nlp=nlp, force=True, processor=_shifted)
        status = {c["key"]: c["applied"] for c in list_corrections(store.conn)}
    assert status == {moved: "moved", gone: "unmatched"}  # matched by its words, or reported; never dropped
    texts = query.decisions(db)["text"].tolist()
    assert decisions["text"].iloc[0] not in texts
    res = runner.invoke(app, ["corrections", "--db", str(db)])
    assert res.exit_code == 0 and "no longer find their record" in res.stderr


def test_cli_workflow_and_sharing(archive, tmp_path):
    _, db = archive
    key = query.actions(db)["key"].iloc[0]
    assert runner.invoke(app, ["action", "done", key, "--db", str(db)]).exit_code == 0
    res = runner.invoke(app, ["fix", key, "--owner", "Stine Johansen; sekretariatet", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert query.actions(db).set_index("key").loc[key, "owners"] == "Stine Johansen; sekretariatet"
    res = runner.invoke(
        app, ["set-meeting", "komdir_hb_2022-01-14_referat.txt", "--org", "Nyt Forbund", "--db", str(db)]
    )
    assert res.exit_code == 0, res.output
    assert "Nyt Forbund" in set(query.meetings(db)["organization"])
    shared = tmp_path / "shared.json"
    assert runner.invoke(app, ["corrections", "--export", str(shared), "--db", str(db)]).exit_code == 0
    rows = json.loads(shared.read_text(encoding="utf-8"))
    assert [r["op"] for r in rows] == ["status", "fix", "meeting"]
    # a colleague's fresh database of the same documents takes them
    other = tmp_path / "other.db"
    shutil.copy(db, other)
    with Store(other) as store:
        store.conn.execute("DELETE FROM corrections")
    res = runner.invoke(app, ["corrections", "--import", str(shared), "--db", str(other)])
    assert res.exit_code == 0 and "Loaded 3 corrections" in res.stdout
    res = runner.invoke(app, ["corrections", "--import", str(shared), "--db", str(other)])
    assert "Loaded 0 corrections" in res.stdout and "3 already here" in res.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["reject", "nonsense"], "is not a record key"),
        (["reject", "decision:000000000000:1-2"], "no imported document"),
        (["fix", "KEY", "--owner", "X"], "can have its"),
        (["action", "done", "DECISION"], "status applies to actions"),
        (["add", "decision", "--doc", "nope.txt", "--text", "x"], "no imported document 'nope.txt'"),
    ],
)
def test_cli_errors_are_one_line(archive, args, message):
    _, db = archive
    keys = {"KEY": query.decisions(db)["key"].iloc[0], "DECISION": query.decisions(db)["key"].iloc[0]}
    args = [keys.get(a, a) for a in args]
    res = runner.invoke(app, [*args, "--db", str(db)])
    assert res.exit_code == 1, res.output
    assert res.stderr.startswith("Error: ") and message in res.stderr and res.stderr.count("\n") == 1


def test_a_rejected_attendee_is_not_counted(archive):
    _, db = archive
    att = table_frame(db, "attendance")
    row = att[att["person"] == "Niels Ågesen"].iloc[0]
    before = query.attendance(db).set_index("person").loc["Niels Ågesen", "attended"]
    with Store(db) as store:
        correct(store, row["key"], "reject")
    after = query.attendance(db).set_index("person").loc["Niels Ågesen", "attended"]
    assert after == before - 1
    with pytest.raises(CorrectionError):
        with Store(db) as store:
            correct(store, row["key"], "reject")  # gone: nothing to correct


@pytest.mark.slow
def test_review_page_shows_keys_and_corrections(archive, tmp_path):
    folder, db = archive
    key = query.decisions(db)["key"].iloc[0]
    with Store(db) as store:
        correct(store, key, "reject", note="et forslag")
    page = tmp_path / "review.html"
    doc = next(p for p in folder.iterdir() if p.name.startswith("komdir_hb_2020"))
    res = runner.invoke(app, ["show", str(doc), "--html", str(page), "--db", str(db)])
    assert res.exit_code == 0, res.output
    html = page.read_text(encoding="utf-8")
    assert f"<code>{key}</code>" in html and "corrected: rejected — et forslag" in html
    assert "Corrections applied in the store (1)" in html
