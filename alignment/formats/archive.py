"""Zipped documents (docx, odt, epub): members read through a stream that stops at the size limit."""

from __future__ import annotations

import io
import zipfile

from alignment.errors import DocumentError
from alignment.formats.limits import MAX_BYTES, check_size

_CHUNK = 1 << 16
"""Bytes unpacked per read: zipfile's own read() unpacks up to 1 GiB at once, whatever the header says."""
_METHODS = frozenset([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
"""The only compressions documents use; bzip2 and lzma would unpack without a bound per chunk."""
_UNPACKED = "bytes when unpacked"
MAX_MEMBERS = 10_000
"""Files one zipped document may hold: a docx holds dozens, the EPUB of a long book a few hundred;
zipfile keeps an object of about 400 bytes for each entry of the directory (1 M entries: 400 MB)."""
_ENTRY_BYTES = 46 + 254
"""What one directory entry takes on average at most: 46 bytes, its name, extra field and comment."""


class Archive:
    """A zipped document whose members, together, may unpack to no more than the size limit."""

    def __init__(self, data: bytes) -> None:
        self._zip = open_zip(data)
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


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The zip in data; DocumentError if its directory holds, or claims, over MAX_MEMBERS entries.

    zipfile reads every entry of the directory at once, until the directory's declared size is used
    up whatever the declared count: both are checked before it reads any.
    """
    stream = io.BytesIO(data)
    end = zipfile._EndRecData(stream)  # the end record zipfile itself reads first (zip64 too)
    if end is None:
        return zipfile.ZipFile(stream)  # not a zip: zipfile says why
    members, size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if members > MAX_MEMBERS or size > MAX_MEMBERS * _ENTRY_BYTES:
        count = f"{members:,} files" if members > MAX_MEMBERS else f"a directory of {size:,} bytes"
        raise DocumentError(
            f"too many parts ({count}; paralign opens documents of up to {MAX_MEMBERS:,} files)"
        )
    return zipfile.ZipFile(stream)
