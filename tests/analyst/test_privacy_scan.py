"""No CPR number survives anywhere: a crafted document with CPR numbers in its
title, agenda titles, participant lines, decisions, actions and events, in the
ddmmyy-xxxx and ddmmyyxxxx forms, after a hyphen and before "-digit", is
imported, extracted, reviewed and exported; every cell of every table and every
output is scanned."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from typer.testing import CliRunner

from pipeline.analyst.export import TABLES
from pipeline.cli import app

runner = CliRunner()
CPRS = ["150585-4321", "0101901234", "311299-1111", "240470-2222", "120380-3333", "010203-4444"]
DOC = f"""Referat af bestyrelsesmøde 12. marts 2024 (sag CPR-{CPRS[0]})
Til stede: Anne Holm ({CPRS[1]}), Bo Nielsen
Afbud: Carl Berg, cpr.nr.{CPRS[2]}-7
1. Godkendelse af dagsorden for {CPRS[3]}
Dagsordenen blev godkendt. Sagen om {CPRS[4]} blev vedtaget.
2. Opgaver
Anne Holm undersøger sagen for {CPRS[5]} inden 1. april 2024.
Generalforsamlingen afholdes 20. maj 2024 ({CPRS[0]}).
"""
PATTERN = re.compile("|".join(re.escape(c) for c in CPRS + [c.replace("-", "") for c in CPRS]))


@pytest.fixture(scope="module")
def crafted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cpr")
    doc = folder / "referat_cpr.txt"
    doc.write_text(DOC, encoding="utf-8")
    db = folder / "r.db"
    res = runner.invoke(app, ["import", str(doc), "--db", str(db), "--workers", "0", "-q"])
    assert res.exit_code == 0, res.output
    return folder, doc, db


def _leaks(text: str) -> list[str]:
    return PATTERN.findall(text)


def test_every_cell_of_every_table_is_masked(crafted):
    _, _, db = crafted
    with sqlite3.connect(db) as conn:
        names = [
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'search_fts%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for name in names:
            for row in conn.execute(f'SELECT * FROM "{name}"'):
                leaked = _leaks(" ".join(str(v) for v in row))
                assert not leaked, (name, leaked)
        decisions = [t for (t,) in conn.execute("SELECT text FROM decisions")]
    assert any("XXXXXX-XXXX" in t for t in decisions)  # masked, not dropped


@pytest.mark.slow  # `extract` and `show` each start a worker process (~10 s)
def test_every_output_is_masked(crafted, tmp_path):
    folder, doc, db = crafted
    outputs = []
    for table in TABLES:
        for suffix, extra in ((".csv", []), (".csv", ["--excel"]), (".csv", ["--pseudonymize"])):
            out = tmp_path / f"{table}{len(outputs)}{suffix}"
            assert runner.invoke(app, ["export", table, "--out", str(out), "--db", str(db), *extra]).exit_code == 0
            outputs.append(out.read_bytes().decode("utf-8-sig"))
        out = tmp_path / f"{table}.parquet"
        assert runner.invoke(app, ["export", table, "--out", str(out), "--db", str(db)]).exit_code == 0
        import pandas as pd

        outputs.append(pd.read_parquet(out).to_csv())
    ics = tmp_path / "events.ics"
    assert runner.invoke(app, ["export", "events", "--out", str(ics), "--db", str(db)]).exit_code == 0
    outputs.append(ics.read_text(encoding="utf-8"))
    for cmd in (["decisions"], ["actions"], ["attendance"], ["meetings"], ["documents"], ["people"]):
        for fmt in ("table", "csv", "json", "jsonl"):
            res = runner.invoke(app, [*cmd, "--db", str(db), "--format", fmt])
            assert res.exit_code == 0, (cmd, res.output)
            outputs.append(res.stdout)
    res = runner.invoke(app, ["sql", "SELECT * FROM documents", "--db", str(db), "--format", "json"])
    outputs.append(res.stdout)
    out = tmp_path / "json"
    assert runner.invoke(app, ["extract", str(doc), "--json-dir", str(out)]).exit_code == 0
    outputs.append((out / "referat_cpr.json").read_text(encoding="utf-8"))
    page = tmp_path / "review.html"
    assert runner.invoke(app, ["show", str(doc), "--html", str(page), "--db", str(db)]).exit_code == 0
    outputs.append(page.read_text(encoding="utf-8"))
    for i, text in enumerate(outputs):
        assert not _leaks(text), (i, _leaks(text), text[:300])
    assert json.loads((out / "referat_cpr.json").read_text(encoding="utf-8"))["decisions"]


@pytest.mark.parametrize(
    "text, masked",
    [
        ("CPR-150585-4321", "CPR-XXXXXX-XXXX"),
        ("cpr.nr.150585-4321-7", "cpr.nr.XXXXXX-XXXX-7"),
        ("(1505854321)", "(XXXXXXXXXX)"),
        ("konto 1234-150585-4321", "konto 1234-150585-4321"),  # inside a longer number
        ("tlf. 12 34 56 78", "tlf. 12 34 56 78"),
        ("sagsnr. 05.01.08-P20", "sagsnr. 05.01.08-P20"),
        ("999999-1234", "999999-1234"),  # no such birth date
    ],
)
def test_cpr_forms(text, masked):
    from pipeline.privacy import mask_cpr

    assert mask_cpr(text) == masked
