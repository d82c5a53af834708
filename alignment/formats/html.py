"""Web pages (.html, .htm): the readable text, without scripts, styles or navigation."""

from __future__ import annotations

import re

from alignment.formats.common import join_paragraphs, library

_HIDDEN = [
    "script", "style", "noscript", "template", "head", "title", "nav", "header", "footer", "aside",
    "form", "button", "select", "iframe", "object", "embed", "svg", "canvas", "audio", "video", "map",
]  # fmt: skip
_HIDDEN_ROLES = re.compile(r"^(navigation|banner|contentinfo|search|menu|menubar|toolbar)$", re.I)
_BLOCKS = [
    "address", "article", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
    "summary", "table", "td", "th", "tr", "ul",
]  # fmt: skip
# Private-use marks carry the structure through get_text(), which knows nothing of blocks.
_PARAGRAPH, _LINE = "\ue000", "\ue001"
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def extract(markup: str) -> str:
    """The readable text of a page, one paragraph per block element."""
    soup = library("bs4", "beautifulsoup4").BeautifulSoup(
        markup.replace(_PARAGRAPH, " ").replace(_LINE, " "), "html.parser"
    )
    hidden = soup.find_all(_HIDDEN) + soup.find_all(attrs={"role": _HIDDEN_ROLES})
    hidden += soup.find_all(attrs={"hidden": True}) + soup.find_all(attrs={"aria-hidden": "true"})
    for tag in hidden:
        tag.decompose()
    for tag in soup.find_all("pre"):
        for string in tag.find_all(string=True):
            string.replace_with(string.replace("\n", _LINE))
    for tag in soup.find_all("br"):
        tag.replace_with(_LINE)
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before(_PARAGRAPH)
        tag.append(_PARAGRAPH)
    text = _SPACES.sub(" ", soup.get_text())
    return join_paragraphs(
        "\n".join(line.strip() for line in block.split(_LINE)) for block in text.split(_PARAGRAPH)
    )
