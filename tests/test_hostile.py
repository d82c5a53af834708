"""Hostile and damaged input through the real `paralign` command: one line, bounded memory, inputs intact."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from data.hostile import CASES, SEED, run_paralign

from alignment import align
from alignment.checks import run_checks
from alignment.documents import document_from_text
from alignment.facts import quotations


def _state(folder: Path) -> dict[str, tuple[bytes, int, int] | str]:
    """Every entry of a folder tree, not following links: bytes, mtime and inode of files, else its kind."""
    state: dict[str, tuple[bytes, int, int] | str] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        name = str(path.relative_to(folder))
        if stat.S_ISREG(info.st_mode):
            state[name] = (path.read_bytes(), info.st_mtime_ns, info.st_ino)
        else:
            state[name] = stat.filemode(info.st_mode) + (os.readlink(path) if path.is_symlink() else "")
    return state


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    argv = case.build(tmp_path)
    before = _state(tmp_path)
    run = run_paralign(argv, tmp_path, unprivileged=case.unprivileged)
    assert run.code == case.code, run.stderr
    lines = run.stderr.splitlines()
    if case.message is None:
        assert run.stderr == ""
    else:
        assert len(lines) == 1 and lines[0].startswith("paralign: ") and case.message in lines[0], run.stderr
    assert run.peak_mib < case.peak_mib
    after = _state(tmp_path)
    assert {k: v for k, v in after.items() if k not in case.writes} == before
    if case.check:
        case.check(tmp_path, run.stdout)


_HEAVY = 200_000
"""Characters of punctuation-heavy text: enough that a loop quadratic in it would never end."""


@pytest.mark.parametrize(
    ("piece", "quotes"),
    [
        *((mark, 0) for mark in "\"”’'"),
        *((mark, 8) for mark in "“«»„‘"),  # every one opens, eight deep, none closes
        ('"a" ', _HEAVY // 4),
        ("«b» ", _HEAVY // 4),
        ("„c“ ", _HEAVY // 4),
        ('"a" «b» „c“ ', _HEAVY // 12 * 3),
        (".!?…\"“”«»„'", None),
    ],
)
def test_punctuation_heavy_text_is_checked(piece: str, quotes: int | None) -> None:
    """A page of marks or quotations is read in linear time: every quotation, one check for the text."""
    text = piece * (_HEAVY // len(piece))
    found = quotations(text)
    assert quotes is None or len(found) == quotes
    alignment = align(document_from_text(text), document_from_text((SEED / "seed.tgt.txt").read_text()))
    own = [c for c in run_checks(alignment) if c.source is not None and c.source[0] < len(text)]
    assert len(own) <= 1 and all(len(c.message) < 200 for c in own)
