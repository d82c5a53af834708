"""The size limit on what paralign reads, enforced before anything large is held in memory."""

from __future__ import annotations

from alignment.errors import DocumentError

MAX_BYTES = 50 * 1024 * 1024
"""Largest file, unpacked document part or extracted text (in characters) paralign opens: 50 MiB.

A 50 MiB text is about 8 million words, far beyond any manuscript; past it aligning would take minutes
and gigabytes, and the file is almost certainly not what the editor meant to open.
"""


def check_size(size: int, what: str = "bytes") -> None:
    """Refuse anything over the limit, saying what the limit is."""
    if size > MAX_BYTES:
        raise DocumentError(
            f"too large ({size:,} {what}; paralign opens files up to {MAX_BYTES // 2**20} MiB, "
            f"{MAX_BYTES:,} bytes)"
        )
