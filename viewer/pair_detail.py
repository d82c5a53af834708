"""The pair detail panel: the selected pair's two sides one above the other, graded, explained; the
same explanation, short, as the panes' tooltips; and selecting a pair's check."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from PySide6.QtWidgets import QTextBrowser, QWidget

from alignment.model import Alignment, Check, Grade, Op, Pair, Side
from alignment.report import css_class, marked_html, role_css, word_ranges
from alignment.roles import pair_role, palettes, roles
from viewer.marks import describe_pair, kind_label
from viewer.palette import Palette, make_palette

_SCORE_WORDS = (
    (1.0, "the same words"),
    (0.75, "most of the words kept"),
    (0.5, "many words shared"),
    (0.3, "some words shared"),
    (0.0, "few words shared: said anew"),
)
"""What a similarity score means, from the top: the score weighs rare words more than common ones."""
_MAX_CHANGES = 60
"""Changes listed at most; a long regrouped pair lists the first ones and says how many more."""


def score_words(pair: Pair) -> str:
    """A pair's score explained in words."""
    if not (pair.source and pair.target):
        return "no counterpart on the other side"
    words = next(text for least, text in _SCORE_WORDS if pair.score >= least)
    return f"similarity {pair.score:.0%}: {words} (rarer words count more)"


def _side_html(alignment: Alignment, k: int, side: Side, checks: Sequence[Check]) -> str:
    """One side's sentences with their word marks and the spans the checks point at."""
    pair = alignment.pairs[k]
    idx = pair.source if side == "source" else pair.target
    if not idx:
        return '<p class="none">— nothing on this side —</p>'
    ranges = word_ranges(pair.changes, side)
    ranges += [(span, "flag") for c in checks if (span := c.source if side == "source" else c.target)]
    text, sents = alignment.document(side).text, alignment.sentences(side)
    body = " ".join(marked_html(text, sents[i].start, sents[i].end, ranges) for i in idx)
    role = pair_role(pair)
    tint = f' class="{css_class(role)}"' if role else ""
    return f"<p{tint}>{body}</p>"


def _change_rows(alignment: Alignment, pair: Pair) -> str:
    """Every change of a pair, old words → new words, with its grade."""
    rows = []
    changes = [c for c in pair.changes if c.op is not Op.EQUAL]
    for c in changes[:_MAX_CHANGES]:
        old = alignment.source.text[c.source[0] : c.source[1]] or "—"
        new = alignment.target.text[c.target[0] : c.target[1]] or "—"
        grade = c.grade.value if c.grade else "meaning"
        rows.append(f"<tr><td>{html.escape(old)}</td><td>→</td><td>{html.escape(new)}</td><td>{grade}</td></tr>")
    more = len(changes) - _MAX_CHANGES
    if more > 0:
        rows.append(f'<tr><td colspan="4" class="none">and {more} more</td></tr>')
    return "".join(rows)


def pair_html(alignment: Alignment, k: int, checks: Sequence[Check]) -> str:
    """The whole panel for pair k: heading, both sides, graded changes, score and checks."""
    pair = alignment.pairs[k]
    role = pair_role(pair)
    # "Reworded" says more as "reworded, meaning changed" or "reworded, same meaning".
    heading = roles()[role].label.lower() if role in ("changed", "kept") else kind_label(pair)
    grades = Counter(c.grade for c in pair.changes if c.op is not Op.EQUAL)
    counts = ", ".join(f"{grades[g]} of {g.value}" for g in Grade if grades[g])
    parts = [
        f"<h3>Pair {k + 1}: {html.escape(heading)}</h3>",
        f"<p>{html.escape(score_words(pair).capitalize())}."
        + (f" Word changes: {counts}." if counts else "")
        + "</p>",
        '<p class="label">Original</p>',
        _side_html(alignment, k, "source", checks),
        '<p class="label">Paraphrase</p>',
        _side_html(alignment, k, "target", checks),
    ]
    rows = _change_rows(alignment, pair)
    if rows:
        parts.append(f'<table class="changes">{rows}</table>')
    if checks:
        items = "".join(
            f'<li><span class="{css_class("severity_" + c.severity)}"> {c.severity.upper()} </span> '
            f"{html.escape(c.message)}</li>"
            for c in checks
        )
        parts.append(f'<p class="label">Checks on this pair</p><ul>{items}</ul>')
    else:
        parts.append('<p class="none">No check fired on this pair.</p>')
    return "".join(parts)


class PairDetail(QTextBrowser):
    """Shows the selected pair in full; empty until a pair is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Pair detail")
        self.setOpenLinks(False)
        self.alignment: Alignment | None = None
        self.checks: list[Check] = []
        self.pair: int | None = None
        self.set_palette(make_palette())

    def set_palette(self, palette: Palette) -> None:
        """Colour the marks as the panes do."""
        table = palettes()[f"{palette.name}-dark" if palette.dark else palette.name]
        self.document().setDefaultStyleSheet(
            f"{role_css(table)}\n.label {{ font-weight: bold; margin-top: 6px; }}\n"
            f".none {{ font-style: italic; }}\n.changes td {{ padding: 0 6px 0 0; }}"
        )
        self.setStyleSheet(f"QTextBrowser {{ background: {table.base}; color: {table.text}; }}")
        self._render()

    def set_alignment(self, alignment: Alignment | None, checks: Sequence[Check]) -> None:
        """Show another alignment (nothing selected yet) or new checks of the same one."""
        if alignment is not self.alignment:
            self.pair = None
        self.alignment, self.checks = alignment, list(checks)
        self._render()

    def set_pair(self, pair: int | None) -> None:
        """Show another pair."""
        self.pair = pair
        self._render()

    def _render(self) -> None:
        if self.alignment is None or self.pair is None:
            self.setHtml('<p class="none">Select a pair to see it here in full.</p>')
            return
        checks = [c for c in self.checks if c.pair == self.pair]
        self.setHtml(pair_html(self.alignment, self.pair, checks))


def pair_tooltip(alignment: Alignment, side: Side, offset: int, checks: Sequence[Check]) -> str | None:
    """What the pane says on hover at an offset: the pair (numbered as the checks number it), the word
    change under the mouse with its grade, and why each check on the pair fired."""
    k = alignment.pair_at(side, offset)
    if k is None:
        return None
    pair = alignment.pairs[k]
    role = pair_role(pair)
    lines = [f"Pair {k + 1}: {describe_pair(pair)}" + (f" — {roles()[role].label.lower()}" if role else "")]
    for c in pair.changes:
        span = c.source if side == "source" else c.target
        if c.op is not Op.EQUAL and span[0] <= offset < span[1]:
            old = alignment.source.text[c.source[0] : c.source[1]] or "—"
            new = alignment.target.text[c.target[0] : c.target[1]] or "—"
            lines.append(f"{old} → {new}: {(c.grade or Grade.MEANING).value}")
    lines += [f"! {c.severity}: {c.message}" for c in checks if c.pair == k]
    return "\n".join(lines)
