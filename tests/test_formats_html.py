"""Web pages open as their article (or, asked, as the whole page), decoded as they declare, offline."""

from __future__ import annotations

import html
import json
import socket
import sys
from pathlib import Path

import pytest

from alignment.align import align
from alignment.cli import main
from alignment.documents import load_document
from alignment.errors import DocumentError
from alignment.serialize import alignment_to_json

sys.path.insert(0, str(Path(__file__).parent))
import evaluate  # noqa: E402  (a copy of shared/tools/evaluate.py)

DATA = Path(__file__).parent / "data"

COOKIES = (
    "We use cookies to give you the best experience. By continuing to browse you accept our use of cookies."
)
NAV = ["News", "Business", "Opinion", "Arts and Life"]
SHARE = ["Share on Facebook", "Share on X", "Share by email"]
COMMENT = "What a piece! Thanks for covering this, it is the only honest account I have read so far."
FOOTER = "© 2025 The Moscow Times. All rights reserved. Privacy Policy. Terms of Use."
HIDDEN = "A paragraph the page keeps hidden from every reader until a button is pressed, never shown."
RELATED = "Kremlin Says Talks With Kyiv Could Resume in Istanbul Next Month"


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def _page(head: str, article: str) -> str:
    """A news site's page: cookie banner, header with navigation, the article, related stories, comments."""
    nav = "".join(f"<li><a href='/{n.lower()}'>{n}</a></li>" for n in NAV)
    share = " ".join(f"<a class='share__link' href='#'>{s}</a>" for s in SHARE)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{head} - The Moscow Times</title>
<script>window.dataLayer = [{{"event": "pageview"}}];</script>
<style>.cookie {{ position: fixed }}</style></head>
<body>
<div class="cookie-consent" id="cookie-banner">{_p(COOKIES)}<button>Accept all</button></div>
<header class="site-header"><a class="logo" href="/">The Moscow Times</a>
<nav class="main-nav"><ul>{nav}</ul></nav></header>
<main class="container">{article}
<div class="share-bar social">{share}</div>
<section class="related-articles"><h3>Read more</h3>
<ul><li><a href="/2025/08/kyiv">{RELATED}</a></li></ul></section>
<section class="comments" id="comments"><h3>Comments (1)</h3><div class="comment">
<p class="comment__author">Reader42 · 3 hours ago</p>{_p(COMMENT)}<a href="#">Reply</a></div></section>
</main>
<footer class="site-footer">{_p(FOOTER)}</footer>
</body></html>
"""


def _seed_page() -> tuple[str, list[str]]:
    """The seed original as the web page it was copied from, and the paragraphs of its article alone.

    seed.src.txt holds the page as pasted: the support banner, headline, photo caption and credit, the
    article, then the newsletter box, the donation appeal and "Read more".
    """
    paragraphs = [p.strip() for p in (DATA / "seed.src.txt").read_text(encoding="utf-8").split("\n\n")]
    banner, headline, caption = paragraphs[:3]
    signup = next(k for k, p in enumerate(paragraphs) if p.startswith("Sign up for our free weekly"))
    appeal = next(k for k, p in enumerate(paragraphs) if p.startswith("A Message from The Moscow Times"))
    body = paragraphs[3:signup]
    newsletter = paragraphs[signup:appeal]
    buttons = paragraphs[-2].split("\n")
    letter = paragraphs[appeal : len(paragraphs) - 2]
    credit_at = caption.index(". ") + 1
    article = f"""<div class="support-banner"><a href="/contribute">{html.escape(banner)}</a></div>
<article class="article">
<header class="article__header"><h1>{html.escape(headline)}</h1></header>
<figure class="article__image"><img src="/img/valaam.jpg" alt="">
<figcaption>{html.escape(caption[:credit_at])}<span class="credit">{html.escape(caption[credit_at:])}</span>
</figcaption></figure>
<div class="article__content">{"".join(_p(p) for p in body)}</div>
<div class="newsletter-box"><h3>{html.escape(newsletter[0])}</h3>{"".join(_p(p) for p in newsletter[1:-1])}
<form class="newsletter-form"><input type="email" placeholder="Your email"><button>Subscribe</button></form>
<p class="newsletter__small">{html.escape(newsletter[-1])}</p></div>
<div class="contribution-appeal donate"><h3>{html.escape(letter[0])}</h3>{"".join(_p(p) for p in letter[1:])}
<div class="contribution__options">{"".join(f"<button>{html.escape(b)}</button>" for b in buttons)}</div>
</div>
</article>"""
    assert paragraphs[-1] == "Read more"
    return _page(headline, article), [headline, *body]


def _write(tmp_path: Path, name: str, markup: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(markup.encode("utf-8") if isinstance(markup, str) else markup)
    return path


NEWS_ARTICLE = [
    "Council Approves the New Bridge",
    "The city council voted 31 to 4 on Tuesday to build a €12.5 million bridge over the river.",
    "“We have waited 40 years for this,” said the mayor, Anna Berg.\nConstruction starts in May.",
    "The vote",
    "Opponents said the cost had doubled since 2019 and asked for a referendum, which was refused.",
]


def _news_page() -> str:
    head, body, quote, subhead, last = NEWS_ARTICLE
    lines = quote.split("\n")
    article = (
        f"<article><h1>{head}</h1>{_p(body)}<div hidden>{_p(HIDDEN)}</div>"
        f"<blockquote><p>{html.escape(lines[0])}<br>{html.escape(lines[1])}</p></blockquote><h2>{subhead}</h2>{_p(last)}</article>"
    )
    return _page(head, article)


def test_a_news_page_opens_as_its_article_alone(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "news.html", _news_page()))
    assert (doc.format, doc.encoding) == ("html", "utf-8")
    assert doc.text == "\n\n".join(NEWS_ARTICLE)


def test_the_whole_page_reading_keeps_everything_it_shows(tmp_path: Path) -> None:
    text = load_document(_write(tmp_path, "news.html", _news_page()), html="whole").text
    paragraphs = text.split("\n\n")
    for kept in [COOKIES, "The Moscow Times", *NAV, *NEWS_ARTICLE, RELATED, COMMENT, FOOTER, "Accept all"]:
        assert kept in text
    assert " ".join(SHARE) in paragraphs
    assert "pageview" not in text and "position" not in text and "Moscow Times -" not in text


def test_the_seed_web_page_opens_as_the_article_and_aligns_as_the_text_files_do(tmp_path: Path) -> None:
    page, article = _seed_page()
    doc = load_document(_write(tmp_path, "seed.html", page))
    assert doc.text == "\n\n".join(article)
    src_text = (DATA / "seed.src.txt").read_text(encoding="utf-8")
    tgt = load_document(DATA / "seed.tgt.txt")
    prediction = alignment_to_json(align(doc, tgt))
    # The gold file's units are spans of seed.src.txt: each sentence of the page is found there, in order.
    cursor = 0
    for sentence in prediction["source"]["sentences"]:
        start = src_text.index(doc.text[sentence["start"] : sentence["end"]], cursor)
        cursor = start + sentence["end"] - sentence["start"]
        sentence["start"], sentence["end"] = start, cursor
    gold = json.loads((DATA / "seed.gold.json").read_text(encoding="utf-8"))
    score = evaluate.score(gold, src_text, tgt.text, prediction)
    assert (score["P"], score["R"], score["F1"]) == (1.0, 1.0, 1.0), score


def test_the_article_keeps_quotes_numbers_and_special_spaces_exactly(tmp_path: Path) -> None:
    body = [
        "Le budget atteint 1\xa0200\xa0000\xa0€, soit 3,5\u202f% de plus qu’en 2024, a dit M.\xa0Dupont.",
        '«\u202fC’est historique\u202f», a-t-il ajouté\u00a0; il cite "Le Monde" et ‘The Times’.',
        "Les co\xadopérants ont signé à 10\u2009h\u200930 ; ils veulent la paix.",
        "او می\u200cخواهد بیاید و ۱۲۳ کتاب بخواند.",
    ]
    article = "<article><h1>Titre</h1>" + "".join(_p(p) for p in body) + "</article>"
    doc = load_document(_write(tmp_path, "fr.html", _page("Titre", article).replace("&nbsp;", "\xa0")))
    assert doc.text == "\n\n".join(["Titre", *body])


def test_entities_for_fragile_characters_survive_too(tmp_path: Path) -> None:
    article = (
        "<article><h1>Prix</h1><p>Le nouveau pont de la ville co&shy;ûte 1&nbsp;200&#160;000 €, soit "
        "3&#x202F;% de plus que prévu, selon le rapport publié mardi par la mairie.</p></article>"
    )
    doc = load_document(_write(tmp_path, "fr.html", _page("Prix", article)))
    assert doc.text.split("\n\n") == [
        "Prix",
        "Le nouveau pont de la ville co\xadûte 1\xa0200\xa0000 €, soit 3\u202f% de plus que prévu, "
        "selon le rapport publié mardi par la mairie.",
    ]


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ("<meta charset='windows-1251'>", "cp1251"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8-r"),
        ("<meta charset='iso-8859-1'>", "cp1252"),
    ],
)
def test_the_pages_declared_encoding_comes_before_guessing(
    tmp_path: Path, declaration: str, encoding: str
) -> None:
    text = (
        "Съешь же ещё этих мягких французских булок, да выпей чаю."
        if encoding != "cp1252"
        else ("Les élèves ont déjà mangé à l’école, où ils étaient ravis — «\xa0très\xa0» ravis.")
    )
    page = f"<html><head>{declaration}</head><body><article><h1>T</h1>{_p(text)}</article></body></html>"
    doc = load_document(_write(tmp_path, "a.html", page.encode(encoding)))
    assert (doc.text.split("\n\n")[-1], doc.encoding) == (text, encoding)


def test_a_wrong_declaration_falls_back_to_guessing(tmp_path: Path) -> None:
    text = "Les élèves ont déjà mangé à l’école, où ils étaient ravis."
    page = f"<html><head><meta charset='utf-8'></head><body><p>{text}</p></body></html>"
    doc = load_document(_write(tmp_path, "a.html", page.encode("cp1252")))
    assert (doc.text, doc.encoding) == (text, "cp1252")


def test_a_page_without_an_article_is_read_whole(tmp_path: Path) -> None:
    page = "<html><body><footer>Only a footer here.</footer></body></html>"
    assert load_document(_write(tmp_path, "a.html", page)).text == "Only a footer here."


def test_a_short_article_keeps_its_paragraphs(tmp_path: Path) -> None:
    paragraphs = ["The museum reopens on Monday after two years of repairs.", "Entry stays free for kids."]
    article = f"<article><h1>Reopening</h1>{''.join(_p(p) for p in paragraphs)}</article>"
    doc = load_document(_write(tmp_path, "a.html", _page("Reopening", article)))
    assert doc.text == "\n\n".join(["Reopening", *paragraphs])


def test_a_page_with_no_readable_text_keeps_its_message(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "a.html", "<html><head><title>T</title></head><body><script>x()</script></body></html>"
    )
    with pytest.raises(DocumentError, match=r"a\.html: the web page has no text$"):
        load_document(path)


def test_reading_a_page_opens_no_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    page = _news_page().replace("<h1>", "<link rel='canonical' href='https://example.com/a'><h1>")
    assert load_document(_write(tmp_path, "news.html", page)).text == "\n\n".join(NEWS_ARTICLE)


@pytest.mark.parametrize("reading", ["article", "whole"])
def test_the_command_line_reads_pages_as_asked(
    tmp_path: Path, reading: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path, "news.html", _news_page())
    extra = [] if reading == "article" else ["--html", "whole"]
    assert main(["align", str(page), str(page), "--json", *extra]) == 0
    text = json.loads(capsys.readouterr().out)["source"]["text"]
    assert (text == "\n\n".join(NEWS_ARTICLE)) == (reading == "article")
    assert (COOKIES in text) == (reading == "whole")
