"""Correcting the alignment by hand: link selected sentences as one pair, unlink a pair, move a sentence.

Each correction is an edit of the review's links (so undo takes it back like any review edit); the
alignment then follows the links in the background, re-aligned only around the changed ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from alignment.model import Alignment, Check, Pair, Side
from alignment.review import PairKey, pair_key
from viewer.relink_job import RelinkJob

if TYPE_CHECKING:
    from viewer.main_window import MainWindow
    from viewer.marks import Ranges
    from viewer.review_actions import ReviewActions


def _overlaps(link: PairKey, src: set[int], tgt: set[int]) -> bool:
    """Whether a link holds any of these sentences."""
    return bool(src.intersection(link[0]) or tgt.intersection(link[1]))


def replaced(links: tuple[PairKey, ...], new: list[PairKey]) -> list[PairKey]:
    """The links with every one sharing a sentence with the new links taken out, and the new ones in."""
    src = {i for k in new for i in k[0]}
    tgt = {j for k in new for j in k[1]}
    return [k for k in links if not _overlaps(k, src, tgt)] + new


class LinkActions(QObject):
    """The link, unlink and move commands, and the background re-alignment that follows the links."""

    def __init__(self, window: MainWindow, review: ReviewActions) -> None:
        super().__init__(window)
        self.window, self.review = window, review
        self.job: RelinkJob | None = None
        self._wanted: tuple[PairKey, ...] | None = None
        self._select: PairKey | None = None
        review.links_needed.connect(self.follow)
        a = review.action
        self.link_action = a(
            "&Link selection as one pair",
            self.link,
            "K",
            "Pair the sentences selected (or under the cursor) in both panes as one pair",
        )
        self.unlink_action = a(
            "&Unlink pair", self.unlink, "Shift+K", "Make the current pair's sentences dropped and added"
        )
        self.move_back_action = a(
            "Move sentence to the &previous pair",
            lambda: self.move(False),
            "[",
            "Move the sentence under the cursor into the pair before it",
        )
        self.move_on_action = a(
            "Move sentence to the &next pair",
            lambda: self.move(True),
            "]",
            "Move the sentence under the cursor into the pair after it",
        )
        review.menu.addSeparator()
        review.menu.addActions(
            [self.link_action, self.unlink_action, self.move_back_action, self.move_on_action]
        )
        review.edit_actions += [
            self.link_action,
            self.unlink_action,
            self.move_back_action,
            self.move_on_action,
        ]

    # The commands -----------------------------------------------------------------------------

    def selected(self, side: Side) -> tuple[int, ...]:
        """The sentences the selection covers in one pane, or the one under its cursor."""
        alignment = self.window.alignment
        if alignment is None:
            return ()
        pane = self.window.panes[side]
        cursor = pane.textCursor()
        start = pane.offsets.to_engine(cursor.selectionStart())
        end = pane.offsets.to_engine(cursor.selectionEnd())
        sents = alignment.sentences(side)
        first, last = alignment.sentence_at(side, start), alignment.sentence_at(side, max(start, end - 1))
        if first is None or last is None:
            return ()
        if start >= sents[first].end and first < last:  # the selection starts in the space after a sentence
            first += 1
        return tuple(range(first, last + 1))

    def link(self) -> None:
        """Pair the selected sentences of both panes as one pair."""
        src, tgt = self.selected("source"), self.selected("target")
        if not src or not tgt:
            self.window.show_status("Select sentences in both panes (or put the cursor in one on each side).")
            return
        self._edit([(src, tgt)], [], f"Link {len(src)}:{len(tgt)}", (src, tgt))

    def unlink(self) -> None:
        """Make the current pair's sentences dropped and added; a one-sided manual pair is set free."""
        alignment, k = self.window.alignment, self.window.current_pair
        if alignment is None or k is None:
            self.window.show_status("Select a pair first.")
            return
        src, tgt = alignment.pairs[k].source, alignment.pairs[k].target
        if src and tgt:
            self._edit([(src, ()), ((), tgt)], [], "Unlink pair", (src, ()))
        else:
            self._edit([], [(src, tgt)], "Release sentences", None)

    def move(self, forward: bool) -> None:
        """Move the sentence under the cursor of the leading pane into the pair after (or before) its own."""
        alignment = self.window.alignment
        if alignment is None:
            return
        side = self.window.leader
        s = alignment.sentence_at(side, self.window.panes[side].cursor_offset())
        step = 1 if forward else -1
        if s is None or not 0 <= s + step < len(alignment.sentences(side)):
            self.window.show_status("There is no pair to move this sentence into.")
            return
        own = alignment.pairs[alignment.pair_of(side, s)]
        into = alignment.pairs[alignment.pair_of(side, s + step)]
        if own is into:
            self.window.show_status("Only the first or last sentence of a pair can move to its neighbour.")
            return
        grown = _with_sentence(into, side, s, True)
        rest = _with_sentence(own, side, s, False)
        new = [grown] + ([rest] if rest[0] and rest[1] else [])
        self._edit(new, [pair_key(own)], "Move sentence", grown)

    def _edit(self, new: list[PairKey], freed: list[PairKey], text: str, select: PairKey | None) -> None:
        """Replace the links touching ``new`` (and the ``freed`` pairs' links) with ``new``, undoably."""
        links = self.review.review.links
        src = {i for k in freed for i in k[0]}
        tgt = {j for k in freed for j in k[1]}
        kept = [k for k in replaced(links, new) if k in new or not _overlaps(k, src, tgt)]
        self._select = select
        self.review.state.edit(self.review.review.with_links(kept), text)

    # Following the links ----------------------------------------------------------------------

    def follow(self, links: tuple[PairKey, ...]) -> None:
        """Re-align the alignment on show around a set of links; a running re-alignment gives way."""
        if self.job is not None:
            self._wanted = links
            self.job.cancel()
            return
        alignment = self.window.alignment
        if alignment is None:
            return
        job = RelinkJob(alignment, links, list(self.window.checks))
        job.done.connect(lambda *shown, j=job: self._done(j, *shown))
        job.checked.connect(lambda *checked, j=job: self._checked(j, *checked))
        job.failed.connect(self.window.show_error)
        job.ended.connect(lambda j=job: self._finished(j))
        self.job = job
        self.window.statusBar().showMessage("Aligning around the links…")
        job.start()

    def _done(self, job: RelinkJob, alignment: Alignment, *shown: object) -> None:
        """Show the re-made alignment (with marks, summary, checks and flags) if made from the one on show."""
        if self.job is not job or self.window.alignment is not job.alignment or self._wanted is not None:
            return
        self.window.statusBar().clearMessage()
        self.window.session.realigned(alignment, *shown)
        self.window.set_checks_note("Checking the whole text…")
        keys = [pair_key(p) for p in alignment.pairs]
        if self._select in keys:
            self.window.select_pair(keys.index(self._select))
        self._select = None

    def _checked(
        self, job: RelinkJob, alignment: Alignment, checks: list[Check], flags: dict[Side, Ranges]
    ) -> None:
        """Show the whole text's checks of the re-made alignment, unless the job was dropped meanwhile."""
        # A closing window drops the job while its checks may still be on their way: its panes are gone.
        if self.job is job:
            self.window.session.rechecked(alignment, checks, flags)

    def _finished(self, job: RelinkJob) -> None:
        """The job has ended: start the one asked for meanwhile, from the alignment on show now."""
        if self.job is not job:
            return
        self.job = None
        wanted, self._wanted = self._wanted, None
        if wanted is not None:
            self.follow(wanted)

    def close(self) -> None:
        """Drop a running re-alignment, showing nothing more of it: the window is closing."""
        if self.job is not None:
            self.job.cancel()
            self.job = None


def _with_sentence(pair: Pair, side: Side, s: int, add: bool) -> PairKey:
    """A pair's key with a sentence added to (or taken from) one side."""
    own = set(pair.source if side == "source" else pair.target)
    own = own | {s} if add else own - {s}
    idx = tuple(sorted(own))
    return (idx, pair.target) if side == "source" else (pair.source, idx)
