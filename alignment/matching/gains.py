"""What pairing two groups of sentences is worth, in fused evidence times the words they hold."""

from __future__ import annotations

from collections.abc import Sequence

from alignment.matching.scoring import Evidence

Group = tuple[tuple[int, ...], tuple[int, ...]]
"""Source sentence indices with target sentence indices; one side is empty for unmatched ones."""

Z_PAIR = 1.0
"""A pair must be this far above chance (fused z) to be worth more than leaving it unmatched."""
Z_LINK = 0.5
"""Every sentence of a group must be at least this alike to a sentence on the other side."""
GROUP_PENALTY = 50.0
"""Cost, in z times weighted words, of each sentence a merge or split has beyond 1:1."""
REGROUP_PENALTY = 150.0
"""The same for a group with several sentences on both sides: neighbouring sentences are often
alike, and two 1:1 pairs seen as one 2:2 must not look better than they are."""


class Gains:
    """Gains of candidate groups: (fused z - threshold) * weighted words, less the group penalty."""

    def __init__(self, evidence: Evidence) -> None:
        self.evidence = evidence
        sim = evidence.lexical.similarity
        self.src_mass, self.tgt_mass = sim.masses("source"), sim.masses("target")

    def mass(self, src: Sequence[int], tgt: Sequence[int]) -> int:
        """The weighted words of both groups."""
        return sum(self.src_mass[i] for i in src) + sum(self.tgt_mass[j] for j in tgt)

    def of(self, src: Sequence[int], tgt: Sequence[int], threshold: float = Z_PAIR) -> float:
        """The gain of pairing src with tgt."""
        z = self.evidence.group(src, tgt)
        return (z - threshold) * self.mass(src, tgt) - penalty(len(src), len(tgt))


def penalty(a: int, b: int) -> float:
    """What a group of a source and b target sentences pays for being more than 1:1."""
    return (REGROUP_PENALTY if a > 1 and b > 1 else GROUP_PENALTY) * (a + b - 2)
