"""notebooks/decision_history.ipynb runs top to bottom on the sample data, and is
committed with its outputs cleared."""

from __future__ import annotations

import json

import pytest

from conftest import REPO

NOTEBOOK = REPO / "notebooks" / "decision_history.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c.get("outputs") == [] and c.get("execution_count") is None for c in code)


@pytest.mark.slow  # starts a Jupyter kernel and runs the notebook (~15 s)
def test_notebook_runs(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")

    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.delenv("REFERAT_DB", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the notebook's database goes here
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Imported 6 documents" in text and "0 failed" in text
    images = [o for o in outputs if "data" in o and "image/png" in o.data]
    assert len(images) >= 2  # decisions per meeting, attendance per person
    tables = "".join(o.data.get("text/html", "") for o in outputs if "data" in o)
    assert "Henrik Kruise" in tables or "Henrik Kruse" in tables  # attendance
    assert "sekretariatet" in tables  # open actions by owner
    assert "2022-01-14" in tables  # decisions over time
