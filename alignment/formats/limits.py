"""The size limit on what paralign reads, enforced before anything large is held in memory."""

from __future__ import annotations

from alignment.errors import DocumentError

MAX_BYTES = 32 * 1024 * 1024
"""Largest file, unpacked document part or extracted text (in characters) paralign opens: 32 MiB.

Measured (benchmarks/scale.py): a text aligned against itself, the costliest pair of its size, peaks
at 2.77 GiB (2.91 GB) for 33 MB and 3.21 GiB for 41 MB; the limit keeps every pair under 3 GB. 32 MiB is
about 5.5 million words, far beyond any manuscript.
"""


def check_size(size: int, what: str = "bytes") -> None:
    """Refuse anything over the limit, saying what the limit is."""
    if size > MAX_BYTES:
        raise DocumentError(
            f"too large ({size:,} {what}; paralign opens files up to {MAX_BYTES // 2**20} MiB)"
        )
