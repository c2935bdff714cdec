"""Shared paths for the end-to-end tests."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed-res130-busan2014.txt"


def draftls_binary() -> str:
    """The draftls binary that tests/run.sh built."""
    path = os.environ.get("DRAFTLS_BIN", str(ROOT / "target" / "debug" / "draftls"))
    assert pathlib.Path(path).exists(), f"build draftls first ({path})"
    return path


@pytest.fixture(scope="session")
def draftls() -> str:
    return draftls_binary()
