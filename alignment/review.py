"""What an editor decided: pairs and checks accepted or flagged, notes, dismissed checks, forced links.

A :class:`Review` is a plain immutable value: every edit returns a new one, so an undo step is the
review before it.  Pairs are keyed by their sentence indices on both sides (:data:`PairKey`); checks
by their pair, kind, change and the text they point at (:class:`CheckKey`), so that a check found
again by a later run of the checks carries the same key.  :mod:`alignment.session` saves a review
with the text of every sentence it refers to and places it again on documents that changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import NamedTuple

from alignment.model import Alignment, Check, Pair

PairKey = tuple[tuple[int, ...], tuple[int, ...]]
"""A pair (or a forced link) by its sentence indices: original first, then paraphrase."""


class State(StrEnum):
    """An editor's verdict on a pair or a check."""

    UNTOUCHED = "untouched"
    ACCEPTED = "accepted"
    FLAGGED = "flagged"


@dataclass(frozen=True, slots=True)
class Mark:
    """The verdict and the note on one pair or check; the default is no judgement at all."""

    state: State = State.UNTOUCHED
    note: str = ""

    @property
    def empty(self) -> bool:
        """Whether the mark says nothing (untouched, no note)."""
        return self.state is State.UNTOUCHED and not self.note


NO_MARK = Mark()


class CheckKey(NamedTuple):
    """A check by what it is about, stable across runs of the checks on the same pair."""

    pair: PairKey
    kind: str
    change: str
    source: str
    target: str


class Counts(NamedTuple):
    """How far a review has come over an alignment's pairs."""

    pairs: int
    reviewed: int
    accepted: int
    flagged: int
    notes: int


def pair_key(pair: Pair) -> PairKey:
    """The key of a pair: its sentence indices."""
    return pair.source, pair.target


def check_key(alignment: Alignment, check: Check) -> CheckKey:
    """The key of a check: its pair, kind, change and the text of its spans."""
    src, tgt = alignment.source.text, alignment.target.text
    return CheckKey(
        pair_key(alignment.pairs[check.pair]),
        check.kind,
        check.change,
        src[check.source[0] : check.source[1]] if check.source else "",
        tgt[check.target[0] : check.target[1]] if check.target else "",
    )


def check_group(key: CheckKey) -> str:
    """The group of a check: every check of its kind and change between the same words, in any pair.

    Dismissing the group is "ignore this term (this rename, this figure) from now on".
    """
    return f"{key.kind} {key.change}: {key.source} → {key.target}"


def _with(marks: Mapping, changes: Mapping) -> dict:
    """A copy of marks with each key of changes set to its mark, or without it when the mark is empty."""
    out = dict(marks)
    for key, mark in changes.items():
        if mark.empty:
            out.pop(key, None)
        else:
            out[key] = mark
    return out


@dataclass(frozen=True)
class Review:
    """Every judgement of one review: marks on pairs and checks, dismissals and the forced links."""

    pairs: Mapping[PairKey, Mark] = field(default_factory=dict)
    checks: Mapping[CheckKey, Mark] = field(default_factory=dict)
    dismissed: frozenset[CheckKey] = frozenset()
    dismissed_groups: frozenset[str] = frozenset()
    links: tuple[PairKey, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether there is nothing to save."""
        return not (self.pairs or self.checks or self.dismissed or self.dismissed_groups or self.links)

    def pair_mark(self, key: PairKey) -> Mark:
        """The mark on a pair, the empty mark if none."""
        return self.pairs.get(key, NO_MARK)

    def check_mark(self, key: CheckKey) -> Mark:
        """The mark on a check, the empty mark if none."""
        return self.checks.get(key, NO_MARK)

    def with_pair(self, key: PairKey, mark: Mark) -> Review:
        """The review with a pair's mark replaced."""
        return replace(self, pairs=_with(self.pairs, {key: mark}))

    def with_check(self, key: CheckKey, mark: Mark) -> Review:
        """The review with a check's mark replaced."""
        return replace(self, checks=_with(self.checks, {key: mark}))

    def with_checks(self, marks: Mapping[CheckKey, Mark]) -> Review:
        """The review with many checks' marks replaced at once (a group reviewed in one step)."""
        return replace(self, checks=_with(self.checks, marks))

    def with_dismissed(self, key: CheckKey, dismissed: bool) -> Review:
        """The review with one check dismissed (left out from now on) or brought back."""
        return replace(self, dismissed=self.dismissed | {key} if dismissed else self.dismissed - {key})

    def with_dismissed_group(self, group: str, dismissed: bool, keys: Iterable[CheckKey] = ()) -> Review:
        """The review with a whole group of checks dismissed or brought back (its checks given as keys
        brought back too, were they dismissed one by one)."""
        groups = self.dismissed_groups
        if dismissed:
            return replace(self, dismissed_groups=groups | {group})
        return replace(self, dismissed_groups=groups - {group}, dismissed=self.dismissed - set(keys))

    def with_links(self, links: Iterable[PairKey]) -> Review:
        """The review with another set of forced links, in order of their first original sentence."""
        return replace(self, links=tuple(sorted(set(links), key=_link_order)))

    def is_dismissed(self, key: CheckKey, group: str = "") -> bool:
        """Whether a check is left out: dismissed itself, or as one of its group (the checks' own, if any)."""
        return key in self.dismissed or (group or check_group(key)) in self.dismissed_groups

    def kept(self, alignment: Alignment, checks: Iterable[Check]) -> list[Check]:
        """The checks this review has not dismissed, in their order."""
        return [c for c in checks if not self.is_dismissed(check_key(alignment, c), c.group)]

    def counts(self, alignment: Alignment) -> Counts:
        """Pairs reviewed, accepted and flagged, and notes on pairs and checks, over an alignment."""
        # No pair marked: a book's pairs need not be looked up one by one (the window asks on every edit).
        states = [self.pair_mark(pair_key(p)) for p in alignment.pairs] if self.pairs else []
        accepted = sum(m.state is State.ACCEPTED for m in states)
        flagged = sum(m.state is State.FLAGGED for m in states)
        notes = sum(bool(m.note) for m in states) + sum(bool(m.note) for m in self.checks.values())
        return Counts(len(alignment.pairs), accepted + flagged, accepted, flagged, notes)

    def pairs_in(self, alignment: Alignment, state: State) -> set[int]:
        """Indices of the alignment's pairs in one state."""
        return {k for k, p in enumerate(alignment.pairs) if self.pair_mark(pair_key(p)).state is state}

    def restricted_to(self, alignment: Alignment) -> tuple[Review, list[PairKey]]:
        """The review without the marks of pairs the alignment no longer has, and those pairs' keys.

        After a manual link the aligner regroups the stretch around it; a verdict on a pair that is
        gone says nothing about the pairs that replaced it.
        """
        present = {pair_key(p) for p in alignment.pairs}
        referred = [*self.pairs, *(k.pair for k in self.checks), *(k.pair for k in self.dismissed)]
        gone = sorted({k for k in referred if k not in present})
        if not gone:
            return self, []
        pairs = {k: m for k, m in self.pairs.items() if k in present}
        checks = {k: m for k, m in self.checks.items() if k.pair in present}
        dismissed = frozenset(k for k in self.dismissed if k.pair in present)
        return replace(self, pairs=pairs, checks=checks, dismissed=dismissed), gone


def _link_order(link: PairKey) -> tuple[int, int]:
    """Links sort by their first original sentence, paraphrase-only ones by their first sentence."""
    src, tgt = link
    return (src[0], tgt[0] if tgt else -1) if src else (-1, tgt[0])
