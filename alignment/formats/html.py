"""Web pages (.html, .htm): the article a page holds, or everything it shows, decoded as the page declares.

The article comes from trafilatura, given the page's markup (never a URL: nothing is fetched), with
headings, paragraphs, quotations, lists and tables kept; the whole page from a walk over every element
a reader sees.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

from alignment.formats.common import join_paragraphs, library, split_at_breaks
from alignment.formats.limits import MAX_BYTES
from alignment.formats.text import decode

if TYPE_CHECKING:
    from configparser import ConfigParser

    from alignment.formats import Reading

_PRESCAN = 1024
"""Browsers look for the page's declared encoding in its first 1024 bytes; so does paralign."""
_DECLARED = re.compile(
    rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([-\w.:]+)|<meta[^>]*charset\s*=\s*[\"']?\s*([-\w.:]+)", re.I
)
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
"""Browsers read pages declared Latin-1 or ASCII as Windows-1252, and so do their authors' tools."""
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

_HIDDEN = frozenset([
    "script", "style", "noscript", "template", "head", "select", "iframe", "object", "embed", "svg",
    "canvas", "audio", "video", "map",
])  # fmt: skip
"""Elements a reader never sees as text."""
_BLOCKS = frozenset([
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
])  # fmt: skip
_SPACES = re.compile(r"[ \t\n\r\f\v]+")

_ARTICLE_BLOCKS = frozenset(["head", "p", "quote", "list", "item", "table", "row", "cell", "code"])
"""The block elements of trafilatura's output; "lb" is its line break, "code" keeps its lines."""
_UNSEEN = ["//*[@hidden]", "//*[@aria-hidden='true']"]
_FRAGILE = re.compile("[\xa0\xad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]")
"""Characters trafilatura makes plain spaces or drops: no-break and thin spaces, soft hyphens, joiners."""
_STAND_INS = 0x13000
"""Where the printable stand-ins for fragile characters are taken from (Egyptian hieroglyphs)."""


def _declared(data: bytes) -> str | None:
    """The encoding the page declares in an XML declaration or a meta tag, as browsers read it."""
    found = _DECLARED.search(data[:_PRESCAN])
    if found is None:
        return None
    try:
        name = codecs.lookup((found.group(1) or found.group(2)).decode("ascii")).name
    except LookupError:
        return None
    # A declaration readable as ASCII cannot be in UTF-16 or UTF-32: browsers take UTF-8 then.
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else _WEB_ALIASES.get(name, name)


def decode_page(data: bytes) -> tuple[str, str]:
    """The page's markup and its encoding: a byte-order mark, else the declaration, else the best guess."""
    declared = None if data.startswith(_BOMS) else _declared(data)
    try:
        text, encoding = (data.decode(declared), declared) if declared else decode(data)
    except UnicodeDecodeError:
        text, encoding = decode(data)  # a wrong declaration: guessing from the bytes does better
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _seen(tag: Any) -> bool:
    """Whether an element is shown to a reader as text."""
    return not (
        tag.name in _HIDDEN or tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true"
    )


def _pieces(root: Any, bs4: ModuleType) -> Iterator[str | None]:
    """Text, line breaks ("\n") and paragraph breaks (None marks them) in document order.

    Walked with an explicit stack: pages nest thousands deep, and changing the tree costs quadratic time.
    """
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if node is None:
            yield None
        elif not isinstance(node, bs4.Tag):
            if type(node) in (bs4.NavigableString, bs4.CData):  # not comments, doctypes or script text
                yield _SPACES.sub(" ", node)
        elif not _seen(node):
            continue
        elif node.name == "br":
            yield "\n"
        elif node.name == "pre":
            yield from (None, node.get_text(), None)
        else:
            if node.name in _BLOCKS:
                yield None
                stack.append(None)
            stack.extend(reversed(node.contents))


def _trimmed(paragraph: str) -> str:
    """A paragraph with the white space around its line breaks removed."""
    return "\n".join(line.strip() for line in paragraph.split("\n"))


def whole_text(markup: str) -> str:
    """Everything a page shows as text, one paragraph per block element."""
    bs4 = library("bs4", "beautifulsoup4")
    return join_paragraphs(
        _trimmed(p) for p in split_at_breaks(_pieces(bs4.BeautifulSoup(markup, "html.parser"), bs4))
    )


@functools.cache
def _trafilatura() -> ModuleType:
    """trafilatura, imported for the first web page, its log kept off stderr."""
    import logging  # with trafilatura: both are slow to import, and most files are not web pages

    trafilatura = library("trafilatura", "trafilatura")
    # trafilatura logs every page it finds thin; unconfigured, Python would print that on stderr.
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())
    return trafilatura


@functools.cache
def _config(trafilatura: ModuleType) -> ConfigParser:
    """trafilatura's settings, for files rather than crawls."""
    config: ConfigParser = trafilatura.settings.use_config()
    # Below its default 250 characters trafilatura swaps its result for a fallback that runs every
    # paragraph into one; a short article is still an article.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_BYTES))
    return config


def _protect(tree: Any, markup: str) -> dict[int, str]:
    """Swap the fragile characters in the tree's text for printable stand-ins absent from the page."""
    found: set[str] = set()
    for element in tree.iter():
        found.update(_FRAGILE.findall(element.text or ""), _FRAGILE.findall(element.tail or ""))
    stand_ins = (chr(code) for code in range(_STAND_INS, _STAND_INS + 0x400) if chr(code) not in markup)
    swap = {ord(char): stand_in for char, stand_in in zip(sorted(found), stand_ins, strict=False)}
    if swap:
        for element in tree.iter():
            if element.text:
                element.text = element.text.translate(swap)
            if element.tail:
                element.tail = element.tail.translate(swap)
    return {ord(stand_in): chr(char) for char, stand_in in swap.items()}


def _headline(tree: Any) -> str:
    """The page's one h1, which trafilatura drops when it sits in the article's header; "" if not one."""
    headings = tree.xpath("//h1")
    return _SPACES.sub(" ", headings[0].text_content()).strip() if len(headings) == 1 else ""


def _article_pieces(node: Any) -> Iterator[str | None]:
    """Text, line breaks and paragraph breaks (None) of trafilatura's output tree."""
    block = node.tag in _ARTICLE_BLOCKS
    if block:
        yield None
    if node.tag == "lb":
        yield "\n"
    yield (node.text or "") if node.tag == "code" else _SPACES.sub(" ", node.text or "")
    for child in node:
        yield from _article_pieces(child)
        yield _SPACES.sub(" ", child.tail or "")
    if block:
        yield None


def article_text(markup: str) -> str:
    """The main text of a page (its article), or "" when trafilatura finds none."""
    trafilatura = _trafilatura()
    tree = trafilatura.load_html(markup)
    if tree is None:
        return ""
    restore = _protect(tree, markup)
    headline = _headline(tree)
    document = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
        prune_xpath=_UNSEEN,
        config=_config(trafilatura),
    )
    if document is None or document.body is None:
        return ""
    text = join_paragraphs(_trimmed(p) for p in split_at_breaks(_article_pieces(document.body)))
    if text and headline and headline not in text:
        text = f"{headline}\n\n{text}"
    return text.translate(restore)


def extract(data: bytes, reading: Reading = "article") -> tuple[str, str]:
    """The text of a page and its encoding; the whole page when it holds no article."""
    markup, encoding = decode_page(data)
    text = article_text(markup) if reading == "article" else ""
    return text or whole_text(markup), encoding
