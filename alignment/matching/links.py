"""Manual links: n:m pairs an editor made, kept as they are, with the rest aligned around them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from alignment.matching.anchors import Point, increasing_chain
from alignment.matching.gains import Group


@dataclass(frozen=True, slots=True)
class Links:
    """Manual links split by how the aligner uses them."""

    chain: tuple[Group, ...]
    """Links in order on both sides: fixed points the search runs between (like Meld's sync points)."""
    others: tuple[Group, ...]
    """Links crossing the chain (moved text) and sentences an editor marked as having no partner."""


def checked(links: Iterable[Group], n: int, m: int) -> list[Group]:
    """Normalised links; ValueError names the first link that is not valid for these texts."""
    seen: tuple[set[int], set[int]] = (set(), set())
    groups: list[Group] = []
    for link in links:
        src, tgt = (tuple(sorted(set(side))) for side in link)
        if not src and not tgt:
            raise ValueError(f"link {link!r} has no sentence on either side")
        for side, idx, size, used in (("original", src, n, seen[0]), ("paraphrase", tgt, m, seen[1])):
            if any(not isinstance(k, int) or not 0 <= k < size for k in idx):
                raise ValueError(f"link {link!r}: the {side} has no sentence with that index (it has {size})")
            if used & set(idx):
                raise ValueError(f"link {link!r}: a sentence of the {side} is in another link too")
            used.update(idx)
        groups.append((src, tgt))
    return groups


def plan(groups: list[Group], sure: Sequence[Point]) -> Links:
    """Links that agree with the sure anchors' order and with each other become fixed points; the
    others (an editor pairing text that moved) are placed as they are."""
    paired = sorted((g for g in groups if g[0] and g[1] and _fits(g, sure)), key=lambda g: (g[0][0], g[1][0]))
    starts = set(increasing_chain([(g[0][0], g[1][0]) for g in paired]))
    chain: list[Group] = []
    for g in paired:
        # A link whose span overlaps the previous one's cannot be a fixed point between stretches.
        if (g[0][0], g[1][0]) in starts and (
            not chain or (g[0][0] > chain[-1][0][-1] and g[1][0] > chain[-1][1][-1])
        ):
            chain.append(g)
    in_chain = set(chain)
    return Links(tuple(chain), tuple(g for g in groups if g not in in_chain))


def _fits(link: Group, sure: Sequence[Point]) -> bool:
    """Whether no sure anchor lies across the link: every one is before it or after it on both sides."""
    (s0, s1), (t0, t1) = (link[0][0], link[0][-1]), (link[1][0], link[1][-1])
    return all((a < s0 and b < t0) or (a > s1 and b > t1) for a, b in sure)
