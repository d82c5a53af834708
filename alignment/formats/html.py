"""Web pages (.html, .htm): the readable text, without scripts, styles or navigation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from alignment.formats.common import join_paragraphs, library

_HIDDEN = frozenset([
    "script", "style", "noscript", "template", "head", "title", "nav", "header", "footer", "aside",
    "form", "button", "select", "iframe", "object", "embed", "svg", "canvas", "audio", "video", "map",
])  # fmt: skip
_HIDDEN_ROLES = re.compile(r"^(navigation|banner|contentinfo|search|menu|menubar|toolbar)$", re.I)
_BLOCKS = frozenset([
    "address", "article", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
    "summary", "table", "td", "th", "tr", "ul",
])  # fmt: skip
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def _hidden(tag: Any) -> bool:
    """Whether an element is no part of the readable text: code, styling, navigation or hidden."""
    return (
        tag.name in _HIDDEN
        or bool(_HIDDEN_ROLES.match(str(tag.get("role", ""))))
        or tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).lower() == "true"
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
        elif _hidden(node):
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


def extract(markup: str) -> str:
    """The readable text of a page, one paragraph per block element."""
    bs4 = library("bs4", "beautifulsoup4")
    paragraphs: list[str] = []
    current: list[str] = []
    for piece in _pieces(bs4.BeautifulSoup(markup, "html.parser"), bs4):
        if piece is None:
            paragraphs.append("".join(current))
            current = []
        else:
            current.append(piece)
    paragraphs.append("".join(current))
    return join_paragraphs("\n".join(line.strip() for line in p.split("\n")) for p in paragraphs)
