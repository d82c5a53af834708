"""pdfminer's PostScript tokenizer kept linear on a long comment or a long line.

pdfminer gathers a comment (which it then drops) and a line (read when it looks for the objects of a
file whose cross-reference table is damaged) by adding each 4 KB buffer to the bytes gathered so far:
quadratic, so a 4 MB comment took seconds and one of 50 MB would take hours. The comment is skipped
to its line end instead, and a line gathered as a list of pieces.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


def linear(psparser: ModuleType) -> None:
    """Put the linear comment and line readers in place of pdfminer's (idempotent)."""
    eol = psparser.EOL

    def skip_comment(self: Any, s: bytes, i: int) -> int:
        """A comment's bytes in this buffer passed over; back to tokens at its line end."""
        found = eol.search(s, i)
        if not found:
            return len(s)
        self._parse1 = self._parse_main
        return found.start(0)

    def next_line(self: Any) -> tuple[int, bytes]:
        """Where the next line starts and its bytes, ending with \\r, \\n or \\r\\n (as pdfminer's)."""
        pieces: list[bytes] = []
        start = self.bufpos + self.charpos
        after_cr = False
        while True:
            self.fillbuf()
            if after_cr:
                if self.buf[self.charpos : self.charpos + 1] == b"\n":
                    pieces.append(b"\n")
                    self.charpos += 1
                break
            found = eol.search(self.buf, self.charpos)
            end = found.end(0) if found else len(self.buf)
            pieces.append(self.buf[self.charpos : end])
            self.charpos = end
            if found:
                if pieces[-1][-1:] != b"\r":
                    break
                after_cr = True
        return start, b"".join(pieces)

    psparser.PSBaseParser._parse_comment = skip_comment
    psparser.PSBaseParser.nextline = next_line
