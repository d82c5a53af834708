"""Every document format opens in the window: the panes show the extracted text, aligned."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, make_window, open_and_wait
from data.formats.make_fixtures import WRITERS, paragraphs_of_file

from alignment import load_document


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_seed_pair_opens_in_each_format(qtbot, settings_file: Path, tmp_path: Path, suffix: str) -> None:
    paths = []
    for name, txt in zip(("original", "paraphrase"), SEED, strict=True):
        path = tmp_path / f"{name}.{suffix}"
        WRITERS[suffix](paragraphs_of_file(txt), path)
        paths.append(path)
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, *map(str, paths))
    assert window.alignment is not None
    for side, path in zip(("source", "target"), paths, strict=True):
        # toRawText keeps no-break spaces (toPlainText makes them plain) and ends blocks with U+2029.
        shown = window.panes[side].document().toRawText().replace("\u2029", "\n")
        assert shown == load_document(path).text
    matched = [p for p in window.alignment.pairs if p.source and p.target]
    assert len(matched) >= 20
