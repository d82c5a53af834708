"""Where the review of a pair of files is kept between edits, so a crash or a closed window loses nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from alignment.session import SUFFIX


def autosave_folder() -> Path:
    """The user's data folder for paralign's autosaved reviews."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "reviews"


def autosave_path(source: str, target: str) -> Path:
    """The autosave file of a pair of files, named by a hash of both resolved paths."""
    both = f"{Path(source).resolve()}\n{Path(target).resolve()}".encode()
    return autosave_folder() / f"{hashlib.sha256(both).hexdigest()[:24]}{SUFFIX}"
