"""Writing results to a file safely: never over an input, never into a pipe, never half a file."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from alignment.errors import ParalignError
from alignment.paths import shown

STDOUT = "-"
"""The output name that means standard output."""

_NEW_FILE_MODE = 0o666
"""Permissions a new file asks for, as open() would; the umask then takes its bits away."""


def check_target(path: str, inputs: Iterable[str]) -> None:
    """Refuse an output that is one of the inputs (by device and inode), not a regular file, or a loop."""
    if path == STDOUT:
        return
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ParalignError(f"{shown(path)}: cannot write here ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ParalignError(
            f"{shown(path)}: not a regular file; paralign writes only to files (- for standard output)"
        )
    for name in inputs:
        with contextlib.suppress(OSError, ValueError):  # an unreadable input is reported when it is read
            if os.path.samestat(info, os.stat(name)):
                raise ParalignError(f"{shown(path)}: refusing to write over an input file")


def write_file(path: str, write: Callable[[str], None]) -> None:
    """Have write() fill a temporary file beside path, then rename it into place.

    A write that fails part-way (full disk, a name the file system refuses, an error while rendering)
    leaves any existing file as it was. Symlinks are followed, so a link to a report updates the report.
    """
    import tempfile  # with shutil, bz2, lzma and random: only a command that writes a file needs them

    target = Path(os.path.realpath(path))
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except (OSError, ValueError) as exc:
        raise ParalignError(f"{shown(path)}: cannot write here ({_reason(exc)})") from None
    os.close(fd)
    try:
        write(temp)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except OSError as exc:
        raise ParalignError(f"{shown(path)}: cannot write here ({_reason(exc)})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def write_text(path: str, *parts: str) -> None:
    """Write text (given as parts, in order) as UTF-8 with Unix newlines, atomically (see write_file)."""

    def write(temp: str) -> None:
        with open(temp, "wb") as f:  # a part encoded at once: a text stream is slower on tens of MB
            for part in parts:
                f.write(part.encode("utf-8"))

    write_file(path, write)


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or those a newly created file would get."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return _NEW_FILE_MODE & ~umask


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
