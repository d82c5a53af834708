"""The figures an editor asks first: what was kept, reworded, regrouped, moved, dropped and added."""

from __future__ import annotations

from dataclasses import dataclass

from alignment.model import Alignment, Kind, Op

UNRELATED_SHARE = 0.1
"""Below this share of sentences paired on both sides, the texts are reported as unrelated."""
UNRELATED_MESSAGE = "The two texts have nothing in common: no sentence of one matches the other."


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of sentences by what became of them, and overall word-level figures."""

    source_sentences: int
    target_sentences: int
    kept: int
    reworded: int
    regrouped: int
    moved: int
    dropped: int
    added: int
    reused_word_share: float
    similarity: float
    unrelated: bool

    def lines(self, unit: str = "sentences") -> list[str]:
        """The summary as short lines of plain text, counting in unit ("sentences", or "lines")."""
        if self.unrelated:
            return [UNRELATED_MESSAGE]
        return [
            f"Original: {self.source_sentences} {unit}; paraphrase: {self.target_sentences} {unit}.",
            f"Kept {self.kept}, reworded {self.reworded}, merged/split {self.regrouped}, moved {self.moved}, "
            f"dropped {self.dropped}, added {self.added}.",
            f"{self.reused_word_share:.0%} of the original's words reused verbatim; "
            f"overall similarity {self.similarity:.0%}.",
        ]


def summarize(alignment: Alignment) -> Summary:
    """Sentence counts per kind (original sentences for dropped, paraphrase sentences otherwise)."""
    counts = dict.fromkeys(Kind, 0)
    moved = 0
    equal_src = equal_tgt = 0
    for p in alignment.pairs:
        counts[p.kind] += len(p.source) if p.kind is Kind.DELETED else len(p.target)
        moved += len(p.target) if p.moved else 0
        for c in p.changes:
            if c.op is Op.EQUAL:
                equal_src += _word_count(alignment.source.text, c.source)
                equal_tgt += _word_count(alignment.target.text, c.target)
    src_words = sum(_word_count(alignment.source.text, (s.start, s.end)) for s in alignment.source_sentences)
    tgt_words = sum(_word_count(alignment.target.text, (s.start, s.end)) for s in alignment.target_sentences)
    return Summary(
        source_sentences=len(alignment.source_sentences),
        target_sentences=len(alignment.target_sentences),
        kept=counts[Kind.SAME],
        reworded=counts[Kind.CHANGED],
        regrouped=counts[Kind.MERGED] + counts[Kind.SPLIT] + counts[Kind.REGROUPED],
        moved=moved,
        dropped=counts[Kind.DELETED],
        added=counts[Kind.ADDED],
        reused_word_share=equal_src / src_words if src_words else 0.0,
        similarity=(equal_src + equal_tgt) / (src_words + tgt_words) if src_words + tgt_words else 0.0,
        unrelated=unrelated(alignment),
    )


def unrelated(alignment: Alignment) -> bool:
    """Whether so few sentences found a partner on either side that the texts have nothing in common."""
    paired_src = sum(len(p.source) for p in alignment.pairs if p.source and p.target)
    paired_tgt = sum(len(p.target) for p in alignment.pairs if p.source and p.target)
    return paired_src <= UNRELATED_SHARE * len(alignment.source_sentences) and paired_tgt <= (
        UNRELATED_SHARE * len(alignment.target_sentences)
    )


def _word_count(text: str, span: tuple[int, int]) -> int:
    """Words in a span, counted as runs of non-space characters (cheap, and the same for every span)."""
    return len(text[span[0] : span[1]].split())
