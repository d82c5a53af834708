"""Hostile and damaged input through the real `paralign` command: one line, bounded memory, inputs intact."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from data.hostile import CASES, run_paralign


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
