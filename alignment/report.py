"""A self-contained HTML report: both texts side by side, the legend, the figures and the checks.

One file, inline CSS only (no fonts, images or links out), so it opens offline in any browser and
renders through Qt's rich-text engine for PDF.  Every text is escaped.  The colour roles and their
non-colour cues are the viewer's default palette, from the one table in resources/palette.json.
A book's report may be packed: its checks and texts gzipped into the page and unpacked into the same
markup by the page's own few lines of script (a tenth of the size); the PDF is never packed.
"""

from __future__ import annotations

import base64
import html
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from alignment import review_report
from alignment.checks import SEVERITIES, quotation_changes
from alignment.model import Alignment, Change, Check, Grade, Op, Side, Span
from alignment.review import Review
from alignment.roles import PaletteTable, pair_role, palettes, roles, word_role
from alignment.summary import summarize

_PALETTE = palettes()["default"]
FILL = {role: c.fill for role, c in _PALETTE.roles.items()}
MARK = {role: c.mark for role, c in _PALETTE.roles.items()}
_LEGEND_GROUPS = ("pair", "word", "flag")
MOVED = roles()["moved"].glyph
FLAG = "flag"
"""The class of a flagged span (:func:`css_class` of the flag role)."""
_UNTINTED = ("word_form",)


def _cue_css(role: str, mark: str) -> str:
    """The cue of a word role or the flag as CSS, as the viewer draws it (palette.json's "cue")."""
    return {
        "word_deleted": "text-decoration: line-through;",
        "word_inserted": f"text-decoration: underline; text-decoration-color: {mark};",
        "word_replaced": f"text-decoration: underline dashed {mark};",
        "word_wording": f"text-decoration: underline dotted {mark};",
        "word_form": f"text-decoration: underline dotted {mark};",
        "flag": f"outline: 2px solid {mark};",
    }.get(role, "")


def css_class(role: str) -> str:
    """The CSS class of a role: r- for pairs, w- for words, sev- for severities, flag for the flag."""
    if role.startswith("word_"):
        return "w-" + role.removeprefix("word_")
    if role.startswith("severity_"):
        return "sev-" + role.removeprefix("severity_")
    return FLAG if role == "flag" else "r-" + role


def role_css(palette: PaletteTable = _PALETTE) -> str:
    """One CSS rule per role of a palette: its tint and its cue (the report's, the pair detail's)."""
    rules = []
    for name, role in roles().items():
        if role.group == "review":
            continue
        colours = palette.roles[name]
        tint = "" if name in _UNTINTED else f"background-color: {colours.fill}; "
        border = f"border: 1px solid {colours.mark}; " if role.group == "severity" else ""
        rules.append(f".{css_class(name)} {{ {tint}{border}{_cue_css(name, colours.mark)} }}")
    return "\n".join(rules)


_CSS = f"""
body {{ font-family: Georgia, 'Times New Roman', serif; color: #1d1f23; background: #ffffff;
  margin: 24px auto; max-width: 1320px; padding: 0 20px; line-height: 1.5; }}
h1 {{ font-family: Helvetica, Arial, sans-serif; font-size: 22px; margin: 0 0 4px 0; }}
h2 {{ font-family: Helvetica, Arial, sans-serif; font-size: 16px; margin: 28px 0 8px 0;
  border-bottom: 1px solid #dee2e6; padding-bottom: 4px; }}
.files, .figures, .legend, .checks, th, .num {{ font-family: Helvetica, Arial, sans-serif; font-size: 13px; }}
.files {{ color: #495057; margin: 0; }}
table {{ border-collapse: collapse; }}
.top td {{ vertical-align: top; padding-right: 72px; }}
.checks td.link, .checks td.sevcell {{ white-space: nowrap; }}
.figures td {{ padding: 2px 18px 2px 0; }}
.figures td.value {{ font-weight: bold; text-align: right; }}
.legend td {{ padding: 3px 14px 3px 0; }}
.swatch {{ padding: 1px 10px; border: 1px solid #ced4da; }}
.checks {{ width: 100%; }}
.checks td {{ padding: 4px 8px; border-bottom: 1px solid #f1f3f5; vertical-align: top; }}
.sev {{ color: {_PALETTE.text}; font-weight: bold; font-size: 11px; padding: 1px 6px;
  text-transform: uppercase; }}
{role_css()}
.qdiff {{ color: #495057; font-size: 12px; }}
.pairs {{ width: 100%; table-layout: fixed; }}
.pairs th {{ text-align: left; padding: 6px 10px; background: #f1f3f5; }}
.pairs td {{ padding: 6px 10px; vertical-align: top; border-bottom: 1px solid #e9ecef; }}
.pairs th.num, .pairs td.num {{ width: 64px; white-space: nowrap; }}
.pairs td.num {{ color: #868e96; }}
.pairs td.num a {{ color: #868e96; text-decoration: none; }}
.pairs tr.flagged td.num {{ color: {MARK["flag"]}; font-weight: bold; }}
.pairs tr.moved td.num {{ border-left: 4px solid {MARK["moved"]}; }}
.pairs tr:target td {{ outline: 2px solid {MARK["flag"]}; }}
a {{ color: #1c7ed6; }}
.empty {{ color: #adb5bd; font-style: italic; }}
"""


Progress = Callable[[float], None]
"""Told the fraction of the report written so far, now and then, ending with 1.0."""
PROGRESS_PAIRS = 1024
"""Pairs written between two reports of progress: a book's 30,000 pairs make some thirty."""


def render_html(
    alignment: Alignment,
    checks: list[Check],
    review: Review | None = None,
    progress: Progress = lambda _: None,
    packed: bool = False,
) -> str:
    """The whole report as one self-contained HTML document; with a review, its verdicts and notes,
    and without the checks it dismissed.  ``progress`` follows the pairs as their rows are written.
    ``packed``: for a browser, the review, checks and texts of a book gzipped (see :func:`pack`)."""
    dismissed = 0
    if review is not None:
        kept = review.kept(alignment, checks)
        checks, dismissed = kept, len(checks) - len(kept)
    src, tgt = alignment.source.name, alignment.target.name
    title = f"paralign report: {src} ↔ {tgt}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}{review_report.CSS if review else ''}</style></head><body>",
        "<h1>paralign report</h1>",
        f'<p class="files">Original: <b>{_e(src)}</b> &nbsp;·&nbsp; Paraphrase: <b>{_e(tgt)}</b></p>',
        '<table class="top"><tr><td>',
        _figures(alignment, checks),
        "</td><td>",
        _legend(),
        "</td></tr></table>",
        pack(_body(alignment, checks, review, dismissed, progress), packed),
        "</body></html>",
    ]
    progress(1.0)
    return "\n".join(parts)


PACK_CHARACTERS = 1_000_000
"""Markup from which on a packed report gzips it: a book's (20 MB of it) shrinks ten times; an article's
stays plain markup, readable without a script."""
PACK_CHUNK = 1 << 18
"""Characters of markup handed to zlib at once: a row at a time took it twice as long."""
GZIP_WBITS = 31
"""zlib's window bits: its largest window (15) in a gzip wrapper (+16), what DecompressionStream reads."""
PACK_LEVEL = 6
"""gzip's compression level: 9 took more than twice as long for 3 % less (the dev Bible: 0.5 s, 3.0 MB)."""
_UNPACK = """<div id="packed">Unpacking the texts…</div>
<noscript>This report holds its checks and texts compressed: let the browser run its script to see
them.</noscript>
<script id="packed-data" type="application/gzip;base64">{data}</script>
<script>
(async () => {{
  const place = document.getElementById("packed");
  try {{
    const raw = atob(document.getElementById("packed-data").textContent);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    place.outerHTML = await new Response(stream).text();
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }} catch (error) {{
    place.textContent = "This browser cannot unpack the report's texts (" + error + "): try a newer one.";
  }}
}})();
</script>"""


def _body(
    alignment: Alignment, checks: list[Check], review: Review | None, dismissed: int, progress: Progress
) -> Iterator[str]:
    """The review, the checks and both texts side by side, in pieces (a book's pairs a row at a time)."""
    yield review_report.review_section(alignment, review, dismissed) if review else ""
    yield "\n"
    yield _checks(alignment, checks, review)
    yield "\n"
    yield from _pairs(alignment, checks, review, progress)


def pack(pieces: Iterable[str], packed: bool = True) -> str:
    """The markup of the pieces as it is, or, when packed and long, gzipped and base64-encoded into the
    page with the script that puts it in place once the page is loaded (the same markup, so the page looks
    the same).  Packed, the pieces are compressed as they come: a book's markup is never held whole (it
    was 45 MB as text and 22 MB encoded beside the rows it was joined from)."""
    pieces = iter(pieces)
    if not packed:
        return "".join(pieces)
    ahead, size = [], 0
    for piece in pieces:
        ahead.append(piece)
        size += len(piece)
        if size >= PACK_CHARACTERS:
            break
    else:
        return "".join(ahead)
    gzipped = zlib.compressobj(PACK_LEVEL, zlib.DEFLATED, GZIP_WBITS)
    # zlib lets go of the interpreter while it compresses: one chunk is compressed in a thread of its
    # own while the next is written.
    with ThreadPoolExecutor(1, thread_name_prefix="paralign report gzip") as zipper:
        data = []
        while ahead:
            data.append(zipper.submit(gzipped.compress, "".join(ahead).encode("utf-8")))
            ahead, size = [], 0
            for piece in pieces:  # zlib takes a few hundred kilobytes at a time faster than a row at a time
                ahead.append(piece)
                size += len(piece)
                if size >= PACK_CHUNK:
                    break
        data.append(zipper.submit(gzipped.flush))
        gzip = b"".join(chunk.result() for chunk in data)
    return _UNPACK.format(data=base64.b64encode(gzip).decode("ascii"))


def _e(text: str) -> str:
    """Text escaped for HTML."""
    return html.escape(text, quote=True)


def _figures(alignment: Alignment, checks: list[Check]) -> str:
    """The summary figures (:func:`alignment.summary.summarize`) and the checks by severity."""
    s = summarize(alignment)
    severities = Counter(c.severity for c in checks)
    rows: list[tuple[str, object]] = [
        ("Sentences in the original", s.source_sentences),
        ("Sentences in the paraphrase", s.target_sentences),
        ("Kept", s.kept),
        ("Reworded", s.reworded),
        ("Merged / split", s.regrouped),
        ("Moved", s.moved),
        ("Dropped", s.dropped),
        ("Added", s.added),
        ("Original words reused verbatim", f"{s.reused_word_share:.0%}"),
        ("Overall similarity", f"{s.similarity:.0%}"),
        *((f"Checks, {sev} severity", severities[sev]) for sev in SEVERITIES),
    ]
    note = f'<p class="empty">{_e(s.lines()[0])}</p>' if s.unrelated else ""
    cells = "".join(f'<tr><td>{_e(label)}</td><td class="value">{_e(str(n))}</td></tr>' for label, n in rows)
    return f'<h2>Summary</h2>{note}<table class="figures">{cells}</table>'


def _legend() -> str:
    """Each colour role with its label and the cue it carries besides colour, as palette.json says."""
    rows = []
    for name, role in roles().items():
        if role.group in _LEGEND_GROUPS:
            swatch = f"{role.glyph} {role.cue}" if role.glyph else role.cue
            rows.append(
                f'<tr><td><span class="swatch {css_class(name)}">{_e(swatch)}</span></td>'
                f"<td>{_e(role.label)}</td></tr>"
            )
    return f'<h2>Legend</h2><table class="legend">{"".join(rows)}</table>'


def _checks(alignment: Alignment, checks: list[Check], review: Review | None) -> str:
    """The checks, by severity, each linking to its pair; with a review, each check's verdict and note."""
    if not checks:
        return '<h2>Checks</h2><p class="empty">No check fired.</p>'
    rows = []
    for c in checks:
        diff = _quote_diff(alignment, c) if c.change == "altered" else ""
        if review is not None:
            diff += review_report.check_verdict(review, alignment, c)
        rows.append(
            f'<tr><td class="sevcell"><span class="sev sev-{_e(c.severity)}">{_e(c.severity)}</span></td>'
            f"<td>{_e(c.kind)}</td><td>{_e(c.message)}{diff}</td>"
            f'<td class="link"><a href="#pair-{c.pair}">pair {c.pair + 1}</a></td></tr>'
        )
    return f'<h2>Checks ({len(checks)})</h2><table class="checks">{"".join(rows)}</table>'


def _quote_diff(alignment: Alignment, check: Check) -> str:
    """An altered quotation's words with deletions struck through and insertions underlined."""
    out = []
    for ch in quotation_changes(alignment, check):
        old = _e(alignment.source.text[ch.source[0] : ch.source[1]])
        new = _e(alignment.target.text[ch.target[0] : ch.target[1]])
        if ch.op == Op.EQUAL:
            out.append(new)
        if ch.op in (Op.DELETE, Op.REPLACE):
            out.append(f'<span class="w-deleted">{old}</span>')
        if ch.op in (Op.INSERT, Op.REPLACE):
            out.append(f'<span class="w-inserted">{new}</span>')
    return f'<br><span class="qdiff">{" ".join(out)}</span>' if out else ""


COLLAPSE_RUN = 3
"""Unchanged pairs in a row from which on they share one row with the text once: a book stays a few MB."""


def _pairs(
    alignment: Alignment, checks: list[Check], review: Review | None, progress: Progress
) -> Iterator[str]:
    """Both texts side by side, a row per pair (runs of unchanged pairs share one), changes marked."""
    flagged: dict[int, list[Check]] = {}
    for c in checks:
        flagged.setdefault(c.pair, []).append(c)
    head = '<thead><tr><th class="num">Pair</th><th>Original</th><th>Paraphrase</th></tr></thead>'
    yield f'<h2>Texts side by side</h2><table class="pairs">{head}<tbody>'
    run: list[int] = []
    for k, pair in enumerate(alignment.pairs):
        if k % PROGRESS_PAIRS == 0:
            progress(k / len(alignment.pairs))
        role = pair_role(pair) or ""
        reviewed = review_report.review_glyph(review, alignment, k) if review else ""
        if not role and not reviewed and k not in flagged and pair.source and pair.target:
            run.append(k)
            continue
        yield from _unchanged(alignment, run)
        run = []
        classes = " ".join(x for x in ("flagged" if k in flagged else "", "moved" if pair.moved else "") if x)
        glyphs = (roles()[role].glyph if role else "", MOVED if pair.moved and role != "moved" else "")
        marks = "".join(x for x in (*glyphs, roles()["flag"].glyph if k in flagged else "", reviewed) if x)
        cells = [_cell(alignment, side, k, role, flagged.get(k, [])) for side in ("source", "target")]
        number = f'<td class="num"><a href="#pair-{k}">{k + 1}</a> {_e(marks)}</td>'
        css = f' class="{classes}"' if classes else ""
        yield f'<tr id="pair-{k}"{css}>{number}{cells[0]}{cells[1]}</tr>'
    yield from _unchanged(alignment, run)
    yield "</tbody></table>"


def _unchanged(alignment: Alignment, run: list[int]) -> list[str]:
    """Rows for consecutive unchanged pairs: their own rows when few, else one row with the original once."""
    if len(run) < COLLAPSE_RUN:
        return [_plain_row(alignment, k) for k in run]
    first, last = run[0], run[-1]
    text, sents = alignment.source.text, alignment.source_sentences
    body = " ".join(_e(text[sents[i].start : sents[i].end]) for k in run for i in alignment.pairs[k].source)
    return [
        f'<tr id="pair-{first}"><td class="num"><a href="#pair-{first}">{first + 1}–{last + 1}</a></td>'
        f'<td colspan="2"><span class="empty">{len(run)} pairs unchanged in the paraphrase:</span> '
        f"{body}</td></tr>"
    ]


def _plain_row(alignment: Alignment, k: int) -> str:
    """One unchanged pair: both sides as plain text."""
    cells = [_cell(alignment, side, k, "", []) for side in ("source", "target")]
    return f'<tr id="pair-{k}"><td class="num"><a href="#pair-{k}">{k + 1}</a></td>{cells[0]}{cells[1]}</tr>'


def _cell(alignment: Alignment, side: Side, k: int, role: str, checks: list[Check]) -> str:
    """One side of a pair: its sentences with word-level marks and flagged spans."""
    pair = alignment.pairs[k]
    idx = pair.source if side == "source" else pair.target
    if not idx:
        return '<td class="empty">—</td>'
    # An unchanged pair's word changes are in case or punctuation only: not worth their markup.
    ranges = word_ranges(pair.changes, side) if role else []
    # A one-sided check covers the whole cell; its row's "!" mark shows it without hiding the tint.
    spans = [c.source if side == "source" else c.target for c in checks if c.kind != "one-sided"]
    ranges += [(span, FLAG) for span in spans if span]
    text = alignment.document(side).text
    sents = alignment.sentences(side)
    body = " ".join(marked_html(text, sents[i].start, sents[i].end, ranges) for i in idx)
    css = f' class="r-{role}"' if role else ""
    return f"<td{css}>{body}</td>"


def _change_classes() -> dict[tuple[Op, Grade | None], tuple[str | None, str | None]]:
    """The CSS class a word change shows on each side by its op and grade (None: unmarked there)."""
    out = {}
    for op in Op:
        for grade in (None, *Grade):
            change = Change(op, (0, 0), (0, 0), grade)
            roles_ = (word_role(change, side) for side in ("source", "target"))
            out[op, grade] = tuple(css_class(role) if role else None for role in roles_)
    return out


_CHANGE_CLASSES = _change_classes()


def word_ranges(changes: Iterable[Change], side: Side) -> list[tuple[Span, str]]:
    """The word-level changes of a pair as classed ranges on one side."""
    n = 0 if side == "source" else 1
    classed = ((ch[1 + n], _CHANGE_CLASSES[ch.op, ch.grade][n]) for ch in changes)
    return [(span, cls) for span, cls in classed if cls is not None]


def marked_html(text: str, start: int, end: int, ranges: list[tuple[Span, str]]) -> str:
    """Escaped ``text[start:end]`` with every range wrapped in a span of its classes; a flagged stretch
    is one span around the word marks inside it (a flagged quotation cut at each mark in it took a book's
    report a fragment per piece).  A sentence with nothing to escape has its pieces sliced out as they are."""
    inside = sorted(
        (max(a, start), min(b, end), cls) for (a, b), cls in ranges if a < end and start < b and a < b
    )
    whole = text[start:end]
    escaped = _e(whole)
    if not inside:
        return escaped
    escape = _e if len(escaped) != len(whole) else str
    apart = all(x[1] <= y[0] for x, y in zip(inside, inside[1:], strict=False))
    if apart and all(cls != FLAG for *_, cls in inside):
        return _walked(text, start, end, inside, escape)
    return _swept(text, start, end, inside, escape)


def _walked(text: str, start: int, end: int, inside: list[tuple[int, int, str]],
            escape: Callable[[str], str]) -> str:
    """:func:`marked_html` of ranges that do not overlap, none a flag: a span per range, in one walk."""
    out, at = [], start
    for a, b, cls in inside:
        if a > at:
            out.append(escape(text[at:a]))
        out.append(f'<span class="{cls}">{escape(text[a:b])}</span>')
        at = b
    if at < end:
        out.append(escape(text[at:end]))
    return "".join(out)


def _swept(text: str, start: int, end: int, inside: list[tuple[int, int, str]],
           escape: Callable[[str], str]) -> str:
    """:func:`marked_html` of any ranges: their ends swept in order, a count of the open ranges of each
    class kept; a piece's classes are those open over it, a flag opens and closes the flagged stretch."""
    events = sorted(x for a, b, cls in inside for x in ((a, 1, cls), (b, -1, cls)))
    open_: dict[str, int] = {}
    out, flagged, words = [], False, ""
    at, k, n = start, 0, len(events)
    while at < end:
        if k < n and events[k][0] == at:
            marks = False
            while k < n and events[k][0] == at:
                _, step, cls = events[k]
                open_[cls] = open_.get(cls, 0) + step
                marks = marks or cls != FLAG
                k += 1
            if (open_.get(FLAG, 0) > 0) != flagged:
                flagged = not flagged
                out.append(f'<span class="{FLAG}">' if flagged else "</span>")
            if marks:
                words = " ".join(sorted(cls for cls, count in open_.items() if count > 0 and cls != FLAG))
        after = events[k][0] if k < n else end
        piece = escape(text[at:after])
        out.append(f'<span class="{words}">{piece}</span>' if words else piece)
        at = after
    if flagged:
        out.append("</span>")
    return "".join(out)
