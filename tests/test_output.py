"""Writing results: a failed write leaves the old file whole, links are followed, permissions kept."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from alignment.errors import ParalignError
from alignment.output import write_file, write_text


def test_a_write_failing_half_way_leaves_the_old_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("the old report", encoding="utf-8")

    def fails_half_way(temp: str) -> None:
        Path(temp).write_text("half a new rep", encoding="utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), temp)

    with pytest.raises(ParalignError) as caught:
        write_file(str(out), fails_half_way)
    assert str(caught.value) == f"{out}: cannot write here (No space left on device)"
    assert out.read_text(encoding="utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_writing_through_a_symlink_updates_its_target(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old", encoding="utf-8")
    (tmp_path / "latest.json").symlink_to("real.json")
    write_text(str(tmp_path / "latest.json"), "new\n")
    assert (tmp_path / "latest.json").is_symlink()
    assert (tmp_path / "real.json").read_bytes() == b"new\n"


def test_text_given_in_parts_is_written_in_order(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    write_text(str(out), '{"text": "Caf\u00e9', ' \u2014 na\u00efve"', "}", "\n")
    assert out.read_bytes() == '{"text": "Caf\u00e9 \u2014 na\u00efve"}\n'.encode()


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    write_text(str(kept), "new")
    assert kept.stat().st_mode & 0o777 == 0o640
    umask = os.umask(0o027)
    try:
        write_text(str(tmp_path / "fresh.txt"), "new")
    finally:
        os.umask(umask)
    assert (tmp_path / "fresh.txt").stat().st_mode & 0o777 == 0o640
