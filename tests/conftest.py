"""Shared fixtures: the Danish pipeline is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
SHARED = REPO.parent / "shared"
EXPECTED = Path(__file__).parent / "data" / "expected"


@pytest.fixture(scope="session", autouse=True)
def _lemma_tables_read_once():
    """The rule-only pipeline's lookup lemmatizer reads spacy-lookups-data's Danish
    table (~550,000 entries, 2-3 s of each build_nlp("blank")) in initialize(). The
    table is read-only data, so this session reads it once and every pipeline the
    tests build, with build_nlp or the CLI in-process, shares it: each still gets its
    own pipeline, and subprocesses read the table themselves."""
    from spacy.pipeline import lemmatizer

    original = lemmatizer.load_lookups
    cache: dict = {}

    def load_lookups(lang, tables, strict=True):
        key = (lang, tuple(tables), strict)
        if key not in cache:
            cache[key] = original(lang, tables, strict=strict)
        return cache[key]

    lemmatizer.load_lookups = load_lookups
    yield
    lemmatizer.load_lookups = original


@pytest.fixture(scope="session", autouse=True)
def _cli_command_built_once():
    """typer's CliRunner.invoke turns the Typer app into a click command on every call
    (~60 ms for referat's CLI, ~150 calls in the fast loop). The command of an app is
    built once and reused while the app's commands stay the same: a click command
    keeps no state between invocations (each gets a new Context)."""
    import typer.testing

    original = getattr(typer.testing, "_get_command", None)
    if original is None:  # another typer: nothing to speed up
        yield
        return
    built: dict = {}

    def get_command(app):
        key = (
            id(app),
            tuple(id(c.callback) for c in app.registered_commands),
            tuple(id(g.typer_instance) for g in app.registered_groups),
            id(app.registered_callback),
        )
        if key not in built:
            built[key] = (app, original(app))  # the app too, so its id is not reused
        return built[key][1]

    typer.testing._get_command = get_command
    yield
    typer.testing._get_command = original


@pytest.fixture(scope="session")
def nlp():
    """The rule-only pipeline (deterministic), built once per session and shared: tests
    must not add or change its components (build their own with build_nlp for that)."""
    from pipeline.nlp import build_nlp

    return build_nlp("blank")


@pytest.fixture(scope="session")
def model_nlp():
    """The bundled statistical pipeline, models/da_referat_sm (committed: missing or broken fails)."""
    from pipeline.nlp import build_nlp

    return build_nlp("da_referat_sm")


def shared_available() -> bool:
    return (SHARED / "seeds").is_dir() and (SHARED / "gold").is_dir()


needs_shared = pytest.mark.skipif(not shared_available(), reason="../shared is not beside the repo")
