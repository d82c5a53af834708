"""pdfminer's PostScript tokenizer kept linear on a long comment, line or token.

pdfminer gathers a comment (which it then drops), a line (read when it looks for the objects of a
file whose cross-reference table is damaged) and every token by adding each 4 KB buffer, or each
escaped byte, to the bytes gathered so far: quadratic, so a 4 MB comment took seconds, an 8 MiB hex
string 646 MB, and a string of escapes hours. The comment is skipped to its line end instead, a line
gathered as a list of pieces, strings and names in a bytearray (extended in place), and while a token
is open the next buffer is as long as the token so far; a hex string is decoded at C speed (pdfminer
made a bytes object per byte). pdfminer also reads each escape of a string (``\\n``, ``\\101``) and
of a name (``#41``) a byte per call, a few calls an escape (8 MiB of them took 11-12 s): a run of
plain bytes and escapes whose meaning cannot depend on the next buffer is decoded in one step, by a
regex split and a table; pdfminer's own reader takes the rest (parens, a cut escape, an octal past 255).
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

_SPACES = b" \t\n\r\f\v"
"""What pdfminer's hex strings leave out between their digits (its regex \\s)."""
_STEP = 2**16
"""Bytes of a string or name decoded per step: the pieces of one split stay a few thousand."""
_STRING_RUN = re.compile(
    rb"(?:[^()\\]|\\[^0-7\r]|\\\r\n|\\[0-3][0-7]{2}(?=.)|\\[0-7]{1,2}(?=[^0-7]))++", re.DOTALL
)
"""Plain bytes and escapes read as pdfminer reads them whatever follows (the commonest first): an
octal escape once a byte ends it (a fourth digit or not a digit; under 256), a backslash before \\r
only with its \\n (pdfminer drops both). A lookahead fails at the end of a step or buffer, leaving a
cut escape to pdfminer (at the end of a content stream it reads on in the next)."""
_STRING_ESCAPE = re.compile(rb"\\(\r\n|[0-7]{1,3}|.)", re.DOTALL)
_NAMED_ESCAPES = (b"\\\r\n", b""), *((b"\\" + key, bytes((code,))) for key, code in (
    (b"n", 10), (b"r", 13), (b"t", 9), (b"b", 8), (b"f", 12), (b"(", 40), (b")", 41)
))  # fmt: skip
"""A string's escapes of a letter or paren and what they stand for (pdfminer's ESC_STRING), and the
line end after a backslash, dropped with it."""
_PARENS = re.compile(rb"(\()+|\)+")
"""Parens inside a string, a run of one kind: each nests deeper, or back out (pdfminer's paren count)."""
_NAME_RUN = re.compile(
    rb"(?:[^#/%\[\]()<>{}\s]++|#[0-9a-fA-F]{2}(?=.)|#[0-9a-fA-F]?(?=[^0-9a-fA-F]))++", re.DOTALL
)
"""Bytes of a name (pdfminer's END_LITERAL ends it) and its # escapes once a byte ends them: two hex
digits, or fewer before a byte that is none (pdfminer takes what digits there are, a lone # as nothing)."""
_NAME_ESCAPE = re.compile(rb"#([0-9a-fA-F]{0,2})")

_HEX_DIGITS = "0123456789abcdefABCDEF"
_NAME_ESCAPES = {
    digits.encode(): bytes((int(digits, 16),)) if digits else b""
    for digits in ("", *_HEX_DIGITS, *(a + b for a in _HEX_DIGITS for b in _HEX_DIGITS))
}
"""What the hex digits of a name's # escape stand for."""
_STRING_ESCAPES = {
    **{bytes((b,)): b"" for b in range(256)},  # any other byte is dropped with its backslash
    **{escape[1:]: byte for escape, byte in _NAMED_ESCAPES},
    b"\\": b"\\",
    **{f"{n:0{width}o}".encode(): bytes((n,)) for width in (1, 2, 3) for n in range(min(256, 8**width))},
}
"""What each escape of a string stands for, by the bytes after its backslash."""


def _string_text(run: bytes) -> bytes:
    """A run of a string's bytes and escapes (see _STRING_RUN) as the bytes they stand for, at C speed.

    The escapes of a letter or paren are replaced one kind after another; a backslash left over (of
    an octal escape, a dropped one, or the first of an escaped backslash, which no replacement takes)
    sends the run to a regex split instead.
    """
    text = run
    for escape, byte in _NAMED_ESCAPES:
        text = text.replace(escape, byte)
    return text if b"\\" not in text else _decoded(run, _STRING_ESCAPE, _STRING_ESCAPES)


def _decoded(run: bytes, escape: re.Pattern[bytes], table: dict[bytes, bytes]) -> bytes:
    """run with each escape replaced by what table says it stands for, at C speed."""
    pieces = escape.split(run)
    pieces[1::2] = map(table.__getitem__, pieces[1::2])
    return b"".join(pieces)


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
        """A step of plain bytes and escapes decoded, then pdfminer's string reader, added in place."""
        if type(self._curtoken) is bytes:
            self._curtoken = bytearray(self._curtoken)
        run = _STRING_RUN.match(s, i, i + _STEP)
        if run:
            self._curtoken += _string_text(run.group())
            i = run.end()
        parens = _PARENS.match(s, i, i + _STEP)
        if parens and (parens.group(1) or len(parens.group()) < self.paren):  # the string stays open
            self.paren += len(parens.group()) if parens.group(1) else -len(parens.group())
            self._curtoken += parens.group()
            return parens.end()
        return parse_string(self, s, i)

    def gather_literal(self: Any, s: bytes, i: int) -> int:
        """A step of a name decoded, then pdfminer's name reader, added in place, bytes again when the
        name ends (a key)."""
        run = _NAME_RUN.match(s, i, i + _STEP)
        if run:
            if type(self._curtoken) is bytes:
                self._curtoken = bytearray(self._curtoken)
            self._curtoken += _decoded(run.group(), _NAME_ESCAPE, _NAME_ESCAPES)
            i = run.end()
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
