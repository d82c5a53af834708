"""The settings paralign remembers between sessions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

RECENT_LIMIT = 8


class Settings:
    """Typed access to the application's QSettings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings or QSettings()

    def value(self, key: str, default: Any = None, kind: type | None = None) -> Any:
        """A stored value, or the default."""
        if kind is None:
            return self._s.value(key, default)
        return self._s.value(key, default, type=kind)

    def set(self, key: str, value: Any) -> None:
        """Store a value."""
        self._s.setValue(key, value)

    def recent_pairs(self) -> list[tuple[str, str]]:
        """The last pairs of files opened, most recent first."""
        items = self._s.value("recent_pairs", []) or []
        if isinstance(items, str):
            items = [items]
        pairs = [tuple(item.split("\n", 1)) for item in items if "\n" in item]
        return [(a, b) for a, b in pairs]

    def add_recent_pair(self, source: str, target: str) -> None:
        """Put a pair of files first in the recent list."""
        pairs = [(source, target), *(p for p in self.recent_pairs() if p != (source, target))]
        self._s.setValue("recent_pairs", [f"{a}\n{b}" for a, b in pairs[:RECENT_LIMIT]])

    def sync(self) -> None:
        """Write to disk now."""
        self._s.sync()
