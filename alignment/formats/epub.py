"""EPUB books: the chapters of the spine in reading order (container.xml, then the package, then its spine).

Each chapter is read as a whole web page (a book has no menus to leave out); chapters are paragraphs
apart. A book whose content is encrypted (DRM) is refused; obfuscated fonts alone are no obstacle.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from urllib.parse import unquote

from alignment.errors import DocumentError
from alignment.formats.archive import Archive
from alignment.formats.common import join_paragraphs, parse_xml
from alignment.formats.html import decode_page, whole_text

_CONTAINER = "META-INF/container.xml"
_ENCRYPTION = "META-INF/encryption.xml"
_CONTAINER_NS = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_XML_ENCRYPTION = "{http://www.w3.org/2001/04/xmlenc#}"
_PACKAGE = "application/oebps-package+xml"
_CHAPTER_TYPES = frozenset(["application/xhtml+xml", "text/html"])
_FONT_OBFUSCATION = frozenset(["http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"])
"""The two "encryptions" that only scramble embedded fonts (IDPF and Adobe); the text stays readable."""
_DRM = "the EPUB is protected by DRM (its content is encrypted); paralign opens only books without DRM"


def _refuse_drm(archive: Archive) -> None:
    """Refuse a book that encrypts anything but its fonts."""
    if _ENCRYPTION not in archive.names():
        return
    methods = parse_xml(archive.read(_ENCRYPTION)).iter(f"{_XML_ENCRYPTION}EncryptionMethod")
    if any(method.get("Algorithm") not in _FONT_OBFUSCATION for method in methods):
        raise DocumentError(_DRM)


def _package_path(archive: Archive) -> str:
    """Where the package document (the .opf) is, as container.xml says."""
    rootfiles = parse_xml(archive.read(_CONTAINER)).iter(f"{_CONTAINER_NS}rootfile")
    paths = [r.get("full-path", "") for r in rootfiles if r.get("media-type", _PACKAGE) == _PACKAGE]
    if not paths or not paths[0]:
        raise DocumentError("not a readable EPUB book: its container names no package")
    return unquote(paths[0])


def _chapters(archive: Archive, package_path: str) -> Iterator[str]:
    """The member names of the chapters in the spine's reading order, auxiliary (non-linear) ones left out."""
    package = parse_xml(archive.read(package_path))
    folder = posixpath.dirname(package_path)
    manifest = {item.get("id"): item for item in package.iterfind(f"{_OPF}manifest/{_OPF}item")}
    for ref in package.iterfind(f"{_OPF}spine/{_OPF}itemref"):
        item = manifest.get(ref.get("idref"))
        if ref.get("linear") == "no" or item is None or item.get("media-type") not in _CHAPTER_TYPES:
            continue
        href = unquote(item.get("href", "").split("#", 1)[0])
        yield posixpath.normpath(posixpath.join(folder, href))


def extract(data: bytes) -> str:
    """The text of an .epub book, chapter after chapter, paragraphs separated by blank lines."""
    archive = Archive(data)
    _refuse_drm(archive)
    # All read before any is parsed: a spine that repeats a chapter past the limit is refused at once.
    pages = [archive.read(name) for name in _chapters(archive, _package_path(archive))]
    return join_paragraphs(whole_text(decode_page(page)[0]) for page in pages)
