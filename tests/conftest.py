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


def _write_pair(folder: Path, source: str, target: str) -> tuple[Path, Path]:
    """Two UTF-8 files a.txt and b.txt in a folder, holding an original and its paraphrase."""
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(source, encoding="utf-8")
    b.write_text(target, encoding="utf-8")
    return a, b


@pytest.fixture
def write_pair():
    """Writes an original and its paraphrase as a.txt and b.txt into a folder."""
    return _write_pair
