"""Zipped documents (docx, odt, epub): members read through a stream that stops at the size limit."""

from __future__ import annotations

import io
import zipfile

from alignment.formats.limits import MAX_BYTES, check_size

_CHUNK = 1 << 16
"""Bytes unpacked per read: zipfile's own read() unpacks up to 1 GiB at once, whatever the header says."""
_METHODS = frozenset([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
"""The only compressions documents use; bzip2 and lzma would unpack without a bound per chunk."""
_UNPACKED = "bytes when unpacked"


class Archive:
    """A zipped document whose members, together, may unpack to no more than the size limit."""

    def __init__(self, data: bytes) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        # The declared sizes refuse an honest zip bomb at once; read() holds a lying one to the limit.
        check_size(sum(info.file_size for info in self._zip.infolist()), _UNPACKED)
        self._left = MAX_BYTES

    def names(self) -> frozenset[str]:
        """The names of the archive's members."""
        return frozenset(self._zip.namelist())

    def read(self, name: str) -> bytes:
        """A member's bytes, unpacked a chunk at a time; DocumentError once all reads pass the limit."""
        info = self._zip.getinfo(name)
        if info.compress_type not in _METHODS:
            raise zipfile.BadZipFile(f"{name}: compression method {info.compress_type}")
        chunks: list[bytes] = []
        with self._zip.open(info) as member:
            while chunk := member.read(min(_CHUNK, self._left + 1)):
                self._left -= len(chunk)
                if self._left < 0:
                    check_size(MAX_BYTES - self._left, f"{_UNPACKED} or more")
                chunks.append(chunk)
        return b"".join(chunks)
