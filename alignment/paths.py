"""File names as people see them: one line of valid UTF-8, whatever bytes the name holds."""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown(path: object) -> str:
    """A path fit for a message, a title or JSON: undecodable bytes as \\xNN, control characters escaped.

    POSIX names are bytes; Python keeps those that are not UTF-8 as lone surrogates, which no UTF-8
    stream accepts, and a newline in a name would split a one-line message in two.
    """
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)
