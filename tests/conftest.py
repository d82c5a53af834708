"""Shared test setup: Qt renders offscreen, and the engine's inputs are at hand."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """The folder of test inputs shipped with the project."""
    return DATA
