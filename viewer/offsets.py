"""Engine offsets (Python ``str`` code points) to and from Qt text positions (UTF-16 code units)."""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts between the two ways of counting one text; the identity when all of it is in the BMP."""

    def __init__(self, text: str = "") -> None:
        self.length = len(text)
        # Each character outside the BMP takes two UTF-16 units: Qt positions after it shift by one.
        # isascii() is free (Python keeps the flag); the search scans a book for tens of milliseconds.
        astral = not text.isascii() and _ASTRAL.search(text) is not None
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if astral else []
        self._astral_qt = [a + k for k, a in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        """The Qt position of an engine offset."""
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def to_engine(self, position: int) -> int:
        """The engine offset of a Qt position (inside a surrogate pair: just past its character)."""
        if not self._astral:
            return position
        return position - bisect.bisect_left(self._astral_qt, position - 1)
