"""pdfminer's PostScript tokenizer kept linear on a long comment, line or token.

pdfminer gathers a comment (which it then drops), a line (read when it looks for the objects of a
file whose cross-reference table is damaged) and every token by adding each 4 KB buffer, or each
escaped byte, to the bytes gathered so far: quadratic, so a 4 MB comment took seconds, an 8 MiB hex
string 646 MB, and a string of escapes hours. The comment is skipped to its line end instead, a line
gathered as a list of pieces, strings and names in a bytearray (extended in place), and while a token
is open the next buffer is as long as the token so far; a hex string is decoded at C speed (pdfminer
made a bytes object per byte).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

_SPACES = b" \t\n\r\f\v"
"""What pdfminer's hex strings leave out between their digits (its regex \\s)."""


def linear(psparser: ModuleType) -> None:
    """Put the linear comment, line and token readers in place of pdfminer's (idempotent)."""
    base = psparser.PSBaseParser
    if isinstance(base.__dict__.get("BUFSIZ"), property):
        return
    eol, end_literal, end_hex = psparser.EOL, psparser.END_LITERAL, psparser.END_HEX_STRING
    parse_string, parse_literal, add_token = base._parse_string, base._parse_literal, base._add_token
    buffer = base.BUFSIZ  # pdfminer's buffer size, kept while no long token is open

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

    def gather_string(self: Any, s: bytes, i: int) -> int:
        """pdfminer's string reader, its bytes (and each escaped byte) added in place."""
        if type(self._curtoken) is bytes:
            self._curtoken = bytearray(self._curtoken)
        return parse_string(self, s, i)

    def gather_literal(self: Any, s: bytes, i: int) -> int:
        """pdfminer's name reader, its bytes added in place, bytes again when the name ends (a key)."""
        found = end_literal.search(s, i)
        if found and s[found.start() : found.start() + 1] != b"#":
            if type(self._curtoken) is bytearray:
                self._curtoken = bytes(self._curtoken)
        elif type(self._curtoken) is bytes:
            self._curtoken = bytearray(self._curtoken)
        return parse_literal(self, s, i)

    def hex_string(self: Any, s: bytes, i: int) -> int:
        """A hex string's bytes: pairs of digits, a last lone digit as its own value (as pdfminer's)."""
        if type(self._curtoken) is bytes:
            self._curtoken = bytearray(self._curtoken)
        found = end_hex.search(s, i)
        if not found:
            self._curtoken += s[i:]
            return len(s)
        self._curtoken += s[i : found.start(0)]
        digits = self._curtoken.translate(None, _SPACES)
        odd = len(digits) % 2
        token = bytes.fromhex(digits[: len(digits) - odd].decode("ascii"))
        self._add_token(token + bytes((int(digits[-1:], 16),)) if odd else token)
        self._parse1 = self._parse_main
        return found.start(0)

    def add_bytes(self: Any, token: Any) -> None:
        """A token as pdfminer gives it: a string gathered in a bytearray as bytes."""
        add_token(self, bytes(token) if type(token) is bytearray else token)

    base._parse_comment = skip_comment
    base.nextline = next_line
    base._parse_string = gather_string
    base._parse_literal = gather_literal
    base._parse_hexstring = hex_string
    base._add_token = add_bytes
    # Both buffer readers (the file's and the content streams') read self.BUFSIZ bytes at a time.
    base.BUFSIZ = property(lambda self: max(buffer, len(self._curtoken)))
