"""Progress reports and cancel polls for the stages of an alignment."""

from __future__ import annotations

from collections.abc import Callable

from alignment.errors import Cancelled
from alignment.model import IsCancelled, Progress


class Steps:
    """Reports progress and stops with Cancelled when asked to; stages also poll it inside loops."""

    def __init__(self, progress: Progress | None = None, cancelled: IsCancelled | None = None) -> None:
        self._progress, self._cancelled = progress, cancelled
        self._fraction, self._label = 0.0, ""

    def __call__(self, fraction: float, label: str) -> None:
        """Enter a stage (or report how far it is) and stop if cancelled."""
        self._fraction, self._label = fraction, label
        self.poll()
        if self._progress is not None:
            self._progress(fraction, label)

    def poll(self) -> None:
        """Stop with Cancelled if asked to; cheap enough for inner loops."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled("alignment cancelled")


Poll = Callable[[], None]
"""Stops with Cancelled when asked to (Steps.poll)."""
POLL_EVERY = 20_000
"""Items of a plain loop (sentences, anchors) handled between polls: well under 100 ms of work."""


def no_poll() -> None:
    """A poll for callers that never cancel."""
