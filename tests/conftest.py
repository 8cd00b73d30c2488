"""Shared fixtures: the Danish pipeline is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
SHARED = REPO.parent / "shared"
EXPECTED = Path(__file__).parent / "data" / "expected"


@pytest.fixture(scope="session")
def nlp():
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
